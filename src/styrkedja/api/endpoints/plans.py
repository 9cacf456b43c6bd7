"""Plans: the goal tree, indicators, targets, activities and budget; changes to goals, targets and
activities through the plan services (`plans/editing.py`), which check the role and the version."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Query, Router

from styrkedja.api.endpoints import common, serialize
from styrkedja.api.problems import Problem
from styrkedja.api.schemas import (
    ActivityIn,
    ActivityOut,
    GoalIn,
    GoalOut,
    PlanOut,
    PlanPage,
    TargetIn,
    TargetOut,
)
from styrkedja.lib.validation import target_problem, tolerance_problem
from styrkedja.organisations.permissions import EDIT_PLAN, visible_organisations
from styrkedja.plans import editing
from styrkedja.plans.models import Plan

router = Router(tags=["Verksamhetsplaner"])
READ = {304: None, 401: Problem, 403: Problem, 404: Problem, 422: Problem}
WRITE = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}


@router.get("/plans", response={200: PlanPage, **READ}, summary="Verksamhetsplaner")
def list_plans(
    request: HttpRequest,
    window: Query[common.Window],
    organisation: str | None = None,
    year: int | None = None,
):
    """Planerna i organisationerna där du har en roll; filtrera med `organisation` (kod) och `year`."""
    orgs = [o.pk for o in visible_organisations(request.user)]
    plans = Plan.objects.select_related("organisation").filter(organisation_id__in=orgs)
    if organisation is not None:
        plans = plans.filter(organisation__code=organisation)
    if year is not None:
        plans = plans.filter(year=year)
    rows = [serialize.plan_summary(p) for p in plans.order_by("organisation__code", "-year", "pk")]
    return common.page(rows, window)


@router.get("/plans/{plan_id}", response={200: PlanOut, **READ}, summary="En verksamhetsplan")
def get_plan(request: HttpRequest, plan_id: int):
    """Hela planen: målträdet (varje mål med `parent_id`), indikatorerna, målvärdena per mål, aktiviteterna
    och budgeten per verksamhetsområde och budgetversion."""
    return serialize.plan_full(common.plan(request, plan_id))


def _given(data, *exclude: str) -> dict:
    return {k: v for k, v in data.dict(exclude_unset=True).items() if k not in ("version", *exclude)}


@router.patch("/goals/{goal_id}", response={200: GoalOut, **WRITE}, summary="Ändra ett mål")
def patch_goal(request: HttpRequest, goal_id: int, data: GoalIn):
    goal = common.goal(request, goal_id, EDIT_PLAN)
    changes = _given(data)
    for name in ("title",):
        if name in changes and changes[name] is None:
            del changes[name]
    for name in ("description", "comment"):
        if name in changes and changes[name] is None:
            changes[name] = ""
    if changes.get("expected_results") is None:
        changes.pop("expected_results", None)
    saved = editing.update_goal(goal, changes, by=request.user, expected_version=data.version)
    return serialize.goal(saved, [r.text for r in saved.expected_results.order_by("position", "pk")])


@router.patch("/targets/{target_id}", response={200: TargetOut, **WRITE}, summary="Ändra ett målvärde")
def patch_target(request: HttpRequest, target_id: int, data: TargetIn):
    target = common.target(request, target_id, EDIT_PLAN)
    changes = _given(data)
    if "table" in changes and changes["table"] is None:
        del changes["table"]
    if "kf_mode" in changes:
        if changes["kf_mode"] is None:
            del changes["kf_mode"]
        elif changes["kf_mode"] != "value":
            changes["kf_value"] = None
    ind = target.indicator
    problems = {
        "value": changes.get("value") is not None
        and target_problem(changes["value"], ind.unit, scale=ind.scale),
        "kf_value": changes.get("kf_value") is not None
        and target_problem(changes["kf_value"], ind.unit, scale=ind.scale, council=True),
        "band": changes.get("band") is not None and tolerance_problem(changes["band"]),
    }
    found = {name: problem for name, problem in problems.items() if problem}
    if found:
        raise ValidationError(found)  # lib/validation.py: the same rule as the forms and the files
    mode = changes.get("kf_mode", target.kf_mode)
    if changes.get("kf_value") is not None and mode != "value":
        raise ValidationError({"kf_value": "Ett värde för KF:s årsmål hör bara till kf_mode value."})
    if mode == "value" and changes.get("kf_value", target.kf_value) is None:
        raise ValidationError({"kf_value": "KF:s årsmål (värde) krävs när kf_mode är value."})
    saved = editing.update_indicator(
        target,
        changes,
        by=request.user,
        expected_version=data.version,
        expected_indicator_version=target.indicator.version,
    )
    return serialize.target(saved)


@router.patch("/activities/{activity_id}", response={200: ActivityOut, **WRITE}, summary="Ändra en aktivitet")
def patch_activity(request: HttpRequest, activity_id: int, data: ActivityIn):
    activity = common.activity(request, activity_id, EDIT_PLAN)
    changes = _given(data)
    for name in ("title", "kind"):
        if name in changes and changes[name] is None:
            del changes[name]
    start, end = changes.get("start", activity.start), changes.get("end", activity.end)
    if start and end and end < start:
        raise ValidationError({"end": "Slutdatum ligger före startdatum."})
    saved = editing.update_activity(activity, changes, by=request.user, expected_version=data.version)
    return serialize.activity(saved)


__all__ = ["router"]
