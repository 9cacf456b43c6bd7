"""The plan file: a whole verksamhetsplan as plain, validated data.

One schema serves three doors: YAML plan files (`plan import`), the JSON export (`plan export`), and the
document importer, which turns the text of a printed plan into this same structure. The format is
documented in docs/plan-format.md; field names here are the contract.

Amounts are mnkr as Decimal. Sums, nets and subtotals are never part of the file: they are computed.
Every number and text is checked by the rules of lib/validation.py through the field types of
planfiles/fields.py: lengths as the database holds them, finite numbers that fit their field, signs, units.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)

from styrkedja.lib.text import refusal
from styrkedja.lib.validation import LENGTH, PERIOD_CODE, first_year_problem, target_problem
from styrkedja.lib.vocabulary import (
    ActivityKind,
    Aggregation,
    Direction,
    KfTargetMode,
    OrganisationKind,
    Periodicity,
    PlanDecisionKind,
    PlanStatus,
    Unit,
)
from styrkedja.planfiles.fields import (
    Band,
    Costs,
    Money,
    Places,
    Price,
    Requirement,
    Revenues,
    Value,
    refuse,
    text,
)

FORMAT = "styrkedja.plan/1"


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    #: Fields the format gained after its first version: written only when they hold something, so that a
    #: file without them is exported as it was imported.
    added_fields: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="after")
    @classmethod
    def _text(cls, value: Any) -> Any:
        """Every string of every field is text by the input rule (lib/text.py); a file's texts may hold
        line breaks and tabs. A nested model checks its own fields."""
        for string in _strings(value):
            reason = refusal(string)
            if reason is not None:
                raise ValueError(reason)
        return value

    @model_serializer(mode="wrap")
    def _without_empty_additions(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if self.added_fields and isinstance(data, dict):
            for name in self.added_fields:
                if name in data and getattr(self, name) == type(self).model_fields[name].get_default(
                    call_default_factory=True
                ):
                    del data[name]
        return data


#: The committees responsible for a council goal, indicator or assignment: their codes, or `all`.
Responsible = list[str] | Literal["all"] | None


#: A period code: `2020`, `2021-T1`, `2021-H1`, `2021-Q3`, `2021-03`.
PeriodCode = Annotated[str, Field(pattern=PERIOD_CODE)]


class OrganisationRef(Strict):
    code: str = Field(
        min_length=1, max_length=LENGTH["organisations.Organisation.code"], pattern=r"^[a-z0-9][a-z0-9_-]*$"
    )
    name: str = text("organisations.Organisation.name", default=..., min_length=1)
    kind: OrganisationKind = OrganisationKind.COMMITTEE
    parent: OrganisationRef | None = None

    def codes(self) -> list[str]:
        """This organisation's code and those above it, nearest first: where its profile is looked up."""
        codes: list[str] = []
        ref: OrganisationRef | None = self
        while ref is not None:
            codes.append(ref.code)
            ref = ref.parent
        return codes


class SeriesPoint(Strict):
    """An earlier value of an indicator, outside any follow-up round (e.g. imported statistics)."""

    period: PeriodCode
    total: Value | None = None
    men: Value | None = None
    women: Value | None = None


class Comparison(Strict):
    """A value to compare with, e.g. Riket or similar municipalities, with its period and source."""

    label: str = text("plans.ComparisonValue.label", default=..., min_length=1)
    value: Value
    period: PeriodCode | None = None
    source: str = text("plans.ComparisonValue.source")  # e.g. Kolada, SCB


class Indicator(Strict):
    """An indicator row of a goal's table, with its definition and this year's targets.

    In a committee's plan a row may stand for one of the council's indicators (`council_indicator`: its
    name in the council's plan): its definition is then the council's and may be left out. In the
    council's plan a row names the committees `responsible` and how its city value is computed
    (`aggregation`)."""

    added_fields = frozenset(
        {
            "code",
            "target_year",
            "first_year",
            "series",
            "comparison",
            "unit",
            "periodicity",
            "council_indicator",
            "responsible",
            "aggregation",
        }
    )

    name: str = text("plans.Indicator.name")
    code: str = text("plans.Indicator.code")  # the indicator's code as the municipality prints it
    unit: Unit | None = None
    direction: Direction = Direction.HIGHER
    periodicity: Periodicity | None = None
    first_year: int | None = Field(
        default=None,
        ge=1990,
        le=2100,
        description="periodicity every_other_year: a year it is measured (then every second year from it)",
    )
    gender_split: bool = False
    decimals: int = Field(default=0, ge=0, le=4)
    kolada_kpi: str | None = Field(default=None, pattern=r"^[A-Z][0-9]{5}$")
    definition: str = ""
    scale: tuple[Value, Value] | None = Field(default=None, description="lowest and highest value of a scale")
    target: Value | None = None
    band: Band | None = Field(default=None, description="± tolerance for direction=band")
    kf_target: Value | None = None
    kf_target_mode: KfTargetMode = KfTargetMode.NONE
    target_year: int | None = Field(
        default=None, ge=1990, le=2100, description="the year a multi-year target is to be reached"
    )
    table: Literal["council", "committee"] = "committee"
    as_printed: dict[str, str] = Field(default_factory=dict)
    series: list[SeriesPoint] = Field(default_factory=list, description="earlier values outside any round")
    comparison: list[Comparison] = Field(default_factory=list)
    council_indicator: str | None = Field(
        default=None, min_length=1, max_length=LENGTH["plans.Indicator.name"]
    )
    responsible: Responsible = None
    aggregation: Aggregation | None = None

    @model_validator(mode="after")
    def _definition_or_reference(self) -> Indicator:
        if self.council_indicator is None:
            missing = [f for f in ("name", "unit", "periodicity") if not getattr(self, f)]
            if missing:
                raise ValueError(
                    f"{', '.join(missing)} missing: an indicator needs them unless it names a council_indicator"
                )
        elif not self.name:
            self.name = self.council_indicator
        return self

    @field_validator("target", "kf_target")
    @classmethod
    def _target_fits_unit(cls, value: Value | None, info: ValidationInfo) -> Value | None:
        """A share within 0–100, a whole count, months not negative, a value on the scale: the rule of
        lib/validation.py, as the indicator form applies it."""
        if value is not None and info.data.get("unit") is not None:
            scale = info.data.get("scale")
            if scale is not None and not scale[0] < scale[1]:
                scale = None  # the model validator refuses the scale itself
            council = info.field_name == "kf_target"
            problem = target_problem(value, info.data["unit"].value, scale=scale, council=council)
            if problem:
                refuse(problem)
        return value

    @model_validator(mode="after")
    def _targets_agree_with_mode(self) -> Indicator:
        if self.kf_target_mode is KfTargetMode.VALUE and self.kf_target is None:
            raise ValueError("kf_target_mode is 'value' but kf_target is missing")
        if self.kf_target_mode is not KfTargetMode.VALUE and self.kf_target is not None:
            raise ValueError(f"kf_target is given but kf_target_mode is '{self.kf_target_mode}'")
        if self.scale is not None:
            low, high = self.scale
            if not low < high:
                raise ValueError(f"scale {low}–{high}: the lowest value must be below the highest")
        if self.direction is Direction.BAND and self.band is None:
            raise ValueError("direction 'band' needs a band (the ± tolerance)")
        problem = first_year_problem(self.periodicity.value if self.periodicity else "", self.first_year)
        if problem:
            raise ValueError(problem)
        return self


class Activity(Strict):
    """An activity row. Odd dates (end before start) are kept: the consistency checks report them. In the
    council's plan an assignment (KF-uppdrag, kind `council_assignment`) names the committees
    `responsible` for it."""

    added_fields = frozenset({"responsible"})

    title: str = Field(min_length=1, max_length=1000)
    start: dt.date | None = None
    end: dt.date | None = None
    kind: ActivityKind = ActivityKind.COMMITTEE
    responsible: Responsible = None


class Goal(Strict):
    """A goal. In a committee's plan a goal of the council's levels may stand for the council's goal
    (`council_goal`: its number there), whose title and description are then the council's and may be
    left out. In the council's plan a goal names the committees `responsible` (all when left out)."""

    added_fields = frozenset({"council_goal", "responsible"})

    # A level key of the municipality's profile, a number as its goal_numbers allows (planfiles/profile_check.py).
    level: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=LENGTH["plans.Goal.level"])
    number: str = Field(min_length=1, max_length=LENGTH["plans.Goal.number"])  # as the database
    title: str = text("plans.Goal.title")
    description: str = ""
    expected_results: list[str] = Field(default_factory=list)
    comment: str = ""
    indicators: list[Indicator] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    goals: list[Goal] = Field(default_factory=list)
    council_goal: str | None = Field(default=None, min_length=1, max_length=LENGTH["plans.Goal.number"])
    responsible: Responsible = None

    @model_validator(mode="after")
    def _title_or_reference(self) -> Goal:
        if not self.title and self.council_goal is None:
            raise ValueError(
                f"goal {self.number} has no title (a title is needed unless it names a council_goal)"
            )
        return self

    @model_validator(mode="after")
    def _indicators_once(self) -> Goal:
        names: set[str] = set()
        for indicator in self.indicators:
            if indicator.name in names:
                raise ValueError(f"goal {self.number} has the indicator '{indicator.name}' twice")
            names.add(indicator.name)
        return self


class BudgetVersion(Strict):
    """A column of the economy tables: VP of the year, VP of last year, adjusted VP of last year, …"""

    code: str = Field(pattern=r"^[a-z0-9_]+$", max_length=LENGTH["budget.BudgetVersion.code"])
    label: str = text("budget.BudgetVersion.label", default=...)
    kind: Literal["proposed", "adopted", "previous", "adjusted_previous", "adjusted", "forecast", "outcome"]
    year: int = Field(ge=1990, le=2100)


class AreaAmounts(Strict):
    """Costs printed positive, revenues negative."""

    costs: Costs
    revenues: Revenues


class BudgetArea(Strict):
    """A verksamhetsområde with its cost and revenue budget per version (keyed by version code)."""

    name: str = text("budget.BudgetArea.name", default=..., min_length=1)
    short_name: str = text("budget.BudgetArea.short_name")
    names_as_printed: list[str] = Field(default_factory=list)
    amounts: dict[str, AreaAmounts]
    commentary: str = Field("", description="the text on the area's budget, in the document's order")


class RevenueRequirementLine(Strict):
    """A line of the intäktskrav block: a state grant the committee must claim, per version."""

    label: str = text("budget.RevenueRequirementLine.label", default=...)
    amounts: dict[str, Requirement]


class TurnoverRow(Strict):
    label: str = text("budget.TurnoverRow.label", default=...)
    costs: Money
    revenues: Money


class TurnoverGroup(Strict):
    """The omslutning rows of one area. `area` names a BudgetArea."""

    area: str = text("budget.BudgetArea.name", default=..., min_length=1)
    heading: str = text("budget.TurnoverGroup.heading")
    subtotal_label: str = text("budget.TurnoverGroup.subtotal_label")
    rows: list[TurnoverRow]


class PerformanceVolume(Strict):
    area: str = text("budget.BudgetArea.name", default=..., min_length=1)
    label: str = text("budget.PerformanceVolume.label", default=...)
    budget_places: Places
    price_per_place: Price | None = Field(default=None, description="kr per full-year place")


class Investment(Strict):
    label: str = text("budget.Investment.label", default=...)
    amount: Money


class BudgetAdjustment(Strict):
    amount: Money
    reason: str
    from_area: str = ""
    to_area: str = ""


class CommitteeFrame(Strict):
    """In the council's plan: a committee's net frame (kommunbidrag / nettoram) and the equity (resultatfond
    / eget kapital) it carries into the year, mnkr."""

    committee: str = Field(min_length=1, max_length=LENGTH["organisations.Organisation.code"])
    net_frame: Money
    equity_in: Money | None = None


class InvestmentFrame(Strict):
    """In the council's plan: a committee's investment budget for an area or project: the year's, and the
    whole project's over several years."""

    committee: str = Field(min_length=1, max_length=LENGTH["organisations.Organisation.code"])
    area: str = Field(min_length=1, max_length=200)
    budget: Money
    project_budget: Money | None = None


class Budget(Strict):
    added_fields = frozenset({"frames", "investment_frames"})

    versions: list[BudgetVersion] = Field(default_factory=list)
    areas: list[BudgetArea] = Field(default_factory=list)
    revenue_requirement: list[RevenueRequirementLine] = Field(default_factory=list)
    turnover: list[TurnoverGroup] = Field(default_factory=list)
    turnover_total_label: str = text("budget.PlanEconomy.turnover_total_label")
    investments: list[Investment] = Field(default_factory=list)
    adjustments: list[BudgetAdjustment] = Field(default_factory=list)
    performance_volumes: list[PerformanceVolume] = Field(default_factory=list)
    efficiency_requirement: Money | None = None
    frames: list[CommitteeFrame] = Field(default_factory=list)
    investment_frames: list[InvestmentFrame] = Field(default_factory=list)
    summary: str = Field("", description="the text on the whole budget, before the tables")
    requirement_commentary: str = Field("", description="the text on the revenue requirement")
    computed: dict[str, Any] | None = Field(
        default=None, exclude=True, description="derived totals written by export; never read back"
    )

    @model_validator(mode="after")
    def _references(self) -> Budget:
        codes = [v.code for v in self.versions]
        if len(set(codes)) != len(codes):
            raise ValueError(f"budget version codes repeat: {codes}")
        names = [a.name for a in self.areas]
        if len(set(names)) != len(names):
            raise ValueError(f"area names repeat: {names}")
        for area in self.areas:
            unknown = set(area.amounts) - set(codes)
            if unknown:
                raise ValueError(f"area '{area.name}' has amounts for unknown versions {sorted(unknown)}")
        for line in self.revenue_requirement:
            unknown = set(line.amounts) - set(codes)
            if unknown:
                raise ValueError(
                    f"revenue requirement '{line.label}' names unknown versions {sorted(unknown)}"
                )
        known = set(names)
        for ref in [g.area for g in self.turnover] + [p.area for p in self.performance_volumes]:
            if ref not in known:
                raise ValueError(f"area '{ref}' is not one of the budget areas {sorted(known)}")
        for adj in self.adjustments:
            for ref in (adj.from_area, adj.to_area):
                if ref and ref not in known:
                    raise ValueError(f"adjustment names area '{ref}', which is not a budget area")
        committees = [f.committee for f in self.frames]
        if len(set(committees)) != len(committees):
            raise ValueError(
                f"a committee has two frames: {sorted(c for c in committees if committees.count(c) > 1)}"
            )
        return self


class DecisionChange(Strict):
    """One thing a revision changed against the version decided before it: `fields` lists
    `[field, before, after]` of a changed item."""

    section: str
    item: str
    change: Literal["added", "removed", "changed"]
    fields: list[tuple[str, str, str]] = Field(default_factory=list)


class Decision(Strict):
    """The committee's decision on the plan: the adoption (number 1) or a revision (2, 3 …)."""

    number: int = Field(ge=1, le=1000)
    kind: PlanDecisionKind
    decided_on: dt.date
    reference: str = text("plans.PlanDecision.reference", default=..., min_length=1)
    changes: list[DecisionChange] = Field(default_factory=list)


class Committee(Strict):
    """A committee of the municipality, named in the council's plan (created on import when missing)."""

    code: str = Field(
        min_length=1, max_length=LENGTH["organisations.Organisation.code"], pattern=r"^[a-z0-9][a-z0-9_-]*$"
    )
    name: str = text("organisations.Organisation.name", default=..., min_length=1)


class PlanFile(Strict):
    """A committee's verksamhetsplan, or (for an organisation of kind `city`) the council's plan, which
    lists the municipality's `committees` and gives them their frames and responsibilities."""

    added_fields = frozenset({"committees", "status", "decisions"})

    format: Literal["styrkedja.plan/1"] = "styrkedja.plan/1"
    organisation: OrganisationRef
    year: int = Field(ge=1990, le=2100)
    title: str = text("plans.Plan.title")
    status: PlanStatus = PlanStatus.DRAFT
    decisions: list[Decision] = Field(default_factory=list)
    introduction: str = ""
    goals: list[Goal] = Field(default_factory=list)
    budget: Budget = Field(default_factory=Budget)
    committees: list[Committee] = Field(default_factory=list)

    @model_validator(mode="after")
    def _committees_named(self) -> PlanFile:
        """Every committee a frame or a responsibility names is one of `committees`, when they are listed."""
        if not self.committees:
            return self
        known = {c.code for c in self.committees}
        named: list[tuple[str, str]] = [(f.committee, "frame") for f in self.budget.frames]
        named += [(f.committee, "investment frame") for f in self.budget.investment_frames]

        def walk(goals: list[Goal]) -> None:
            for goal in goals:
                things: list[tuple[str, Responsible]] = [(f"goal {goal.number}", goal.responsible)]
                things += [(f"indicator '{i.name}'", i.responsible) for i in goal.indicators]
                things += [(f"assignment '{a.title[:40]}'", a.responsible) for a in goal.activities]
                for what, responsible in things:
                    if isinstance(responsible, list):
                        named.extend((code, what) for code in responsible)
                walk(goal.goals)

        walk(self.goals)
        for code, what in named:
            if code not in known:
                raise ValueError(f"{what} names committee '{code}', which is not one of the committees")
        return self

    @model_validator(mode="after")
    def _life_cycle(self) -> PlanFile:
        """The decisions numbered 1, 2 … in order of date, the first an adoption and the rest revisions;
        the status as they leave it (a draft has none; adopted, revised or under revision has some)."""
        for index, decision in enumerate(self.decisions, start=1):
            if decision.number != index:
                raise ValueError(
                    f"decision {decision.number} should be number {index}: decisions count 1, 2, …"
                )
            expected = PlanDecisionKind.ADOPTED if index == 1 else PlanDecisionKind.REVISED
            if decision.kind != expected:
                raise ValueError(
                    f"decision {index} should be '{expected.value}', not '{decision.kind.value}'"
                )
            if index > 1 and decision.decided_on < self.decisions[index - 2].decided_on:
                raise ValueError(f"decision {index} is dated before decision {index - 1}")
        last = self.decisions[-1].kind if self.decisions else None
        allowed = {
            PlanStatus.DRAFT: last is None,
            PlanStatus.ADOPTED: last == PlanDecisionKind.ADOPTED,
            PlanStatus.REVISED: last == PlanDecisionKind.REVISED,
            PlanStatus.REVISING: last is not None,
        }
        if not allowed[self.status]:
            raise ValueError(
                f"status '{self.status.value}' does not fit the decisions "
                f"({', '.join(d.kind.value for d in self.decisions) or 'none'})"
            )
        return self

    @model_validator(mode="after")
    def _unique_numbers(self) -> PlanFile:
        seen: set[str] = set()

        def walk(goals: list[Goal]) -> None:
            for goal in goals:
                if goal.number in seen:
                    raise ValueError(f"goal number {goal.number} occurs twice")
                seen.add(goal.number)
                walk(goal.goals)

        walk(self.goals)
        return self
