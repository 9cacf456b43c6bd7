"""A part of a round: the indicator table with inline entry per row, the goal assessment, the activities.

The indicator rows save one at a time: with htmx the row's form posts to the row's address and the
answer is the row again (saved, with errors or warnings, or with a conflict); without JavaScript the same
address answers with a redirect to the part page, or with the whole page when something must be shown.
The part page reads a fixed number of queries however many indicators it has.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from styrkedja.exchange import kolada
from styrkedja.followup.models import ActivityReport, Assessment, Outcome, Part, Round
from styrkedja.followup.permissions import may_edit_part, may_edit_row, may_mark_ready
from styrkedja.followup.previous import previous_values
from styrkedja.followup.scope import GoalTree, PartScope, part_scope
from styrkedja.followup.suggestions import indicator_suggestion, round_suggestions
from styrkedja.followup.values import Conflict, Invalid, save_outcome
from styrkedja.lib.numbers import UNIT_SUFFIX
from styrkedja.lib.periods import PeriodKind, measured_in, parse_period, period_for_periodicity
from styrkedja.plans.models import Goal, IndicatorTable, Target
from styrkedja.profiles import Profile
from styrkedja.reports import kinds
from styrkedja.web.forms.followup import OutcomeForm
from styrkedja.web.table_download import offers_xlsx
from styrkedja.web.views.followup_common import (
    authorise_round,
    get_part,
    is_htmx,
    locked_response,
    part_crumbs,
    period_label,
    require_part_edit,
    round_title,
    round_words,
    user_name,
)


@dataclass
class OutcomeRow:
    target: Target
    outcome: Outcome | None
    previous: Decimal | None
    period: str
    url: str
    form: OutcomeForm | None = None
    saved: bool = False
    warnings: list[str] = field(default_factory=list)
    conflict: Outcome | None = None
    conflict_by: str = ""
    locked: bool = False
    suggestion: str = ""  # the label of the indicator's suggested rating, if it can be judged

    @property
    def indicator(self):
        return self.target.indicator

    @property
    def unit_suffix(self) -> str:
        return UNIT_SUFFIX.get(self.target.indicator.unit, "").strip()

    @property
    def dom_id(self) -> str:
        return f"utfall-{self.target.pk}"


@dataclass
class IndicatorSection:
    goal: Goal
    caption: str
    rows: list[OutcomeRow]


def _prefix(target: Target) -> str:
    return f"i{target.pk}"


def outcome_form(target: Target, outcome: Outcome | None, profile: Profile, data=None) -> OutcomeForm:
    initial = {}
    if outcome is not None:
        initial = {
            name: getattr(outcome, name)
            for name in (
                "total",
                "men",
                "women",
                "forecast",
                "window_start",
                "window_end",
                "comment",
                "rating",
                "data_period",
                "version",
            )
        }
    return OutcomeForm(
        data,
        prefix=_prefix(target),
        indicator=target.indicator,
        profile=profile,
        form_id=f"utfall-form-{target.pk}",
        initial=initial or {"version": 0},
    )


def _period_text(target: Target, round_: Round) -> str:
    period = period_for_periodicity(
        target.indicator.periodicity, parse_period(round_.period), target.indicator.first_year
    )
    if period is not None:
        return round_words(round_).calendar_label(period)
    year = parse_period(round_.period).year
    if target.indicator.periodicity == "every_other_year" and not measured_in(
        year, target.indicator.first_year
    ):
        return f"{target.indicator.get_periodicity_display()} (ingen mätning {year})"
    return f"{target.indicator.get_periodicity_display()} (ingen mätning än)"


def _suggestion(outcome: Outcome | None, round_: Round, profile: Profile) -> str:
    """The label of the indicator's suggested rating in the round ("" when it cannot be judged)."""
    if outcome is None:
        return ""
    period = parse_period(round_.period)
    key = indicator_suggestion(outcome, profile, period.year, period.kind is PeriodKind.YEAR)
    return profile.indicator_ratings.label(key) if key else ""


def indicator_sections(
    part: Part,
    scope: PartScope,
    editable: set[int],
    profile: Profile,
    override: OutcomeRow | None = None,
) -> list[IndicatorSection]:
    """The part's indicator tables; `editable`: the goals whose rows the user may change here."""
    round_ = part.round
    words = profile.wording(kinds.for_period(parse_period(round_.period)).key)
    targets = list(
        Target.objects.filter(goal_id__in=scope.ids).select_related("indicator").order_by("position", "pk")
    )
    outcomes = {o.target_id: o for o in Outcome.objects.filter(round=round_, target__in=targets)}
    previous = previous_values(round_)
    by_goal: dict[int, list[Target]] = {}
    for target in targets:
        by_goal.setdefault(target.goal_id, []).append(target)
    sections = []
    for goal in scope.all:
        for table, word in (
            (IndicatorTable.COUNCIL, words.council_indicators),
            (IndicatorTable.COMMITTEE, words.committee_indicators),
        ):
            rows = []
            for target in by_goal.get(goal.pk, []):
                if target.table != table:
                    continue
                if override is not None and override.target.pk == target.pk:
                    rows.append(override)
                    continue
                outcome = outcomes.get(target.pk)
                rows.append(
                    OutcomeRow(
                        target,
                        outcome,
                        previous.get(target.pk),
                        _period_text(target, round_),
                        reverse("outcome_save", args=[part.pk, target.pk]),
                        outcome_form(target, outcome, profile) if goal.pk in editable else None,
                        suggestion=_suggestion(outcome, round_, profile),
                    )
                )
            if rows:
                sections.append(IndicatorSection(goal, f"{word}, mål {goal.number} {goal.title}", rows))
    return sections


@dataclass
class GoalStatus:
    goal: Goal
    assessment: Assessment | None
    suggestion: object


def _part_context(
    request: HttpRequest, part: Part, context: dict, override: OutcomeRow | None = None
) -> dict:
    round_ = part.round
    tree = GoalTree.of_plan(round_.plan_id)
    scope = part_scope(part, tree)
    editable = may_edit_part(context["role"], request.user, part)
    editable_goals = {
        g.pk for g in scope.all if may_edit_row(context["role"], request.user, part, g.pk, scope.own_ids)
    }
    assessments = {a.goal_id: a for a in Assessment.objects.filter(round=round_, goal_id__in=scope.own_ids)}
    suggestions = round_suggestions(round_)
    sections = indicator_sections(part, scope, editable_goals, context["profile"], override)
    goals = [GoalStatus(g, assessments.get(g.pk), suggestions.get(g.number)) for g in scope.own]
    activities = part.round.plan.activities.filter(goal_id__in=scope.ids).count()
    reported = (
        ActivityReport.objects.filter(round=round_, activity__goal_id__in=scope.ids)
        .exclude(status="")
        .count()
    )
    crumbs = part_crumbs(part)
    year = parse_period(round_.period).year
    comparisons = kolada_comparisons(
        [row for section in sections for row in section.rows], round_.organisation, year
    )
    return {
        **context,
        "round": round_,
        "part": part,
        "title": round_title(round_),
        "label": period_label(round_),
        "sections": sections,
        "comparisons": comparisons,
        "kolada_source": kolada.ATTRIBUTION,
        "editable": editable,
        "may_ready": may_mark_ready(context["role"], request.user, part),
        "goals": goals,
        "activities": activities,
        "reported": reported,
        "assignee": user_name(part.assignee) if part.assignee_id else "",
        "breadcrumbs": crumbs,
    }


@dataclass
class Comparison:
    """An indicator linked to a Kolada KPI: the round's outcome beside Riket, the own municipality and its
    peers, for the latest year Kolada has up to the round's."""

    row: OutcomeRow
    kpi: str
    year: int
    areas: list


def kolada_comparisons(rows: list[OutcomeRow], organisation, upto: int) -> list[Comparison]:
    found = []
    for row in rows:
        kpi = row.target.indicator.kolada_kpi
        if not kpi:
            continue
        year = kolada.latest_year(kpi, upto)
        if year is not None:
            found.append(Comparison(row, kpi, year, kolada.comparison(kpi, organisation, year)))
    return found


@login_required
@offers_xlsx
def part_detail(request: HttpRequest, pk: int) -> HttpResponse:
    part = get_part(pk)
    context = authorise_round(request, part.round)
    if part.goal_id is None:
        return redirect("round_economy", part.round_id)
    return render(request, "followup/part_detail.html", _part_context(request, part, context))


def _row_response(request, part, context, row: OutcomeRow, status: int) -> HttpResponse:
    if is_htmx(request):
        return render(
            request,
            "followup/_outcome_row.html",
            {**context, "row": row, "part": part, "editable": row.form is not None},
            status=status,
        )
    return render(
        request, "followup/part_detail.html", _part_context(request, part, context, row), status=status
    )


@login_required
@require_POST
def outcome_save(request: HttpRequest, part_pk: int, target_pk: int) -> HttpResponse:
    part = get_part(part_pk)
    context = require_part_edit(request, part)
    round_ = part.round
    if part.goal_id is None:
        raise Http404("Sidan finns inte.")
    scope = part_scope(part, GoalTree.of_plan(round_.plan_id))
    target = get_object_or_404(
        Target.objects.select_related("indicator"), pk=target_pk, goal_id__in=scope.ids
    )
    outcome = Outcome.objects.filter(round=round_, target=target).first()
    row = OutcomeRow(
        target,
        outcome,
        previous_values(round_).get(target.pk),
        _period_text(target, round_),
        reverse("outcome_save", args=[part.pk, target.pk]),
    )
    if round_.is_locked:
        if not is_htmx(request):
            return locked_response(request, round_)
        row.locked = True
        return _row_response(request, part, context, row, 409)
    profile = context["profile"]
    row.suggestion = _suggestion(outcome, round_, profile)
    form = outcome_form(target, outcome, profile, request.POST)
    row.form = form
    status = 200
    if form.is_valid():
        try:
            saved, warnings = save_outcome(
                round_,
                target,
                form.to_input(),
                by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except Invalid as exc:
            form.add_verdict_errors(exc.verdict.errors)
        except Conflict as exc:
            current = exc.current
            data = request.POST.copy()
            data[f"{_prefix(target)}-version"] = str(current.version)
            row.form = outcome_form(target, outcome, profile, data)
            row.conflict = current
            latest = current.history.select_related("history_user").first()
            row.conflict_by = user_name(latest.history_user) if latest else ""
            status = 409
        else:
            if not is_htmx(request):
                messages.success(request, f"Värdena för {target.indicator.name} har sparats.")
                for warning in warnings:
                    messages.warning(request, f"{target.indicator.name}: {warning}")
                return redirect(reverse("part", args=[part.pk]) + f"#{row.dom_id}")
            row.outcome, row.saved, row.warnings = saved, True, warnings
            row.form = outcome_form(target, saved, profile)
            row.suggestion = _suggestion(saved, round_, profile)
    return _row_response(request, part, context, row, status)
