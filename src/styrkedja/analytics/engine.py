"""Computing indicator definitions over microdata with DuckDB, for many periods at once.

How the definitions share work. The follow-up periods (T1, H1, T2, the year; also January and Q1) run from
1 January to the end of a month, so each is a sum of whole months of one year. For each table, all the
definitions reading it are computed together, in one pass per distinct `date` expression, giving per sex,
year and month: the rows, Σ numerator and Σ denominator of each definition and a mask of its persons (bit
`person_id mod 61`). Identical SQL fragments are evaluated once; where the fragments name only codes and
booleans, rows are first grouped by sex, month and those codes, and the fragments evaluated per group.
Every period of every year is then added up from these small results in Python.

The bits set in a mask are a lower bound of the distinct persons. A cell whose bound reaches the
suppression threshold needs no exact count. Only where it does not, and for counts (whose value is the
number of persons), a second pass finds each person's first month of the year in each population — the
persons of a window from 1 January to month m are those whose first month is at most m — restricted to
the sex cells in question. Any other window (a date range, a later quarter) gets its own pass over its rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import duckdb

from styrkedja.analytics.disclosure import DEFAULT_THRESHOLD
from styrkedja.analytics.files import literal, unreadable
from styrkedja.analytics.loader import Microdata, connect, open_microdata
from styrkedja.analytics.policy import DisclosurePolicy
from styrkedja.analytics.protection import ROOT, Counts, Protection, Table, protect
from styrkedja.analytics.queries import Fragments, Sums, TableQueries
from styrkedja.analytics.registry import Definition, Kind, Registry, load_registry
from styrkedja.analytics.schema import TABLES
from styrkedja.analytics.units import OrgTree, read_units
from styrkedja.analytics.windows import Window, report_periods

SEX_CELL = {"M": "men", "K": "women", None: "unknown"}
CELLS = ("total", "men", "women")


@dataclass(frozen=True)
class Cell:
    value: float | None
    numerator: float | None
    denominator: float | None


@dataclass
class IndicatorValue:
    definition: Definition
    window: Window
    cells: dict[str, Cell]  # total, men, women; a suppressed cell has None everywhere
    suppressed: list[str]
    provenance: dict[str, Any]
    # Persons per cell (with unknown): exact below the threshold, else a lower bound at or above it. Never
    # reported: it is what the suppression was decided on.
    persons: dict[str, int] = field(repr=False)
    organisation: str | None = None  # a unit of the selection; None: the selection as a whole

    def value(self, cell: str) -> float | None:
        return self.cells[cell].value


def program_version() -> str:
    try:
        return metadata.version("styrkedja")
    except metadata.PackageNotFoundError:
        return "unknown"


Key = tuple[str, str]  # (definition id, window code)
Cells = dict[str, Sums]  # total, men, women, unknown


def _new_cells() -> Cells:
    return {name: Sums() for name in ("total", "men", "women", "unknown")}


def _sex_condition(cells: set[str]) -> str:
    codes = [code for code, name in SEX_CELL.items() if name in cells and code is not None]
    parts = [f"sex IN ({', '.join(literal(c) for c in codes)})"] if codes else []
    if "unknown" in cells:
        parts.append("sex IS NULL")
    return " OR ".join(parts)


def _collect_from_new_year(
    con: duckdb.DuckDBPyConnection,
    queries: TableQueries,
    date: str,
    fragments: Fragments,
    windows: Sequence[Window],
    cells: dict[Key, Cells],
    threshold: int,
) -> None:
    first, last = min(w.start for w in windows), max(w.end for w in windows)
    months: dict[tuple[str, int, int], list[Sums]] = {}
    for row in con.execute(queries.month_sums(date, fragments, first, last)).fetchall():
        months[(SEX_CELL[row[0]], int(row[1]), int(row[2]))] = fragments.read_sums(row, 3, masks=True)
    definitions = fragments.definitions
    for window in windows:
        for i, d in enumerate(definitions):
            target = cells[(d.id, window.code)]
            for sex in SEX_CELL.values():
                for month in range(1, window.end.month + 1):
                    found = months.get((sex, window.start.year, month))
                    if found:
                        target[sex].add(found[i])
                        target["total"].add(found[i])
    # Exact persons where the masks cannot tell: every cell of a count (it is the value), and any cell of
    # a share or mean whose lower bound is below the threshold (small cells, few in large data).
    need: set[str] = set()
    for window in windows:
        for d in definitions:
            for name, sums in cells[(d.id, window.code)].items():
                if d.kind is Kind.COUNT or 0 < sums.persons_at_least < threshold:
                    need.add(name)
    if not need:
        return
    everything = "total" in need or any(d.kind is Kind.COUNT for d in definitions)
    sexes = None if everything else _sex_condition(need)
    firsts: dict[tuple[int, str, int, int], int] = defaultdict(int)  # (definition, cell, year, month)
    for row in con.execute(queries.first_months(date, fragments, first, last, sexes)).fetchall():
        cell = "total" if row[1] else SEX_CELL[row[0]]
        year, count = int(row[2]), int(row[-1])
        for i, month in enumerate(row[3:-1]):
            if month is not None:
                firsts[(i, cell, year, int(month))] += count
    exact = {"total", *SEX_CELL.values()} if everything else need
    for window in windows:
        for i, d in enumerate(definitions):
            for name in exact:
                cells[(d.id, window.code)][name].persons = sum(
                    firsts.get((i, name, window.start.year, month), 0)
                    for month in range(1, window.end.month + 1)
                )


def _collect_window(
    con: duckdb.DuckDBPyConnection,
    queries: TableQueries,
    date: str,
    fragments: Fragments,
    window: Window,
    cells: dict[Key, Cells],
) -> None:
    definitions = fragments.definitions
    for row in con.execute(queries.window_sums(date, fragments, window)).fetchall():
        for d, sums in zip(definitions, fragments.read_sums(row, 1, masks=False), strict=True):
            cells[(d.id, window.code)][SEX_CELL[row[0]]].add(sums)
            cells[(d.id, window.code)]["total"].add(sums)
    for d in definitions:
        for sums in cells[(d.id, window.code)].values():
            sums.persons = 0
    for row in con.execute(queries.window_persons(date, fragments, window)).fetchall():
        cell = "total" if row[1] else SEX_CELL[row[0]]
        for d, persons in zip(definitions, row[2:], strict=True):
            cells[(d.id, window.code)][cell].persons = int(persons or 0)


def _collect(
    con: duckdb.DuckDBPyConnection,
    queries: TableQueries,
    windows: Sequence[Window],
    cells: dict[Key, Cells],
    threshold: int,
    *,
    shared: bool = True,
) -> None:
    fast = [w for w in windows if w.from_new_year and shared]
    for date, fragments in queries.groups.items():
        if fast:
            _collect_from_new_year(con, queries, date, fragments, fast, cells, threshold)
        for window in windows:
            if window not in fast:
                _collect_window(con, queries, date, fragments, window, cells)


def counts(definition: Definition, sums: Sums) -> Counts:
    """What the disclosure control protects of a cell: for a share the numerator and its complement, for a
    mean the rows, for a count the persons."""
    persons = sums.persons_at_least
    if definition.kind is Kind.COUNT:
        parts: tuple[float, ...] = (float(sums.persons or 0),)
    elif definition.kind is Kind.MEAN:
        parts = (sums.denominator,)
    else:
        parts = (sums.numerator, sums.denominator - sums.numerator)
    return Counts(persons, sums.rows, parts)


def build_value(
    definition: Definition,
    window: Window,
    cells_in: Cells,
    *,
    hidden: list[str],
    provenance: dict[str, Any],
    organisation: str | None = None,
) -> IndicatorValue:
    persons = {name: sums.persons_at_least for name, sums in cells_in.items()}
    cells: dict[str, Cell] = {}
    for name in CELLS:
        sums = cells_in[name]
        if name in hidden:
            cells[name] = Cell(None, None, None)
        elif definition.kind is Kind.COUNT:
            count = float(sums.persons or 0)
            cells[name] = Cell(count, count, None)
        else:
            cells[name] = Cell(
                definition.compute_value(sums.numerator, sums.denominator), sums.numerator, sums.denominator
            )
    return IndicatorValue(
        definition, window, cells, hidden, {**provenance, "suppressed": hidden}, persons, organisation
    )


@dataclass
class Computation:
    values: list[IndicatorValue]  # the selection as a whole, for the windows asked for
    threshold: int
    organisations: list[str] | None
    units: list[IndicatorValue] = field(default_factory=list)  # each unit below the selection's top
    parents: dict[str, str | None] = field(default_factory=dict)  # unit → parent unit (None: the top)
    at_risk: list[str] = field(default_factory=list)
    policy: DisclosurePolicy = field(default_factory=DisclosurePolicy)
    protection: Protection | None = field(default=None, repr=False)

    def for_unit(self, unit: str, window: Window) -> list[IndicatorValue]:
        return [v for v in self.units if v.organisation == unit and v.window == window]

    def for_window(self, window: Window) -> list[IndicatorValue]:
        return [v for v in self.values if v.window == window]

    def get(self, definition_id: str, window: Window) -> IndicatorValue:
        return next(v for v in self.values if v.definition.id == definition_id and v.window == window)


def published_together(windows: Iterable[Window]) -> set[Window]:
    """The follow-up periods (T1, H1, T2, the year) of each window's years that end no later than it: what
    is published before it or with it, and so decides its suppression with it (docs/disclosure.md)."""
    out = set()
    for window in windows:
        for period in report_periods(window.start.year, window.end.year):
            if period.end <= window.end:
                out.add(period)
    return out


def unit_nodes(
    tree: OrgTree, organisations: Sequence[str] | None
) -> tuple[dict[str, str | None], list[str] | None]:
    """The units below the selection's top as (unit → parent unit, ROOT for the top), and the selection's
    codes with every code below them in the tree."""
    if organisations is None:
        return {ROOT: None, **{c: (p if p in tree.parents else ROOT) for c, p in tree.parents.items()}}, None
    selection = list(dict.fromkeys(c for code in organisations for c in tree.descendants(code)))
    chosen = set(selection)
    parents: dict[str, str | None] = {ROOT: None}
    for code in selection:
        parent = tree.parents.get(code)
        if code in tree.parents and parent in chosen:
            parents[code] = parent
    for code, parent in list(parents.items()):
        if code != ROOT and parent not in parents:
            parents[code] = ROOT
    return parents, selection


def compute(
    directory: Path,
    windows: Iterable[Window],
    *,
    registry: Registry | None = None,
    definitions: Iterable[str] | None = None,
    organisations: Sequence[str] | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    now: dt.datetime | None = None,
    connection: duckdb.DuckDBPyConnection | None = None,
    shared: bool = True,
    policy: DisclosurePolicy | None = None,
    units: OrgTree | None = None,
    published: Mapping[tuple[str, str, str], Iterable[str]] | None = None,
) -> Computation:
    """Every chosen definition (all by default) for every window, by total, men and women, and for each
    unit below the selection's top (the folder's `organisations.csv` merged with `units`), suppressed over
    the whole published set (protection.py): with `policy.together` also the follow-up periods published
    before each window. `published` fixes the pattern already published, per (definition, window, unit)
    (ROOT: the selection), so that nothing published is changed.

    `shared=False` gives every window its own pass over the data, even where the shared month sums could
    answer it: the slow way, for checking the fast one."""
    policy = policy or DisclosurePolicy(threshold=threshold)
    threshold = policy.threshold
    registry = registry or load_registry()
    chosen = [registry.get(i) for i in definitions] if definitions is not None else list(registry)
    asked = sorted(set(windows))
    windows = sorted(set(asked) | (published_together(asked) if policy.periods_together else set()))
    tree = (units or OrgTree({})).merged(read_units(directory))
    parents, selection = unit_nodes(tree, organisations)
    if not policy.units_together:
        parents = {ROOT: None}
    con = connection or connect()
    microdata = open_microdata(directory, sorted({d.table for d in chosen}), connection=con)
    codes = {node: tree.descendants(node) if node != ROOT else selection for node in parents}
    cells: dict[str, dict[Key, Cells]] = {}
    for node in parents:
        cells[node] = {(d.id, w.code): _new_cells() for d in chosen for w in windows}
        for table in sorted({d.table for d in chosen}):
            queries = TableQueries(
                microdata.relation(table), TABLES[table], [d for d in chosen if d.table == table], codes[node]
            )
            try:
                _collect(con, queries, windows, cells[node], threshold, shared=shared)
            except duckdb.Error as exc:  # a part of a file the checks did not need to read is broken
                raise unreadable(microdata.files[table], exc) from exc
    tables = [
        Table(
            d.id,
            windows,
            parents,
            {
                (w.code, node, sex): counts(d, sums)
                for node in parents
                for w in windows
                for sex, sums in cells[node][(d.id, w.code)].items()
            },
            {
                (w, node): hidden
                for (definition, w, node), hidden in (published or {}).items()
                if definition == d.id and node in parents
            },
        )
        for d in chosen
    ]
    protection = protect(tables, threshold)
    computed_at = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    base = {
        "program": "styrkedja",
        "program_version": program_version(),
        "duckdb_version": duckdb.__version__,
        "computed_at": computed_at,
        "suppression_threshold": threshold,
    }
    together = {
        w: sorted({v.code for v in published_together([w]) if policy.periods_together} | {w.code})
        for w in asked
    }
    values: list[IndicatorValue] = []
    unit_values: list[IndicatorValue] = []
    for d in chosen:
        inputs = microdata.inputs([d.table])
        for w in asked:
            for node in parents:
                counted = codes[node]
                provenance = {
                    "definition": d.id,
                    "definition_sha256": d.sha256,
                    "inputs": inputs,
                    "period": w.code,
                    "window_start": w.start.isoformat(),
                    "window_end": w.end.isoformat(),
                    **base,
                    "organisations": list(counted) if counted is not None else None,
                    "published_together": together[w],
                }
                value = build_value(
                    d,
                    w,
                    cells[node][(d.id, w.code)],
                    hidden=protection.suppressed[(d.id, w.code, node)],
                    provenance=provenance,
                    organisation=node or None,
                )
                (values if node == ROOT else unit_values).append(value)
    return Computation(
        values,
        threshold,
        selection if organisations is not None else None,
        units=unit_values,
        parents={n: (p or None) for n, p in parents.items() if n != ROOT},
        at_risk=protection.at_risk,
        policy=policy,
        protection=protection,
    )


def open_files(directory: Path, tables: Iterable[str]) -> Microdata:
    """Check a folder's files without computing anything (`styrkedja microdata check`)."""
    return open_microdata(directory, tables)
