"""A round's economy rows besides the areas' forecasts: the omslutningsförändringar (turnover), the budget
adjustments the committee asks for and the intäktskrav lines' forecasts — through
`followup/economy_editing.py`, which checks the role (controller and above), the lock and the version."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Status

from styrkedja.api.endpoints import common, serialize
from styrkedja.api.problems import Problem
from styrkedja.api.schemas import (
    AdjustmentIn,
    AdjustmentNew,
    AdjustmentOut,
    RequirementForecastIn,
    RequirementForecastOut,
    TurnoverIn,
    TurnoverNew,
    TurnoverOut,
    Version,
)
from styrkedja.budget.models import BudgetArea, RevenueRequirementAmount
from styrkedja.followup import economy_editing as editing
from styrkedja.followup.economics import adopted_version
from styrkedja.followup.models import (
    AdjustmentRequest,
    RequirementForecast,
    Round,
    TurnoverProposal,
    check_open,
)
from styrkedja.followup.permissions import EDIT_ROUND
from styrkedja.lib.validation import MONEY, number_problem

router = Router(tags=["Uppföljningar"])
READ = {304: None, 401: Problem, 403: Problem, 404: Problem, 422: Problem}
WRITE = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}


def _for_change(request: HttpRequest, round_id: int) -> Round:
    """The round for a change of its economy: 404/403 by role, then 409 when it is locked."""
    round_, _ = common.round_(request, round_id, EDIT_ROUND)
    check_open(round_)
    return round_


def _area(round_: Round, area_id: int | None, field: str) -> BudgetArea | None:
    if area_id is None:
        return None
    return _plans_area(round_, area_id, field)


def _plans_area(round_: Round, area_id: int, field: str) -> BudgetArea:
    area = BudgetArea.objects.filter(pk=area_id, plan_id=round_.plan_id).first()
    if area is None:
        raise ValidationError({field: "Planen har inget verksamhetsområde med det id:t."})
    return area


def _row(model, round_: Round, row_id: int):
    found = model.objects.filter(pk=row_id, round=round_).first()
    if found is None:
        raise Http404("Finns inte.")
    found.round = round_
    return found


# --- Omslutning ---------------------------------------------------------------------------------------


@router.get("/rounds/{round_id}/turnover", response={200: list[TurnoverOut], **READ}, summary="Omslutning")
def list_turnover(request: HttpRequest, round_id: int):
    """Uppföljningens omslutningsförändringar: ökade kostnader med lika stora intäkter, mnkr."""
    round_, _ = common.round_(request, round_id)
    rows = TurnoverProposal.objects.filter(round=round_).select_related("area").order_by("position", "pk")
    return [serialize.turnover(t) for t in rows]


def _turnover(round_: Round, data: TurnoverNew, by, row=None, version: int | None = None):
    saved = editing.save_turnover(
        round_,
        area=_plans_area(round_, data.area_id, "area_id"),
        heading=data.heading.strip(),
        label=data.label.strip(),
        costs=data.costs,
        revenues=data.revenues,
        by=by,
        proposal=row,
        expected_version=version,
    )
    return serialize.turnover(saved)


@router.post(
    "/rounds/{round_id}/turnover", response={201: TurnoverOut, **WRITE}, summary="Ny omslutningsförändring"
)
def post_turnover(request: HttpRequest, round_id: int, data: TurnoverNew):
    round_ = _for_change(request, round_id)
    return Status(201, _turnover(round_, data, request.user))


@router.put(
    "/rounds/{round_id}/turnover/{turnover_id}",
    response={200: TurnoverOut, **WRITE},
    summary="Ändra en omslutningsförändring",
)
def put_turnover(request: HttpRequest, round_id: int, turnover_id: int, data: TurnoverIn):
    round_ = _for_change(request, round_id)
    return _turnover(round_, data, request.user, _row(TurnoverProposal, round_, turnover_id), data.version)


@router.delete(
    "/rounds/{round_id}/turnover/{turnover_id}",
    response={204: None, **WRITE},
    summary="Ta bort en omslutningsförändring",
)
def delete_turnover(request: HttpRequest, round_id: int, turnover_id: int, version: Version):
    """`version`: radens version som du läste; historiken behåller raden och vem som tog bort den."""
    round_ = _for_change(request, round_id)
    editing.delete_turnover(
        _row(TurnoverProposal, round_, turnover_id), by=request.user, expected_version=version
    )
    return HttpResponse(status=204)


# --- Budgetjusteringar --------------------------------------------------------------------------------


@router.get(
    "/rounds/{round_id}/adjustments", response={200: list[AdjustmentOut], **READ}, summary="Budgetjusteringar"
)
def list_adjustments(request: HttpRequest, round_id: int):
    """Budgetjusteringarna nämnden begär i uppföljningen, mnkr."""
    round_, _ = common.round_(request, round_id)
    return [
        serialize.adjustment(a)
        for a in AdjustmentRequest.objects.filter(round=round_).order_by("position", "pk")
    ]


def _adjustment(round_: Round, data: AdjustmentNew, by, row=None, version: int | None = None):
    saved = editing.save_adjustment(
        round_,
        amount=data.amount,
        reason=data.reason.strip(),
        from_amount=data.from_amount,
        to_amount=data.to_amount,
        area=_area(round_, data.area_id, "area_id"),
        by=by,
        request=row,
        expected_version=version,
    )
    return serialize.adjustment(saved)


@router.post(
    "/rounds/{round_id}/adjustments", response={201: AdjustmentOut, **WRITE}, summary="Ny budgetjustering"
)
def post_adjustment(request: HttpRequest, round_id: int, data: AdjustmentNew):
    round_ = _for_change(request, round_id)
    return Status(201, _adjustment(round_, data, request.user))


@router.put(
    "/rounds/{round_id}/adjustments/{adjustment_id}",
    response={200: AdjustmentOut, **WRITE},
    summary="Ändra en budgetjustering",
)
def put_adjustment(request: HttpRequest, round_id: int, adjustment_id: int, data: AdjustmentIn):
    round_ = _for_change(request, round_id)
    return _adjustment(
        round_, data, request.user, _row(AdjustmentRequest, round_, adjustment_id), data.version
    )


@router.delete(
    "/rounds/{round_id}/adjustments/{adjustment_id}",
    response={204: None, **WRITE},
    summary="Ta bort en budgetjustering",
)
def delete_adjustment(request: HttpRequest, round_id: int, adjustment_id: int, version: Version):
    round_ = _for_change(request, round_id)
    editing.delete_adjustment(
        _row(AdjustmentRequest, round_, adjustment_id), by=request.user, expected_version=version
    )
    return HttpResponse(status=204)


# --- Intäktskrav --------------------------------------------------------------------------------------


@router.get(
    "/rounds/{round_id}/requirements",
    response={200: list[RequirementForecastOut], **READ},
    summary="Intäktskravens prognoser",
)
def list_requirements(request: HttpRequest, round_id: int):
    """Varje rad av nämndens intäktskrav: nämndbudgetens belopp och uppföljningens prognos, mnkr."""
    round_, _ = common.round_(request, round_id)
    adopted = adopted_version(round_)
    budgets = (
        dict(RevenueRequirementAmount.objects.filter(version=adopted).values_list("line_id", "amount"))
        if adopted
        else {}
    )
    forecasts = {f.line_id: f for f in RequirementForecast.objects.filter(round=round_)}
    return [
        serialize.requirement_forecast(line, budgets.get(line.pk), forecasts.get(line.pk))
        for line in round_.plan.revenue_requirements.order_by("position", "pk")
    ]


@router.put(
    "/rounds/{round_id}/requirements/{line_id}",
    response={200: RequirementForecastOut, **WRITE},
    summary="Spara ett intäktskravs prognos",
)
def put_requirement(request: HttpRequest, round_id: int, line_id: int, data: RequirementForecastIn):
    """En intäktskravsrads prognos (controller och uppåt); `forecast` null tar bort den."""
    round_ = _for_change(request, round_id)
    line = round_.plan.revenue_requirements.filter(pk=line_id).first()
    if line is None:
        raise Http404("Finns inte.")
    if data.forecast is not None and (problem := number_problem(data.forecast, MONEY, "Prognosen")):
        raise ValidationError({"forecast": problem})  # lib/validation.py, as the forms and the files
    editing.save_requirement_forecasts(
        round_, [line], {line.pk: (data.forecast, data.version)}, by=request.user
    )
    adopted = adopted_version(round_)
    budget = (
        RevenueRequirementAmount.objects.filter(version=adopted, line=line)
        .values_list("amount", flat=True)
        .first()
        if adopted
        else None
    )
    return serialize.requirement_forecast(
        line, budget, RequirementForecast.objects.filter(round=round_, line=line).first()
    )


__all__ = ["router"]
