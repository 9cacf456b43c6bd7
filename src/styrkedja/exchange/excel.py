"""Entry workbooks (docs/excel.md): a round's or a part's indicator rows to fill in with Excel, and the
workbook sent back.

Out: one sheet per part (its nämndmål and the goals below it) and one for the KF goals above the parts.
Each indicator row has its outcome, women, men, forecast and comment cells unlocked and everything else
locked (the sheet is protected), validation by unit (a share 0–100, a count whole and ≥ 0 …) and number
formats that Excel shows the Swedish way (`1 233,5`). A hidden sheet names each row's target and the
version of its stored outcome when the workbook was made. The whole round's workbook also has an economy
sheet: each area's budget, its forecast costs, revenues and commentary to fill in (a controller's), and
the nets and the deviation (budget − forecast) as formulas, computed and never read back; a second hidden
sheet names each area and the version of its stored forecast.

In: `review` compares the workbook with what is stored and lists the changes (old → new), the conflicts
(a row someone else saved since the download, whose cells differ from what is stored now) and the
refusals (sheet, cell, message: not a number, outside the unit's range, a row not the user's to change).
Nothing is stored until `store` is called; it saves every change through `followup/values.save_outcome`
and `followup/economy_editing.save_area_forecast` (the same validation, permissions, lock and versions as
the web) in one transaction, or nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from styrkedja.budget.models import BudgetArea
from styrkedja.edits.versions import Conflict, stored_version
from styrkedja.followup.economics import round_economics
from styrkedja.followup.economy_editing import save_area_forecast
from styrkedja.followup.models import AreaForecast, Outcome, Part, Round
from styrkedja.followup.permissions import EDIT_ROUND, may_edit_row
from styrkedja.followup.scope import GoalTree, part_scope
from styrkedja.followup.values import Invalid, OutcomeInput, save_outcome
from styrkedja.lib.numbers import parse_number
from styrkedja.lib.outcomes import FIELDS_SV, OutcomeValues, validate_outcome
from styrkedja.lib.periods import parse_period, period_for_periodicity
from styrkedja.lib.text import refusal as text_refusal
from styrkedja.lib.validation import MONEY, costs_problem, number_problem, revenues_problem
from styrkedja.lib.vocabulary import Role, Unit
from styrkedja.organisations.permissions import has_role, role_in
from styrkedja.plans.models import Target

FORMAT = "styrkedja.excel/1"
META_SHEET = "styrkedja"
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
#: The columns: (heading, width); the entry columns are named by the OutcomeInput field they fill.
COLUMNS = [
    ("Mål", 8),
    ("Indikator", 60),
    ("Enhet", 10),
    ("Period", 16),
    ("Årsmål", 11),
    ("Utfall", 11),
    ("Kvinnor", 11),
    ("Män", 11),
    ("Prognos helår", 13),
    ("Kommentar", 50),
]
ENTRY = {"total": 6, "women": 7, "men": 8, "forecast": 9, "comment": 10}
NUMBERS = ("total", "women", "men", "forecast")
LABELS = {
    **FIELDS_SV,
    "comment": "kommentar",
    "costs": "prognos kostnader",
    "revenues": "prognos intäkter",
    "commentary": "kommentar",
}
MAX_BYTES = 5 * 1024 * 1024
KF_SHEET = "KF-mål"
#: The economy sheet (whole-round workbooks): per area of operation the budget, the forecast to fill in,
#: the nets and the deviation computed by formulas, and a commentary; its rows' ids and versions are on
#: a second very hidden sheet.
ECONOMY_SHEET = "Ekonomi"
ECONOMY_META = "styrkedja-ekonomi"
ECONOMY_COLUMNS = [
    ("Verksamhetsområde", 40),
    ("Budget kostnader", 14),
    ("Budget intäkter", 14),
    ("Budget netto", 14),
    ("Prognos kostnader", 14),
    ("Prognos intäkter", 14),
    ("Prognos netto", 14),
    ("Avvikelse", 14),
    ("Kommentar", 60),
]
ECONOMY_ENTRY = {"costs": 5, "revenues": 6, "commentary": 9}
MONEY_FORMAT = "#,##0.0"

_LOCKED_FILL = PatternFill("solid", fgColor="EEEEEE")
_OPEN = Protection(locked=False)


class WorkbookError(ValueError):
    """A file that is not an entry workbook of this round."""


@dataclass
class Sheet:
    title: str
    part: Part | None
    targets: list[Target]
    own: set[int]  # the goals whose rows the part fills in


def _sheet_title(part: Part | None, taken: set[str]) -> str:
    base = KF_SHEET if part is None else (f"Mål {part.goal.number}" if part.goal else part.title)
    base = re.sub(r"[\[\]:*?/\\]", " ", base)
    title = base[:31]
    n = 2
    while title in taken:
        title = f"{base[:27]} ({n})"
        n += 1
    taken.add(title)
    return title


def sheets_of(round_: Round, part: Part | None = None) -> list[Sheet]:
    """The sheets of a round's workbook (or of one part's): each target on exactly one sheet."""
    tree = GoalTree.of_plan(round_.plan_id)
    targets = list(
        Target.objects.filter(plan_id=round_.plan_id)
        .select_related("indicator", "goal")
        .order_by("goal__position", "position", "pk")
    )
    parts = list(
        round_.parts.filter(goal__isnull=False).select_related("goal", "assignee").order_by("position")
    )
    for p in parts:
        p.round = round_
    taken: set[str] = set()
    sheets = []
    covered: set[int] = set()
    for p in parts:
        own = part_scope(p, tree).own_ids
        covered |= own
        if part is None or p.pk == part.pk:
            sheets.append(Sheet(_sheet_title(p, taken), p, [t for t in targets if t.goal_id in own], own))
    rest = [t for t in targets if t.goal_id not in covered]
    if part is None and rest:
        sheets.append(Sheet(_sheet_title(None, taken), None, rest, {t.goal_id for t in rest}))
    return sheets


def _may_edit(by: Any, role: Role | None, round_: Round, sheet: Sheet, target: Target) -> bool:
    if by is None:
        return not round_.is_locked
    if sheet.part is None:
        return has_role(role, EDIT_ROUND) and not round_.is_locked
    return may_edit_row(role, by, sheet.part, target.goal_id, sheet.own)


def _number_format(unit: str, decimals: int) -> str:
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return pattern + ('" %"' if unit == Unit.PERCENT else "")


def _validation(target: Target) -> DataValidation:
    """Excel's own check of an entry cell, by the indicator's unit (the import checks again)."""
    ind = target.indicator
    rule: tuple[str, str, str, str | None, str]
    if ind.unit == Unit.PERCENT:
        rule = ("decimal", "between", "0", "100", "Skriv en andel mellan 0 och 100.")
    elif ind.unit == Unit.COUNT:
        rule = ("whole", "greaterThanOrEqual", "0", None, "Skriv ett helt antal, 0 eller mer.")
    elif ind.unit == Unit.MONTHS:
        rule = ("decimal", "greaterThanOrEqual", "0", None, "Skriv ett antal månader, 0 eller mer.")
    elif ind.unit == Unit.SCALE and ind.scale is not None:
        low, high = ind.scale
        rule = ("decimal", "between", str(low), str(high), f"Skriv ett värde på skalan {low}–{high}.")
    else:
        rule = ("decimal", "between", "-1E+12", "1E+12", "Skriv ett tal.")
    kind, operator, low_text, high_text, message = rule
    return DataValidation(
        type=kind,  # type: ignore[arg-type]
        operator=operator,  # type: ignore[arg-type]
        formula1=low_text,
        formula2=high_text,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ogiltigt värde",
        error=message,
    )


def _period_text(target: Target, round_: Round) -> str:
    period = period_for_periodicity(
        target.indicator.periodicity, parse_period(round_.period), target.indicator.first_year
    )
    return period.label if period else "ingen mätning"


def build_workbook(round_: Round, *, by: Any, part: Part | None = None) -> bytes:
    """The entry workbook of the round (or of one part) as the user `by` may fill it in (None: everything)."""
    role = role_in(by, round_.organisation) if by is not None else None
    sheets = sheets_of(round_, part)
    outcomes = {o.target_id: o for o in Outcome.objects.filter(round=round_)}
    wb = Workbook()
    meta = wb.active
    assert isinstance(meta, Worksheet)
    meta.title = META_SHEET
    meta.append(
        [FORMAT, round_.pk, part.pk if part else "", dt.datetime.now(dt.UTC).isoformat(timespec="seconds")]
    )
    meta.append(["blad", "rad", "målvärde", "version"])
    period = parse_period(round_.period).label
    for sheet in sheets:
        ws = wb.create_sheet(sheet.title)
        ws.append(
            [
                f"{round_.organisation.name}: uppföljning {period} – {sheet.part or 'KF:s mål ovanför nämndmålen'}"
            ]
        )
        ws["A1"].font = Font(bold=True, size=13)
        ws.append(["Fyll i de vita cellerna; de grå är låsta. Lämna en cell tom för inget värde."])
        ws.append([])
        ws.append([heading for heading, _ in COLUMNS])
        for col, (_, width) in enumerate(COLUMNS, start=1):
            ws.column_dimensions[get_column_letter(col)].width = width
            ws.cell(HEADER_ROW, col).font = Font(bold=True)
        validations: dict[tuple[str, str], DataValidation] = {}
        for row, target in enumerate(sheet.targets, start=FIRST_ROW):
            ind = target.indicator
            o = outcomes.get(target.pk)
            values = [
                target.goal.number,
                ind.name,
                Unit.label_of(ind.unit),
                _period_text(target, round_),
                target.value,
                o.total if o else None,
                o.women if o else None,
                o.men if o else None,
                o.forecast if o else None,
                o.comment if o else "",
            ]
            editable = _may_edit(by, role, round_, sheet, target)
            for col, value in enumerate(values, start=1):
                cell = ws.cell(row, col, value)
                if col == 2 or col == 10:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                if 5 <= col <= 9:
                    cell.number_format = _number_format(ind.unit, ind.decimals)
                open_cell = editable and col in ENTRY.values() and (ind.gender_split or col not in (7, 8))
                if open_cell:
                    cell.protection = _OPEN
                    if col != 10:
                        key = (ind.unit, f"{ind.scale}")
                        if key not in validations:
                            validations[key] = _validation(target)
                            ws.add_data_validation(validations[key])
                        validations[key].add(cell)
                else:
                    cell.fill = _LOCKED_FILL
            meta.append([sheet.title, row, target.pk, stored_version(o)])
        ws.freeze_panes = ws.cell(FIRST_ROW, 3)
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
    if part is None:
        _economy_sheet(wb, round_, by=by, role=role)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    if len(wb.sheetnames) > 1:
        wb.active = 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _may_edit_economy(by: Any, role: Role | None, round_: Round) -> bool:
    return not round_.is_locked and (by is None or has_role(role, EDIT_ROUND))


def _money_validation(kind: str) -> DataValidation:
    low, high, message = (
        ("0", "1E+12", "Skriv kostnader i mnkr, 0 eller mer.")
        if kind == "costs"
        else ("-1E+12", "0", "Skriv intäkter i mnkr som negativa belopp, t.ex. -45,0.")
    )
    return DataValidation(
        type="decimal",
        operator="between",
        formula1=low,
        formula2=high,
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Ogiltigt värde",
        error=message,
    )


def _economy_sheet(wb: Workbook, round_: Round, *, by: Any, role: Role | None) -> None:
    """The areas' budget (locked), forecast costs and revenues and commentary (open to a controller), and
    the nets and the deviation (budget − forecast) as formulas: computed by Excel, never typed, never read."""
    areas = round_economics(round_).areas
    if not areas:
        return
    ws = wb.create_sheet(ECONOMY_SHEET)
    ws.append([f"{round_.organisation.name}: ekonomi {parse_period(round_.period).label}, mnkr"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(["Fyll i prognosen i de vita cellerna; netto och avvikelse (budget − prognos) räknas ut."])
    ws.append([])
    ws.append([heading for heading, _ in ECONOMY_COLUMNS])
    for col, (_, width) in enumerate(ECONOMY_COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
        ws.cell(HEADER_ROW, col).font = Font(bold=True)
    meta = wb.create_sheet(ECONOMY_META)
    meta.append(["blad", "rad", "område", "version"])
    editable = _may_edit_economy(by, role, round_)
    checks = {kind: _money_validation(kind) for kind in ("costs", "revenues")}
    if editable:
        for check in checks.values():
            ws.add_data_validation(check)
    for row, area in enumerate(areas, start=FIRST_ROW):
        f = area.forecast
        values: list[Any] = [
            area.area,
            area.costs.budget,
            area.revenues.budget,
            f'=IF(AND(ISBLANK(B{row}),ISBLANK(C{row})),"",B{row}+C{row})',
            f.costs if f else None,
            f.revenues if f else None,
            f'=IF(AND(ISBLANK(E{row}),ISBLANK(F{row})),"",E{row}+F{row})',
            f'=IF(OR(D{row}="",G{row}=""),"",D{row}-G{row})',
            f.commentary if f else area.commentary,
        ]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row, col, value)
            if 2 <= col <= 8:
                cell.number_format = MONEY_FORMAT
            if col == 9:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if editable and col in ECONOMY_ENTRY.values():
                cell.protection = _OPEN
                if col in (5, 6):
                    checks["costs" if col == 5 else "revenues"].add(cell)
            else:
                cell.fill = _LOCKED_FILL
        meta.append([ECONOMY_SHEET, row, area.pk, stored_version(f)])
    ws.freeze_panes = ws.cell(FIRST_ROW, 2)
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True


# --- Reading a workbook back --------------------------------------------------------------------------


@dataclass
class Refusal:
    sheet: str
    cell: str
    message: str


@dataclass
class Change:
    field: str  # the OutcomeInput field
    old: Any
    new: Any

    @property
    def label(self) -> str:
        return LABELS[self.field]


@dataclass
class AreaValues:
    """An area's forecast as the economy sheet gives it (mnkr)."""

    costs: Decimal
    revenues: Decimal
    commentary: str


@dataclass
class RowChange:
    """A row to store: an indicator's outcome (`target`), or an area's forecast (`area`)."""

    sheet: str
    row: int
    target: Target | None
    version: int
    values: OutcomeInput | AreaValues
    changes: list[Change]
    area: BudgetArea | None = None

    @property
    def name(self) -> str:
        return self.area.name if self.area is not None else self.target.indicator.name if self.target else ""


@dataclass
class RowConflict:
    sheet: str
    row: int
    target: Target | None
    stored: Outcome | AreaForecast | None
    changes: list[Change]  # old: stored now, new: the workbook's
    area: BudgetArea | None = None

    @property
    def name(self) -> str:
        return self.area.name if self.area is not None else self.target.indicator.name if self.target else ""


@dataclass
class Review:
    rows: list[RowChange] = field(default_factory=list)
    conflicts: list[RowConflict] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    unchanged: int = 0

    @property
    def can_store(self) -> bool:
        return bool(self.rows) and not self.conflicts and not self.refusals


def _cell_number(value: Any) -> Decimal | str | None:
    """A cell's number, None when empty, or the text of what is not a number."""
    if value is None:
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        try:
            return Decimal(repr(value)).quantize(Decimal("0.0001")).normalize()
        except InvalidOperation:
            return str(value)
    text = str(value).strip()
    if text in ("", "-", "–", "−"):
        return None
    parsed = parse_number(text)
    return parsed if parsed is not None else text


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, Decimal) and isinstance(b, Decimal):
        return a == b
    return (a if a not in (None, "") else None) == (b if b not in (None, "") else None)


def _open(data: bytes) -> Any:
    if len(data) > MAX_BYTES:
        raise WorkbookError(f"Filen är större än {MAX_BYTES // (1024 * 1024)} MB.")
    try:
        return load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:
        raise WorkbookError("Filen är ingen Excel-arbetsbok (.xlsx).") from exc


def round_id_of(data: bytes) -> int:
    """The id of the round a workbook was made for (from its hidden sheet)."""
    wb = _open(data)
    if META_SHEET not in wb.sheetnames or wb[META_SHEET]["A1"].value != FORMAT:
        raise WorkbookError("Arbetsboken är inte en inmatningsfil från styrkedja (det dolda bladet saknas).")
    try:
        return int(wb[META_SHEET]["B1"].value)
    except (TypeError, ValueError):
        raise WorkbookError("Arbetsbokens dolda blad är skadat.") from None


def _rows_of(wb: Any, round_: Round) -> list[tuple[str, int, int, int]]:
    if META_SHEET not in wb.sheetnames:
        raise WorkbookError("Arbetsboken är inte en inmatningsfil från styrkedja (det dolda bladet saknas).")
    meta: Worksheet = wb[META_SHEET]
    head = [c.value for c in meta[1]]
    if head[0] != FORMAT:
        raise WorkbookError("Arbetsboken är inte en inmatningsfil från styrkedja.")
    if str(head[1]) != str(round_.pk):
        raise WorkbookError("Arbetsboken hör till en annan uppföljning.")
    rows = []
    for values in meta.iter_rows(min_row=3, values_only=True):
        sheet, row, target_id, version = values[:4]
        if sheet is None:
            continue
        try:
            rows.append((str(sheet), int(str(row)), int(str(target_id)), int(str(version))))
        except ValueError:
            raise WorkbookError("Arbetsbokens dolda blad är skadat.") from None
    return rows


def review(round_: Round, data: bytes, *, by: Any) -> Review:
    """What storing the workbook would do (see the module's docstring); reads, never writes."""
    wb = _open(data)
    listed = _rows_of(wb, round_)
    role = role_in(by, round_.organisation) if by is not None else None
    sheets = {s.title: s for s in sheets_of(round_)}
    targets = {
        t.pk: t for t in Target.objects.filter(plan_id=round_.plan_id).select_related("indicator", "goal")
    }
    outcomes = {o.target_id: o for o in Outcome.objects.filter(round=round_)}
    result = Review()
    seen: set[int] = set()
    for sheet_title, row, target_id, version in listed:
        target = targets.get(target_id)
        sheet = sheets.get(sheet_title)
        if target is None or sheet is None or sheet_title not in wb.sheetnames or target_id in seen:
            result.refusals.append(Refusal(sheet_title, f"A{row}", "Raden finns inte längre i planen."))
            continue
        seen.add(target_id)
        ws = wb[sheet_title]
        ind = target.indicator
        stored = outcomes.get(target_id)
        new: dict[str, Any] = {}
        bad = False
        for name, col in ENTRY.items():
            if name in ("women", "men") and not ind.gender_split:
                new[name] = getattr(stored, name) if stored else None
                continue
            raw = ws.cell(row, col).value
            if name == "comment":
                new[name] = "" if raw is None else str(raw).strip()
                continue
            value = _cell_number(raw)
            if isinstance(value, str):
                cell = f"{get_column_letter(col)}{row}"
                result.refusals.append(
                    Refusal(sheet_title, cell, f"{LABELS[name].capitalize()}: ”{value}” är inget tal.")
                )
                bad = True
            else:
                new[name] = value
        if bad:
            continue
        changes = [
            Change(name, getattr(stored, name) if stored else ("" if name == "comment" else None), new[name])
            for name in ENTRY
            if not _same(getattr(stored, name) if stored else None, new[name])
        ]
        if not changes:
            result.unchanged += 1
            continue
        if not _may_edit(by, role, round_, sheet, target):
            result.refusals.append(
                Refusal(sheet_title, f"F{row}", f"{ind.name}: raden är inte din att ändra just nu.")
            )
            continue
        if stored_version(stored) != version:
            result.conflicts.append(RowConflict(sheet_title, row, target, stored, changes))
            continue
        verdict = validate_outcome(
            OutcomeValues(new["total"], new["men"], new["women"], new["forecast"]),
            unit=ind.unit,
            gender_split=ind.gender_split,
            scale=ind.scale,
        )
        if not verdict.ok:
            for name, messages in verdict.errors.items():
                cell = f"{get_column_letter(ENTRY.get(name, 6))}{row}"
                for message in messages:
                    result.refusals.append(Refusal(sheet_title, cell, f"{ind.name}: {message}."))
            continue
        values = OutcomeInput(
            total=new["total"],
            men=new["men"],
            women=new["women"],
            forecast=new["forecast"],
            window_start=stored.window_start if stored else None,
            window_end=stored.window_end if stored else None,
            comment=new["comment"],
        )
        result.rows.append(RowChange(sheet_title, row, target, version, values, changes))
    _review_economy(wb, round_, by=by, role=role, result=result)
    return result


def _economy_rows(wb: Any) -> list[tuple[str, int, int, int]]:
    if ECONOMY_META not in wb.sheetnames:
        return []  # a part's workbook, or one made before the economy sheet
    rows = []
    for values in wb[ECONOMY_META].iter_rows(min_row=2, values_only=True):
        sheet, row, area_id, version = (list(values) + [None] * 4)[:4]
        if sheet is None:
            continue
        try:
            rows.append((str(sheet), int(str(row)), int(str(area_id)), int(str(version))))
        except ValueError:
            raise WorkbookError("Arbetsbokens dolda blad är skadat.") from None
    return rows


def _review_economy(wb: Any, round_: Round, *, by: Any, role: Role | None, result: Review) -> None:
    """The economy sheet's forecasts against what is stored: changes, conflicts and refusals, as the
    indicator rows'. The nets and the deviation are formulas and never read."""
    listed = _economy_rows(wb)
    if not listed:
        return
    areas = {a.pk: a for a in BudgetArea.objects.filter(plan_id=round_.plan_id)}
    stored_rows = {f.area_id: f for f in AreaForecast.objects.filter(round=round_)}
    seen: set[int] = set()
    for sheet_title, row, area_id, version in listed:
        area = areas.get(area_id)
        if area is None or sheet_title not in wb.sheetnames or area_id in seen:
            result.refusals.append(Refusal(sheet_title, f"A{row}", "Området finns inte längre i planen."))
            continue
        seen.add(area_id)
        ws = wb[sheet_title]
        stored = stored_rows.get(area_id)
        new: dict[str, Any] = {}
        bad = False
        for name in ("costs", "revenues"):
            col = ECONOMY_ENTRY[name]
            cell = f"{get_column_letter(col)}{row}"
            value = _cell_number(ws.cell(row, col).value)
            problem = (
                f"”{value}” är inget tal."
                if isinstance(value, str)
                else None
                if value is None
                else number_problem(value, MONEY, LABELS[name].capitalize())
                or (costs_problem(value) if name == "costs" else revenues_problem(value))
            )
            if problem:
                result.refusals.append(Refusal(sheet_title, cell, f"{area.name}: {problem}"))
                bad = True
            new[name] = value
        raw = ws.cell(row, ECONOMY_ENTRY["commentary"]).value
        new["commentary"] = "" if raw is None else str(raw).strip()
        if bad:
            continue
        old = {
            "costs": stored.costs if stored else None,
            "revenues": stored.revenues if stored else None,
            "commentary": stored.commentary if stored else area.commentary,
        }
        changes = [
            Change(name, old[name], new[name]) for name in ECONOMY_ENTRY if not _same(old[name], new[name])
        ]
        if not changes:
            result.unchanged += 1
            continue
        if not _may_edit_economy(by, role, round_):
            result.refusals.append(
                Refusal(sheet_title, f"E{row}", f"{area.name}: bara en controller ändrar prognosen.")
            )
            continue
        if stored_version(stored) != version:
            result.conflicts.append(RowConflict(sheet_title, row, None, stored, changes, area=area))
            continue
        if new["costs"] is None or new["revenues"] is None:
            result.refusals.append(
                Refusal(
                    sheet_title, f"E{row}", f"{area.name}: fyll i både prognosens kostnader och intäkter."
                )
            )
            continue
        reason = text_refusal(new["commentary"], multiline=True)
        if reason is not None:
            result.refusals.append(Refusal(sheet_title, f"I{row}", f"{area.name}: kommentaren: {reason}"))
            continue
        values = AreaValues(new["costs"], new["revenues"], new["commentary"])
        result.rows.append(RowChange(sheet_title, row, None, version, values, changes, area=area))


class NotStored(Exception):
    """The workbook could not be stored; nothing was. `review` says why."""

    def __init__(self, review: Review):
        self.review = review
        super().__init__("Arbetsboken sparades inte.")


def store(round_: Round, data: bytes, *, by: Any) -> Review:
    """Store every change of the workbook in one transaction, or nothing (NotStored with the review)."""
    result = review(round_, data, by=by)
    if not result.can_store:
        raise NotStored(result)
    try:
        with transaction.atomic():
            for row in result.rows:
                if isinstance(row.values, AreaValues):
                    assert row.area is not None
                    save_area_forecast(
                        round_,
                        row.area,
                        costs=row.values.costs,
                        revenues=row.values.revenues,
                        commentary=row.values.commentary,
                        by=by,
                        expected_version=row.version,
                    )
                else:
                    assert row.target is not None
                    save_outcome(round_, row.target, row.values, by=by, expected_version=row.version)
    except (Conflict, Invalid):
        raise NotStored(review(round_, data, by=by)) from None
    return result
