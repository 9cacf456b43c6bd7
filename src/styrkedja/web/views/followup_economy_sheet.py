"""The economics page of a round as rows: the follow-up app's computation (`followup/economics.py`, the
same the report and the export read), with the forms of the cells that can be edited laid beside it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django import forms

from styrkedja.followup.economics import AreaRows, RoundEconomics, VolumeRows, round_economics
from styrkedja.followup.models import AreaForecast, Round, TurnoverProposal
from styrkedja.followup.progress import areas_reported
from styrkedja.lib import money
from styrkedja.lib.money import Amounts
from styrkedja.web.forms.followup import (
    AreaGridForm,
    InvestmentForecastForm,
    RequirementForecastForm,
    VolumeForecastForm,
)


@dataclass
class MoneyRow:
    """A row of amounts, with the form field of its forecast cell when it can be edited."""

    amounts: Amounts
    field: forms.BoundField | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.amounts, name)


@dataclass
class AreaBlock:
    """An area's row of the economy's entry grid: the budget looked up, the forecast (a form's cells when
    it can be edited), net and deviation computed; a refused save's reason beside the row."""

    name: str
    pk: int
    forecast: AreaForecast | None
    costs: Amounts
    revenues: Amounts
    net: Amounts
    form: AreaGridForm | None
    conflict: AreaForecast | None = None
    conflict_by: str = ""

    @property
    def dom_id(self) -> str:
        return f"omrade-{self.pk}"

    @property
    def failed(self) -> bool:
        """The row was refused (an error or a conflict): its details are shown unfolded."""
        return self.conflict is not None or bool(self.form is not None and self.form.errors)


#: The economy grid's one form; every input of every area names it.
AREA_GRID_FORM = "omraden-form"


def area_form(area: AreaRows, data=None, *, has_forecast: bool | None = None) -> AreaGridForm:
    """An area's row of the grid, showing the stored forecast (or bound to what was sent)."""
    stored = area.forecast
    initial: dict[str, Any] = {"version": 0}
    if stored is not None:
        initial = {
            "costs": stored.costs,
            "revenues": stored.revenues,
            "commentary": stored.commentary,
            "version": stored.version,
        }
    form = AreaGridForm(
        data,
        prefix=f"o{area.pk}",
        initial=initial,
        area_name=area.area,
        has_forecast=stored is not None if has_forecast is None else has_forecast,
    )
    for form_field in form.fields.values():
        form_field.widget.attrs["form"] = AREA_GRID_FORM
    return form


def _area_block(area: AreaRows, editable: bool, bound: dict) -> AreaBlock:
    form = bound.get(("area", area.pk))
    if form is None and editable:
        form = area_form(area)
    conflict = bound.get(("conflict", area.pk))
    return AreaBlock(
        area.area,
        area.pk,
        area.forecast,
        area.costs,
        area.revenues,
        area.net,
        form,
        conflict,
        bound.get(("conflict_by", area.pk), ""),
    )


@dataclass
class VolumeRow:
    volume: VolumeRows
    places_field: forms.BoundField | None
    price_field: forms.BoundField | None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.volume, name)

    @property
    def price(self) -> Decimal | None:
        return self.volume.price_per_place


@dataclass
class TurnoverGroupRows:
    area: str
    rows: list[TurnoverProposal] = field(default_factory=list)

    @property
    def costs(self) -> Decimal:
        return money.column(r.costs for r in self.rows)

    @property
    def revenues(self) -> Decimal:
        return money.column(r.revenues for r in self.rows)


def _lines_form(eco: RoundEconomics, kind: str, editable: bool, bound: dict) -> Any:
    form = bound.get(kind)
    if form is not None or not editable:
        return form
    if kind in ("requirements", "investments"):
        rows = eco.requirement_lines if kind == "requirements" else eco.investment_lines
        if not rows:
            return None
        form_class = RequirementForecastForm if kind == "requirements" else InvestmentForecastForm
        return form_class(
            lines=[r.line for r in rows],
            current={r.pk: (r.stored.forecast, r.stored.version) for r in rows if r.stored},
            prefix="krav" if kind == "requirements" else "inv",
        )
    if not eco.volume_rows:
        return None
    return VolumeForecastForm(
        volumes=[v.volume for v in eco.volume_rows if v.volume is not None],
        current={
            v.pk: (v.stored.forecast_places, v.stored.price_per_place, v.stored.version)
            for v in eco.volume_rows
            if v.stored
        },
        prefix="vol",
    )


def economy_context(round_: Round, editable: bool, bound: dict | None = None) -> dict:
    """Every table of the page as rows; `bound` holds the forms posted with errors, keyed by block."""
    bound = bound or {}
    eco = round_economics(round_)
    areas = [_area_block(a, editable, bound) for a in eco.areas]
    req_form = _lines_form(eco, "requirements", editable, bound)
    inv_form = _lines_form(eco, "investments", editable, bound)
    vol_form = _lines_form(eco, "volumes", editable, bound)
    groups: dict[str, TurnoverGroupRows] = {}
    for proposal in round_.turnover.select_related("area").order_by("position", "pk"):
        groups.setdefault(proposal.area.name, TurnoverGroupRows(proposal.area.name)).rows.append(proposal)
    adjustments = list(round_.adjustment_requests.select_related("area").order_by("position", "pk"))
    return {
        "areas": areas,
        "area_grid_form": AREA_GRID_FORM,
        "areas_editable": any(a.form is not None for a in areas),
        "areas_reported": areas_reported([a.reported for a in eco.areas]),
        "areas_failed": sum(1 for a in areas if a.failed),
        "missing_forecasts": eco.missing_forecasts,
        "subtotal": [
            MoneyRow(eco.subtotal_costs),
            MoneyRow(eco.subtotal_revenues),
            MoneyRow(eco.subtotal_net),
        ],
        "requirement": [
            MoneyRow(r.amounts, req_form[f"forecast_{r.pk}"] if req_form is not None else None)
            for r in eco.requirement_lines
        ],
        "requirement_net": MoneyRow(eco.requirement_net),
        "requirement_form": req_form,
        "requirement_conflict": bound.get(("conflict", "requirements")),
        "total": [MoneyRow(eco.total_costs), MoneyRow(eco.total_revenues), MoneyRow(eco.total_net)],
        "investments": [
            MoneyRow(r.amounts, inv_form[f"forecast_{r.pk}"] if inv_form is not None else None)
            for r in eco.investment_lines
        ],
        "investments_total": MoneyRow(eco.investments_total),
        "investment_form": inv_form,
        "investment_conflict": bound.get(("conflict", "investments")),
        "volumes": [
            VolumeRow(
                v,
                vol_form[f"places_{v.pk}"] if vol_form is not None else None,
                vol_form[f"price_{v.pk}"] if vol_form is not None else None,
            )
            for v in eco.volume_rows
        ],
        "volume_form": vol_form,
        "volume_conflict": bound.get(("conflict", "volumes")),
        "volume_money": eco.volume_money,
        "turnover": list(groups.values()),
        "turnover_costs": money.column(g.costs for g in groups.values()),
        "turnover_revenues": money.column(g.revenues for g in groups.values()),
        "adjustments": adjustments,
        "adjustments_total": eco.adjustments_total,
        "budget_label": eco.budget_label or "Budget",
    }
