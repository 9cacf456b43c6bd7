"""The economics page of a round as rows: budget (the plan's adopted version, looked up), forecast, the
deviation (budget − forecast), last year's net result; sums only where every row has a forecast."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.urls import reverse

from styrkedja.budget.models import AreaBudget, RevenueRequirementAmount, VersionKind
from styrkedja.followup.economics import last_year_net, last_year_nets
from styrkedja.followup.models import (
    AreaForecast,
    InvestmentForecast,
    RequirementForecast,
    Round,
    TurnoverProposal,
    VolumeForecast,
)
from styrkedja.web.forms.followup import (
    AreaForecastForm,
    InvestmentForecastForm,
    RequirementForecastForm,
    VolumeForecastForm,
)

ZERO = Decimal("0.0")


@dataclass
class MoneyRow:
    label: str
    budget: Decimal | None
    forecast: Decimal | None
    last_year: Decimal | None = None
    field: forms.BoundField | None = None

    @property
    def deviation(self) -> Decimal | None:
        if self.budget is None or self.forecast is None:
            return None
        return self.budget - self.forecast


def _sum(label: str, rows: list[MoneyRow], complete: bool = True) -> MoneyRow:
    """A sum row; the forecast only when every row has one (a partial sum would mislead)."""
    budgets = [r.budget for r in rows if r.budget is not None]
    forecasts = [r.forecast for r in rows]
    last = [r.last_year for r in rows if r.last_year is not None]
    return MoneyRow(
        label,
        sum(budgets, ZERO) if budgets else None,
        sum(forecasts, ZERO) if complete and forecasts and None not in forecasts else None,  # type: ignore[arg-type]
        sum(last, ZERO) if last else None,
    )


@dataclass
class AreaBlock:
    name: str
    pk: int
    url: str
    forecast: AreaForecast | None
    costs: MoneyRow
    revenues: MoneyRow
    net: MoneyRow
    form: AreaForecastForm | None
    conflict: AreaForecast | None = None

    @property
    def rows(self) -> list[MoneyRow]:
        return [self.costs, self.revenues, self.net]


@dataclass
class VolumeRow:
    area: str
    label: str
    budget_places: Decimal
    forecast_places: Decimal | None
    price: Decimal | None
    places_field: forms.BoundField | None
    price_field: forms.BoundField | None

    @property
    def money(self) -> Decimal | None:
        """(forecast − budget places) × price per place, in mnkr."""
        if self.forecast_places is None or self.price is None:
            return None
        return ((self.forecast_places - self.budget_places) * self.price / Decimal(1_000_000)).quantize(
            Decimal("0.1")
        )


@dataclass
class TurnoverGroupRows:
    area: str
    rows: list[TurnoverProposal] = field(default_factory=list)

    @property
    def costs(self) -> Decimal:
        return sum((r.costs for r in self.rows), ZERO)

    @property
    def revenues(self) -> Decimal:
        return sum((r.revenues for r in self.rows), ZERO)


def economy_context(round_: Round, editable: bool, bound: dict | None = None) -> dict:
    """Every table of the page as rows; `bound` holds the forms posted with errors, keyed by block."""
    bound = bound or {}
    plan = round_.plan
    version = plan.budget_versions.filter(kind=VersionKind.ADOPTED).first()
    budgets = {b.area_id: b for b in AreaBudget.objects.filter(version=version)} if version else {}
    forecasts = {f.area_id: f for f in AreaForecast.objects.filter(round=round_)}
    last_nets = last_year_nets(round_)
    areas = []
    for area in plan.budget_areas.order_by("position", "pk"):
        budget, forecast = budgets.get(area.pk), forecasts.get(area.pk)
        key = ("area", area.pk)
        form = bound.get(key)
        if form is None and editable:
            initial = (
                {
                    "costs": forecast.costs,
                    "revenues": forecast.revenues,
                    "commentary": forecast.commentary,
                    "version": forecast.version,
                }
                if forecast
                else {"version": 0}
            )
            form = AreaForecastForm(prefix=f"o{area.pk}", initial=initial)
        last = last_year_net(forecast, last_nets, area.name)
        costs = MoneyRow("Kostnader", budget.costs if budget else None, forecast.costs if forecast else None)
        revenues = MoneyRow(
            "Intäkter", budget.revenues if budget else None, forecast.revenues if forecast else None
        )
        if form is not None:
            costs.field, revenues.field = form["costs"], form["revenues"]
        net = MoneyRow(
            "Netto",
            budget.net if budget else None,
            forecast.costs + forecast.revenues if forecast else None,
            last,
        )
        areas.append(
            AreaBlock(
                area.name,
                area.pk,
                reverse("round_area_forecast", args=[round_.pk, area.pk]),
                forecast,
                costs,
                revenues,
                net,
                form,
                bound.get(("conflict", area.pk)),
            )
        )
    subtotal = [
        _sum("Kostnader", [a.costs for a in areas]),
        _sum("Intäkter", [a.revenues for a in areas]),
        _sum("Netto", [a.net for a in areas]),
    ]

    lines = list(plan.revenue_requirements.order_by("position", "pk"))
    amounts = (
        {a.line_id: a.amount for a in RevenueRequirementAmount.objects.filter(version=version)}
        if version
        else {}
    )
    req_forecasts = {f.line_id: f for f in RequirementForecast.objects.filter(round=round_)}
    req_form = bound.get("requirements")
    if req_form is None and editable and lines:
        req_form = RequirementForecastForm(
            lines=lines,
            current={pk: (f.forecast, f.version) for pk, f in req_forecasts.items()},
            prefix="krav",
        )
    requirement = []
    for line in lines:
        f = req_forecasts.get(line.pk)
        row = MoneyRow(
            line.label, amounts.get(line.pk), f.forecast if f else None, f.last_year if f else None
        )
        if req_form is not None:
            row.field = req_form[f"forecast_{line.pk}"]
        requirement.append(row)
    requirement_net = _sum("Netto", requirement)
    total = [
        MoneyRow("Kostnader", subtotal[0].budget, subtotal[0].forecast, subtotal[0].last_year),
        _sum("Intäkter", [subtotal[1], requirement_net]),
        _sum("Netto", [subtotal[2], requirement_net]),
    ]

    investments_list = list(plan.investments.order_by("position", "pk"))
    inv_forecasts = {f.investment_id: f for f in InvestmentForecast.objects.filter(round=round_)}
    inv_form = bound.get("investments")
    if inv_form is None and editable and investments_list:
        inv_form = InvestmentForecastForm(
            lines=investments_list,
            current={pk: (f.forecast, f.version) for pk, f in inv_forecasts.items()},
            prefix="inv",
        )
    investments = []
    for investment in investments_list:
        f = inv_forecasts.get(investment.pk)
        row = MoneyRow(
            investment.label, investment.amount, f.forecast if f else None, f.last_year if f else None
        )
        if inv_form is not None:
            row.field = inv_form[f"forecast_{investment.pk}"]
        investments.append(row)

    volumes_list = list(plan.performance_volumes.select_related("area").order_by("position", "pk"))
    vol_forecasts = {f.volume_id: f for f in VolumeForecast.objects.filter(round=round_)}
    vol_form = bound.get("volumes")
    if vol_form is None and editable and volumes_list:
        vol_form = VolumeForecastForm(
            volumes=volumes_list,
            current={
                pk: (f.forecast_places, f.price_per_place, f.version) for pk, f in vol_forecasts.items()
            },
            prefix="vol",
        )
    volumes = []
    for volume in volumes_list:
        f = vol_forecasts.get(volume.pk)
        volumes.append(
            VolumeRow(
                volume.area.name,
                volume.label,
                volume.budget_places,
                f.forecast_places if f else None,
                (f.price_per_place if f and f.price_per_place is not None else volume.price_per_place),
                vol_form[f"places_{volume.pk}"] if vol_form else None,
                vol_form[f"price_{volume.pk}"] if vol_form else None,
            )
        )
    priced = [v.money for v in volumes if v.money is not None]

    groups: dict[str, TurnoverGroupRows] = {}
    for proposal in round_.turnover.select_related("area").order_by("position", "pk"):
        groups.setdefault(proposal.area.name, TurnoverGroupRows(proposal.area.name)).rows.append(proposal)
    adjustments = list(round_.adjustment_requests.select_related("area").order_by("position", "pk"))
    missing = sum(1 for a in areas if a.forecast is None)
    return {
        "areas": areas,
        "missing_forecasts": missing,
        "subtotal": subtotal,
        "requirement": requirement,
        "requirement_net": requirement_net,
        "requirement_form": req_form,
        "requirement_conflict": bound.get(("conflict", "requirements")),
        "total": total,
        "investments": investments,
        "investments_total": _sum("Summa investeringar", investments),
        "investment_form": inv_form,
        "investment_conflict": bound.get(("conflict", "investments")),
        "volumes": volumes,
        "volume_form": vol_form,
        "volume_conflict": bound.get(("conflict", "volumes")),
        "volume_money": sum(priced, ZERO) if priced else None,
        "turnover": list(groups.values()),
        "turnover_costs": sum((g.costs for g in groups.values()), ZERO),
        "turnover_revenues": sum((g.revenues for g in groups.values()), ZERO),
        "adjustments": adjustments,
        "adjustments_total": sum((a.amount for a in adjustments), ZERO),
        "budget_label": version.label if version else "Budget",
    }
