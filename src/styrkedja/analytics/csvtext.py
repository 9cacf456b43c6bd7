"""CSV microdata and organisation files are UTF-8 text: a file that is not (a Latin-1 export from Excel,
say) is refused at its first bad byte, naming the line and the column, before anything else reads it."""

from __future__ import annotations

import csv
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
        before = data[start : exc.start].decode("utf-8", errors="replace")
        index = max(len(next(csv.reader([before]), [""])) - 1, 0)
        header = next(csv.reader([data.split(b"\n", 1)[0].decode("utf-8", errors="replace")]), [])
        column = header[index].strip() if line > 1 and index < len(header) else None
        message = (
            f"not UTF-8 text (the byte 0x{data[exc.start]:02x}); save the file as UTF-8 (in Excel: CSV UTF-8)"
        )
        return BadByte(line, column or None, message)
    return None


def first_ragged_line(text: str) -> tuple[int, int, int] | None:
    """(line, fields, fields of the header) of the first line whose number of fields is not the header's."""
    reader = csv.reader(text.splitlines())
    width = len(next(reader, []))
    for line, row in enumerate(reader, start=2):
        if row and len(row) != width:
            return line, len(row), width
    return None
