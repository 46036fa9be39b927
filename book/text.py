"""Plain-text helpers that readers and transforms share."""

from __future__ import annotations

import re


def smart_quotes(value: str) -> str:
    """Typographic quotes and apostrophes, as the Markdown text gets them."""
    value = re.sub(r"(?<=[\w}.,!?])'", "\u2019", value)
    value = value.replace("'", "\u2018")
    value = re.sub(r'(^|[\s({\[])"', "\\1\u201c", value)
    return value.replace('"', "\u201d")
