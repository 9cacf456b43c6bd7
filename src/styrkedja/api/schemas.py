"""What the API reads and writes. Numbers are exact decimals, written as JSON strings ("72.5") so no
client rounds them through a float; dates are ISO 8601. Every row people change carries its `version`:
a write names the version it read (0 for a row not stored yet) and is refused with 409 when the stored
row has moved on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import AfterValidator, model_validator

from styrkedja.lib.text import refusal
from styrkedja.lib.vocabulary import (
    ActivityKind,
    ActivityStatus,
    DecisionKind,
    Direction,
    ImportKind,
    IndicatorTable,
    KfTargetMode,
    OrganisationKind,
    PartStatus,
    Periodicity,
    PlanStatus,
    Role,
    RoundStatus,
    Source,
    TokenScope,
    Unit,
)

#: A stored value: 14 digits, 4 decimals (the models' DecimalField).
Value = Annotated[Decimal, Field(max_digits=14, decimal_places=4, allow_inf_nan=False)]
#: Money in mnkr: one decimal.
Money = Annotated[Decimal, Field(max_digits=14, decimal_places=1, allow_inf_nan=False)]


def _text(text: str) -> str:
    """Text as every way in takes it (lib/text.py): any script and emoji, no control characters …"""
    reason = refusal(text, multiline=True)
    if reason is not None:
        raise ValueError(reason)
    return text


def _line(text: str) -> str:
    reason = refusal(text, multiline=False)
    if reason is not None:
        raise ValueError(reason)
    return text


Text = Annotated[str, Field(max_length=20000), AfterValidator(_text)]
Line = Annotated[str, AfterValidator(_line)]
Version = Annotated[int, Field(ge=0, le=2**31 - 1, description="Versionen du läste (0 för en ny rad).")]


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """A page of a list: the total count, the window asked for, the items."""
    return type(
        name,
        (Schema,),
        {
            "__annotations__": {"count": int, "limit": int, "offset": int, "items": list[item]},  # type: ignore[valid-type]
            "__module__": __name__,
        },
    )


# --- Organisations ------------------------------------------------------------------------------------


class OrganisationOut(Schema):
    code: str
    name: str
    kind: OrganisationKind
    parent: str | None = Field(None, description="Koden för organisationen ovanför.")
    role: Role | None = Field(None, description="Din roll här.")


OrganisationPage = page_of(OrganisationOut, "OrganisationPage")


# --- Plans --------------------------------------------------------------------------------------------


class PlanSummary(Schema):
    id: int
    organisation: str
    year: int
    title: str
    status: PlanStatus
    version: int


PlanPage = page_of(PlanSummary, "PlanPage")


class GoalOut(Schema):
    id: int
    parent_id: int | None
    level: str  # a goal level's key in the organisation's profile
    number: str
    title: str
    description: str
    comment: str
    expected_results: list[str]
    version: int


class IndicatorOut(Schema):
    id: int
    series_id: int
    name: str
    unit: Unit
    direction: Direction
    periodicity: Periodicity
    gender_split: bool
    decimals: int
    kolada_kpi: str
    definition: str
    scale_min: Decimal | None
    scale_max: Decimal | None
    version: int


class TargetOut(Schema):
    id: int
    goal_id: int
    indicator_id: int
    table: IndicatorTable
    value: Decimal | None
    band: Decimal | None
    kf_mode: KfTargetMode
    kf_value: Decimal | None
    version: int


class ActivityOut(Schema):
    id: int
    goal_id: int
    title: str
    start: dt.date | None
    end: dt.date | None
    kind: ActivityKind
    version: int


class BudgetVersionOut(Schema):
    code: str
    label: str
    kind: str
    year: int


class AreaBudgetOut(Schema):
    id: int
    name: str
    costs: dict[str, Decimal]
    revenues: dict[str, Decimal]
    net: dict[str, Decimal]
    version: int


class RequirementOut(Schema):
    id: int
    label: str
    amounts: dict[str, Decimal]
    version: int


class BudgetOut(Schema):
    versions: list[BudgetVersionOut]
    areas: list[AreaBudgetOut]
    revenue_requirement: list[RequirementOut]
    total_costs: dict[str, Decimal]
    total_revenues: dict[str, Decimal]
    total_net: dict[str, Decimal]


class PlanOut(PlanSummary):
    introduction: str
    goals: list[GoalOut]
    indicators: list[IndicatorOut]
    targets: list[TargetOut]
    activities: list[ActivityOut]
    budget: BudgetOut


class GoalIn(Schema):
    version: Version
    title: Annotated[Line, Field(min_length=1, max_length=500)] | None = None
    description: Text | None = None
    comment: Text | None = None
    expected_results: list[Annotated[Line, Field(min_length=1, max_length=2000)]] | None = None


class TargetIn(Schema):
    """A target's values (the indicator's definition is changed on the web's indicator page)."""

    version: Version
    table: IndicatorTable | None = None
    value: Value | None = None
    band: Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=4, allow_inf_nan=False)] | None = None
    kf_mode: KfTargetMode | None = None
    kf_value: Value | None = None

    @model_validator(mode="after")
    def _kf(self) -> TargetIn:
        if self.kf_mode == KfTargetMode.VALUE and self.kf_value is None:
            raise ValueError("kf_value: KF:s årsmål (värde) krävs när kf_mode är value")
        if self.kf_mode is not None and self.kf_mode != KfTargetMode.VALUE and self.kf_value is not None:
            raise ValueError("kf_value: ett värde för KF:s årsmål hör bara till kf_mode value")
        return self


class ActivityIn(Schema):
    version: Version
    title: Annotated[Line, Field(min_length=1, max_length=5000)] | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    kind: ActivityKind | None = None

    @model_validator(mode="after")
    def _dates(self) -> ActivityIn:
        if self.start and self.end and self.end < self.start:
            raise ValueError("end: slutdatum ligger före startdatum")
        return self


# --- Rounds -------------------------------------------------------------------------------------------


class PartOut(Schema):
    id: int
    title: str
    goal_id: int | None
    goal_number: str | None
    status: PartStatus
    assignee: str | None
    version: int


class RoundSummary(Schema):
    id: int
    organisation: str
    plan_id: int
    period: str
    status: RoundStatus
    deadline: dt.date | None
    version: int


RoundPage = page_of(RoundSummary, "RoundPage")


class RoundOut(RoundSummary):
    parts: list[PartOut]


class PartDetail(PartOut):
    round_id: int
    goal_ids: list[int] = Field(description="Målen delen omfattar (nämndmålet, målen under och ovanför).")
    own_goal_ids: list[int] = Field(description="Målen vars rader delen själv fyller i.")


class OutcomeOut(Schema):
    target_id: int
    goal_id: int
    indicator: str
    unit: Unit
    gender_split: bool
    target: Decimal | None
    total: Decimal | None
    women: Decimal | None
    men: Decimal | None
    forecast: Decimal | None
    window_start: dt.date | None
    window_end: dt.date | None
    comment: str
    source: Source
    version: int = Field(description="0 medan inget värde är sparat.")


class OutcomeIn(Schema):
    version: Version
    total: Value | None = None
    women: Value | None = None
    men: Value | None = None
    forecast: Value | None = None
    window_start: dt.date | None = None
    window_end: dt.date | None = None
    comment: Text = ""


class OutcomeSaved(OutcomeOut):
    warnings: list[str]


class AssessmentOut(Schema):
    goal_id: int
    goal_number: str
    value: str | None  # a rating key of the profile's goal scale
    suggested: str | None
    analysis: str
    justification: str
    version: int


class AssessmentIn(Schema):
    version: Version
    value: str | None = None  # a rating key of the profile's goal scale
    analysis: Text = ""
    justification: Text = ""


class ActivityReportOut(Schema):
    activity_id: int
    goal_id: int
    title: str
    status: ActivityStatus | None
    deviation: str
    version: int


class ActivityReportIn(Schema):
    version: Version
    status: ActivityStatus | None = None
    deviation: Text = ""


class AreaForecastOut(Schema):
    area_id: int
    area: str
    budget_costs: Decimal | None
    budget_revenues: Decimal | None
    costs: Decimal | None
    revenues: Decimal | None
    net_deviation: Decimal | None
    commentary: str
    version: int


class AreaForecastIn(Schema):
    version: Version
    costs: Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=1, allow_inf_nan=False)]
    revenues: Annotated[Decimal, Field(le=0, max_digits=14, decimal_places=1, allow_inf_nan=False)]
    commentary: Text = ""


class FindingOut(Schema):
    rule: str
    severity: str
    kind: str
    ref: str
    goal: str
    message: str
    key: str
    overridden: bool
    justification: str | None


class RoundFindings(Schema):
    round_id: int
    counts: dict[str, int]
    blocking: int
    findings: list[FindingOut]


class RollupOut(Schema):
    """A committee's round summed up: the goals by assessment, the indicators by target met, the money."""

    organisation: str
    round_id: int
    period: str
    status: RoundStatus
    goals: int
    assessments: dict[str, int] = Field(description="Antal mål per bedömning (fully, partly, not, none).")
    indicators: int
    indicators_reported: int
    targets_met: int
    targets_not_met: int
    budget_net: Decimal | None
    forecast_net: Decimal | None
    deviation: Decimal | None


class OrganisationRollup(Schema):
    organisation: str
    period: str
    rounds: list[RollupOut]


# --- The workflow -------------------------------------------------------------------------------------


class RoundOpen(Schema):
    organisation: Annotated[str, Field(min_length=1, max_length=40, description="Organisationens kod.")]
    period: Annotated[str, Field(min_length=1, max_length=20, description="2022-T1, 2022-T2 eller 2022.")]
    deadline: dt.date | None = None


class PartStep(Schema):
    version: Version


class PartReturn(PartStep):
    comment: Annotated[Text, Field(min_length=1)]


# --- The cover ----------------------------------------------------------------------------------------


class DecisionOut(Schema):
    number: int
    kind: DecisionKind
    text: str
    amount: Decimal | None = Field(description="Beräknat ur ekonomin (omslutning, budgetjustering), mnkr.")


class CoverOut(Schema):
    round_id: int
    title: str
    addressee: str
    meeting_date: dt.date | None
    agenda_number: str
    summary_analysis: str
    decisions: list[DecisionOut]
    version: int = Field(description="0 medan försättsbladet inte är sparat.")


class CoverIn(Schema):
    version: Version
    title: Annotated[Line, Field(max_length=300)] = ""
    addressee: Annotated[Line, Field(max_length=200)] = ""
    meeting_date: dt.date | None = None
    agenda_number: Annotated[Line, Field(max_length=20)] = ""
    summary_analysis: Text = ""


# --- A round's economy rows ---------------------------------------------------------------------------

Costs = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=1, allow_inf_nan=False)]
Revenues = Annotated[Decimal, Field(le=0, max_digits=14, decimal_places=1, allow_inf_nan=False)]


class TurnoverOut(Schema):
    id: int
    area_id: int
    area: str
    heading: str
    label: str
    costs: Decimal
    revenues: Decimal
    version: int


class TurnoverNew(Schema):
    """An omslutningsförändring: extra costs with equally large revenues (revenues = −costs), mnkr."""

    area_id: int = Field(ge=1, le=2**31 - 1)
    heading: Annotated[Line, Field(max_length=200)] = ""
    label: Annotated[Line, Field(min_length=1, max_length=300)]
    costs: Costs
    revenues: Revenues

    @model_validator(mode="after")
    def _balanced(self) -> TurnoverNew:
        if self.costs + self.revenues != 0:
            raise ValueError(
                "revenues: en omslutningsförändring har lika stora intäkter som kostnader, med motsatt tecken"
            )
        return self


class TurnoverIn(TurnoverNew):
    version: Version


class AdjustmentOut(Schema):
    id: int
    amount: Decimal
    reason: str
    from_amount: Decimal | None
    to_amount: Decimal | None
    area_id: int | None
    version: int


class AdjustmentNew(Schema):
    amount: Money
    reason: Annotated[Text, Field(min_length=1)]
    from_amount: Money | None = None
    to_amount: Money | None = None
    area_id: int | None = Field(None, ge=1, le=2**31 - 1)


class AdjustmentIn(AdjustmentNew):
    version: Version


class RequirementForecastOut(Schema):
    line_id: int
    label: str
    budget: Decimal | None = Field(description="Nämndbudgetens belopp, mnkr.")
    forecast: Decimal | None
    version: int = Field(description="0 medan ingen prognos är sparad.")


class RequirementForecastIn(Schema):
    version: Version
    forecast: Money | None = Field(None, description="Prognosen, mnkr; null tar bort den.")


# --- Tokens -------------------------------------------------------------------------------------------


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    scope: TokenScope
    created: dt.datetime
    expires: dt.datetime
    last_used: dt.datetime | None
    revoked: dt.datetime | None


class TokenNew(Schema):
    name: Annotated[Line, Field(min_length=1, max_length=100)]
    scope: TokenScope = TokenScope.READ
    days: int = Field(90, ge=1, le=366)


class TokenCreated(TokenOut):
    token: str = Field(description="Nyckeln själv; visas bara nu, bara dess SHA-256 sparas.")


# --- Excel and tables ---------------------------------------------------------------------------------


class ChangeOut(Schema):
    field: str
    old: Any = None
    new: Any = None


class WorkbookRow(Schema):
    """A row of the workbook: an indicator's (`target_id`) or, on the economy sheet, an area's (`area_id`)."""

    sheet: str
    row: int
    target_id: int | None
    area_id: int | None
    name: str = Field(description="Indikatorns eller verksamhetsområdets namn.")
    changes: list[ChangeOut]


class RefusalOut(Schema):
    sheet: str
    cell: str
    message: str


class WorkbookReview(Schema):
    upload_id: int
    round_id: int
    status: str
    changes: list[WorkbookRow]
    conflicts: list[WorkbookRow] = Field(description="Rader som någon annan har sparat sedan hämtningen.")
    refusals: list[RefusalOut]
    unchanged: int
    can_store: bool
    stored: int


class MappingOut(Schema):
    name: str
    kind: ImportKind
    columns: dict[str, str]
    options: dict[str, Any]


class PlannedRow(Schema):
    line: int
    what: str
    period: str
    old: dict[str, Decimal | None]
    new: dict[str, Decimal | None]
    note: str


class SkippedRow(Schema):
    line: int
    reason: str


class TableImportOut(Schema):
    mapping: str
    kind: ImportKind
    dry_run: bool
    rows: list[PlannedRow]
    skipped: list[SkippedRow]
    unchanged: int
    stored: int
    sha256: str


# --- Kolada -------------------------------------------------------------------------------------------


class KpiOut(Schema):
    id: str
    title: str
    operating_area: str
    gender_split: bool


class KoladaSynced(Schema):
    kpi: str
    areas: list[str]
    values: int = Field(description="Värden hämtade från Kolada.")
    series_changed: int = Field(description="Värden i indikatorernas serier som ändrades.")


def dump(value: Any) -> Any:
    """A schema's data for a problem's `current`."""
    return value.model_dump(mode="json") if isinstance(value, Schema) else value
