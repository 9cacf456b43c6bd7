"""A round's economics computed from its inputs: budget (the plan's adopted version, looked up), forecast,
deviation = budget − forecast (positive = surplus), subtotal excluding the revenue requirement, the revenue
requirement block, the committee total, and the money implied by performance volumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from styrkedja.budget.models import AreaBudget, RevenueRequirementAmount, VersionKind
from styrkedja.followup.models import AreaForecast, Round
from styrkedja.lib.periods import parse_period

ZERO = Decimal("0.0")


@dataclass
class Row:
    label: str
    budget: Decimal
    forecast: Decimal
    last_year: Decimal | None = None

    @property
    def deviation(self) -> Decimal:
        return self.budget - self.forecast


@dataclass
class AreaRows:
    area: str
    name_as_printed: str
    costs: Row
    revenues: Row
    last_year_net: Decimal | None
    commentary: str = ""

    @property
    def net(self) -> Row:
        return Row(
            "Netto",
            self.costs.budget + self.revenues.budget,
            self.costs.forecast + self.revenues.forecast,
            self.last_year_net,
        )


def _sum(label: str, rows: list[Row]) -> Row:
    last = [r.last_year for r in rows if r.last_year is not None]
    return Row(
        label,
        sum((r.budget for r in rows), ZERO),
        sum((r.forecast for r in rows), ZERO),
        sum(last, ZERO) if last else None,
    )


@dataclass
class RoundEconomics:
    areas: list[AreaRows]
    requirement: list[Row]
    investments: list[Row]
    turnover: list[
        tuple[str, str, str, str, Decimal, Decimal]
    ]  # area, heading, subtotal label, row, costs, revenues
    adjustments: list[tuple[Decimal, str, Decimal | None, Decimal | None]]
    volumes: list[tuple[str, str, Decimal, Decimal, Decimal | None, Decimal | None]] = field(
        default_factory=list
    )

    @property
    def subtotal_costs(self) -> Row:
        return _sum("Kostnader", [a.costs for a in self.areas])

    @property
    def subtotal_revenues(self) -> Row:
        return _sum("Intäkter", [a.revenues for a in self.areas])

    @property
    def subtotal_net(self) -> Row:
        return _sum("Netto", [a.net for a in self.areas])

    @property
    def requirement_net(self) -> Row:
        return _sum("Netto", self.requirement)

    @property
    def total_costs(self) -> Row:
        return self.subtotal_costs

    @property
    def total_revenues(self) -> Row:
        return _sum("Intäkter", [self.subtotal_revenues, self.requirement_net])

    @property
    def total_net(self) -> Row:
        return _sum("Netto", [self.subtotal_net, self.requirement_net])

    @property
    def turnover_total(self) -> Decimal:
        return sum((row[4] for row in self.turnover), ZERO)

    @property
    def volume_money(self) -> Decimal | None:
        """Σ (forecast places − budget places) × price per place, in mnkr, where prices are known."""
        priced = [(f - b) * p for _, _, b, f, p, _ in self.volumes if p is not None]
        return (sum(priced, Decimal(0)) / Decimal(1_000_000)).quantize(Decimal("0.1")) if priced else None


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


def round_economics(round_: Round) -> RoundEconomics:
    version = round_.plan.budget_versions.filter(kind=VersionKind.ADOPTED).first()
    budgets = {b.area_id: b for b in AreaBudget.objects.filter(version=version)} if version else {}
    areas = []
    nets = last_year_nets(round_)
    for f in round_.area_forecasts.select_related("area").order_by("area__position"):
        b = budgets.get(f.area_id)
        areas.append(
            AreaRows(
                area=f.area.name,
                name_as_printed=f.as_printed.get("name", f.area.name),
                costs=Row("Kostnader", b.costs if b else ZERO, f.costs),
                revenues=Row("Intäkter", b.revenues if b else ZERO, f.revenues),
                last_year_net=last_year_net(f, nets, f.area.name),
                commentary=f.commentary,
            )
        )
    amounts = (
        {a.line_id: a.amount for a in RevenueRequirementAmount.objects.filter(version=version)}
        if version
        else {}
    )
    requirement = [
        Row(r.line.label, amounts.get(r.line_id, ZERO), r.forecast, r.last_year)
        for r in round_.requirement_forecasts.select_related("line").order_by("line__position")
    ]
    investments = [
        Row(i.investment.label, i.investment.amount, i.forecast, i.last_year)
        for i in round_.investment_forecasts.select_related("investment")
    ]
    turnover = [
        (t.area.name, t.heading, t.subtotal_label, t.label, t.costs, t.revenues)
        for t in round_.turnover.select_related("area")
    ]
    adjustments = [(a.amount, a.reason, a.from_amount, a.to_amount) for a in round_.adjustment_requests.all()]
    volumes = [
        (v.volume.area.name, v.volume.label, v.volume.budget_places, v.forecast_places,
         v.price_per_place or v.volume.price_per_place, v.amount_as_printed)
        for v in round_.volume_forecasts.select_related("volume__area")
    ]  # fmt: skip
    return RoundEconomics(areas, requirement, investments, turnover, adjustments, volumes)
