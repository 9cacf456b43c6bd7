"""A goal's page, and adding and editing goals."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from styrkedja.organisations.permissions import EDIT_PLAN
from styrkedja.plans import editing
from styrkedja.plans.models import Goal, GoalLevel, IndicatorTable, Plan
from styrkedja.web.forms.plans import GoalForm
from styrkedja.web.table_download import offers_xlsx
from styrkedja.web.views.common import (
    Crumb,
    authorise_plan,
    form_page,
    get_goal,
    get_plan,
    goal_crumbs,
    plan_crumbs,
)

TABLE_CAPTIONS = {
    IndicatorTable.COUNCIL: "KF:s indikatorer",
    IndicatorTable.COMMITTEE: "Nämndens indikatorer",
}


def _indicator_tables(goal: Goal) -> list[tuple[str, list]]:
    targets = list(goal.targets.select_related("indicator").order_by("position", "pk"))
    return [
        (caption, rows)
        for table, caption in TABLE_CAPTIONS.items()
        if (rows := [t for t in targets if t.table == table])
    ]


@login_required
@offers_xlsx
def goal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_goal(pk)
    context = authorise_plan(request, goal.plan)
    crumbs = goal_crumbs(goal)
    return render(
        request,
        "goals/detail.html",
        {
            **context,
            "goal": goal,
            "plan": goal.plan,
            "expected_results": [(r, r.quantified) for r in goal.expected_results.all()],
            "indicator_tables": _indicator_tables(goal),
            "activities": list(goal.activities.order_by("position", "pk")),
            "children": list(goal.children.order_by("position", "pk")),
            "child_level": GoalLevel(editing.NEXT_LEVEL[GoalLevel(goal.level)]).label,
            "breadcrumbs": crumbs,
        },
    )


def _add_goal(request: HttpRequest, plan: Plan, parent: Goal | None, crumbs: list[Crumb]) -> HttpResponse:
    context = authorise_plan(request, plan, EDIT_PLAN)
    level = editing.NEXT_LEVEL[GoalLevel(parent.level)] if parent else GoalLevel.DIRECTION
    form = GoalForm(
        request.POST or None,
        plan=plan,
        parent=parent,
        initial={"number": editing.suggest_goal_number(plan, parent)},
    )
    heading = f"Nytt mål: {GoalLevel(level).label}"
    return form_page(
        request,
        form,
        save=lambda f: editing.add_goal(
            plan, parent, f.cleaned_data, by=request.user, token=f.cleaned_data["token"]
        ),
        success_url=lambda goal: reverse("goal", args=[goal.pk]),
        success_message="Målet har lagts till.",
        template="goals/form.html",
        context={
            **context,
            "plan": plan,
            "parent": parent,
            "heading": heading,
            "breadcrumbs": [*crumbs, Crumb(heading)],
            "cancel_url": reverse("goal", args=[parent.pk]) if parent else reverse("plan", args=[plan.pk]),
        },
    )


@login_required
def goal_create(request: HttpRequest, plan_pk: int) -> HttpResponse:
    plan = get_plan(plan_pk)
    return _add_goal(request, plan, None, plan_crumbs(plan))


@login_required
def goal_create_child(request: HttpRequest, pk: int) -> HttpResponse:
    parent = get_goal(pk)
    return _add_goal(request, parent.plan, parent, goal_crumbs(parent))


@login_required
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_goal(pk)
    context = authorise_plan(request, goal.plan, EDIT_PLAN)
    form = GoalForm(request.POST or None, plan=goal.plan, goal=goal, initial=GoalForm.initial_for(goal))
    heading = f"Ändra mål {goal.number}"
    return form_page(
        request,
        form,
        save=lambda f: editing.update_goal(
            goal, f.cleaned_data, by=request.user, expected_version=f.cleaned_data["version"]
        ),
        success_url=reverse("goal", args=[goal.pk]),
        success_message="Målet har sparats.",
        template="goals/form.html",
        context={
            **context,
            "plan": goal.plan,
            "goal": goal,
            "heading": heading,
            "breadcrumbs": [*goal_crumbs(goal), Crumb("Ändra")],
            "cancel_url": reverse("goal", args=[goal.pk]),
        },
    )
