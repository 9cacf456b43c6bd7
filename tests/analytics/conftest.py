"""Tiny microdata tables written by hand: `write(folder, table, rows)` fills the columns a row leaves out
with harmless defaults, so each test names only what matters to it."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from styrkedja.analytics.schema import TABLES, ColumnType

D = dt.date
ARROW = {
    ColumnType.INTEGER: pa.int32(),
    ColumnType.DATE: pa.date32(),
    ColumnType.BOOLEAN: pa.bool_(),
    ColumnType.CODE: pa.string(),
    ColumnType.TEXT: pa.string(),
}
DEFAULTS: dict[str, dict[str, Any]] = {
    "enrolments": {"enrolled_on": D(2022, 1, 10)},
    "measures": {"kind": "stockholmsjobb", "started_on": D(2022, 2, 1)},
    "courses": {"school_form": "sfi", "course_code": "SFIKURD", "started_on": D(2022, 1, 10)},
    "outreach": {"contacted_on": D(2022, 2, 1), "neet": True},
}
_ids = iter(range(1, 10**6))


def complete(table: str, row: dict[str, Any]) -> dict[str, Any]:
    out = {
        "person_id": next(_ids),
        "sex": "K",
        "birth_year": 1990,
        "organisation": "amn",
        **DEFAULTS[table],
        **row,
    }
    for column in TABLES[table].columns:
        out.setdefault(column.name, None)
    return out


def write_parquet(folder: Path, table: str, rows: list[dict[str, Any]], name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    full = [complete(table, r) for r in rows]
    columns = {c.name: pa.array([r[c.name] for r in full], type=ARROW[c.type]) for c in TABLES[table].columns}
    path = folder / (name or f"{table}.parquet")
    pq.write_table(pa.table(columns), path)
    return path


def write_csv(folder: Path, table: str, rows: list[dict[str, Any]], *, raw: bool = False) -> Path:
    """Rows as given (`raw`: no defaults, the first row's keys are the header)."""
    folder.mkdir(parents=True, exist_ok=True)
    full = rows if raw else [complete(table, r) for r in rows]
    path = folder / f"{table}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(full[0]))
        writer.writeheader()
        for row in full:
            writer.writerow(
                {
                    k: "" if v is None else (str(v).lower() if isinstance(v, bool) else v)
                    for k, v in row.items()
                }
            )
    return path


@pytest.fixture
def write() -> Callable[..., Path]:
    return write_parquet
