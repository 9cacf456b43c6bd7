"""The SQL of the engine: the definitions of one table, grouped by their date expression (see engine.py)."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from styrkedja.analytics.files import literal
from styrkedja.analytics.registry import Definition
from styrkedja.analytics.schema import ColumnType, Table
from styrkedja.analytics.windows import Window


@dataclass
class Sums:
    rows: int = 0
    numerator: float = 0.0
    denominator: float = 0.0
    mask: int = 0  # bit k set: a person whose id hashes to k is in the cell (a lower bound of the persons)
    persons: int | None = None  # exact count of distinct persons, where it was needed

    def add(self, other: Sums) -> None:
        self.rows += other.rows
        self.numerator += other.numerator
        self.denominator += other.denominator
        self.mask |= other.mask

    @property
    def persons_at_least(self) -> int:
        return self.persons if self.persons is not None else self.mask.bit_count()


# A person's bit in a cell's mask: person_id mod 61 (a prime, so ids in steps of a power of two still
# spread). The number of bits set is a lower bound of the distinct persons in the cell.
MASK_MODULUS = 61
_LITERAL = re.compile(r"'(?:[^']|'')*'")
_IDENTIFIER = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*\b")


def referenced_columns(sql: str, table: Table) -> set[str]:
    """The table's columns an SQL fragment names (string literals ignored)."""
    return set(_IDENTIFIER.findall(_LITERAL.sub("", sql))) & set(table.names)


class Fragments:
    """The SQL fragments of a group of definitions sharing a date expression, each distinct fragment
    evaluated once per row however many definitions use it."""

    def __init__(self, definitions: Sequence[Definition], table: Table):
        self.definitions = list(definitions)
        self.columns: dict[str, str] = {}  # SQL → alias
        referenced: set[str] = set()
        for d in definitions:
            for sql in (d.where, d.numerator, d.denominator):
                if sql is not None:
                    referenced |= referenced_columns(sql, table)
        # Only codes and booleans: then the fragments can be evaluated once per combination of values
        # (per sex, month and code) instead of once per row.
        self.codes = sorted(referenced - {"sex"})
        self.by_codes = all(table.column(c).type in (ColumnType.CODE, ColumnType.BOOLEAN) for c in referenced)

        def alias(sql: str, prefix: str, cast: str) -> str:
            key = f"{cast}:{sql.strip()}"
            if key not in self.columns:
                self.columns[key] = f"{prefix}{len(self.columns)}"
            return self.columns[key]

        self.where = [alias(d.where, "w", "BOOLEAN") for d in definitions]
        self.numerator = [
            alias(d.numerator, "n", "DOUBLE") if d.numerator is not None else None for d in definitions
        ]
        self.denominator = [
            None
            if d.numerator is None or d.denominator.strip() == "1"
            else alias(d.denominator, "e", "DOUBLE")
            for d in definitions
        ]

    def select_list(self) -> str:
        out = []
        for key, name in self.columns.items():
            cast, sql = key.split(":", 1)
            if cast == "BOOLEAN":
                out.append(f"coalesce(CAST(({sql}) AS BOOLEAN), false) AS {name}")
            else:
                out.append(f"coalesce(CAST(({sql}) AS DOUBLE), 0) AS {name}")
        return ", ".join(out)

    def any_population(self) -> str:
        return " OR ".join(sorted(set(self.where)))

    def sum_columns(self, *, masks: bool, weight: str | None = None) -> list[str]:
        """Per definition: rows, Σ numerator, Σ denominator (rows again when it is 1) and the persons' mask.
        With `weight`, each input row stands for that many rows (and `mask` holds their persons)."""
        count = f"sum({weight})" if weight else "count(*)"
        times = f"{weight} * " if weight else ""
        out = []
        for w, n, e in zip(self.where, self.numerator, self.denominator, strict=True):
            out.append(f"{count} FILTER (WHERE {w})")
            out.append(f"sum({times}{n}) FILTER (WHERE {w})" if n else "NULL")
            out.append(f"sum({times}{e}) FILTER (WHERE {w})" if e else "NULL")
            if masks:
                out.append(f"bit_or({'mask' if weight else 'bit'}) FILTER (WHERE {w})")
        return out

    def read_sums(self, row: Sequence[Any], offset: int, *, masks: bool) -> list[Sums]:
        out, width = [], 4 if masks else 3
        for i, d in enumerate(self.definitions):
            values = row[offset + i * width : offset + (i + 1) * width]
            sums = Sums(int(values[0] or 0))
            if d.numerator is not None:
                sums.numerator = float(values[1] or 0)
                sums.denominator = float(values[2] or 0) if self.denominator[i] else float(sums.rows)
            if masks:
                sums.mask = int(values[3] or 0)
            out.append(sums)
        return out


class TableQueries:
    """The SQL of one table's definitions, in groups sharing a date expression."""

    def __init__(
        self,
        relation: str,
        table: Table,
        definitions: Sequence[Definition],
        organisations: Sequence[str] | None,
    ):
        self.relation = relation
        grouped: dict[str, list[Definition]] = defaultdict(list)
        for definition in definitions:
            grouped[definition.date.strip()].append(definition)
        self.groups = {date: Fragments(defs, table) for date, defs in grouped.items()}
        self.organisation = "TRUE"
        if organisations is not None:
            codes = ", ".join(literal(code) for code in organisations) or "NULL"
            self.organisation = f"organisation IN ({codes})"

    def rows(self, date: str, first: dt.date, last: dt.date) -> str:
        """The scan's own filter (so that DuckDB can skip row groups): organisation and date range."""
        return (
            f"WHERE {self.organisation} AND CAST(({date}) AS DATE) BETWEEN DATE '{first}' AND DATE '{last}'"
        )

    def inner(self, date: str, fragments: Fragments, first: dt.date, last: dt.date) -> str:
        return (
            f"SELECT person_id, sex, CAST(({date}) AS DATE) AS d, {fragments.select_list()} "
            f"FROM {self.relation} {self.rows(date, first, last)}"
        )

    def month_sums(self, date: str, fragments: Fragments, first: dt.date, last: dt.date) -> str:
        """Rows, sums and person masks per sex, year and month: everything windows from 1 January need."""
        bit = f"(1::UBIGINT << (person_id % {MASK_MODULUS}))"
        if fragments.by_codes:
            codes = "".join(f", {c}" for c in fragments.codes)
            # No WHERE on the populations here: DuckDB would push it below the grouping, back onto every row.
            grouped = (
                f"SELECT sex, year(d) AS y, month(d) AS m{codes}, count(*) AS c, bit_or({bit}) AS mask "
                f"FROM (SELECT person_id, sex, CAST(({date}) AS DATE) AS d{codes} FROM {self.relation} "
                f"{self.rows(date, first, last)}) GROUP BY ALL"
            )
            return (
                f"SELECT sex, y, m, {', '.join(fragments.sum_columns(masks=True, weight='c'))} "
                f"FROM (SELECT sex, y, m, c, mask, {fragments.select_list()} FROM ({grouped})) GROUP BY ALL"
            )
        return (
            f"SELECT sex, year(d), month(d), {', '.join(fragments.sum_columns(masks=True))} "
            f"FROM (SELECT *, {bit} AS bit FROM ({self.inner(date, fragments, first, last)})) "
            f"WHERE {fragments.any_population()} GROUP BY ALL"
        )

    def first_months(
        self, date: str, fragments: Fragments, first: dt.date, last: dt.date, sexes: str | None
    ) -> str:
        """Each person's first month of the year in each population, counted per first month — per sex of the
        rows (GROUPING(sex) = 0) and over all rows (= 1). `sexes` restricts the rows to some sex cells."""
        firsts = ", ".join(f"min(d) FILTER (WHERE {w}) AS f{i}" for i, w in enumerate(fragments.where))
        months = ", ".join(f"month(f{i})" for i in range(len(fragments.where)))
        restrict = f" AND ({sexes})" if sexes else ""
        sets = "(person_id, y, sex)" if sexes else "(person_id, y, sex), (person_id, y)"
        return (
            f"SELECT sex, total, y, {months}, count(*) FROM ("
            f"SELECT person_id, year(d) AS y, sex, GROUPING(sex) AS total, {firsts} "
            f"FROM ({self.inner(date, fragments, first, last)}) "
            f"WHERE ({fragments.any_population()}){restrict} "
            f"GROUP BY GROUPING SETS ({sets})) GROUP BY ALL"
        )

    def window_sums(self, date: str, fragments: Fragments, window: Window) -> str:
        return (
            f"SELECT sex, {', '.join(fragments.sum_columns(masks=False))} "
            f"FROM ({self.inner(date, fragments, window.start, window.end)}) GROUP BY sex"
        )

    def window_persons(self, date: str, fragments: Fragments, window: Window) -> str:
        has = ", ".join(f"bool_or({w}) AS h{i}" for i, w in enumerate(fragments.where))
        counts = ", ".join(f"count(*) FILTER (WHERE h{i})" for i in range(len(fragments.where)))
        return (
            f"SELECT sex, total, {counts} FROM (SELECT person_id, sex, GROUPING(sex) AS total, {has} "
            f"FROM ({self.inner(date, fragments, window.start, window.end)}) "
            f"WHERE {fragments.any_population()} "
            "GROUP BY GROUPING SETS ((person_id, sex), (person_id))) GROUP BY ALL"
        )
