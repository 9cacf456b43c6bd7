"""Every number of a printed document: decimals, and integers of three digits or more, read the way the
documents print them (`1 299,0`, `-410,5`, `9 796`, `2021`) and compared without sign or grouping."""

from __future__ import annotations

import re

# a number with thousands groups (`1 299,0`, `44 461,5`), a decimal (`7,3`, `0.5`), or an integer of
# three digits or more; not part of a longer run of digits or letters (a case number, a date's parts)
NUMBER = re.compile(r"(?<![\w,.])(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|\d+,\d+|\d{3,})(?![\w]|[,.]\d)")


def canonical(token: str) -> str:
    return re.sub(r"[ \u00a0\u202f]", "", token)


def numbers(text: str) -> set[str]:
    """The distinct numbers of a text, canonical (no grouping spaces, decimal comma)."""
    text = text.replace("\u00ad", "").replace("\u2060", "").replace("\u2212", "-")
    return {canonical(m.group(0)) for m in NUMBER.finditer(text)}
