"""The one validation of values that come in, whichever way they come: the web forms, plan and follow-up
files, the document importer, microdata and the API all ask these functions (no Django).

- **Lengths** are those of the model fields the text is stored in (`LENGTH`, keyed by model field; a test
  holds them to the models).
- **Numbers** must be finite and fit the decimal field they go to: its digits before the decimal mark and
  its decimal places (`DIGITS`, keyed the same way). Nothing is rounded silently.
- **Signs** as the committee's tables print them: costs positive, revenues and revenue requirements
  negative, places, prices, tolerances and counts never negative.
- **Units**: a share lies within 0–100, a count is whole and not negative, months are not negative, a
  value on a scale lies on it (lib/outcomes.py applies these to reported values too).

Every function answers `None` for a good value, or the message to show, a whole Swedish sentence, the
same on a page, in a file's refusal (`FILE:LINE: field: message`) and from the API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from styrkedja.lib.numbers import decimals_phrase, format_exact
from styrkedja.lib.periods import PeriodError, parse_period


@dataclass(frozen=True)
class Digits:
    """A decimal field's size: `max_digits` in all, `places` of them after the decimal mark."""

    max_digits: int
    places: int

    @property
    def whole(self) -> int:
        return self.max_digits - self.places


#: Targets, tolerances, scales and reported values (outcomes, forecasts).
VALUE = Digits(14, 4)
#: Money: mnkr with one decimal.
MONEY = Digits(14, 1)
#: Full-year places (helårsplatser).
PLACES = Digits(12, 1)
#: kr per full-year place.
PRICE = Digits(12, 0)

#: The decimal fields of the models, by `app.Model.field`, and the size each value must fit.
DIGITS: dict[str, Digits] = {
    "plans.Target.value": VALUE,
    "exchange.KoladaValue.value": Digits(20, 6),
    "plans.Target.band": VALUE,
    "plans.Target.kf_value": VALUE,
    "plans.Indicator.scale_min": VALUE,
    "plans.Indicator.scale_max": VALUE,
    "plans.SeriesValue.total": VALUE,
    "plans.SeriesValue.men": VALUE,
    "plans.SeriesValue.women": VALUE,
    "plans.ComparisonValue.value": VALUE,
    "budget.AreaBudget.costs": MONEY,
    "budget.AreaBudget.revenues": MONEY,
    "budget.RevenueRequirementAmount.amount": MONEY,
    "budget.TurnoverRow.costs": MONEY,
    "budget.TurnoverRow.revenues": MONEY,
    "budget.PerformanceVolume.budget_places": PLACES,
    "budget.PerformanceVolume.price_per_place": PRICE,
    "budget.Investment.amount": MONEY,
    "budget.BudgetAdjustment.amount": MONEY,
    "budget.PlanEconomy.efficiency_requirement": MONEY,
    "followup.Outcome.total": VALUE,
    "followup.Outcome.men": VALUE,
    "followup.Outcome.women": VALUE,
    "followup.Outcome.forecast": VALUE,
    "followup.AreaForecast.costs": MONEY,
    "followup.AreaForecast.revenues": MONEY,
    "followup.AreaForecast.last_year_net": MONEY,
    "followup.RequirementForecast.forecast": MONEY,
    "followup.RequirementForecast.last_year": MONEY,
    "followup.InvestmentForecast.forecast": MONEY,
    "followup.InvestmentForecast.last_year": MONEY,
    "followup.TurnoverProposal.costs": MONEY,
    "followup.TurnoverProposal.revenues": MONEY,
    "followup.AdjustmentRequest.amount": MONEY,
    "followup.AdjustmentRequest.from_amount": MONEY,
    "followup.AdjustmentRequest.to_amount": MONEY,
    "followup.VolumeForecast.forecast_places": PLACES,
    "followup.VolumeForecast.price_per_place": PRICE,
    "followup.VolumeForecast.amount_as_printed": MONEY,
    "followup.DecisionProposal.amount_as_printed": MONEY,
    "followup.Outcome.numerator": VALUE,
    "followup.Outcome.denominator": VALUE,
    "followup.InvestmentOutcome.expenditure": MONEY,
    "followup.InvestmentOutcome.income": MONEY,
    "budget.CommitteeFrame.net_frame": MONEY,
    "budget.CommitteeFrame.equity_in": MONEY,
    "budget.InvestmentFrame.budget": MONEY,
    "budget.InvestmentFrame.project_budget": MONEY,
}

#: The text fields with a length limit, by `app.Model.field`: the longest text each holds.
LENGTH: dict[str, int] = {
    "organisations.Organisation.code": 40,
    "organisations.Organisation.name": 200,
    "plans.Plan.title": 200,
    "plans.PlanDecision.reference": 100,
    "plans.Goal.level": 40,
    "plans.Goal.number": 40,
    "plans.Goal.title": 500,
    "plans.Indicator.name": 400,
    "plans.Indicator.code": 40,
    "plans.ComparisonValue.label": 200,
    "plans.ComparisonValue.source": 200,
    "plans.Indicator.kolada_kpi": 10,
    "budget.BudgetVersion.code": 40,
    "budget.BudgetVersion.label": 80,
    "budget.BudgetArea.name": 200,
    "budget.BudgetArea.short_name": 80,
    "budget.RevenueRequirementLine.label": 200,
    "budget.TurnoverGroup.heading": 200,
    "budget.TurnoverGroup.subtotal_label": 200,
    "budget.TurnoverRow.label": 200,
    "budget.PerformanceVolume.label": 200,
    "budget.Investment.label": 200,
    "budget.PlanEconomy.turnover_total_label": 200,
    "followup.TurnoverProposal.heading": 200,
    "followup.TurnoverProposal.subtotal_label": 200,
    "followup.TurnoverProposal.label": 300,
    "followup.ComplaintCount.department": 200,
    "followup.ComplaintCount.category": 100,
    "followup.ReportCover.title": 300,
    "followup.ReportCover.addressee": 200,
    "followup.ReportCover.agenda_number": 20,
    "followup.CaseOfficer.name": 200,
    "followup.CaseOfficer.phone": 40,
    "followup.ReportAttachment.title": 300,
    "followup.Signature.name": 200,
    "followup.Signature.title": 200,
    "followup.Signature.signed_as": 200,
    "followup.SpecialReport.title": 300,
}

#: The largest whole numbers the integer fields hold (PositiveIntegerField, PositiveSmallIntegerField).
LARGEST_INTEGER = 2_147_483_647
LARGEST_SMALL_INTEGER = 32_767


def show(value: Decimal) -> str:
    """A number in a message: Swedish (`1 393,1`), or as `1E+400` (cut short after 20 characters) when it
    is too large, too small or too long to print."""
    if not value.is_finite():
        return str(value)
    exact = _stripped(value)
    if value != 0 and (not -8 <= value.adjusted() < 15 or len(exact.as_tuple().digits) > 20):
        text = f"{exact:E}"
        return text if len(text) <= 24 else text[:20] + "…"
    return format_exact(exact).replace("\u00a0", " ")


def _stripped(value: Decimal) -> Decimal:
    """The same number without trailing zeros (unlike `normalize`, never rounded to the context)."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    end = len(digits)
    while end > 1 and digits[end - 1] == 0:
        end -= 1
    return Decimal((sign, digits[:end], exponent + len(digits) - end))


def number_problem(value: Decimal, digits: Digits, label: str = "Talet") -> str | None:
    """A number that is not finite, or does not fit `digits`: too large, or with too many decimals."""
    if value.is_nan():
        return f"{label} är inte ett tal."
    if value.is_infinite():
        return f"{label} är oändligt; skriv ett tal med högst {digits.whole} siffror före decimaltecknet."
    if value == 0:
        return None
    exact = _stripped(value)
    exponent = exact.as_tuple().exponent
    assert isinstance(exponent, int)
    if exact.adjusted() + 1 > digits.whole:
        return f"{label} {show(value)} är för stort: högst {digits.whole} siffror före decimaltecknet."
    if -exponent > digits.places:
        if digits.places == 0:
            return f"{label} {show(value)} ska vara ett heltal."
        return f"{label} {show(value)} har för många decimaler: {decimals_phrase(digits.places)}."
    return None


def text_problem(text: str, max_length: int, label: str = "Texten") -> str | None:
    if len(text) > max_length:
        return f"{label} har {len(text)} tecken; högst {max_length} får plats."
    return None


# --- signs ------------------------------------------------------------------------------------------

COSTS_NEGATIVE = "Kostnader kan inte vara negativa."
REVENUES_POSITIVE = "Intäkter skrivs som negativa belopp, t.ex. -45,0."
REQUIREMENT_POSITIVE = "Intäktskrav skrivs som negativa belopp, t.ex. -82,6."


def costs_problem(value: Decimal) -> str | None:
    """Costs are printed positive."""
    return COSTS_NEGATIVE if value < 0 else None


def revenues_problem(value: Decimal) -> str | None:
    """Revenues are printed negative."""
    return REVENUES_POSITIVE if value > 0 else None


def requirement_problem(value: Decimal) -> str | None:
    """Revenue requirements (intäktskrav) are printed negative, like revenues."""
    return REQUIREMENT_POSITIVE if value > 0 else None


def negative_problem(value: Decimal, label: str = "Talet") -> str | None:
    """Places, prices, tolerances and counts are never negative."""
    return f"{label} {show(value)} är negativt; det kan inte vara mindre än 0." if value < 0 else None


def tolerance_problem(value: Decimal) -> str | None:
    return negative_problem(value, "Toleransen")


def places_problem(value: Decimal) -> str | None:
    return negative_problem(value, "Antalet platser")


def price_problem(value: Decimal) -> str | None:
    return negative_problem(value, "Priset")


# --- units ------------------------------------------------------------------------------------------


def unit_problem(
    value: Decimal, unit: str, *, scale: tuple[Decimal, Decimal] | None = None, label: str = "Värdet"
) -> str | None:
    """A target or a reported value that its unit does not allow: a share outside 0–100, a count that is
    negative or not whole, negative months, a value off its scale (where the scale's range is known)."""
    if unit == "percent" and not Decimal(0) <= value <= Decimal(100):
        return f"{label} {show(value)} ligger utanför 0–100 %."
    if unit == "count" and (value < 0 or value != value.to_integral_value()):
        return f"{label} {show(value)} är inte ett helt antal ≥ 0."
    if unit == "months" and value < 0:
        return f"{label} {show(value)} är negativt; månader kan inte vara mindre än 0."
    if scale is not None and not scale[0] <= value <= scale[1]:
        return f"{label} {show(value)} ligger utanför skalan {show(scale[0])}–{show(scale[1])}."
    return None


def target_problem(
    value: Decimal, unit: str, *, scale: tuple[Decimal, Decimal] | None = None, council: bool = False
) -> str | None:
    """An indicator's target (årsmål) or the council's (KF:s årsmål), by its unit and scale."""
    return unit_problem(value, unit, scale=scale, label="KF:s årsmål" if council else "Årsmål")


#: A period code as files and forms write one: `2020`, `2021-T1`, `2021-H1`, `2021-Q3`, `2021-03`.
PERIOD_CODE = r"^\d{4}(-(T[1-3]|H[12]|Q[1-4]|\d{2}))?$"


def period_code_problem(code: str) -> str | None:
    """A period of an earlier value or a comparison, written as a period code."""
    if re.match(PERIOD_CODE, code):
        try:
            parse_period(code)
        except PeriodError:
            pass
        else:
            return None
    return f"”{code}” är ingen period; skriv till exempel 2020, 2020-T2, 2020-H1, 2020-Q3 eller 2020-03."


def data_period_problem(code: str) -> str | None:
    """A value's own period (`2020`, `2020-T2`), when the latest statistics are older than the report's."""
    if not code:
        return None
    try:
        parse_period(code)
    except PeriodError:
        return f"”{code}” är ingen period; skriv till exempel 2020, 2020-T2 eller 2020-H1."
    return None


def first_year_problem(periodicity: str, first_year: int | None) -> str | None:
    """The first year an indicator measured every other year is measured: only for that periodicity, and
    a year between 1990 and 2100."""
    if first_year is None:
        return None
    if periodicity != "every_other_year":
        return "Första mätår hör bara till periodiciteten vartannat år."
    if not 1990 <= first_year <= 2100:
        return f"Första mätår {first_year} ligger utanför 1990–2100."
    return None


def value_problem(
    value: Decimal,
    unit: str,
    *,
    scale: tuple[Decimal, Decimal] | None = None,
    label: str = "Värdet",
    digits: Digits = VALUE,
) -> str | None:
    """A target or reported value: a finite number that fits the field, then allowed by its unit."""
    return number_problem(value, digits, label) or unit_problem(value, unit, scale=scale, label=label)
