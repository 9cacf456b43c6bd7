"""CSV microdata and organisation files are UTF-8 text: a file that is not (a Latin-1 export from Excel,
say) is refused at its first bad byte, naming the line and the column, before anything else reads it."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass


@dataclass(frozen=True)
class BadByte:
    line: int  # 1-based line of the file (the header is line 1)
    column: str | None  # the header's name of the field the byte stands in (None in the header itself)
    message: str


def first_bad_byte(data: bytes) -> BadByte | None:
    """Where `data` stops being UTF-8, or None when it is UTF-8 throughout."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        column = _column(data, start, exc.start) if line > 1 else None
        message = (
            f"not UTF-8 text (the byte 0x{data[exc.start]:02x}); save the file as UTF-8 (in Excel: CSV UTF-8)"
        )
        return BadByte(line, column, message)
    return None


def _column(data: bytes, line_start: int, at: int) -> str | None:
    """The header's name of the field at byte `at` of the line beginning at `line_start`, where it can be told."""
    before = data[line_start:at].decode("utf-8", errors="replace")
    header_line = data.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    try:
        index = max(len(next(csv.reader([before]), [""])) - 1, 0)
        header = next(csv.reader([header_line]), [])
    except csv.Error:  # a stray carriage return: the line cannot be split into fields
        return None
    return header[index].strip() or None if index < len(header) else None


def first_ragged_line(text: str) -> tuple[int, int, int] | None:
    """(line, fields, fields of the header) of the first line whose number of fields is not the header's."""
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        width = len(next(reader, []))
        for row in reader:
            if row and len(row) != width:
                return reader.line_num, len(row), width
    except csv.Error:
        return None
    return None
