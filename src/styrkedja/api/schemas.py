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
    Direction,
    Fulfilment,
    GoalLevel,
    IndicatorTable,
    KfTargetMode,
    OrganisationKind,
    PartStatus,
    Periodicity,
    PlanStatus,
    Role,
    RoundStatus,
    Source,
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
    level: GoalLevel
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
    value: Fulfilment | None
    suggested: Fulfilment | None
    analysis: str
    justification: str
    version: int


class AssessmentIn(Schema):
    version: Version
    value: Fulfilment | None = None
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


def dump(value: Any) -> Any:
    """A schema's data for a problem's `current`."""
    return value.model_dump(mode="json") if isinstance(value, Schema) else value
