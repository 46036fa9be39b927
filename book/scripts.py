"""Unicode scripts, and the scripts each language is written in."""

from __future__ import annotations

import unicodedata

# Unicode script names (as in `\p{Script=...}`) by the first word of a character's Unicode name.
SCRIPTS = {
    "ARABIC": "Arabic", "ARMENIAN": "Armenian", "BENGALI": "Bengali", "CHEROKEE": "Cherokee",
    "CJK": "Han", "CYRILLIC": "Cyrillic", "DEVANAGARI": "Devanagari", "ETHIOPIC": "Ethiopic",
    "GEORGIAN": "Georgian", "GREEK": "Greek", "GUJARATI": "Gujarati", "GURMUKHI": "Gurmukhi",
    "HANGUL": "Hangul", "HEBREW": "Hebrew", "HIRAGANA": "Hiragana", "KANNADA": "Kannada",
    "KATAKANA": "Katakana", "KHMER": "Khmer", "LAO": "Lao", "LATIN": "Latin", "MALAYALAM": "Malayalam",
    "MONGOLIAN": "Mongolian", "MYANMAR": "Myanmar", "ORIYA": "Oriya", "SINHALA": "Sinhala",
    "SYRIAC": "Syriac", "TAMIL": "Tamil", "TELUGU": "Telugu", "THAI": "Thai", "TIBETAN": "Tibetan",
}
NAMES = tuple(sorted(set(SCRIPTS.values())))

# The scripts a language is written in (ISO 15924 subtags map to the same names); any other
# language is written in Latin letters.
NATIVE = {
    **dict.fromkeys(("ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "tg", "mn"), ("Cyrillic",)),
    "el": ("Greek",), "grc": ("Greek",), "he": ("Hebrew",), "yi": ("Hebrew",),
    **dict.fromkeys(("ar", "fa", "ur", "ps"), ("Arabic",)), "hy": ("Armenian",), "ka": ("Georgian",),
    **dict.fromkeys(("hi", "mr", "ne", "sa"), ("Devanagari",)), "bn": ("Bengali",), "ta": ("Tamil",),
    "te": ("Telugu",), "th": ("Thai",), "am": ("Ethiopic",), "zh": ("Han",),
    "ja": ("Han", "Hiragana", "Katakana"), "ko": ("Hangul", "Han"),
}
SUBTAGS = {"Cyrl": ("Cyrillic",), "Grek": ("Greek",), "Hebr": ("Hebrew",), "Arab": ("Arabic",),
           "Latn": ("Latin",), "Hans": ("Han",), "Hant": ("Han",), "Jpan": ("Han", "Hiragana", "Katakana"),
           "Kore": ("Hangul", "Han"), "Deva": ("Devanagari",)}


def script_of(char: str) -> str:
    """The Unicode script of a letter; "" for a space, a digit, punctuation or a combining mark."""
    if not char.isalpha():
        return ""
    return SCRIPTS.get(unicodedata.name(char, "").split(" ", 1)[0], "")


def native_scripts(language: str) -> tuple[str, ...]:
    """The scripts text in `language` (a BCP 47 tag) is written in."""
    parts = language.split("-")
    for part in parts[1:]:
        if len(part) == 4 and part.title() in SUBTAGS:
            return SUBTAGS[part.title()]
    return NATIVE.get(parts[0].lower(), ("Latin",))


def example_language(script: str) -> str:
    """A language written in `script`, to show in a hint ("ru" for Cyrillic)."""
    return next((language for language, scripts in NATIVE.items() if scripts[0] == script), "en")
