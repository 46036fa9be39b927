"""Short titles for shortened notes, as CMOS 14.32 asks: the key words of the main title, an
initial article left out, titles of up to five words kept whole ("The Crimes of the Stalin Era"
-> "Crimes of the Stalin Era"), longer ones cut at a phrase's end, four words or so ("The Soviet
Secret Police and the Politics of Terror" -> "Soviet Secret Police"). An entry's `shorttitle`
always wins over this."""

from __future__ import annotations

ARTICLES = {"a", "an", "the"}
# Words a phrase begins with: a short title ends before one, never on one ("Crimes of the").
FUNCTION_WORDS = ARTICLES | {"of", "and", "or", "in", "on", "at", "to", "for", "from", "by", "with", "as",
                             "into", "against", "between", "under", "over", "after", "before", "during",
                             "about", "through", "without", "within", "among", "its", "their", "his", "her"}
WHOLE = 5  # words: a main title this short is kept whole
LIMIT = 4  # words: the usual most of a shortened one

Word = list  # the pandoc inlines of one word: Str, or Str inside a nocase span


def short_title(inlines: list) -> list:
    """The main title's inlines (pandoc JSON) shortened; a title with markup other than words
    (and BibTeX's protected {Words}) is kept as it is, not cut through its formatting."""
    words = _words(inlines)
    if words is None:
        return inlines
    for n, word in enumerate(words):  # the main title ends at its colon
        if _text(word).endswith(":") and n:
            words = words[:n] + [_stripped(word, ":")]
            break
    if len(words) > 1 and _bare(words[0]) in ARTICLES:
        words = words[1:]
    if len(words) > WHOLE:
        words = _key_words(words)
    return _joined(words)


def _key_words(words: list[Word]) -> list[Word]:
    """The longest opening of 2 to LIMIT words that ends a phrase (before a function word, on a
    content word); else one of LIMIT + 1 words that does; else the first LIMIT + 1 words,
    trailing function words cut ("Sketch of the Analytical Engine Invented by ..." -> "Sketch of
    the Analytical Engine")."""
    def ends_phrase(end: int) -> bool:
        return (end == len(words) or _bare(words[end]) in FUNCTION_WORDS) and _bare(words[end - 1]) not in FUNCTION_WORDS
    best = [end for end in range(2, LIMIT + 1) if ends_phrase(end)] or [LIMIT + 1] * ends_phrase(LIMIT + 1)
    chosen = words[:best[-1]] if best else words[:LIMIT + 1]
    while len(chosen) > 1 and _bare(chosen[-1]) in FUNCTION_WORDS:
        chosen = chosen[:-1]
    return chosen[:-1] + [_stripped(chosen[-1], ",;:\u2013\u2014-")]


def _text(word: Word) -> str:
    return "".join(n["c"] if n["t"] == "Str" else _text(_content(n)) for n in word)


def _content(node: dict) -> list:
    return node["c"][1] if node["t"] == "Span" else node["c"]


def _wrapped(node: dict, inlines: list) -> dict:
    return {"t": "Span", "c": [node["c"][0], inlines]} if node["t"] == "Span" else {"t": node["t"], "c": inlines}


def _bare(word: Word) -> str:
    return _text(word).strip("\u201c\u201d\"'\u2018\u2019,;:.").lower()


def _stripped(word: Word, chars: str) -> Word:
    """The word without trailing `chars` (in its last Str, wherever that is)."""
    last = word[-1]
    if last["t"] == "Str":
        return word[:-1] + [{"t": "Str", "c": last["c"].rstrip(chars)}]
    return word[:-1] + [_wrapped(last, _stripped(_content(last), chars))]


def _container(node: dict) -> bool:
    """What a title's words may sit in: BibTeX's braces (a span, maybe `nocase`) and italics."""
    if node.get("t") == "Emph":
        return True
    return node.get("t") == "Span" and node["c"][0][1] in ([], ["nocase"]) and not node["c"][0][2]


def _words(inlines: list) -> list[Word] | None:
    words: list[Word] = []
    current: Word = []
    for node in inlines:
        kind = node.get("t")
        if kind == "Str":
            current.append(node)
        elif kind in ("Space", "SoftBreak"):
            if current:
                words.append(current)
            current = []
        elif _container(node) and _words(_content(node)) is not None:
            inner = _words(_content(node)) or []
            if _content(node) and _content(node)[0].get("t") in ("Space", "SoftBreak") and current:
                words.append(current)
                current = []
            for n, word in enumerate(inner):
                wrapped = _wrapped(node, word)
                if n == 0:
                    current.append(wrapped)
                else:
                    words.append(current)
                    current = [wrapped]
            if _content(node) and _content(node)[-1].get("t") in ("Space", "SoftBreak"):
                words.append(current)
                current = []
        else:
            return None
    if current:
        words.append(current)
    return [w for w in words if w]


def _joined(words: list[Word]) -> list:
    out: list = []
    for word in words:
        if out:
            out.append({"t": "Space"})
        out.extend(n for n in word if n != {"t": "Str", "c": ""})
    return out
