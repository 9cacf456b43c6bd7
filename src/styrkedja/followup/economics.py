"""A round's economics computed from its inputs, once, for the economics page, the report document and the
export alike: every area, intäktskrav line, investment and performance volume of the plan, with the
budget (the plan's adopted version, looked up, never retyped) and the round's forecast where there is one.
The arithmetic (sums, nets, deviations, the money volumes imply) is `lib/money.py`'s: exact values summed,
rounded once for display; a sum's forecast only when every row has one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from styrkedja.budget.models import (
    AreaBudget,
    BudgetVersion,
    Investment,
    PerformanceVolume,
    RevenueRequirementAmount,
    RevenueRequirementLine,
    VersionKind,
)
from styrkedja.followup.models import (
    AreaForecast,
    InvestmentForecast,
    RequirementForecast,
    Round,
    VolumeForecast,
)
from styrkedja.lib import money
from styrkedja.lib.money import Amounts
from styrkedja.lib.periods import parse_period

ZERO = money.ZERO

#: One row of the economy tables (budget, forecast, last year; the deviation derived).
Row = Amounts


@dataclass
class AreaRows:
    area: str
    name_as_printed: str
    costs: Amounts
    revenues: Amounts
    last_year_net: Decimal | None
    commentary: str = ""
    pk: int = 0
    forecast: AreaForecast | None = None  # the stored row, None while the area is unreported

    @property
    def net(self) -> Amounts:
        return money.net(self.costs, self.revenues, last_year=self.last_year_net)

    @property
    def reported(self) -> bool:
        return self.forecast is not None


@dataclass
class LineRows:
    """An intäktskrav line or an investment: its amounts and the stored forecast row, if any."""

    pk: int
    amounts: Amounts
    stored: RequirementForecast | InvestmentForecast | None = None
    line: RevenueRequirementLine | Investment | None = None  # the plan's row


@dataclass
class VolumeRows:
    pk: int
    area: str
    label: str
    budget_places: Decimal
    forecast_places: Decimal | None
    price_per_place: Decimal | None
    amount_as_printed: Decimal | None
    stored: VolumeForecast | None = None
    volume: PerformanceVolume | None = None  # the plan's row

    @property
    def money(self) -> Decimal | None:
        return money.volume_money(self.budget_places, self.forecast_places, self.price_per_place)

    def as_tuple(self) -> tuple[str, str, Decimal, Decimal | None, Decimal | None, Decimal | None]:
        return (
            self.area,
            self.label,
            self.budget_places,
            self.forecast_places,
            self.price_per_place,
            self.amount_as_printed,
        )


@dataclass
class RoundEconomics:
    areas: list[AreaRows]
    requirement_lines: list[LineRows]
    investment_lines: list[LineRows]
    turnover: list[
        tuple[str, str, str, str, Decimal, Decimal]
    ]  # area, heading, subtotal label, row, costs, revenues
    adjustments: list[tuple[Decimal, str, Decimal | None, Decimal | None]]
    volume_rows: list[VolumeRows] = field(default_factory=list)
    budget_label: str = ""

    @property
    def requirement(self) -> list[Amounts]:
        return [line.amounts for line in self.requirement_lines]

    @property
    def investments(self) -> list[Amounts]:
        return [line.amounts for line in self.investment_lines]

    @property
    def volumes(self) -> list[tuple[str, str, Decimal, Decimal | None, Decimal | None, Decimal | None]]:
        return [v.as_tuple() for v in self.volume_rows]

    @property
    def missing_forecasts(self) -> int:
        return sum(1 for a in self.areas if not a.reported)

    @property
    def subtotal_costs(self) -> Amounts:
        return money.total("Kostnader", [a.costs for a in self.areas])

    @property
    def subtotal_revenues(self) -> Amounts:
        return money.total("Intäkter", [a.revenues for a in self.areas])

    @property
    def subtotal_net(self) -> Amounts:
        return money.total("Netto", [a.net for a in self.areas])

    @property
    def requirement_net(self) -> Amounts:
        return money.total("Netto", self.requirement)

    @property
    def total_costs(self) -> Amounts:
        return self.subtotal_costs

    @property
    def total_revenues(self) -> Amounts:
        return money.total("Intäkter", [self.subtotal_revenues, self.requirement_net])

    @property
    def total_net(self) -> Amounts:
        return money.total("Netto", [self.subtotal_net, self.requirement_net])

    @property
    def investments_total(self) -> Amounts:
        return money.total("Summa investeringar", self.investments)

    @property
    def turnover_total(self) -> Decimal:
        return money.column(row[4] for row in self.turnover)

    @property
    def turnover_revenues(self) -> Decimal:
        return money.column(row[5] for row in self.turnover)

    @property
    def adjustments_total(self) -> Decimal:
        return money.column(a[0] for a in self.adjustments)

    @property
    def volume_money(self) -> Decimal | None:
        """Σ (forecast places − budget places) × price per place, in mnkr, where prices are known; exact."""
        return money.add(v.money for v in self.volume_rows)


def last_year_nets(round_: Round) -> dict[str, Decimal]:
    """Last year's net result per area name, from last year's verksamhetsberättelse when it is in the system."""
    last_year = str(parse_period(round_.period).year - 1)
    return {
        f.area.name: f.costs + f.revenues
        for f in AreaForecast.objects.filter(
            round__organisation_id=round_.organisation_id, round__period=last_year
        ).select_related("area")
    }


def last_year_net(forecast: AreaForecast | None, looked_up: dict[str, Decimal], area: str) -> Decimal | None:
    """The net printed with the round's forecast (an imported report's), else the one looked up."""
    if forecast is not None and forecast.last_year_net is not None:
        return forecast.last_year_net
    return looked_up.get(area)


def adopted_version(round_: Round) -> BudgetVersion | None:
    return round_.plan.budget_versions.filter(kind=VersionKind.ADOPTED).first()


def _line_rows(
    lines: Iterable[Any],
    forecasts: dict[int, Any],
    budget: Callable[[Any], Decimal | None],
) -> list[LineRows]:
    """An intäktskrav line or investment per row of the plan, with the round's forecast where there is one."""
    rows = []
    for line in lines:
        stored = forecasts.get(line.pk)
        amounts = Amounts(
            line.label,
            budget(line),
            stored.forecast if stored else None,
            stored.last_year if stored else None,
        )
        rows.append(LineRows(line.pk, amounts, stored, line))
    return rows


def round_economics(round_: Round) -> RoundEconomics:
    """Every table of the round's economics, in a fixed number of queries."""
    plan = round_.plan
    version = adopted_version(round_)
    budgets = {b.area_id: b for b in AreaBudget.objects.filter(version=version)} if version else {}
    forecasts = {f.area_id: f for f in AreaForecast.objects.filter(round=round_)}
    nets = last_year_nets(round_)
    areas = []
    for area in plan.budget_areas.order_by("position", "pk"):
        b, f = budgets.get(area.pk), forecasts.get(area.pk)
        areas.append(
            AreaRows(
                area=area.name,
                name_as_printed=f.as_printed.get("name", area.name) if f else area.name,
                costs=Amounts("Kostnader", b.costs if b else None, f.costs if f else None),
                revenues=Amounts("Intäkter", b.revenues if b else None, f.revenues if f else None),
                last_year_net=last_year_net(f, nets, area.name),
                commentary=f.commentary if f else "",
                pk=area.pk,
                forecast=f,
            )
        )
    amounts = (
        {a.line_id: a.amount for a in RevenueRequirementAmount.objects.filter(version=version)}
        if version
        else {}
    )
    requirement = _line_rows(
        plan.revenue_requirements.order_by("position", "pk"),
        {r.line_id: r for r in RequirementForecast.objects.filter(round=round_)},
        lambda line: amounts.get(line.pk),
    )
    investments = _line_rows(
        plan.investments.order_by("position", "pk"),
        {i.investment_id: i for i in InvestmentForecast.objects.filter(round=round_)},
        lambda investment: investment.amount,
    )
    turnover = [
        (t.area.name, t.heading, t.subtotal_label, t.label, t.costs, t.revenues)
        for t in round_.turnover.select_related("area").order_by("position", "pk")
    ]
    adjustments = [
        (a.amount, a.reason, a.from_amount, a.to_amount)
        for a in round_.adjustment_requests.order_by("position", "pk")
    ]
    volume_forecasts = {v.volume_id: v for v in VolumeForecast.objects.filter(round=round_)}
    volumes = []
    for volume in plan.performance_volumes.select_related("area").order_by("position", "pk"):
        v = volume_forecasts.get(volume.pk)
        price = v.price_per_place if v and v.price_per_place is not None else volume.price_per_place
        volumes.append(
            VolumeRows(
                volume.pk,
                volume.area.name,
                volume.label,
                volume.budget_places,
                v.forecast_places if v else None,
                price,
                v.amount_as_printed if v else None,
                v,
                volume,
            )
        )
    return RoundEconomics(
        areas,
        requirement,
        investments,
        turnover,
        adjustments,
        volumes,
        budget_label=version.label if version else "",
    )
