"""A goal's assessment (the system's suggestion beside the choice) and a part's activity follow-up."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from styrkedja.followup.models import ActivityReport, Assessment, Round
from styrkedja.followup.permissions import may_edit_goal, may_edit_part, may_edit_row
from styrkedja.followup.profiles import profile_for_round
from styrkedja.followup.scope import GoalTree, goal_part, part_scope
from styrkedja.followup.suggestions import round_suggestions
from styrkedja.followup.values import Conflict, save_activity_report, save_assessment
from styrkedja.lib.numbers import format_number
from styrkedja.lib.vocabulary import EvidenceKind
from styrkedja.organisations.models import Role
from styrkedja.plans.models import Activity, Goal
from styrkedja.web.forms.followup import ActivityReportForm, AssessmentForm
from styrkedja.web.views.common import Crumb, authorise
from styrkedja.web.views.followup_common import (
    get_part,
    get_round,
    locked_response,
    part_crumbs,
    require_part_edit,
    round_crumbs,
    round_title,
    user_name,
)

EVIDENCE_KINDS = EvidenceKind.labels


@dataclass
class Reason:
    kind: str
    label: str
    met: str
    reason: str


def _reasons(suggestion, profile) -> list[Reason]:
    """The evidence behind a suggestion, each with the rating it counts as (its own, or for an activity
    on track or not)."""
    if suggestion is None:
        return []
    out = []
    for evidence in suggestion.reasons:
        if evidence.kind == "goal":
            met = profile.ratings.label(evidence.rating)
        elif evidence.kind == "indicator":
            met = profile.indicator_ratings.label(evidence.rating)
        else:
            met = "Enligt plan" if evidence.met >= 1 else "Inte enligt plan"
        label = f"mål {evidence.label}" if evidence.kind == "goal" else evidence.label
        out.append(Reason(EVIDENCE_KINDS.get(evidence.kind, evidence.kind), label, met, evidence.reason))
    return out


def _assessment_initial(current: Assessment | None) -> dict:
    if current is None:
        return {"version": 0}
    return {
        "value": current.value,
        "analysis": current.analysis,
        "justification": current.justification,
        "version": current.version,
    }


@login_required
def assessment(request: HttpRequest, round_pk: int, goal_pk: int) -> HttpResponse:
    round_ = get_round(round_pk)
    context = authorise(
        request, round_.organisation, Role.REPORTER if request.method == "POST" else Role.READER
    )
    goal = get_object_or_404(Goal, pk=goal_pk, plan_id=round_.plan_id)
    tree = GoalTree.of_plan(round_.plan_id)
    part = goal_part(round_, goal, tree)
    editable = may_edit_goal(context["role"], request.user, round_, part)
    current = Assessment.objects.filter(round=round_, goal=goal).first()
    profile = profile_for_round(round_)
    context["profile"] = profile
    suggestion = round_suggestions(round_, profile).get(goal.number)
    suggested = suggestion.value if suggestion else None
    back = reverse("part", args=[part.pk]) if part else reverse("round", args=[round_.pk])
    status, conflict, conflict_by = 200, None, ""
    if request.method == "POST":
        if round_.is_locked:
            return locked_response(request, round_)
        if not editable:
            raise PermissionDenied("Målets bedömning är inte din att ändra just nu.")
        form = AssessmentForm(request.POST, profile=profile)
        if form.is_valid():
            data = form.cleaned_data
            try:
                save_assessment(
                    round_,
                    goal,
                    value=data["value"],
                    analysis=data["analysis"].strip(),
                    justification=data["justification"].strip(),
                    suggested=suggested,
                    by=request.user,
                    expected_version=data["version"],
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            except Conflict as exc:
                conflict = exc.current
                latest = conflict.history.select_related("history_user").first()
                conflict_by = user_name(latest.history_user) if latest else ""
                post = request.POST.copy()
                post["version"] = str(conflict.version)
                form = AssessmentForm(post, profile=profile)
                status = 409
            else:
                messages.success(request, f"Bedömningen av mål {goal.number} har sparats.")
                return redirect(back)
    else:
        form = AssessmentForm(initial=_assessment_initial(current), profile=profile)
    crumbs = part_crumbs(part) if part else round_crumbs(round_)
    return render(
        request,
        "followup/assessment.html",
        {
            **context,
            "round": round_,
            "title": round_title(round_),
            "goal": goal,
            "part": part,
            "current": current,
            "form": form,
            "editable": editable,
            "suggestion": suggestion,
            "suggested_label": profile.ratings.label(suggested) if suggested else "",
            "share": format_number(suggestion.share * 100, 0) + "\u00a0%"
            if suggestion and suggestion.share is not None
            else "",
            "reasons": _reasons(suggestion, profile),
            "conflict": conflict,
            "conflict_by": conflict_by,
            "back_url": back,
            "breadcrumbs": [*crumbs, Crumb(f"Bedömning av mål {goal.number}")],
        },
        status=status,
    )


# --- Activities -----------------------------------------------------------------------------------------


@dataclass
class ActivityRow:
    activity: Activity
    goal: Goal
    report: ActivityReport | None
    form: ActivityReportForm | None
    conflict: ActivityReport | None = None


class _Rollback(Exception):
    pass


def _activity_form(activity: Activity, report: ActivityReport | None, data=None) -> ActivityReportForm:
    initial = (
        {"status": report.status, "deviation": report.deviation, "version": report.version}
        if report
        else {"version": 0}
    )
    return ActivityReportForm(data, prefix=f"a{activity.pk}", initial=initial)


def _save_activities(request, round_: Round, rows: list[ActivityRow]) -> bool:
    """Save the changed rows together; on any error or conflict nothing is saved. True when saved."""
    failed = False
    try:
        with transaction.atomic():
            for row in rows:
                if row.form is None:  # a row the user may not change here (a council goal's)
                    continue
                data = row.form.cleaned_data
                status, deviation = data["status"], data["deviation"].strip()
                if row.report is not None and (row.report.status, row.report.deviation) == (
                    status,
                    deviation,
                ):
                    continue
                if row.report is None and not status and not deviation:
                    continue
                try:
                    save_activity_report(
                        round_,
                        row.activity,
                        status=status,
                        deviation=deviation,
                        by=request.user,
                        expected_version=data["version"],
                    )
                except ValidationError as exc:
                    row.form.add_error(None, exc)
                    failed = True
                except Conflict as exc:
                    row.conflict = exc.current
                    post = request.POST.copy()
                    post[f"a{row.activity.pk}-version"] = str(exc.current.version)
                    row.form = _activity_form(row.activity, row.report, post)
                    failed = True
            if failed:
                raise _Rollback
    except _Rollback:
        return False
    return True


@login_required
def activities(request: HttpRequest, pk: int) -> HttpResponse:
    part = get_part(pk)
    if part.goal_id is None:
        raise Http404("Sidan finns inte.")
    round_ = part.round
    context = (
        require_part_edit(request, part)
        if request.method == "POST"
        else authorise(request, round_.organisation)
    )
    if request.method == "POST" and round_.is_locked:
        return locked_response(request, round_)
    scope = part_scope(part, GoalTree.of_plan(round_.plan_id))
    order = {g.pk: i for i, g in enumerate(scope.all)}
    goals = {g.pk: g for g in scope.all}
    items = sorted(
        Activity.objects.filter(goal_id__in=scope.ids), key=lambda a: (order[a.goal_id], a.position, a.pk)
    )
    reports = {r.activity_id: r for r in ActivityReport.objects.filter(round=round_, activity__in=items)}
    editable = may_edit_part(context["role"], request.user, part)
    data = request.POST if request.method == "POST" else None
    rows = [
        ActivityRow(
            a,
            goals[a.goal_id],
            reports.get(a.pk),
            _activity_form(a, reports.get(a.pk), data)
            if editable and may_edit_row(context["role"], request.user, part, a.goal_id, scope.own_ids)
            else None,
        )
        for a in items
    ]
    status = 200
    if request.method == "POST":
        if all(row.form is None or row.form.is_valid() for row in rows):
            saved = _save_activities(request, round_, rows)
            if saved:
                messages.success(request, "Aktiviteternas status har sparats.")
                return redirect("part", part.pk)
        if any(row.conflict for row in rows):
            status = 409
    crumbs = part_crumbs(part)
    return render(
        request,
        "followup/activities.html",
        {
            **context,
            "round": round_,
            "part": part,
            "title": round_title(round_),
            "rows": rows,
            "editable": editable,
            "has_errors": any(row.form is not None and row.form.errors for row in rows),
            "with_status": sum(1 for row in rows if row.report is not None and row.report.status),
            "breadcrumbs": [*crumbs, Crumb("Aktiviteter")],
        },
        status=status,
    )
