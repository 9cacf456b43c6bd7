"""Simple tables inside a text: the pipe-table subset of Markdown the safe text format accepts (no Django).

A table is a paragraph of its own (blank lines around it): an optional caption line starting with
`Tabell:`, a header row, a delimiter row, and data rows, every row between pipes:

    Tabell: Inskrivna per målgrupp
    | Målgrupp | Kvinna 2021 | Man 2021 |
    |---|---:|---:|
    | Försörjningsstöd | 1 132 | 1 411 |

A column whose data cells are all numbers (or empty) is numeric: right-aligned, each number printed in
Swedish format with the decimals it was written with (`1132` → `1 132`, `7.30` → `7,30`). The delimiter
row may align a column itself (`:---` left, `---:` right). Anything else in the paragraph makes it plain
prose again, so a text with a stray pipe is never lost.

`parse` gives the structure the report document carries; `to_text` writes one (the importers use it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from styrkedja.lib.numbers import format_number, parse_number

Align = Literal["left", "right"]
CAPTION = "Tabell:"
_DELIMITER = re.compile(r"^:?-{3,}:?$")
_NUMERIC = re.compile(r"^[+\-\u2212\u2013]?\s?\d[\d \u00a0\u202f]*(?:[,.]\d+)?(?:\s?(?:%|st|mån|mnkr|kr))?$")


@dataclass(frozen=True)
class TextTable:
    caption: str
    header: list[str]
    rows: list[list[str]]
    align: list[Align]


def _cells(line: str) -> list[str] | None:
    line = line.strip()
    if len(line) < 2 or not (line.startswith("|") and line.endswith("|")):
        return None
    return [cell.strip() for cell in line[1:-1].split("|")]


def _swedish(cell: str) -> str:
    """A numeric cell in Swedish format, with the decimals it was written with and its unit kept."""
    match = re.match(r"^(?P<n>.*?\d)(?P<unit>\s?(?:%|st|mån|mnkr|kr))?$", cell)
    if match is None:
        return cell
    value = parse_number(match["n"])
    if value is None:
        return cell
    decimals = len(re.split(r"[,.]", match["n"])[1]) if re.search(r"[,.]\d+$", match["n"]) else 0
    return format_number(value, decimals) + (match["unit"] or "")


def is_numeric(cell: str) -> bool:
    return (
        bool(_NUMERIC.match(cell.strip())) and parse_number(re.sub(r"\s?[^\d\s,.]+$", "", cell)) is not None
    )


def parse(paragraph: str) -> TextTable | None:
    """The table a paragraph holds, or None when it is not (exactly) a table."""
    lines = [line for line in paragraph.strip().splitlines() if line.strip()]
    caption = ""
    if lines and lines[0].strip().startswith(CAPTION):
        caption = lines[0].strip()[len(CAPTION) :].strip()
        lines = lines[1:]
    if len(lines) < 2:
        return None
    rows = [_cells(line) for line in lines]
    if any(row is None for row in rows):
        return None
    header, delimiter, *data = [row for row in rows if row is not None]
    width = len(header)
    if len(delimiter) != width or not all(_DELIMITER.match(cell) for cell in delimiter):
        return None
    if any(len(row) != width for row in data):
        return None
    align: list[Align] = []
    for index, mark in enumerate(delimiter):
        column = [row[index] for row in data if row[index]]
        if mark.endswith(":") and not mark.startswith(":"):
            align.append("right")
        elif mark.startswith(":"):
            align.append("left")
        else:
            align.append("right" if column and all(is_numeric(cell) for cell in column) else "left")
    numeric = [
        bool(column) and all(is_numeric(row[i]) for row in data if row[i]) for i, column in enumerate(header)
    ]
    body = [[_swedish(cell) if numeric[i] and cell else cell for i, cell in enumerate(row)] for row in data]
    return TextTable(caption or "; ".join(cell for cell in header if cell), header, body, align)


def _escape(cell: str) -> str:
    return " ".join(cell.replace("|", "/").split())


def to_text(header: Sequence[str], rows: Sequence[Sequence[str]], caption: str = "") -> str:
    """A table as a paragraph of the text format; numeric columns are marked right-aligned."""
    width = len(header)
    body = [[*row, *[""] * (width - len(row))][:width] for row in rows]
    marks = []
    for index in range(width):
        column = [row[index] for row in body if row[index]]
        marks.append("---:" if column and all(is_numeric(cell) for cell in column) else "---")
    lines = [f"{CAPTION} {_escape(caption)}"] if caption else []
    lines.append("| " + " | ".join(_escape(cell) for cell in header) + " |")
    lines.append("|" + "|".join(marks) + "|")
    lines += ["| " + " | ".join(_escape(cell) for cell in row) + " |" for row in body]
    return "\n".join(lines)
