"""Table imports with column mapping (docs/table-import.md): indicator values, or budget and accounting
figures, from a CSV or XLSX file whose columns the user maps to fields once per source.

A file is read as a header row and rows of text. Numbers are read the Swedish way (`1 233`, `52,5`, `−12`;
`-`, `..` or an empty cell is no value) and a footnote mark after a number (`1 233*`, `52,5 1)`) is kept as
the value's note. `review` lists what would be stored (with the value stored now), and every row that
matches nothing, with why; `store` writes it in one transaction — through the same services and version
checks as every other way in — and logs who imported which file (its SHA-256) when.

- Indicator values go into the organisation's indicator series (`SeriesValue`, source "table"), found by
  the indicator's Kolada code or its name, for a year (`2021`) or a period (`2021-T1`); validated by the
  indicator's unit (`lib/outcomes.py`).
- Budget and accounting figures go into a budget version of the organisation's plan of the year (kind from
  the mapping's options, `outcome` by default), per area of operation, through
  `budget/editing.update_area_budget` (the plan's lock and the editor's role apply). Revenues are stored
  negative, as the documents print them.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from styrkedja.audit import save_by
from styrkedja.budget.editing import update_area_budget
from styrkedja.budget.models import BudgetArea, BudgetVersion
from styrkedja.edits.versions import Conflict, check_edit, locked, stored_version
from styrkedja.exchange.models import ImportLog, TableMapping
from styrkedja.lib.numbers import format_mnkr, parse_number
from styrkedja.lib.outcomes import OutcomeValues, validate_outcome
from styrkedja.lib.periods import PeriodError, parse_period
from styrkedja.lib.validation import MONEY, costs_problem, number_problem, revenues_problem
from styrkedja.lib.vocabulary import ImportKind, ValueSource, VersionKind
from styrkedja.organisations.models import Organisation
from styrkedja.plans.locking import Locked
from styrkedja.plans.models import Indicator, IndicatorSeries, Plan, SeriesValue

#: The fields each kind of import maps columns to, with their Swedish labels.
FIELDS: dict[str, dict[str, str]] = {
    ImportKind.INDICATOR_VALUES: {
        "indicator": "Indikator (Kolada-kod eller namn)",
        "period": "Period eller år",
        "total": "Totalt",
        "women": "Kvinnor",
        "men": "Män",
        "organisation": "Nämnd (kod eller namn)",
    },
    ImportKind.BUDGET: {
        "area": "Verksamhetsområde",
        "year": "År",
        "costs": "Kostnader",
        "revenues": "Intäkter",
        "net": "Netto",
        "budget": "Budget (netto)",
        "organisation": "Nämnd (kod eller namn)",
    },
}
#: The budget version the "budget" column goes into, unless the mapping's option `budget_column` names
#: another: a finance system's budget of the year is the budget as adjusted.
BUDGET_COLUMN_VERSION = VersionKind.ADJUSTED
REQUIRED: dict[str, tuple[str, ...]] = {
    ImportKind.INDICATOR_VALUES: ("indicator", "period"),
    ImportKind.BUDGET: ("area",),
}
MAX_BYTES = 5 * 1024 * 1024
EMPTY = {"", "-", "–", "−", "..", "…", "x"}
_NOTE = re.compile(r"^(?P<number>.*?\d)\s*(?P<note>[*†‡]+|\(?[0-9a-z]\)|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)$")


class TableError(ValueError):
    """A file that cannot be read as a table, or a mapping that does not fit it."""


# --- Reading ------------------------------------------------------------------------------------------


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value).removesuffix(".0")
    return str(value).strip()


def read_table(data: bytes, filename: str) -> tuple[list[str], list[list[str]]]:
    """(the header row, the rows) of a CSV (`;`, `,` or tab; UTF-8 or Windows-1252) or an XLSX file's
    first sheet. The header row is the first row with text in it."""
    if len(data) > MAX_BYTES:
        raise TableError(f"Filen är större än {MAX_BYTES // (1024 * 1024)} MB.")
    if filename.lower().endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            ws = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception as exc:
            raise TableError("Filen går inte att läsa som en Excel-arbetsbok (.xlsx).") from exc
        rows = [[_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
        first = next((line for line in text.splitlines() if line.strip()), "")
        delimiter = max((";", "\t", ","), key=first.count)
        rows = [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    rows = [row for row in rows if any(row)]
    if not rows:
        raise TableError("Filen har inga rader.")
    headers = rows[0]
    if len(set(h for h in headers if h)) != len([h for h in headers if h]):
        raise TableError("Två kolumner har samma rubrik; ge dem olika rubriker.")
    return headers, rows[1:]


@dataclass
class Cell:
    value: Decimal | None
    note: str = ""
    error: str = ""


def read_value(text: str) -> Cell:
    """A Swedish number with an optional footnote mark; an empty mark is no value."""
    cleaned = text.strip()
    if cleaned.lower() in EMPTY:
        return Cell(None)
    note = ""
    match = _NOTE.match(cleaned)
    if match and parse_number(cleaned) is None:
        cleaned, note = match["number"], match["note"]
    number = parse_number(cleaned)
    if number is None:
        try:  # an XLSX cell's own number, e.g. 1.5E-05
            number = Decimal(cleaned) if re.fullmatch(r"-?\d+(\.\d+)?(E-?\d+)?", cleaned) else None
        except InvalidOperation:
            number = None
    if number is None or not number.is_finite():
        return Cell(None, error=f"”{text}” är inget tal")
    return Cell(number, note)


# --- Mappings -----------------------------------------------------------------------------------------


def check_mapping(kind: str, columns: dict[str, str], headers: list[str]) -> dict[str, str]:
    """The mapping's columns that the file has; TableError naming what is missing."""
    fields = FIELDS[kind]
    unknown = [name for name in columns if name not in fields]
    if unknown:
        raise TableError(f"Okända fält: {', '.join(unknown)}.")
    chosen = {name: column for name, column in columns.items() if column}
    missing = [column for column in chosen.values() if column not in headers]
    if missing:
        raise TableError(f"Filen saknar kolumnerna {', '.join(missing)} som mappningen anger.")
    needed = [fields[name] for name in REQUIRED[kind] if name not in chosen]
    if needed:
        raise TableError(f"Välj en kolumn för {', '.join(needed)}.")
    values = (
        ("total", "women", "men")
        if kind == ImportKind.INDICATOR_VALUES
        else ("costs", "revenues", "net", "budget")
    )
    if not any(name in chosen for name in values):
        raise TableError(f"Välj en kolumn för minst ett av {', '.join(fields[n] for n in values)}.")
    return chosen


def save_mapping(
    name: str, kind: str, columns: dict[str, str], options: dict[str, Any], *, by: Any
) -> TableMapping:
    """Save (or update) the source's mapping, for its next file."""
    mapping = TableMapping.objects.filter(name=name).first() or TableMapping(name=name)
    mapping.kind, mapping.columns, mapping.options = kind, columns, options
    mapping.updated_by = by if getattr(by, "pk", None) else None
    return save_by(mapping, by)


# --- The dry run --------------------------------------------------------------------------------------


@dataclass
class Planned:
    line: int
    what: str  # the series' or area's name
    period: str
    new: dict[str, Decimal | None]
    old: dict[str, Decimal | None]
    note: str = ""
    version: int = 0
    key: tuple[Any, ...] = ()  # what store() needs to find the row again


@dataclass
class Skipped:
    line: int
    reason: str


@dataclass
class TableReview:
    kind: str
    rows: list[Planned] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    unchanged: int = 0


def _organisations(root: Organisation) -> dict[str, Organisation]:
    """The organisation and those below it, by code and by name (lower case)."""
    everything = list(Organisation.objects.all())
    children: dict[int | None, list[Organisation]] = {}
    for org in everything:
        children.setdefault(org.parent_id, []).append(org)
    found: dict[str, Organisation] = {}
    stack = [root]
    while stack:
        org = stack.pop()
        found[org.code.lower()] = found[org.name.lower()] = org
        stack.extend(children.get(org.pk, []))
    return found


def _norm(text: str) -> str:
    return " ".join(text.lower().split())


def review_table(
    organisation: Organisation,
    kind: str,
    data: bytes,
    filename: str,
    columns: dict[str, str],
    options: dict[str, Any],
) -> TableReview:
    headers, rows = read_table(data, filename)
    chosen = check_mapping(kind, columns, headers)
    index = {name: headers.index(column) for name, column in chosen.items()}
    orgs = _organisations(organisation)
    result = TableReview(kind)
    reader = _indicator_row if kind == ImportKind.INDICATOR_VALUES else _budget_row
    context: dict[str, Any] = {"options": options}
    seen: set[tuple[Any, ...]] = set()
    for line, row in enumerate(rows, start=2):
        cells = {name: (row[i] if i < len(row) else "") for name, i in index.items()}
        org = organisation
        if cells.get("organisation"):
            found = orgs.get(cells["organisation"].strip().lower())
            if found is None:
                result.skipped.append(
                    Skipped(line, f"Nämnden ”{cells['organisation']}” finns inte under {organisation.name}.")
                )
                continue
            org = found
        read = reader(org, cells, context)
        if isinstance(read, str):
            result.skipped.append(Skipped(line, read))
            continue
        for outcome in read if isinstance(read, list) else [read]:
            outcome.line = line
            if outcome.key in seen:
                result.skipped.append(
                    Skipped(line, f"{outcome.what} {outcome.period} finns redan på en rad ovanför.")
                )
                continue
            seen.add(outcome.key)
            if all(outcome.old.get(k) == v for k, v in outcome.new.items()):
                result.unchanged += 1
                continue
            result.rows.append(outcome)
    return result


def _values(cells: dict[str, str], names: tuple[str, ...]) -> tuple[dict[str, Decimal | None], str, str]:
    """(the numbers, their notes, the first error)."""
    values: dict[str, Decimal | None] = {}
    notes = []
    for name in names:
        if name not in cells:
            continue
        cell = read_value(cells[name])
        if cell.error:
            return (
                {},
                "",
                f"{FIELDS[ImportKind.INDICATOR_VALUES].get(name) or FIELDS[ImportKind.BUDGET][name]}: {cell.error}",
            )
        values[name] = cell.value
        if cell.note:
            notes.append(cell.note)
    return values, " ".join(dict.fromkeys(notes)), ""


def _series_of(
    org: Organisation, context: dict[str, Any]
) -> dict[str, tuple[IndicatorSeries, Indicator | None]]:
    key = f"series-{org.pk}"
    if key not in context:
        found: dict[str, tuple[IndicatorSeries, Indicator | None]] = {}
        latest: dict[int, Indicator] = {}
        for definition in (
            Indicator.objects.filter(series__organisation=org).select_related("plan").order_by("plan__year")
        ):
            latest[definition.series_id] = definition
        for series in IndicatorSeries.objects.filter(organisation=org):
            ind = latest.get(series.pk)
            found[_norm(series.name)] = (series, ind)
            if ind is not None:
                found[_norm(ind.name)] = (series, ind)
                if ind.kolada_kpi:
                    found[ind.kolada_kpi.lower()] = (series, ind)
        context[key] = found
    return context[key]


def _indicator_row(
    org: Organisation, cells: dict[str, str], context: dict[str, Any]
) -> Planned | list[Planned] | str:
    name = cells.get("indicator", "").strip()
    if not name:
        return "Raden saknar indikator."
    match = _series_of(org, context).get(_norm(name))
    if match is None:
        return f"Ingen indikator i {org.name} heter eller har Kolada-koden ”{name}”."
    series, ind = match
    try:
        period = parse_period(cells.get("period", "").strip()).code
    except PeriodError:
        return f"”{cells.get('period', '')}” är ingen period; skriv till exempel 2021 eller 2021-T1."
    values, note, error = _values(cells, ("total", "women", "men"))
    if error:
        return error
    if all(v is None for v in values.values()):
        return f"{series.name} {period}: raden har inga värden."
    if ind is not None:
        verdict = validate_outcome(
            OutcomeValues(values.get("total"), values.get("men"), values.get("women")),
            unit=ind.unit,
            gender_split=False,
            scale=ind.scale,
        )
        if not verdict.ok:
            return (
                f"{series.name} {period}: " + "; ".join(m for ms in verdict.errors.values() for m in ms) + "."
            )
    stored = SeriesValue.objects.filter(series=series, period=period, source=ValueSource.TABLE).first()
    old = {k: getattr(stored, k) if stored else None for k in values}
    return Planned(0, series.name, period, values, old, note, stored_version(stored), (series.pk, period))


def _budget_row(
    org: Organisation, cells: dict[str, str], context: dict[str, Any]
) -> Planned | list[Planned] | str:
    """The row's figures in the version of the mapping's option `version` (Utfall by default) and its
    "budget" column, a net, in the version of the option `budget_column` (Justerad budget by default)."""
    options = context["options"]
    year_text = cells.get("year", "").strip() or str(options.get("year", ""))
    if not year_text.isdigit():
        return f"”{year_text}” är inget år; ange en kolumn för år eller ett år för hela filen."
    year = int(year_text)
    plan = Plan.objects.filter(organisation=org, year=year).first()
    if plan is None:
        return f"{org.name} har ingen verksamhetsplan för {year}."
    name = cells.get("area", "").strip()
    area = next(
        (
            a
            for a in BudgetArea.objects.filter(plan=plan)
            if _norm(name) in {_norm(a.name), _norm(a.short_name), *(_norm(n) for n in a.names_as_printed)}
        ),
        None,
    )
    if area is None:
        return f"Inget verksamhetsområde i planen {year} heter ”{name}”."
    values, note, error = _values(cells, ("costs", "revenues", "net", "budget"))
    if error:
        return error
    costs, revenues, net = values.get("costs"), values.get("revenues"), values.get("net")
    budget = values.get("budget")
    if revenues is not None and revenues > 0:
        revenues = -revenues  # revenues are stored negative, as the documents print them
    if costs is None and revenues is None and net is None and budget is None:
        return f"{area.name} {year}: raden har inga belopp."
    planned: list[Planned] = []
    if costs is not None or revenues is not None or net is not None:
        if costs is None and revenues is None:
            assert net is not None
            costs, revenues = (net, Decimal(0)) if net >= 0 else (Decimal(0), net)
        costs, revenues = costs or Decimal(0), revenues or Decimal(0)
        problem = _money_problem(costs, revenues)
        if problem:  # lib/validation.py: the same rule as the forms and the files
            return f"{area.name} {year}: {problem}"
        if net is not None and costs + revenues != net:
            return (
                f"{area.name} {year}: kostnader + intäkter = {format_mnkr(costs + revenues)}, "
                f"men nettot är {format_mnkr(net)}."
            )
        kind = options.get("version", VersionKind.OUTCOME)
        planned.append(_planned(plan, area, year, kind, costs, revenues, note, area.name))
    if budget is not None:
        kind = options.get("budget_column", BUDGET_COLUMN_VERSION)
        costs, revenues = _split(plan, area, year, kind, budget)
        problem = _money_problem(costs, revenues)
        if problem:
            return f"{area.name} {year}: budget: {problem}"
        what = f"{area.name}, {VersionKind.label_of(kind).lower()}"
        planned.append(_planned(plan, area, year, kind, costs, revenues, note, what))
    return planned


def _money_problem(costs: Decimal, revenues: Decimal) -> str | None:
    return (
        number_problem(costs, MONEY, "Kostnaderna")
        or costs_problem(costs)
        or number_problem(revenues, MONEY, "Intäkterna")
        or revenues_problem(revenues)
    )


def _stored(plan: Plan, area: BudgetArea, year: int, kind: str) -> Any:
    version = BudgetVersion.objects.filter(plan=plan, kind=kind, year=year).first()
    return area.budgets.filter(version=version).first() if version is not None else None


def _split(plan: Plan, area: BudgetArea, year: int, kind: str, net: Decimal) -> tuple[Decimal, Decimal]:
    """A net budget as costs and revenues: the revenues the version has for the area (else the adopted
    budget's) are kept, and the costs make up the net; a net below them is all revenue."""
    like = _stored(plan, area, year, kind) or _stored(plan, area, year, VersionKind.ADOPTED)
    revenues = like.revenues if like is not None else Decimal(0)
    if net - revenues < 0:
        return (Decimal(0), net) if net < 0 else (net, Decimal(0))
    return net - revenues, revenues


def _planned(
    plan: Plan,
    area: BudgetArea,
    year: int,
    kind: str,
    costs: Decimal,
    revenues: Decimal,
    note: str,
    what: str,
) -> Planned:
    stored = _stored(plan, area, year, kind)
    return Planned(
        0,
        what,
        str(year),
        {"costs": costs, "revenues": revenues},
        {"costs": stored.costs if stored else None, "revenues": stored.revenues if stored else None},
        note,
        area.version,
        (area.pk, kind, year),
    )


# --- Storing ------------------------------------------------------------------------------------------


class NotStored(Exception):
    def __init__(self, message: str):
        super().__init__(message)


@transaction.atomic
def store_table(
    organisation: Organisation,
    kind: str,
    data: bytes,
    filename: str,
    mapping: TableMapping,
    *,
    by: Any,
    planned: TableReview | None = None,
) -> tuple[TableReview, ImportLog]:
    """Store what the dry run listed, at the versions it read (a row changed since is a conflict and
    nothing is stored), and log the import."""
    result = planned or review_table(organisation, kind, data, filename, mapping.columns, mapping.options)
    bumped: dict[int, int] = {}  # an area's version after this import's own change of it
    try:
        for row in result.rows:
            if kind == ImportKind.INDICATOR_VALUES:
                _store_value(row, by)
            else:
                _store_budget(row, by, bumped)
    except Conflict as exc:
        raise NotStored("Någon annan har ändrat ett av värdena sedan granskningen; inget sparades.") from exc
    except Locked as exc:
        raise NotStored(str(exc)) from exc
    log = ImportLog.objects.create(
        organisation=organisation,
        kind=kind,
        mapping=mapping.name,
        filename=filename[:255],
        sha256=sha256(data),
        by=by if getattr(by, "pk", None) else None,
        stored=len(result.rows),
        skipped=len(result.skipped),
    )
    return result, log


def _store_value(row: Planned, by: Any) -> None:
    series_id, period = row.key
    stored = locked(
        SeriesValue.objects.filter(series_id=series_id, period=period, source=ValueSource.TABLE)
    ).first()
    check_edit(stored, row.version, by)
    value = stored or SeriesValue(series_id=series_id, period=period, source=ValueSource.TABLE)
    for name, new in row.new.items():
        setattr(value, name, new)
    value.note = row.note
    save_by(value, by, reason="tabellimport")


def _store_budget(row: Planned, by: Any, bumped: dict[int, int]) -> None:
    area_id, kind, year = row.key
    area = BudgetArea.objects.select_related("plan__organisation").get(pk=area_id)
    version = BudgetVersion.objects.filter(plan=area.plan, kind=kind, year=year).first()
    if version is None:
        version = save_by(
            BudgetVersion(
                plan=area.plan,
                code=f"{kind}{year}"[:40],
                label=f"{VersionKind.label_of(kind)} {year}",
                kind=kind,
                year=year,
                position=area.plan.budget_versions.count() + 1,
            ),
            by,
            reason="tabellimport",
        )
    update_area_budget(
        area,
        {version: (row.new["costs"] or Decimal(0), row.new["revenues"] or Decimal(0))},
        by=by,
        expected_version=bumped.get(area_id, row.version),
    )
    bumped[area_id] = area.version
