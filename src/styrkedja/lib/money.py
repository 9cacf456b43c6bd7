"""Money arithmetic, in one place for the pages, the report documents, the exports and the checks.

Amounts are mnkr as exact `Decimal`s. The rounding rule: **sum the exact values, round once for display**
(`lib/numbers.format_mnkr`), never round rows and then add them. So a sum printed with one decimal can
differ from the sum of its printed rows in the last digit, as in the committees' own documents.

- net = costs + revenues (revenues are negative);
- deviation = budget − forecast (positive = surplus);
- a sum row adds the budgets and last year's values that are there; its forecast only when every row
  has one, since a sum of some forecasts would read as the whole;
- the money a performance volume implies = (forecast places − budget places) × price per place, in mnkr.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal("0.0")
#: Kronor per mnkr.
MILLION = Decimal(1_000_000)


@dataclass
class Amounts:
    """One row of an economy table: budget, forecast and last year's outcome; the deviation is derived.
    None is a value that is not there (no budget for the area, no forecast yet), never zero."""

    label: str
    budget: Decimal | None
    forecast: Decimal | None = None
    last_year: Decimal | None = None

    @property
    def deviation(self) -> Decimal | None:
        if self.budget is None or self.forecast is None:
            return None
        return self.budget - self.forecast


def column(values: Iterable[Decimal]) -> Decimal:
    """The exact sum of a column of amounts (0,0 for none): a subtotal or total of a table."""
    return sum(values, ZERO)


def add(values: Iterable[Decimal | None]) -> Decimal | None:
    """The exact sum of the values that are there; None when none is."""
    present = [v for v in values if v is not None]
    return sum(present, ZERO) if present else None


def add_all(values: Iterable[Decimal | None]) -> Decimal | None:
    """The exact sum when every value is there; None when one is missing or there are none."""
    listed = list(values)
    if not listed or any(v is None for v in listed):
        return None
    return sum((v for v in listed if v is not None), ZERO)


def total(label: str, rows: Iterable[Amounts]) -> Amounts:
    """A sum row: the budgets and last year's values that are there; the forecast only when every row
    has one."""
    rows = list(rows)
    return Amounts(
        label,
        add(r.budget for r in rows),
        add_all(r.forecast for r in rows),
        add(r.last_year for r in rows),
    )


def net(
    costs: Amounts, revenues: Amounts, *, label: str = "Netto", last_year: Decimal | None = None
) -> Amounts:
    """Netto = kostnader + intäkter, column by column."""
    return Amounts(
        label,
        add_all([costs.budget, revenues.budget]),
        add_all([costs.forecast, revenues.forecast]),
        last_year,
    )


def volume_money(
    budget_places: Decimal, forecast_places: Decimal | None, price_per_place: Decimal | None
) -> Decimal | None:
    """(forecast places − budget places) × price per place (kr), in mnkr, exact; None without a forecast
    or a price."""
    if forecast_places is None or price_per_place is None:
        return None
    return (forecast_places - budget_places) * price_per_place / MILLION
