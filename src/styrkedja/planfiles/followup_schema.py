"""The follow-up file: everything structured in a tertialrapport / verksamhetsberättelse, as plain data.

It refers to the plan of its year by goal number, indicator name and activity title. The document
importer produces it (with a PlanFile for the year when no plan exists yet); `followup export` writes the
plan JSON of the year enriched with it. Amounts are mnkr; computed rows (Netto, Summa, Avvikelse) are not
part of the file, only kept `as_printed` where the source printed them, so checks can compare.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import Field

from styrkedja.lib.validation import LARGEST_INTEGER, LARGEST_SMALL_INTEGER, LENGTH
from styrkedja.lib.vocabulary import ActivityStatus
from styrkedja.planfiles.fields import Costs, Money, Places, Price, Revenues, Value, text
from styrkedja.planfiles.schema import OrganisationRef, PeriodCode, Strict

# The omslutning rows of a report are the same as a plan's.
from styrkedja.planfiles.schema import TurnoverGroup as TurnoverGroup
from styrkedja.planfiles.schema import TurnoverRow as TurnoverRow

FORMAT = "styrkedja.followup/1"


RatingKey = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]


class Outcome(Strict):
    """One indicator row of a follow-up table. A share may carry its numerator and denominator, so that
    the city can add committees' shares up."""

    added_fields = frozenset({"rating", "data_period", "numerator", "denominator"})

    goal: str = Field(
        description="number of the goal the row stands under", max_length=LENGTH["plans.Goal.number"]
    )
    indicator: str = Field(description="indicator name as printed", max_length=LENGTH["plans.Indicator.name"])
    total: Value | None = None
    men: Value | None = None
    women: Value | None = None
    previous: Value | None = Field(default=None, description="'Periodens utfall VB Y−1' as printed")
    forecast: Value | None = None
    period_label: str = Field(default="", description="the Period column, e.g. 'Tertial 1 2021'")
    window_start: dt.date | None = None
    window_end: dt.date | None = None
    comment: str = Field(default="", description="the Analys text printed under the row")
    as_printed: dict[str, str] = Field(default_factory=dict)
    rating: RatingKey | None = Field(default=None, description="the indicator's rating, a key of the profile")
    data_period: PeriodCode | None = Field(
        default=None, description="the period the value measures when it is older than the report's"
    )
    numerator: Value | None = Field(default=None, ge=0)
    denominator: Value | None = Field(default=None, gt=0)


class GoalAssessment(Strict):
    goal: str = Field(max_length=LENGTH["plans.Goal.number"])
    assessment: RatingKey | None = Field(default=None, description="a rating key of the profile")
    analysis: str = ""
    justification: str = ""


class ActivityReport(Strict):
    goal: str = Field(max_length=LENGTH["plans.Goal.number"])
    title: str
    start: dt.date | None = None
    end: dt.date | None = None
    status: ActivityStatus | None = None
    deviation: str = ""


class AreaForecast(Strict):
    """Budget and forecast of an area's costs and revenues, with last year's net result."""

    area: str = text("budget.BudgetArea.name", default=..., min_length=1)
    budget_costs: Costs
    budget_revenues: Revenues
    forecast_costs: Costs
    forecast_revenues: Revenues
    last_year_net: Money | None = None
    commentary: str = ""
    as_printed: dict[str, str] = Field(default_factory=dict)


class ForecastLine(Strict):
    """A line with a budget, a forecast and last year's value: an intäktskrav line or an investment."""

    label: str = text("budget.Investment.label", default=..., min_length=1)
    budget: Money
    forecast: Money
    last_year: Money | None = None


RequirementForecast = ForecastLine
InvestmentForecast = ForecastLine


class AdjustmentRequest(Strict):
    amount: Money
    reason: str
    from_amount: Money | None = Field(default=None, description="the budget line before, e.g. 82,6")
    to_amount: Money | None = Field(default=None, description="the budget line after, e.g. 147,5")
    area: str = Field(
        default="",
        description="the area or requirement line it concerns",
        max_length=LENGTH["budget.BudgetArea.name"],
    )


class VolumeForecast(Strict):
    area: str = text("budget.BudgetArea.name", default=..., min_length=1)
    label: str = text("budget.PerformanceVolume.label", default=...)
    budget_places: Places | None = None
    forecast_places: Places | None = None
    price_per_place: Price | None = Field(default=None, description="kr per full-year place")
    amount_as_printed: Money | None = Field(
        default=None, description="the budget change the text states, mnkr"
    )


class InvestmentArea(Strict):
    """A committee's investments in one area or project: expenditure (utgifter, positive) and income
    (inkomster, negative); the budgets are in the council's plan (`investment_frames`)."""

    area: str = Field(min_length=1, max_length=200)
    expenditure: Money
    income: Money = Decimal(0)


class Economics(Strict):
    added_fields = frozenset({"investment_areas"})

    budget_label: str = text("budget.BudgetVersion.label")
    areas: list[AreaForecast] = Field(default_factory=list)
    revenue_requirement: list[ForecastLine] = Field(default_factory=list)
    investments: list[ForecastLine] = Field(default_factory=list)
    turnover: list[TurnoverGroup] = Field(default_factory=list)
    turnover_total_label: str = text("budget.PlanEconomy.turnover_total_label")
    adjustments: list[AdjustmentRequest] = Field(default_factory=list)
    volumes: list[VolumeForecast] = Field(default_factory=list)
    summary: str = ""
    requirement_commentary: str = ""
    printed_totals: dict[str, str] = Field(
        default_factory=dict,
        description="computed rows as printed, e.g. 'SUMMA NÄMNDEN TOTALT/Netto/Prognos'; in the city's "
        "round the sums of the driftredovisning and investeringsredovisning (docs/city.md)",
    )
    investment_areas: list[InvestmentArea] = Field(default_factory=list)


class Complaint(Strict):
    department: str = text("followup.ComplaintCount.department", default=...)
    month: int = Field(ge=1, le=12)
    category: str = text("followup.ComplaintCount.category", default=...)
    count: int = Field(ge=0, le=LARGEST_INTEGER)


class CaseOfficer(Strict):
    name: str = text("followup.CaseOfficer.name", default=...)
    phone: str = text("followup.CaseOfficer.phone")


class Decision(Strict):
    number: int = Field(ge=0, le=LARGEST_INTEGER)
    text: str


class Attachment(Strict):
    number: int = Field(ge=0, le=LARGEST_SMALL_INTEGER)
    title: str = text("followup.ReportAttachment.title", default=...)


class Cover(Strict):
    title: str = text("followup.ReportCover.title")
    case_officers: list[CaseOfficer] = Field(default_factory=list)
    addressee: str = text("followup.ReportCover.addressee")
    meeting_date: dt.date | None = None
    agenda_number: str = text("followup.ReportCover.agenda_number")
    decisions: list[Decision] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    summary_analysis: str = ""


class Signature(Strict):
    name: str = text("followup.Signature.name", default=...)
    title: str = text("followup.Signature.title")
    date: dt.date | None = None
    signed_as: str = text(
        "followup.Signature.signed_as"
    )  # the name in the digital signature list, when it is spelled differently


class SpecialReport(Strict):
    title: str = text("followup.SpecialReport.title", default=...)
    text: str = ""


class FollowUpFile(Strict):
    format: str = FORMAT
    organisation: OrganisationRef
    year: int = Field(ge=1990, le=2100)
    period: str = Field(pattern=r"^[0-9]{4}(-(T[1-3]|H[12]|Q[1-4]|[0-9]{2}|VB))?$")  # ASCII digits only
    outcomes: list[Outcome] = Field(default_factory=list)
    assessments: list[GoalAssessment] = Field(default_factory=list)
    activities: list[ActivityReport] = Field(default_factory=list)
    economics: Economics = Field(default_factory=Economics)
    complaints: list[Complaint] = Field(default_factory=list)
    report: Cover = Field(default_factory=Cover)
    signatures: list[Signature] = Field(default_factory=list)
    special_reports: list[SpecialReport] = Field(default_factory=list)
