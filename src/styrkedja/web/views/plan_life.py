"""A plan's life cycle on the web: the committee's adoption (and a revision's), opening the plan for
revision, and a decision with what it changed. Thin: authorise → form → `plans.lifecycle` → render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from styrkedja.lib.vocabulary import PlanStatus
from styrkedja.plans import lifecycle
from styrkedja.plans.models import PlanDecision
from styrkedja.plans.permissions import DECIDE_PLAN
from styrkedja.web.forms.plan_life import DecisionForm, RevisionForm
from styrkedja.web.views.common import Crumb, authorise_plan, form_page, get_plan, plan_crumbs


@login_required
def plan_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the committee's decision: a draft adopted, or a plan under revision adopted as revised."""
    plan = get_plan(pk)
    context = authorise_plan(request, plan, DECIDE_PLAN, decision=True)
    revision = plan.status == PlanStatus.REVISING
    form = DecisionForm(request.POST or None, initial={"version": plan.version})
    plan_url = reverse("plan", args=[plan.pk])
    heading = "Fastställ revideringen" if revision else "Fastställ planen"
    return form_page(
        request,
        form,
        save=lambda f: lifecycle.adopt(
            plan,
            decided_on=f.cleaned_data["decided_on"],
            reference=f.cleaned_data["reference"],
            by=request.user,
            expected_version=f.cleaned_data["version"],
        ),
        success_url=plan_url,
        success_message="Revideringen är fastställd." if revision else "Planen är fastställd.",
        template="plans/decision_form.html",
        context={
            **context,
            "plan": plan,
            "heading": heading,
            "revision": revision,
            "decided": plan.status not in (PlanStatus.DRAFT, PlanStatus.REVISING),
            "changes": lifecycle.pending_changes(plan),
            "change_words": lifecycle.CHANGE_WORDS,
            "breadcrumbs": [*plan_crumbs(plan), Crumb(heading)],
            "cancel_url": plan_url,
            "submit_label": heading,
        },
    )


@login_required
def plan_revision(request: HttpRequest, pk: int) -> HttpResponse:
    """Open an adopted plan for revision (a confirmation page, then a post)."""
    plan = get_plan(pk)
    context = authorise_plan(request, plan, DECIDE_PLAN, decision=True)
    form = RevisionForm(request.POST or None, initial={"version": plan.version})
    plan_url = reverse("plan", args=[plan.pk])
    return form_page(
        request,
        form,
        save=lambda f: lifecycle.open_revision(
            plan, by=request.user, expected_version=f.cleaned_data["version"]
        ),
        success_url=plan_url,
        success_message="Planen är öppnad för revidering.",
        template="plans/revision_form.html",
        context={
            **context,
            "plan": plan,
            "heading": "Öppna planen för revidering",
            "breadcrumbs": [*plan_crumbs(plan), Crumb("Revidering")],
            "cancel_url": plan_url,
            "submit_label": "Öppna för revidering",
            "open": plan.status in (PlanStatus.ADOPTED, PlanStatus.REVISED),
        },
    )


@login_required
def plan_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """A decision on a plan: its date and reference, and for a revision what it changed."""
    decision = get_object_or_404(
        PlanDecision.objects.select_related("plan__organisation__parent__parent__parent"), pk=pk
    )
    plan = decision.plan
    context = authorise_plan(request, plan)
    return render(
        request,
        "plans/decision.html",
        {
            **context,
            "plan": plan,
            "decision": decision,
            "change_words": lifecycle.CHANGE_WORDS,
            "breadcrumbs": [*plan_crumbs(plan), Crumb(f"Beslut {decision.number}")],
        },
    )
