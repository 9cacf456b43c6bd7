"""Edits of a round's economics: forecasts per area, intäktskrav and investment; volumes; omslutning rows
and budget adjustment requests. Each is one transaction with a history entry per changed row.

A locked round refuses every write at the model level (RoundLocked), so nothing here checks the status.
Forecasts carry a version: a save based on an older one raises values.Conflict and changes nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from styrkedja.budget.models import BudgetArea, Investment, PerformanceVolume, RevenueRequirementLine
from styrkedja.followup.models import (
    AdjustmentRequest,
    AreaForecast,
    InvestmentForecast,
    RequirementForecast,
    Round,
    RoundLocked,
    TurnoverProposal,
    VolumeForecast,
)
from styrkedja.followup.values import Conflict


def _check_open(round_: Round) -> None:
    # The rows check too; checking first keeps a refused save from raising a conflict instead.
    if Round.objects.filter(pk=round_.pk, status="locked").exists():
        raise RoundLocked(round_)


def _save(instance: Any, by: Any) -> None:
    instance._history_user = by
    instance.save()


def _check_version(obj: Any, expected: int | None) -> None:
    if expected is not None and obj.pk and obj.version != expected:
        raise Conflict(obj)


@transaction.atomic
def save_area_forecast(
    round_: Round,
    area: BudgetArea,
    *,
    costs: Decimal,
    revenues: Decimal,
    commentary: str,
    by: Any,
    expected_version: int | None = None,
) -> AreaForecast:
    """An area's forecast costs and revenues. The budget is looked up from the plan, never stored here."""
    _check_open(round_)
    forecast = AreaForecast.objects.select_for_update().filter(round=round_, area=area).first()
    if forecast is None:
        forecast = AreaForecast(round=round_, area=area)
    _check_version(forecast, expected_version)
    if forecast.pk and (forecast.costs, forecast.revenues, forecast.commentary) == (
        costs,
        revenues,
        commentary,
    ):
        return forecast
    forecast.costs, forecast.revenues, forecast.commentary = costs, revenues, commentary
    forecast.version += 1
    _save(forecast, by)
    return forecast


def _save_lines(
    model: type[RequirementForecast] | type[InvestmentForecast],
    key: str,
    round_: Round,
    lines: list[Any],
    values: dict[int, tuple[Decimal | None, int | None]],
    by: Any,
) -> None:
    _check_open(round_)
    existing = {
        getattr(f, f"{key}_id"): f
        for f in model.objects.select_for_update().filter(round=round_, **{f"{key}__in": lines})
    }
    changed = []
    for line in lines:
        value, version = values.get(line.pk, (None, None))
        current = existing.get(line.pk)
        if current is not None:
            _check_version(current, version)
        if value is None:
            if current is not None:  # an emptied cell removes the forecast
                current._history_user = by
                current.delete()
            continue
        if current is None:
            current = model(round=round_, **{key: line})
        elif current.forecast == value:
            continue
        current.forecast = value
        current.version += 1
        changed.append(current)
    for row in changed:
        _save(row, by)


@transaction.atomic
def save_requirement_forecasts(
    round_: Round,
    lines: list[RevenueRequirementLine],
    values: dict[int, tuple[Decimal | None, int | None]],
    *,
    by: Any,
) -> None:
    """The intäktskrav block's forecasts: line pk → (forecast or None to clear, the version read)."""
    _save_lines(RequirementForecast, "line", round_, lines, values, by)


@transaction.atomic
def save_investment_forecasts(
    round_: Round,
    investments: list[Investment],
    values: dict[int, tuple[Decimal | None, int | None]],
    *,
    by: Any,
) -> None:
    _save_lines(InvestmentForecast, "investment", round_, investments, values, by)


@transaction.atomic
def save_volume_forecasts(
    round_: Round,
    volumes: list[PerformanceVolume],
    values: dict[int, tuple[Decimal | None, Decimal | None]],
    *,
    by: Any,
) -> None:
    """Forecast places (and a price per place where it differs from the plan's) per performance volume."""
    _check_open(round_)
    existing = {
        f.volume_id: f
        for f in VolumeForecast.objects.select_for_update().filter(round=round_, volume__in=volumes)
    }
    for volume in volumes:
        places, price = values.get(volume.pk, (None, None))
        current = existing.get(volume.pk)
        if places is None:
            if current is not None:
                current._history_user = by
                current.delete()
            continue
        if current is None:
            current = VolumeForecast(round=round_, volume=volume)
        elif (current.forecast_places, current.price_per_place) == (places, price):
            continue
        current.forecast_places, current.price_per_place = places, price
        _save(current, by)


@transaction.atomic
def save_turnover(
    round_: Round,
    *,
    area: BudgetArea,
    heading: str,
    label: str,
    costs: Decimal,
    revenues: Decimal,
    by: Any,
    proposal: TurnoverProposal | None = None,
) -> TurnoverProposal:
    """Add (no `proposal`) or change an omslutningsförändring of the round."""
    _check_open(round_)
    if proposal is None:
        position = TurnoverProposal.objects.filter(round=round_).count() + 1
        proposal = TurnoverProposal(round=round_, position=position)
    proposal.area, proposal.heading, proposal.label = area, heading, label
    proposal.costs, proposal.revenues = costs, revenues
    _save(proposal, by)
    return proposal


@transaction.atomic
def save_adjustment(
    round_: Round,
    *,
    amount: Decimal,
    reason: str,
    from_amount: Decimal | None,
    to_amount: Decimal | None,
    area: BudgetArea | None,
    by: Any,
    request: AdjustmentRequest | None = None,
) -> AdjustmentRequest:
    """Add (no `request`) or change a budget adjustment the committee asks for."""
    _check_open(round_)
    if request is None:
        position = AdjustmentRequest.objects.filter(round=round_).count() + 1
        request = AdjustmentRequest(round=round_, position=position)
    request.amount, request.reason = amount, reason
    request.from_amount, request.to_amount, request.area = from_amount, to_amount, area
    _save(request, by)
    return request
