"""Any stored text, made printable: what every renderer does to the data's strings before it lays them out,
so that no text breaks a report.

- `text_safe(text)`: of the characters the input rule refuses (`lib/text.py`), control characters and
  U+FEFF, which have no visible form (a page break copied out of a PDF), are left out, and unpaired
  surrogates, noncharacters and private-use characters are printed as U+FFFD (�); a CR or CR LF is a
  line break. Text saved before the rule existed prints; the Word file's XML can hold every character
  left.
- `break_long_runs(text)`: a run of more than `LONG_RUN` characters without a space gets a zero-width
  space after every `BREAK_EVERY` characters (grapheme clusters, never inside one), so that the PDF can
  break a 33 000-character word into lines (Typst breaks words only at spaces and hyphenation points, and
  one unbroken line of more than 32 767 bytes is more than a PDF string may hold). The HTML breaks long
  words with CSS (`overflow-wrap: anywhere`) and Word breaks them itself.
- `cut(text, limit)`: a text that goes where PDF and Word limit its length (the document's title, author
  and keywords; a chart's alternative text; a heading's tag) is cut to `limit` characters, ending in "…".
- `long_row(cells)`: a table row with more than `LONG_ROW` characters may break across pages (rows are
  otherwise kept whole, and a row taller than a page would be cut off).
- `map_strings(value, f)`: the same data with `f` applied to every string in it (dataclasses, lists,
  tuples, dicts); `printable_document(doc)` is the document with `text_safe` applied.

No Django here.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from styrkedja.lib.text import NEVER, replace_refused
from styrkedja.reports.document import ReportDocument
from styrkedja.reports.kinds import Kind

T = TypeVar("T")

LONG_ROW = 1000  # characters of a table row that may be taller than a page
LONG_RUN = 40
BREAK_EVERY = 20
ZERO_WIDTH_SPACE = "\u200b"
ELLIPSIS = "…"
_RUN = re.compile(rf"\S{{{LONG_RUN + 1},}}")
_NEEDS_CARE = re.compile(f"{NEVER.pattern}|\r")


def _joins(previous: str, char: str) -> bool:
    """Whether `char` belongs to the cluster `previous` ends: marks, joiners, variation selectors, emoji
    modifiers and tags, the second of a flag's two letters, Hangul jamo after Hangul."""
    code = ord(char)
    if unicodedata.category(char).startswith("M") or char in "\u200c\u200d":
        return True
    if previous[-1] == "\u200d":  # an emoji sequence joined by ZWJ
        return True
    if 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F:
        return True
    if 0x1F1E6 <= code <= 0x1F1FF:  # regional indicators pair up
        letters = sum(1 for c in previous if 0x1F1E6 <= ord(c) <= 0x1F1FF)
        return letters % 2 == 1 and 0x1F1E6 <= ord(previous[-1]) <= 0x1F1FF
    return _hangul(code) and _hangul(ord(previous[-1])) and 0x1160 <= code <= 0x11FF


def _hangul(code: int) -> bool:
    return 0x1100 <= code <= 0x11FF or 0xAC00 <= code <= 0xD7A3


def clusters(text: str) -> Iterator[str]:
    """The text's grapheme clusters (close to Unicode's extended grapheme clusters, as far as a font's
    coverage is concerned)."""
    current = ""
    for char in text:
        if current and _joins(current, char):
            current += char
            continue
        if current:
            yield current
        current = char
    if current:
        yield current


def text_safe(text: str) -> str:
    if not _NEEDS_CARE.search(text):
        return text
    return replace_refused(text.replace("\r\n", "\n").replace("\r", "\n"))


def _break_run(match: re.Match[str]) -> str:
    parts = list(clusters(match.group()))
    if len(parts) <= LONG_RUN:
        return match.group()
    return ZERO_WIDTH_SPACE.join(
        "".join(parts[i : i + BREAK_EVERY]) for i in range(0, len(parts), BREAK_EVERY)
    )


def break_long_runs(text: str) -> str:
    return _RUN.sub(_break_run, text) if len(text) > LONG_RUN else text


def cut(text: str, limit: int) -> str:
    """At most `limit` characters; a longer text is cut before a whole grapheme cluster and ends in "…"."""
    if len(text) <= limit:
        return text
    kept = ""
    for cluster in clusters(text[:limit]):
        if len(kept) + len(cluster) > limit - 1:
            break
        kept += cluster
    return kept.rstrip() + ELLIPSIS


def long_row(cells: list[str]) -> bool:
    """Whether a table row holds so much text that it may not fit on a page: it may then break across
    pages (the others are kept whole)."""
    return sum(len(c) for c in cells) > LONG_ROW


def map_strings(value: T, f: Callable[[str], str]) -> T:
    """`value` with `f` applied to every string it holds; a kind of report is left as it is."""
    result: Any
    if isinstance(value, str):
        result = f(value)
    elif isinstance(value, list):
        result = [map_strings(v, f) for v in value]
    elif isinstance(value, tuple):
        result = tuple(map_strings(v, f) for v in value)
    elif isinstance(value, dict):
        result = {map_strings(k, f): map_strings(v, f) for k, v in value.items()}
    elif dataclasses.is_dataclass(value) and not isinstance(value, type | Kind):
        changes = {
            field.name: map_strings(getattr(value, field.name), f) for field in dataclasses.fields(value)
        }
        result = dataclasses.replace(value, **changes)
    else:
        result = value
    return result  # type: ignore[no-any-return]


def printable_document(doc: ReportDocument) -> ReportDocument:
    return map_strings(doc, text_safe)
