"""What the loader and the file checks share: the error, an input file, SQL quoting."""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

ROW = "file_row_number"  # 0-based row of the file: Parquet's own, or added when a CSV file is read


class MicrodataError(Exception):
    """A microdata file that cannot be used: names the file, and where known the column and row."""

    def __init__(self, file: str, message: str, *, column: str | None = None, row: int | None = None):
        self.file, self.column, self.row = file, column, row
        where = [file]
        if column is not None:
            where.append(f"column {column}")
        if row is not None:
            where.append(f"row {row}")
        super().__init__(f"{', '.join(where)}: {message}")


@dataclass
class InputFile:
    table: str
    path: Path
    name: str  # relative to the microdata folder: what messages and provenance show
    format: str  # "parquet" | "csv"
    rows: int = 0
    _sha256: Future[str] | None = field(default=None, repr=False)

    @property
    def sha256(self) -> str:
        assert self._sha256 is not None
        return self._sha256.result()

    def row_label(self, index: int) -> int:
        """The 1-based data row (in a CSV file, the line is one more: the header is line 1)."""
        return index + 1


def unreadable(items: list[InputFile], exc: Exception) -> MicrodataError:
    """Files DuckDB cannot read (empty, truncated, not Parquet at all), in one line naming them by their
    names in the folder."""
    lines = str(exc).strip().splitlines()
    first = lines[0] if lines else type(exc).__name__
    for item in items:
        first = first.replace(str(item.path), item.name)
    kinds = " or ".join(sorted({"Parquet" if item.format == "parquet" else "CSV" for item in items}))
    return MicrodataError(", ".join(item.name for item in items), f"not a readable {kinds} file: {first}")


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def one(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[Any, ...] | None:
    """The first row (fetching all: DuckDB wants a result finished before the connection is used again)."""
    rows = con.execute(sql).fetchall()
    return tuple(rows[0]) if rows else None
