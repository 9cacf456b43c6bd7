"""Finding and checking microdata files, and presenting each table to DuckDB as one relation.

A folder holds one file per table (`courses.parquet` or `courses.csv`) or a sub-folder of parts
(`courses/2021.parquet`, …). Every file is checked before anything is computed from it; a file is refused,
with a message naming the file, the column and the row, when
- a column's values look like Swedish personal identity numbers (checked first, in every column, known or
  not);
- a column of the schema is missing, or a column is not in the schema;
- a value has the wrong type, is missing where required, is outside its range or list of codes, or a row
  breaks one of the table's rules (an end before its start, …).

The checks read Parquet statistics where the file has them and otherwise make one pass over the file.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import duckdb

from styrkedja.analytics.csvtext import first_bad_byte, first_ragged_line
from styrkedja.analytics.filecheck import FileCheck
from styrkedja.analytics.files import ROW, InputFile, MicrodataError, literal, quote, unreadable
from styrkedja.analytics.schema import (
    TABLES,
)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 22):
            digest.update(chunk)
    return digest.hexdigest()


def find_files(directory: Path, table: str) -> list[tuple[Path, str]]:
    """The files of a table in the folder, as (path, format), in name order."""
    found: list[tuple[Path, str]] = []
    for suffix in ("parquet", "csv"):
        single = directory / f"{table}.{suffix}"
        if single.is_file():
            found.append((single, suffix))
        part_folder = directory / table
        if part_folder.is_dir():
            found.extend((p, suffix) for p in sorted(part_folder.rglob(f"*.{suffix}")) if p.is_file())
    return found


class Microdata:
    """The checked files of the tables asked for, registered in a DuckDB connection.

    `relation(table)` is SQL for a sub-query with the table's columns in the schema's types.
    """

    def __init__(self, directory: Path, tables: Iterable[str], *, connection: duckdb.DuckDBPyConnection):
        self.directory = directory
        self.con = connection
        self.files: dict[str, list[InputFile]] = {}
        self._csv_views = 0
        self._hashing = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256")
        try:
            for table in tables:
                self.files[table] = self._open_table(table)
        finally:
            self._hashing.shutdown(wait=False)

    # --- public -------------------------------------------------------------------------------------

    def relation(self, table: str) -> str:
        schema = TABLES[table]
        parts = []
        parquet = [f for f in self.files[table] if f.format == "parquet"]
        if parquet:
            paths = ", ".join(literal(str(f.path)) for f in parquet)
            columns = ", ".join(f"CAST({quote(c.name)} AS {c.sql_type}) AS {c.name}" for c in schema.columns)
            parts.append(f"SELECT {columns} FROM read_parquet([{paths}], union_by_name = true)")
        for f in self.files[table]:
            if f.format == "csv":
                columns = ", ".join(
                    f"CAST({quote(c.name)} AS {c.sql_type}) AS {c.name}" for c in schema.columns
                )
                parts.append(f"SELECT {columns} FROM {self._view_of(f)}")
        return "(" + " UNION ALL ".join(parts) + ")"

    def inputs(self, tables: Iterable[str]) -> list[dict[str, Any]]:
        """Provenance of the files of these tables: name, sha256, rows."""
        return [
            {"file": f.name, "sha256": f.sha256, "rows": f.rows}
            for table in sorted(set(tables))
            for f in self.files[table]
        ]

    # --- finding and checking -----------------------------------------------------------------------

    def _open_table(self, table: str) -> list[InputFile]:
        found = find_files(self.directory, table)
        if not found:
            raise MicrodataError(
                table,
                f"no file for table {table} in the microdata folder "
                f"(expected {table}.parquet, {table}.csv or a folder {table}/ of such files)",
            )
        files = []
        for path, fmt in found:
            name = path.relative_to(self.directory).as_posix()
            item = InputFile(table, path, name, fmt)
            item._sha256 = self._hashing.submit(_sha256, path)
            try:
                source = (
                    f"read_parquet({literal(str(path))}, file_row_number = true)"
                    if fmt == "parquet"
                    else self._view_of(item)
                )
                FileCheck(self.con, item, source).run()
            except duckdb.Error as exc:  # an empty, truncated or garbage file
                raise unreadable([item], exc) from exc
            files.append(item)
        return files

    def _view_of(self, item: InputFile) -> str:
        """A CSV file read as text columns with its row number, registered once as a view."""
        view = getattr(item, "_view", None)
        if view is None:
            view = f"csv_{self._csv_views}"
            self._csv_views += 1
            self.con.register(view, _read_csv_as_text(item))
            item._view = view  # type: ignore[attr-defined]
        return str(view)


def _read_csv_as_text(item: InputFile) -> Any:
    """Every column as text (a leading zero must survive: 0501011234 looks like a personnummer, 501011234
    not), with the file's row number added. A file that is not UTF-8 is refused at its first bad byte."""
    import pyarrow as pa  # type: ignore[import-untyped]
    import pyarrow.csv as pacsv  # type: ignore[import-untyped]

    data = item.path.read_bytes()
    bad = first_bad_byte(data)
    if bad is not None:
        row = bad.line - 1 if bad.line > 1 else None  # data row n is line n + 1
        raise MicrodataError(item.name, bad.message, column=bad.column, row=row)
    try:
        header = next(csv.reader(io.StringIO(data.decode("utf-8"), newline="")), None)
    except csv.Error as exc:  # e.g. a header of one field longer than any column name
        raise MicrodataError(item.name, f"the first line is no header of column names: {exc}") from exc
    if not header:
        raise MicrodataError(item.name, "the file is empty; the first line must name the columns")
    duplicates = sorted({n for n in header if header.count(n) > 1})
    if duplicates:
        raise MicrodataError(item.name, f"the header names a column twice: {', '.join(duplicates)}")
    try:
        table = pacsv.read_csv(
            io.BytesIO(data),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in header},
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )
    except pa.ArrowException as exc:
        ragged = first_ragged_line(data.decode("utf-8"))
        if ragged is not None:
            line, fields, width = ragged
            message = f"{fields} field(s) where the header names {width}"
            raise MicrodataError(item.name, message, row=line - 1) from exc
        raise MicrodataError(item.name, f"not a readable CSV file: {exc}") from exc
    return table.append_column(ROW, pa.array(range(table.num_rows), type=pa.int64()))


def connect() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection, quiet (no progress bar on the terminal)."""
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    return con


def open_microdata(
    directory: Path, tables: Iterable[str], *, connection: duckdb.DuckDBPyConnection | None = None
) -> Microdata:
    if not directory.is_dir():
        raise MicrodataError(str(directory.name or directory), "no such microdata folder")
    return Microdata(directory, tables, connection=connection or connect())


def iter_problems(directory: Path) -> Iterator[str]:
    """Every table's first problem, for `styrkedja microdata check`."""
    for table in TABLES:
        try:
            open_microdata(directory, [table])
        except MicrodataError as exc:
            yield str(exc)
