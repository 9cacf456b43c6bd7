"""A part of a round: the indicators as one entry grid, the goal assessment, the activities, and the
controller's review (approve, send back) where the review happens.

The grid is one form: one save sends every row (`part_outcomes_save`), and the rows whose values differ
from what the page showed are saved in one transaction, each checked against the version it was read at
(`followup.values.save_outcomes`): all of them, or, when a row is invalid or was changed by someone else
meanwhile, none, with the reason beside the row and each error beside its cell. Without JavaScript the
form posts and the page comes back at the grid; static/js/styrkedja.js adds spreadsheet keys and pasting a
block from Excel. A single row still saves alone at its own address
(`outcome_save`). The part page reads a fixed number of queries however many indicators it has.
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
from styrkedja.followup.models import ActivityReport, Assessment, Outcome, Part, PartStatus, Round
from styrkedja.followup.permissions import EDIT_ROUND, may_edit_part, may_edit_row, may_mark_ready
from styrkedja.followup.previous import previous_values
from styrkedja.followup.progress import outcomes_filled, round_missing
from styrkedja.followup.scope import GoalTree, PartScope, part_scope
from styrkedja.followup.suggestions import indicator_suggestion, round_suggestions
from styrkedja.followup.values import Conflict, GridRefused, GridRow, Invalid, save_outcome, save_outcomes
from styrkedja.lib.numbers import UNIT_SUFFIX
from styrkedja.lib.periods import PeriodKind, measured_in, parse_period, period_for_periodicity
from styrkedja.organisations.permissions import has_role
from styrkedja.plans.models import Goal, IndicatorTable, Target
from styrkedja.profiles import Profile
from styrkedja.reports import kinds
from styrkedja.web.forms.followup import CommentForm, OutcomeForm
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

    @property
    def failed(self) -> bool:
        return self.conflict is not None or bool(self.form is not None and self.form.errors)

    @property
    def details_open(self) -> bool:
        """The row's measurement period and comment shown unfolded: when one of them has an error."""
        form = self.form
        return form is not None and any(
            name in form.errors for name in ("window_start", "window_end", "comment")
        )


@dataclass
class IndicatorSection:
    goal: Goal
    caption: str
    rows: list[OutcomeRow]


#: The entry grid's one form; every input of every row names it.
GRID_FORM = "indikatorer-form"
RETURN_LABEL = "Kommentar till rapportören"


def _prefix(target: Target) -> str:
    return f"i{target.pk}"


def outcome_form(target: Target, outcome: Outcome | None, profile: Profile, data=None) -> OutcomeForm:
    initial = {}
    if outcome is not None:
        initial = {name: getattr(outcome, name) for name in (*OutcomeForm.VALUES, "version")}
    return OutcomeForm(
        data,
        prefix=_prefix(target),
        indicator=target.indicator,
        profile=profile,
        form_id=GRID_FORM,
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
    overrides: dict[int, OutcomeRow] | None = None,
) -> list[IndicatorSection]:
    """The part's indicator tables; `editable`: the goals whose rows the user may change here;
    `overrides`: rows as a save left them (target pk → row), shown instead of the stored ones."""
    overrides = overrides or {}
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
                if target.pk in overrides:
                    rows.append(overrides[target.pk])
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
    request: HttpRequest,
    part: Part,
    context: dict,
    overrides: dict[int, OutcomeRow] | None = None,
    return_form: CommentForm | None = None,
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
    sections = indicator_sections(part, scope, editable_goals, context["profile"], overrides)
    rows = [row for section in sections for row in section.rows]
    goals = [GoalStatus(g, assessments.get(g.pk), suggestions.get(g.number)) for g in scope.own]
    activities = part.round.plan.activities.filter(goal_id__in=scope.ids).count()
    reported = (
        ActivityReport.objects.filter(round=round_, activity__goal_id__in=scope.ids)
        .exclude(status="")
        .count()
    )
    crumbs = part_crumbs(part)
    year = parse_period(round_.period).year
    comparisons = kolada_comparisons(rows, round_.organisation, year)
    reviewer = has_role(context["role"], EDIT_ROUND) and not round_.is_locked
    return {
        **context,
        "round": round_,
        "part": part,
        "title": round_title(round_),
        "label": period_label(round_),
        "sections": sections,
        "grid_form": GRID_FORM,
        "grid_editable": any(row.form is not None for row in rows),
        "filled": outcomes_filled(round_, [(row.target, row.outcome) for row in rows]),
        "failed_rows": sum(1 for row in rows if row.failed),
        "comparisons": comparisons,
        "kolada_source": kolada.ATTRIBUTION,
        "editable": editable,
        "may_ready": may_mark_ready(context["role"], request.user, part),
        "missing": round_missing(round_, [part])[part.pk],
        "may_approve": reviewer and part.status == PartStatus.READY,
        "may_return": reviewer and part.status in (PartStatus.READY, PartStatus.APPROVED),
        "return_form": return_form or CommentForm(prefix=f"del{part.pk}", label=RETURN_LABEL),
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


def part_page_with_return_form(request: HttpRequest, part: Part, form: CommentForm) -> HttpResponse:
    """The part's page again, with the review's return form as sent (its errors beside it)."""
    context = authorise_round(request, part.round)
    return render(
        request, "followup/part_detail.html", _part_context(request, part, context, return_form=form)
    )


def _row_response(request, part, context, row: OutcomeRow, status: int) -> HttpResponse:
    if is_htmx(request):
        return render(
            request,
            "followup/_outcome_row.html",
            {**context, "row": row, "part": part, "editable": row.form is not None},
            status=status,
        )
    return render(
        request,
        "followup/part_detail.html",
        _part_context(request, part, context, {row.target.pk: row}),
        status=status,
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
            _conflict_row(row, form, exc.current, request.POST.copy(), profile)
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


def _conflict_row(row: OutcomeRow, form: OutcomeForm, current: Outcome, data, profile: Profile) -> None:
    """The row refused as stale: the user's values stay in the fields, the stored ones are named beside
    the row, and the form carries the stored version, so that saving again replaces them."""
    data[f"{_prefix(row.target)}-version"] = str(current.version)
    row.form = outcome_form(row.target, row.outcome, profile, data)
    row.form.is_valid()
    row.conflict = current
    latest = current.history.select_related("history_user").first()
    row.conflict_by = user_name(latest.history_user) if latest else ""


@login_required
@require_POST
def part_outcomes_save(request: HttpRequest, pk: int) -> HttpResponse:
    """The entry grid sent as a whole (see the module's docstring)."""
    part = get_part(pk)
    context = require_part_edit(request, part)
    round_ = part.round
    if part.goal_id is None:
        raise Http404("Sidan finns inte.")
    if round_.is_locked:
        return locked_response(request, round_)
    scope = part_scope(part, GoalTree.of_plan(round_.plan_id))
    role = context["role"]
    editable = {g.pk for g in scope.all if may_edit_row(role, request.user, part, g.pk, scope.own_ids)}
    targets = list(
        Target.objects.filter(goal_id__in=editable).select_related("indicator").order_by("position", "pk")
    )
    outcomes = {o.target_id: o for o in Outcome.objects.filter(round=round_, target__in=targets)}
    previous = previous_values(round_)
    url = reverse("part", args=[part.pk])
    rows: dict[int, OutcomeRow] = {}
    sent: list[tuple[OutcomeRow, OutcomeForm]] = []
    invalid = False
    for target in targets:
        if f"{_prefix(target)}-version" not in request.POST:
            continue  # a row the page did not show (added to the plan since): not the sender's to change
        outcome = outcomes.get(target.pk)
        form = outcome_form(target, outcome, context["profile"], request.POST)
        row = OutcomeRow(
            target,
            outcome,
            previous.get(target.pk),
            _period_text(target, round_),
            reverse("outcome_save", args=[part.pk, target.pk]),
            form,
            suggestion=_suggestion(outcome, round_, context["profile"]),
        )
        rows[target.pk] = row
        if not form.is_valid():
            invalid = True
        elif form.touched():
            sent.append((row, form))
    status = 200
    if not invalid and not sent:
        messages.info(request, "Inget var ändrat; inget sparades.")
        return redirect(url + "#indikatorer")
    if not invalid:
        grid = [GridRow(row.target, form.to_input(), form.cleaned_data["version"]) for row, form in sent]
        try:
            save_outcomes(round_, grid, by=request.user)
        except GridRefused:
            data = request.POST.copy()
            for (row, form), result in zip(sent, grid, strict=True):
                if result.invalid is not None:
                    form.add_verdict_errors(result.invalid.errors)
                elif result.conflict is not None:
                    _conflict_row(row, form, result.conflict, data, context["profile"])
            if any(result.conflict is not None for result in grid):
                status = 409
        else:
            count = len(grid)
            messages.success(request, f"{count} {'indikator' if count == 1 else 'indikatorer'} har sparats.")
            for result in grid:
                for warning in result.warnings or []:
                    messages.warning(request, f"{result.target.indicator.name}: {warning}")
            return redirect(url + "#indikatorer")
    failed = sum(1 for row in rows.values() if row.failed)
    messages.error(
        request,
        f"Inget sparades: {failed} {'rad' if failed == 1 else 'rader'} behöver ses över. "
        "Skälet står vid raden och felen vid fälten.",
    )
    return render(
        request,
        "followup/part_detail.html",
        _part_context(request, part, context, rows),
        status=status,
    )
