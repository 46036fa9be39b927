"""Plain-text helpers that readers and transforms share."""

from __future__ import annotations

import re


def smart_quotes(value: str) -> str:
    """Typographic quotes and apostrophes, as the Markdown text gets them."""
    value = re.sub(r"(?<=[\w}.,!?])'", "\u2019", value)
    value = value.replace("'", "\u2018")
    value = re.sub(r'(^|[\s({\[])"', "\\1\u201c", value)
    return value.replace('"', "\u201d")


SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
SAFE_SCHEMES = {"http", "https", "mailto", "doi"}


def safe_link(url: str) -> str | None:
    """The link a reader may follow: a relative one, or http(s), mailto, doi (as https://doi.org/…);
    None for any other scheme (javascript:, file:, data:), which no book should carry."""
    match = SCHEME.match(url.strip())
    if match is None:
        return url
    scheme = match.group(1).lower()
    if scheme not in SAFE_SCHEMES:
        return None
    return "https://doi.org/" + url.strip()[4:].lstrip("/") if scheme == "doi" else url.strip()
