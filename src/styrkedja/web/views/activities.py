"""Adding and editing an activity in a goal."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from styrkedja.organisations.permissions import EDIT_PLAN
from styrkedja.plans import editing
from styrkedja.plans.models import Activity
from styrkedja.web.forms.plans import ActivityForm
from styrkedja.web.views.common import (
    ORG_CHAIN,
    Crumb,
    authorise_plan,
    form_page,
    get_goal,
    goal_crumbs,
)


@login_required
def activity_create(request: HttpRequest, goal_pk: int) -> HttpResponse:
    goal = get_goal(goal_pk)
    context = authorise_plan(request, goal.plan, EDIT_PLAN)
    goal_url = reverse("goal", args=[goal.pk])
    return form_page(
        request,
        ActivityForm(request.POST or None),
        save=lambda f: editing.add_activity(
            goal, f.cleaned_data, by=request.user, token=f.cleaned_data["token"]
        ),
        success_url=goal_url,
        success_message="Aktiviteten har lagts till.",
        template="activities/form.html",
        context={
            **context,
            "goal": goal,
            "heading": f"Ny aktivitet i mål {goal.number}",
            "breadcrumbs": [*goal_crumbs(goal), Crumb("Ny aktivitet")],
            "cancel_url": goal_url,
        },
    )


@login_required
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.select_related(f"goal__plan__{ORG_CHAIN}"), pk=pk)
    goal = activity.goal
    context = authorise_plan(request, goal.plan, EDIT_PLAN)
    goal_url = reverse("goal", args=[goal.pk])
    return form_page(
        request,
        ActivityForm(request.POST or None, activity=activity, initial=ActivityForm.initial_for(activity)),
        save=lambda f: editing.update_activity(
            activity, f.cleaned_data, by=request.user, expected_version=f.cleaned_data["version"]
        ),
        success_url=goal_url,
        success_message="Aktiviteten har sparats.",
        template="activities/form.html",
        context={
            **context,
            "goal": goal,
            "activity": activity,
            "heading": "Ändra aktivitet",
            "breadcrumbs": [*goal_crumbs(goal), Crumb("Ändra aktivitet")],
            "cancel_url": goal_url,
        },
    )
