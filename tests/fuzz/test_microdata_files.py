"""Fuzzing the microdata loader with CSV and Parquet files of random columns, types, values and
encodings, near-valid files with one cell changed, broken Parquet files and random organisation files:
never a traceback, every refusal names the file (and where known the column and row); a folder that is
accepted is computed from without an error."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import event, given, settings
from hypothesis import strategies as st

from styrkedja.analytics.engine import compute
from styrkedja.analytics.files import MicrodataError
from styrkedja.analytics.loader import open_microdata
from styrkedja.analytics.registry import load_registry
from styrkedja.analytics.schema import TABLES
from styrkedja.analytics.units import UnitsError, read_units
from styrkedja.analytics.windows import parse_window
from tests.analytics.conftest import ARROW, complete

from .strategies import FUZZ, TEXT

REGISTRY = load_registry()
WINDOW = parse_window("2022")
CELL = st.one_of(
    st.none(),
    TEXT,
    st.integers(-(10**12), 10**13),
    st.sampled_from(
        ["", "K", "M", "X", "amn", "true", "false", "1", "0", "2022-01-10", "2022-13-45", "8112189876"]
    ),
    st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2300, 1, 1)).map(str),
    st.booleans(),
)
ARROW_TYPES = st.sampled_from(
    [
        pa.int8(),
        pa.int32(),
        pa.int64(),
        pa.uint64(),
        pa.float64(),
        pa.string(),
        pa.date32(),
        pa.bool_(),
        pa.timestamp("s"),
        pa.binary(),
        pa.null(),
        pa.decimal128(10, 2),
    ]
)


def names(table: str) -> st.SearchStrategy[list[str]]:
    """The table's columns, some left out, some added, some in another order."""
    known = TABLES[table].names
    return st.lists(st.one_of(st.sampled_from(known), TEXT), min_size=0, max_size=len(known) + 2).map(
        lambda drawn: drawn if len(drawn) % 3 else list(known)
    )


def refused_or_computed(folder: Path, table: str) -> None:
    """The loader accepts the folder or refuses it naming a file; what it accepts is computed from."""
    try:
        open_microdata(folder, [table])
    except MicrodataError as refused:
        event("refused")
        assert str(refused).startswith(f"{table}.")
        return
    event("accepted")
    definitions = [d.id for d in REGISTRY if d.table == table]
    if definitions:
        compute(folder, [WINDOW], registry=REGISTRY, definitions=definitions)


def csv_bytes(columns: list[str], rows: list[list[Any]], encoding: str) -> bytes:
    def cell(value: Any) -> str:
        text = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
        return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\n\r') else text

    lines = [",".join(cell(c) for c in columns)] + [",".join(cell(v) for v in row) for row in rows]
    return "\n".join(lines).encode(encoding, errors="replace")


@settings(FUZZ, max_examples=50)
@given(
    st.sampled_from(sorted(TABLES)).flatmap(
        lambda table: st.tuples(
            st.just(table),
            names(table).flatmap(
                lambda columns: st.tuples(
                    st.just(columns),
                    st.lists(st.lists(CELL, min_size=len(columns), max_size=len(columns) + 1), max_size=6),
                )
            ),
            st.sampled_from(["utf-8", "utf-8", "latin-1", "utf-16"]),
        )
    )
)
def test_a_csv_file_of_random_columns_values_and_encodings_is_read_or_refused(drawn):
    table, (columns, rows), encoding = drawn
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / f"{table}.csv").write_bytes(csv_bytes(columns, rows, encoding))
        refused_or_computed(Path(folder), table)


@settings(FUZZ, max_examples=40)
@given(
    st.sampled_from(sorted(TABLES)).flatmap(lambda table: st.tuples(st.just(table), names(table), st.data()))
)
def test_a_parquet_file_of_random_columns_and_types_is_read_or_refused(drawn):
    table, columns, data = drawn
    count = data.draw(st.integers(0, 5))
    arrays = {}
    for name in dict.fromkeys(columns):
        kind = TABLES[table].column(name).type if name in TABLES[table].names else None
        arrow = data.draw(st.one_of(ARROW_TYPES, st.just(ARROW[kind]) if kind else ARROW_TYPES))
        values = data.draw(st.lists(CELL, min_size=count, max_size=count))
        try:
            arrays[name] = pa.array(values, type=arrow, from_pandas=True)
        except (pa.ArrowException, TypeError, ValueError, OverflowError):
            arrays[name] = pa.nulls(count, type=arrow)
    with tempfile.TemporaryDirectory() as folder:
        pq.write_table(pa.table(arrays) if arrays else pa.table({}), Path(folder) / f"{table}.parquet")
        refused_or_computed(Path(folder), table)


@settings(FUZZ, max_examples=40)
@given(st.sampled_from(sorted(TABLES)), st.data())
def test_a_valid_file_with_one_cell_changed_or_its_bytes_broken_is_read_or_refused(table, data):
    rows = [complete(table, {}) for _ in range(data.draw(st.integers(1, 4)))]
    column = data.draw(st.sampled_from(TABLES[table].names))
    rows[data.draw(st.integers(0, len(rows) - 1))][column] = data.draw(CELL)
    as_parquet = data.draw(st.booleans())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{table}.{'parquet' if as_parquet else 'csv'}"
        if as_parquet:
            arrays = {}
            for c in TABLES[table].columns:
                values = [r[c.name] for r in rows]
                try:
                    arrays[c.name] = pa.array(values, type=ARROW[c.type])
                except (pa.ArrowException, TypeError, ValueError, OverflowError):
                    arrays[c.name] = pa.array([str(v) for v in values])
            pq.write_table(pa.table(arrays), path)
            raw = path.read_bytes()
            cut = data.draw(st.sampled_from([None, None, len(raw) // 2, len(raw) - 4, 10]))
            flip = data.draw(st.integers(0, len(raw) - 1))
            if cut is not None:
                raw = raw[:cut]
            elif data.draw(st.booleans()):
                raw = raw[:flip] + bytes([raw[flip] ^ 0xFF]) + raw[flip + 1 :]
            path.write_bytes(raw)
        else:
            path.write_bytes(
                csv_bytes(TABLES[table].names, [[r[n] for n in TABLES[table].names] for r in rows], "utf-8")
            )
        refused_or_computed(Path(folder), table)


@settings(FUZZ, max_examples=40)
@given(
    st.one_of(
        st.binary(max_size=200),
        st.lists(st.lists(CELL, max_size=3), max_size=5).map(
            lambda rows: csv_bytes(["code", "parent"], rows, "utf-8")
        ),
    )
)
def test_an_organisations_file_is_read_or_refused_with_its_line(content):
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "organisations.csv").write_bytes(content)
        try:
            read_units(Path(folder))
        except UnitsError as refused:
            assert str(refused).startswith("organisations.csv")
