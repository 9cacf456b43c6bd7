"""Adding and editing an indicator with its target in a goal."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from styrkedja.organisations.permissions import EDIT_PLAN
from styrkedja.plans import editing
from styrkedja.plans.models import Target
from styrkedja.web.forms.plans import IndicatorTargetForm
from styrkedja.web.views.common import (
    ORG_CHAIN,
    Crumb,
    authorise_plan,
    form_page,
    get_goal,
    goal_crumbs,
)


@login_required
def target_create(request: HttpRequest, goal_pk: int) -> HttpResponse:
    goal = get_goal(goal_pk)
    context = authorise_plan(request, goal.plan, EDIT_PLAN)
    form = IndicatorTargetForm(
        request.POST or None,
        plan=goal.plan,
        taken=set(goal.targets.values_list("indicator_id", flat=True)),
    )
    goal_url = reverse("goal", args=[goal.pk])
    return form_page(
        request,
        form,
        save=lambda f: editing.add_indicator(
            goal, f.cleaned_data, by=request.user, token=f.cleaned_data["token"]
        ),
        success_url=goal_url,
        success_message="Indikatorn har lagts till.",
        template="indicators/form.html",
        context={
            **context,
            "goal": goal,
            "heading": f"Ny indikator i mål {goal.number}",
            "breadcrumbs": [*goal_crumbs(goal), Crumb("Ny indikator")],
            "cancel_url": goal_url,
        },
    )


@login_required
def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(Target.objects.select_related("indicator", f"goal__plan__{ORG_CHAIN}"), pk=pk)
    goal = target.goal
    context = authorise_plan(request, goal.plan, EDIT_PLAN)
    form = IndicatorTargetForm(
        request.POST or None,
        plan=goal.plan,
        target=target,
        initial=IndicatorTargetForm.initial_for(target),
    )
    goal_url = reverse("goal", args=[goal.pk])
    return form_page(
        request,
        form,
        save=lambda f: editing.update_indicator(
            target,
            f.cleaned_data,
            by=request.user,
            expected_version=f.cleaned_data["version"],
            expected_indicator_version=f.cleaned_data["indicator_version"],
        ),
        success_url=goal_url,
        success_message="Indikatorn har sparats.",
        template="indicators/form.html",
        context={
            **context,
            "goal": goal,
            "target": target,
            "heading": "Ändra indikator",
            "breadcrumbs": [*goal_crumbs(goal), Crumb("Ändra indikator")],
            "cancel_url": goal_url,
        },
    )
