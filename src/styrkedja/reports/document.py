"""The report as plain data: what the renderers (HTML, PDF, DOCX) and the consistency checks both read,
so that a check and a report can never disagree about a number. No Django here.

A document carries its kind (`styrkedja.reports.kinds`): the verksamhetsplan, the tertialrapport, the
verksamhetsberättelse …; what it prints and how it is worded is asked of the kind. Computed values (nets,
deviations, totals, whether a target is met) are properties, derived from the inputs held here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

# The economy tables' arithmetic is lib/money.py's; the document names its row type and sum for its readers.
from styrkedja.lib.money import ZERO as ZERO
from styrkedja.lib.money import Amounts as Amounts
from styrkedja.lib.money import net, volume_money
from styrkedja.lib.money import total as total
from styrkedja.lib.periods import measured_in
from styrkedja.lib.targets import target_met
from styrkedja.profiles import Profile, stockholm
from styrkedja.reports.city import CityRollup
from styrkedja.reports.kinds.kind import Kind


@dataclass
class HistoryPoint:
    """An earlier outcome of the same indicator (a full year, the same part of an earlier year, or the
    current period last)."""

    label: str
    total: Decimal | None
    men: Decimal | None = None
    women: Decimal | None = None
    target: Decimal | None = None
    imported: bool = False  # a value of the indicator's series outside any round
    period: str = ""  # the period's code ("2020", "2020-T1"); empty: read from the label


@dataclass
class ComparisonRow:
    """A value to compare with (Riket, similar municipalities …), its period and source."""

    label: str
    value: Decimal
    period: str = ""
    source: str = ""


@dataclass
class ComparisonPoint:
    """One area's value of an indicator's Kolada KPI: Riket, the own municipality or a peer."""

    label: str
    value: Decimal | None
    status: str = ""


@dataclass
class IndicatorRow:
    name: str
    unit: str
    direction: str
    periodicity: str
    gender_split: bool
    decimals: int
    table: str  # "council" | "committee"
    target: Decimal | None = None
    band: Decimal | None = None
    kf_mode: str = "none"
    kf_target: Decimal | None = None
    kolada_kpi: str = ""
    code: str = ""  # the indicator's code as the municipality prints it
    target_year: int | None = None  # the year a multi-year target is to be reached
    first_year: int | None = None  # every_other_year: a year it is measured (and every second from it)
    unit_suffix: str | None = None  # the profile's suffix of the unit, when it has its own
    comparisons: list[ComparisonRow] = field(default_factory=list)
    # follow-up
    total: Decimal | None = None
    men: Decimal | None = None
    women: Decimal | None = None
    previous: Decimal | None = None
    forecast: Decimal | None = None
    period_label: str = ""
    window_start: dt.date | None = None
    window_end: dt.date | None = None
    comment: str = ""
    source: str = ""
    provenance: dict[str, str] = field(default_factory=dict)
    as_printed: dict[str, str] = field(default_factory=dict)
    history: list[HistoryPoint] = field(default_factory=list)
    # Kolada's values for the same KPI (Riket, the own municipality, its peers) and their year.
    comparison: list[ComparisonPoint] = field(default_factory=list)
    comparison_year: int | None = None
    data_period: str = ""  # the period the value measures when the statistics are older than the report's
    rating: str = ""  # the indicator's rating as given (a key of the profile's indicator scale)
    suggested_rating: str | None = None  # the profile's rule's suggestion

    def measured_in(self, year: int) -> bool:
        """Whether a value of the year is expected (an indicator measured every other year: in its years)."""
        return self.periodicity != "every_other_year" or measured_in(year, self.first_year)

    def met(self, final: bool) -> bool | None:
        """Whether the forecast (T1/T2) or the outcome (VB) meets the target, by direction."""
        return target_met(self.total if final else self.forecast, self.target, self.direction, self.band)


@dataclass
class ActivityRow:
    title: str
    start: dt.date | None
    end: dt.date | None
    kind: str  # "council_assignment" | "committee"
    status: str = ""
    deviation: str = ""


@dataclass
class ExpectedResultRow:
    text: str
    quantified: bool = False


@dataclass
class Reason:
    kind: str
    label: str
    met: Decimal
    reason: str


@dataclass
class GoalSection:
    level: str
    number: str
    title: str
    description: str = ""
    expected_results: list[ExpectedResultRow] = field(default_factory=list)
    comment: str = ""
    indicators: list[IndicatorRow] = field(default_factory=list)
    activities: list[ActivityRow] = field(default_factory=list)
    children: list[GoalSection] = field(default_factory=list)
    # follow-up
    assessment: str = ""  # "fully" | "partly" | "not" | ""
    analysis: str = ""
    justification: str = ""
    suggested_when_saved: str = ""  # the suggestion the assessment and its justification answered
    suggested: str | None = None
    suggested_share: Decimal | None = None
    reasons: list[Reason] = field(default_factory=list)

    def walk(self) -> list[GoalSection]:
        out = [self]
        for child in self.children:
            out.extend(child.walk())
        return out


@dataclass
class AreaEconomy:
    name: str
    names_as_printed: list[str]
    costs: Amounts
    revenues: Amounts
    last_year_net: Decimal | None = None
    commentary: str = ""
    # plan documents: one (costs, revenues) pair per budget version code
    by_version: dict[str, tuple[Decimal, Decimal]] = field(default_factory=dict)
    # follow-up documents imported from print: the row's cells as printed, e.g. {"net/deviation": "0,0"}
    # (keys "costs|revenues|net/budget|forecast|deviation|last_year"), so checks can compare computed sums
    as_printed: dict[str, str] = field(default_factory=dict)

    @property
    def net(self) -> Amounts:
        return net(self.costs, self.revenues, last_year=self.last_year_net)


@dataclass
class TurnoverLine:
    area: str
    heading: str
    subtotal_label: str
    label: str
    costs: Decimal
    revenues: Decimal


@dataclass
class Adjustment:
    amount: Decimal
    reason: str
    from_amount: Decimal | None = None
    to_amount: Decimal | None = None


@dataclass
class Volume:
    area: str
    label: str
    budget_places: Decimal
    forecast_places: Decimal | None = None
    price_per_place: Decimal | None = None
    amount_as_printed: Decimal | None = None

    @property
    def money(self) -> Decimal | None:
        """(forecast − budget) places × price, in mnkr, exact."""
        return volume_money(self.budget_places, self.forecast_places, self.price_per_place)


@dataclass
class Economy:
    versions: list[tuple[str, str]] = field(default_factory=list)  # (code, label); plan documents
    budget_label: str = ""
    areas: list[AreaEconomy] = field(default_factory=list)
    requirement: list[Amounts] = field(default_factory=list)
    requirement_by_version: list[tuple[str, dict[str, Decimal]]] = field(default_factory=list)
    investments: list[Amounts] = field(default_factory=list)
    turnover: list[TurnoverLine] = field(default_factory=list)
    turnover_total_label: str = ""
    adjustments: list[Adjustment] = field(default_factory=list)
    volumes: list[Volume] = field(default_factory=list)
    efficiency_requirement: Decimal | None = None
    summary: str = ""
    requirement_commentary: str = ""

    @property
    def is_empty(self) -> bool:
        """No economy data at all: no area, requirement, investment, volume, turnover, adjustment or text."""
        return not (
            self.areas
            or self.requirement
            or self.requirement_by_version
            or self.investments
            or self.turnover
            or self.adjustments
            or self.volumes
            or self.efficiency_requirement is not None
            or self.summary
            or self.requirement_commentary
        )

    @property
    def costs(self) -> Amounts:
        return total("Kostnader", [a.costs for a in self.areas])

    @property
    def revenues(self) -> Amounts:
        return total("Intäkter", [a.revenues for a in self.areas])

    @property
    def net_excluding_requirement(self) -> Amounts:
        return total("Netto", [a.net for a in self.areas])

    @property
    def requirement_net(self) -> Amounts:
        return total("Netto", self.requirement)

    @property
    def committee_net(self) -> Amounts:
        return total("Netto", [self.net_excluding_requirement, self.requirement_net])

    @property
    def committee_revenues(self) -> Amounts:
        return total("Intäkter", [self.revenues, self.requirement_net])

    @property
    def turnover_costs(self) -> Decimal:
        return sum((t.costs for t in self.turnover), ZERO)

    @property
    def turnover_revenues(self) -> Decimal:
        return sum((t.revenues for t in self.turnover), ZERO)

    def turnover_groups(self) -> list[tuple[str, str, str, list[TurnoverLine]]]:
        """(area, heading, subtotal label, lines) in printed order."""
        groups: list[tuple[str, str, str, list[TurnoverLine]]] = []
        for line in self.turnover:
            if groups and groups[-1][0] == line.area and groups[-1][1] == line.heading:
                groups[-1][3].append(line)
            else:
                groups.append((line.area, line.heading, line.subtotal_label, [line]))
        return groups


@dataclass
class Decision:
    number: int
    kind: str
    text: str
    amount: Decimal | None = None  # computed from the tables for turnover and adjustment decisions
    amount_as_printed: Decimal | None = None


@dataclass
class Cover:
    title: str = ""
    addressee: str = ""
    meeting_date: dt.date | None = None
    agenda_number: str = ""
    case_officers: list[tuple[str, str]] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    attachments: list[tuple[int, str]] = field(default_factory=list)
    summary_analysis: str = ""


@dataclass
class Complaint:
    department: str
    month: int
    category: str
    count: int


@dataclass
class Signature:
    name: str
    title: str
    date: dt.date | None
    signed_as: str = ""  # the digital signature's spelling of the name, when it differs


@dataclass
class ReportDocument:
    kind: Kind
    organisation_code: str
    organisation_name: str
    year: int
    title: str
    period: str = ""  # "2021-T1"; the year for a plan
    period_label: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    introduction: str = ""
    goals: list[GoalSection] = field(default_factory=list)
    economy: Economy = field(default_factory=Economy)
    cover: Cover = field(default_factory=Cover)
    complaints: list[Complaint] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    special_reports: list[tuple[str, str]] = field(default_factory=list)
    locked: bool = False
    # A plan's decisions by the committee (plans/lifecycle.py): the decision's word ("Fastställd",
    # "Reviderad"), its date and its reference, oldest first.
    decisions: list[tuple[str, dt.date, str]] = field(default_factory=list)
    # The municipality's profile: its goal levels, rating scales, rules and units (the kind carries its
    # wording).
    profile: Profile = field(default_factory=stockholm)
    city: CityRollup | None = None  # the city's documents: the roll-up of every committee (reports/city.py)

    def all_goals(self) -> list[GoalSection]:
        out: list[GoalSection] = []
        for goal in self.goals:
            out.extend(goal.walk())
        return out

    @property
    def complaint_total(self) -> int:
        return sum(c.count for c in self.complaints)
