"""A plan's page: its goal tree with the number of indicators and activities per goal."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from styrkedja.plans.models import Goal, Plan
from styrkedja.web.table_download import offers_xlsx
from styrkedja.web.views.common import authorise_plan, get_plan, plan_crumbs


@dataclass
class GoalNode:
    goal: Goal
    indicators: int
    activities: int
    children: list[GoalNode] = field(default_factory=list)


def goal_tree(plan: Plan) -> list[GoalNode]:
    """The plan's goals as a tree, in one query whatever the number of goals."""
    goals = (
        Goal.objects.filter(plan=plan)
        .annotate(
            n_indicators=Count("targets", distinct=True), n_activities=Count("activities", distinct=True)
        )
        .order_by("position", "pk")
    )
    nodes = {g.pk: GoalNode(g, g.n_indicators, g.n_activities) for g in goals}
    roots: list[GoalNode] = []
    for node in nodes.values():
        parent = nodes.get(node.goal.parent_id) if node.goal.parent_id is not None else None
        (parent.children if parent else roots).append(node)
    return roots


@login_required
@offers_xlsx
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan(pk)
    context = authorise_plan(request, plan)
    tree = goal_tree(plan)
    crumbs = plan_crumbs(plan)
    return render(
        request,
        "plans/detail.html",
        {
            **context,
            "plan": plan,
            "tree": tree,
            "breadcrumbs": crumbs,
            "decisions": list(plan.decisions.order_by("number")),
        },
    )
