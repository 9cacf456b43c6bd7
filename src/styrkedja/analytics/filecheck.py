"""The checks of one microdata file, cheapest first; the first problem found is raised (see loader.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import duckdb

from styrkedja.analytics.files import ROW, InputFile, MicrodataError, literal, one, quote
from styrkedja.analytics.pnr import looks_like_pnr
from styrkedja.analytics.schema import (
    ACCEPTED_STORAGE,
    FIRST_DATE,
    LAST_DATE,
    TABLES,
    Column,
    ColumnType,
    Table,
)

CANDIDATES = (
    200  # values shaped like a personnummer fetched from an integer column to test their check digits
)
INTEGER_STORAGE = ACCEPTED_STORAGE[ColumnType.INTEGER] | {"UBIGINT", "HUGEINT"}


class FileCheck:
    """The checks of one file, cheapest first; the first problem found is raised."""

    def __init__(self, con: duckdb.DuckDBPyConnection, item: InputFile, source: str):
        """`source`: SQL for the file's rows with their row number (a Parquet scan, or a CSV file's view)."""
        self.item, self.con, self.source = item, con, source
        self.schema: Table = TABLES[item.table]
        described = self.con.execute(f"DESCRIBE SELECT * FROM {self.source}").fetchall()
        self.storage = {str(row[0]): str(row[1]) for row in described if row[0] != ROW}
        self.distinct: dict[str, list[Any]] = {}  # a text column's distinct values
        self._stats: dict[str, tuple[int, str | None, str | None]] | None = None
        self._early: dict[tuple[str, str], Any] | None = None  # value checks done in the first pass

    def fail(self, message: str, *, column: str | None = None, row: int | None = None) -> MicrodataError:
        return MicrodataError(
            self.item.name, message, column=column, row=None if row is None else self.item.row_label(row)
        )

    def first_row(self, condition: str) -> int | None:
        found = one(self.con, f"SELECT min({ROW}) FROM {self.source} WHERE {condition}")
        return None if found is None or found[0] is None else int(found[0])

    def run(self) -> None:
        self.check_personal_numbers()
        self.check_columns()
        if self.item.format == "csv":
            self.check_text_types()
        self.check_values()

    # --- personal identity numbers ------------------------------------------------------------------

    def check_personal_numbers(self) -> None:
        """Every text column's distinct values (kept: the code checks reuse them), and every integer column
        that can hold ten or twelve digits, are tested for the shape, date and check digit of a personnummer."""
        stats = self._statistics()
        text = [name for name, storage in self.storage.items() if storage == "VARCHAR"]
        numbers = [
            name
            for name, storage in self.storage.items()
            if storage in INTEGER_STORAGE
            and (name not in stats or stats[name][2] is None or int(str(stats[name][2])) >= 1_000_000_000)
        ]
        aggregates = [f"list(DISTINCT {quote(name)})" for name in text]
        aggregates += [
            f"list({quote(name)}) FILTER (WHERE {quote(name)} BETWEEN 1000000000 AND 999999999999)"
            for name in numbers
        ]
        # A Parquet file whose columns and types are right gets its value checks in the same pass.
        early = self._value_aggregates(skip_codes=True) if self._schema_ready() else []
        if not aggregates and not early:
            return
        found = one(
            self.con, f"SELECT {', '.join([*aggregates, *(sql for _, _, sql in early)])} FROM {self.source}"
        )
        assert found is not None
        if early:
            self._early = dict(
                zip(
                    [(what, about.name if about else "") for what, about, _ in early],
                    found[len(aggregates) :],
                    strict=True,
                )
            )
        for name, values in zip([*text, *numbers], found[: len(aggregates)], strict=True):
            values = [v for v in values or [] if v is not None]
            if name in text:
                self.distinct[name] = values
            for value in values[: len(values) if name in text else CANDIDATES]:
                if looks_like_pnr(value):
                    condition = f"CAST({quote(name)} AS VARCHAR) = {literal(str(value))}"
                    raise self.fail(
                        "the values look like Swedish personal identity numbers (personnummer); microdata "
                        "must carry a pseudonymous person_id, never a personnummer. Nothing was read.",
                        column=name,
                        row=self.first_row(condition),
                    )

    def _schema_ready(self) -> bool:
        if self.item.format != "parquet" or set(self.storage) != set(self.schema.names):
            return False
        return all(self.storage[c.name] in ACCEPTED_STORAGE[c.type] for c in self.schema.columns)

    # --- columns and types --------------------------------------------------------------------------

    def check_columns(self) -> None:
        present = set(self.storage)
        missing = [c.name for c in self.schema.columns if c.name not in present]
        if missing:
            raise self.fail(
                f"missing column(s) {', '.join(missing)}; table {self.schema.name} has "
                f"{', '.join(self.schema.names)}",
                column=missing[0],
            )
        unknown = [name for name in self.storage if name not in self.schema.names]
        if unknown:
            raise self.fail(
                f"column(s) {', '.join(unknown)} are not in the schema of {self.schema.name} "
                "(see docs/microdata.md); remove them before loading",
                column=unknown[0],
            )
        if self.item.format == "parquet":
            for column in self.schema.columns:
                storage = self.storage[column.name]
                if storage not in ACCEPTED_STORAGE[column.type]:
                    raise self.fail(f"type {storage}, expected {column.type.value}", column=column.name)

    def check_text_types(self) -> None:
        """CSV: every value must parse as its column's type (dates as YYYY-MM-DD, booleans as true/false)."""
        typed = [
            c
            for c in self.schema.columns
            if c.type in (ColumnType.INTEGER, ColumnType.DATE, ColumnType.BOOLEAN)
        ]
        if not typed:
            return
        bad = {c.name: self._unparsable(c) for c in typed}
        counts = ", ".join(f"count(*) FILTER (WHERE {sql})" for sql in bad.values())
        found = one(self.con, f"SELECT {counts} FROM {self.source}")
        assert found is not None
        for (name, sql), count in zip(bad.items(), found, strict=True):
            if count:
                expected = {
                    ColumnType.INTEGER: "a whole number",
                    ColumnType.DATE: "a date YYYY-MM-DD",
                    ColumnType.BOOLEAN: "true or false",
                }[self.schema.column(name).type]
                raise self.fail(f"{count} value(s) are not {expected}", column=name, row=self.first_row(sql))

    @staticmethod
    def _unparsable(column: Column) -> str:
        name = quote(column.name)
        if column.type is ColumnType.DATE:
            return f"({name} IS NOT NULL AND NOT regexp_full_match({name}, '\\d{{4}}-\\d{{2}}-\\d{{2}}') OR try_cast({name} AS DATE) IS NULL AND {name} IS NOT NULL)"
        if column.type is ColumnType.BOOLEAN:
            return f"({name} IS NOT NULL AND lower({name}) NOT IN ('true', 'false', '1', '0'))"
        return f"({name} IS NOT NULL AND try_cast({name} AS BIGINT) IS NULL)"

    # --- values -------------------------------------------------------------------------------------

    def _typed(self, column: Column) -> str:
        name = quote(column.name)
        if (
            self.item.format == "csv"
            and column.type is not ColumnType.CODE
            and column.type is not ColumnType.TEXT
        ):
            target = "BIGINT" if column.type is ColumnType.INTEGER else column.sql_type
            return f"CAST({name} AS {target})"
        return name

    def _statistics(self) -> dict[str, tuple[int, str | None, str | None]]:
        """Null count, min and max of each column from the Parquet footer; absent where any row group lacks
        them."""
        if self.item.format != "parquet":
            return {}
        if self._stats is not None:
            return self._stats
        rows = self.con.execute(
            "SELECT path_in_schema, stats_null_count, stats_min_value, stats_max_value, row_group_num_rows, "
            f"row_group_id FROM parquet_metadata({literal(str(self.item.path))})"
        ).fetchall()
        stats: dict[str, list[tuple[Any, ...]]] = {}
        for row in rows:
            stats.setdefault(str(row[0]), []).append(row)
        self.item.rows = sum(int(r[4]) for r in {r[5]: r for r in rows}.values())
        result: dict[str, tuple[int, str | None, str | None]] = {}
        for name, groups in stats.items():
            if any(g[1] is None for g in groups):
                continue
            nulls = sum(int(g[1]) for g in groups)
            total = sum(int(g[4]) for g in groups)
            if nulls < total and any(g[2] is None or g[3] is None for g in groups if int(g[1]) < int(g[4])):
                continue
            values = [g for g in groups if g[2] is not None]
            low = min((str(g[2]) for g in values), key=_sort_key, default=None)
            high = max((str(g[3]) for g in values), key=_sort_key, default=None)
            result[name] = (nulls, low, high)
        self._stats = result
        return result

    def _value_aggregates(self, *, skip_codes: bool) -> list[tuple[str, Column | None, str]]:
        """(what, column, SQL) of the value checks the Parquet statistics cannot answer."""
        stats = self._statistics()
        aggregates: list[tuple[str, Column | None, str]] = []
        for column in self.schema.columns:
            value = self._typed(column)
            if column.name not in stats:
                aggregates.append(("nulls", column, f"count(*) - count({value})"))
                if column.type in (ColumnType.INTEGER, ColumnType.DATE):
                    aggregates.append(("min", column, f"CAST(min({value}) AS VARCHAR)"))
                    aggregates.append(("max", column, f"CAST(max({value}) AS VARCHAR)"))
            text_checked = skip_codes or column.name in self.distinct
            if column.type is ColumnType.CODE and not text_checked:
                aggregates.append(("codes", column, f"list(DISTINCT {value})"))
            if column.type is ColumnType.TEXT and column.max_length and not text_checked:
                aggregates.append(("length", column, f"max(length({value}))"))
        for index, rule in enumerate(self.schema.rules):
            aggregates.append((f"rule:{index}", None, f"count(*) FILTER (WHERE NOT ({rule.sql}))"))
        if self.item.format == "csv":
            aggregates.append(("rows", None, "count(*)"))
        return aggregates

    def check_values(self) -> None:
        stats = self._statistics()
        typed = ", ".join(f"{self._typed(c)} AS {quote(c.name)}" for c in self.schema.columns)
        relation = f"(SELECT {typed}, {ROW} FROM {self.source})"
        facts: dict[tuple[str, str], Any] = dict(self._early or {})
        if self._early is None:
            aggregates = self._value_aggregates(skip_codes=False)
            found = (
                one(self.con, f"SELECT {', '.join(sql for _, _, sql in aggregates)} FROM {relation}")
                if aggregates
                else ()
            )
            assert found is not None
            for (what, about, _), value in zip(aggregates, found, strict=True):
                facts[(what, about.name if about else "")] = value
        if ("rows", "") in facts:
            self.item.rows = int(facts[("rows", "")])
        for name, values in self.distinct.items():
            facts.setdefault(("codes", name), values)
        for name, (nulls, low, high) in stats.items():
            facts.setdefault(("nulls", name), nulls)
            facts.setdefault(("min", name), low)
            facts.setdefault(("max", name), high)
        self._judge(facts, relation)

    def _judge(self, facts: dict[tuple[str, str], Any], relation: str) -> None:
        def first(condition: str) -> int | None:
            found = one(self.con, f"SELECT min({ROW}) FROM {relation} WHERE {condition}")
            return None if found is None or found[0] is None else int(found[0])

        for column in self.schema.columns:
            name = quote(column.name)
            nulls = facts.get(("nulls", column.name)) or 0
            if nulls and not column.nullable:
                raise self.fail(
                    f"{nulls} empty value(s); the column is required",
                    column=column.name,
                    row=first(f"{name} IS NULL"),
                )
            low, high = facts.get(("min", column.name)), facts.get(("max", column.name))
            if column.type is ColumnType.INTEGER and low is not None and high is not None:
                lo, hi = column.minimum, column.maximum
                if (lo is not None and int(low) < lo) or (hi is not None and int(high) > hi):
                    raise self.fail(
                        f"values must lie in {lo}–{hi}",
                        column=column.name,
                        row=first(f"{name} NOT BETWEEN {lo} AND {hi}"),
                    )
            if (
                column.type is ColumnType.DATE
                and low is not None
                and high is not None
                and (_date(low) < FIRST_DATE or _date(high) > LAST_DATE)
            ):
                raise self.fail(
                    f"dates must lie in {FIRST_DATE}–{LAST_DATE}",
                    column=column.name,
                    row=first(f"{name} NOT BETWEEN DATE '{FIRST_DATE}' AND DATE '{LAST_DATE}'"),
                )
            if column.type is ColumnType.CODE:
                codes = [c for c in facts[("codes", column.name)] if c is not None]
                bad = sorted(c for c in codes if c not in column.codes)
                if bad:
                    raise self.fail(
                        f"'{bad[0]}' is not one of the codes {', '.join(column.codes)}",
                        column=column.name,
                        row=first(f"{name} = {literal(bad[0])}"),
                    )
            longest = facts.get(("length", column.name))
            if column.name in self.distinct and column.type is ColumnType.TEXT:
                longest = max((len(str(v)) for v in self.distinct[column.name]), default=0)
            if longest is not None and column.max_length and int(longest) > column.max_length:
                raise self.fail(
                    f"values must be at most {column.max_length} characters",
                    column=column.name,
                    row=first(f"length({name}) > {column.max_length}"),
                )
        for index, rule in enumerate(self.schema.rules):
            count = facts[(f"rule:{index}", "")]
            if count:
                raise self.fail(f"{count} row(s) with {rule.description}", row=first(f"NOT ({rule.sql})"))


def _date(text: object) -> dt.date:
    """A date as DuckDB prints it; one Python cannot hold (`0001-12-31 (BC)`, year 10000) is taken for the
    earliest, which lies outside every range the schema allows."""
    try:
        return dt.date.fromisoformat(str(text))
    except ValueError:
        return dt.date.min


def _sort_key(text: str) -> tuple[int, str]:
    """Parquet statistics are strings: order numbers by value, dates and text as text."""
    try:
        return (int(text), "")
    except ValueError:
        return (0, text)
