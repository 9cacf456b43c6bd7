"""The plan's chapters (Inledning, Uppdrag och organisation …): read as the report prints them, and
edited in the safe text format with a preview (lib/markup.py parses it once for the page, the preview
and the reports). Thin: authorise → form → `plans.editing` → render."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe

from styrkedja.lib import markup
from styrkedja.organisations.permissions import EDIT_PLAN
from styrkedja.plans.editing import update_plan_texts
from styrkedja.web.forms.plan_texts import PlanTextsForm
from styrkedja.web.views.common import Crumb, authorise_plan, form_page, get_plan, plan_crumbs


def wants_preview(request: HttpRequest) -> bool:
    """A post of the form's "Förhandsgranska" button: shown, not saved."""
    return request.method == "POST" and "preview" in request.POST


@login_required
def plan_texts(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan(pk)
    context = authorise_plan(request, plan)
    before, chapters = markup.chapters(plan.introduction)
    return render(
        request,
        "plans/texts.html",
        {
            **context,
            "plan": plan,
            # Every character of the texts is escaped by to_html.
            "before": mark_safe(markup.to_html(before, 3)),
            "chapters": [(title, mark_safe(markup.to_html(blocks, 3))) for title, blocks in chapters],
            "breadcrumbs": [*plan_crumbs(plan), Crumb("Kapitel")],
        },
    )


@login_required
def plan_texts_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan(pk)
    context = authorise_plan(request, plan, EDIT_PLAN)
    initial = {"version": plan.version, "title": plan.title, "introduction": plan.introduction}
    form = PlanTextsForm(request.POST or None, initial=initial)
    texts_url = reverse("plan_texts", args=[plan.pk])
    context = {
        **context,
        "plan": plan,
        "heading": "Planens kapitel",
        "breadcrumbs": [*plan_crumbs(plan), Crumb("Kapitel", texts_url), Crumb("Ändra")],
        "cancel_url": texts_url,
    }
    if wants_preview(request) and form.is_valid():
        return render(
            request,
            "plans/texts_form.html",
            {**context, "form": form, "preview": form.cleaned_data["introduction"] or " "},
        )
    return form_page(
        request,
        form,
        save=lambda f: update_plan_texts(
            plan,
            {
                "title": f.cleaned_data["title"].strip(),
                "introduction": f.cleaned_data["introduction"].strip(),
            },
            by=request.user,
            expected_version=f.cleaned_data["version"],
        ),
        success_url=texts_url,
        success_message="Planens kapitel har sparats.",
        template="plans/texts_form.html",
        context=context,
    )
