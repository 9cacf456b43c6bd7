"""Adding and editing an indicator with its target in a goal; its earlier values and comparisons."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from styrkedja.edits.versions import Conflict
from styrkedja.lib.vocabulary import ValueSource
from styrkedja.organisations.permissions import EDIT_PLAN
from styrkedja.plans import editing
from styrkedja.plans import indicator_values as values
from styrkedja.plans.models import ComparisonValue, SeriesValue, Target
from styrkedja.web.forms.fields import STALE_PAGE
from styrkedja.web.forms.plans import ComparisonForm, IndicatorTargetForm, SeriesValueForm
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


@dataclass
class ValueRow:
    row: Any  # the stored row, None for the form that adds one
    form: Any
    editable: bool = True


def _series_rows(target: Target, words, bound: tuple[str, str, Any] | None) -> list[ValueRow]:
    """The series' values, earliest first; those of a table import or Kolada shown, not editable."""
    rows = []
    for value in SeriesValue.objects.filter(series_id=target.indicator.series_id).order_by(
        "period", "source"
    ):
        editable = value.source == ValueSource.FILE
        form = None
        if editable:
            key = str(value.pk)
            form = (
                bound[2]
                if bound and bound[:2] == ("series", key)
                else SeriesValueForm(
                    prefix=f"serie-{key}",
                    words=words,
                    initial={
                        "period": value.period,
                        "total": value.total,
                        "men": value.men,
                        "women": value.women,
                        "version": value.version,
                    },
                )
            )
        rows.append(ValueRow(value, form, editable))
    adding = bound[2] if bound and bound[:2] == ("series", "") else None
    rows.append(
        ValueRow(None, adding or SeriesValueForm(prefix="serie-ny", words=words, initial={"version": 0}))
    )
    return rows


def _comparison_rows(target: Target, bound: tuple[str, str, Any] | None) -> list[ValueRow]:
    rows = []
    for value in target.indicator.comparisons.order_by("position", "pk"):
        key = str(value.pk)
        form = (
            bound[2]
            if bound and bound[:2] == ("comparison", key)
            else ComparisonForm(
                prefix=f"jamforelse-{key}",
                initial={
                    "label": value.label,
                    "value": value.value,
                    "period": value.period,
                    "source": value.source,
                    "version": value.version,
                },
            )
        )
        rows.append(ValueRow(value, form))
    adding = bound[2] if bound and bound[:2] == ("comparison", "") else None
    rows.append(ValueRow(None, adding or ComparisonForm(prefix="jamforelse-ny", initial={"version": 0})))
    return rows


def _post_values(request: HttpRequest, target: Target, words) -> tuple[str, str, Any] | None:
    """Save, change or remove one row; None when done, else the form to show again with its errors."""
    indicator = target.indicator
    kind, key = request.POST.get("kind", ""), request.POST.get("row", "")
    remove = request.POST.get("action") == "delete"
    saver: Any
    deleter: Any
    row: Any
    if kind == "series":
        row = get_object_or_404(values.file_values(indicator), pk=key) if key else None
        form: Any = SeriesValueForm(request.POST, prefix=f"serie-{key or 'ny'}", words=words)
        saver, deleter = values.save_series_value, values.delete_series_value
    elif kind == "comparison":
        row = get_object_or_404(ComparisonValue, pk=key, indicator=indicator) if key else None
        form = ComparisonForm(request.POST, prefix=f"jamforelse-{key or 'ny'}")
        saver, deleter = values.save_comparison, values.delete_comparison
    else:
        return "", "", None  # nothing to save: the page again
    if remove and row is not None:
        version = form["version"].value()
        try:
            deleter(indicator, row, by=request.user, expected_version=int(version))
        except (TypeError, ValueError):
            form.add_error(None, STALE_PAGE)
            return kind, key, form
        except Conflict:
            form.add_error(None, CHANGED_MEANWHILE)
            return kind, key, form
        messages.success(request, "Värdet har tagits bort.")
        return None
    if not form.is_valid():
        return kind, key, form
    try:
        saver(
            indicator, row, form.cleaned_data, by=request.user, expected_version=form.cleaned_data["version"]
        )
    except Conflict:
        form.add_error(None, CHANGED_MEANWHILE)
        return kind, key, form
    except ValidationError as exc:
        form.add_error(None, exc) if not hasattr(exc, "error_dict") else _field_errors(form, exc)
        return kind, key, form
    messages.success(request, "Värdet har sparats.")
    return None


def _field_errors(form, exc: ValidationError) -> None:
    for name, errors in exc.message_dict.items():
        for error in errors:
            form.add_error(name if name in form.fields else None, error)


CHANGED_MEANWHILE = (
    "Någon annan har ändrat eller tagit bort värdet sedan du öppnade sidan, så din ändring sparades inte. "
    "Ladda om sidan och försök igen."
)


@login_required
def indicator_values(request: HttpRequest, pk: int) -> HttpResponse:
    """An indicator's earlier values and the values it is compared with: added, changed and removed one row
    at a time, as a plan file's `series` and `comparison` give them."""
    target = get_object_or_404(Target.objects.select_related("indicator", f"goal__plan__{ORG_CHAIN}"), pk=pk)
    goal = target.goal
    context = authorise_plan(request, goal.plan, EDIT_PLAN)
    words = context["words"]
    url = reverse("indicator_values", args=[target.pk])
    bound = None
    status = 200
    if request.method == "POST":
        bound = _post_values(request, target, words)
        if bound is None:
            return redirect(url)
        if bound[2] is not None and CHANGED_MEANWHILE in bound[2].non_field_errors():
            status = 409
    return render(
        request,
        "indicators/values.html",
        {
            **context,
            "goal": goal,
            "target": target,
            "series_rows": _series_rows(target, words, bound),
            "comparison_rows": _comparison_rows(target, bound),
            "heading": f"Tidigare värden och jämförelser – {target.indicator.name}",
            "breadcrumbs": [*goal_crumbs(goal), Crumb("Tidigare värden och jämförelser")],
            "sources": dict(ValueSource.choices),
        },
        status=status,
    )
