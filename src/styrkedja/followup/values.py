"""Saving reported values: validated by unit, refused on a stale version (edits/versions.py), recorded in
the history. `Conflict` is the edits app's, named here for the pages that catch it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from styrkedja.edits.versions import Conflict, check_edit, locked, save_checked
from styrkedja.followup.models import ActivityReport, Assessment, Outcome, Round, Source, check_open
from styrkedja.followup.permissions import require_goal_edit
from styrkedja.followup.profiles import profile_for_round
from styrkedja.followup.workflow import reopen_edited_parts
from styrkedja.lib.outcomes import OutcomeValues, Verdict, validate_outcome
from styrkedja.lib.validation import data_period_problem
from styrkedja.plans.models import Activity, Goal, Target


class Invalid(Exception):
    def __init__(self, verdict: Verdict):
        self.verdict = verdict
        super().__init__(" ".join(m for ms in verdict.errors.values() for m in ms))


__all__ = [
    "Conflict",
    "GridRow",
    "Invalid",
    "OutcomeInput",
    "save_activity_report",
    "save_assessment",
    "save_outcome",
    "save_outcomes",
]


@dataclass
class OutcomeInput:
    total: Decimal | None = None
    men: Decimal | None = None
    women: Decimal | None = None
    forecast: Decimal | None = None
    window_start: dt.date | None = None
    window_end: dt.date | None = None
    comment: str = ""
    # A key of the profile's indicator scale (or a non-rating), "" for none; None leaves the stored one.
    rating: str | None = None
    # The period the value measures when the statistics are older than the report's; None leaves it.
    data_period: str | None = None


@transaction.atomic
def save_outcome(
    round_: Round, target: Target, data: OutcomeInput, *, by: Any, expected_version: int | None = None
) -> tuple[Outcome, list[str]]:
    """Store an indicator's values for the round; returns the row and the warnings to show."""
    check_open(round_)
    require_goal_edit(by, round_, target.goal_id)
    indicator = target.indicator
    verdict = validate_outcome(
        OutcomeValues(data.total, data.men, data.women, data.forecast),
        unit=indicator.unit,
        gender_split=indicator.gender_split,
        scale=indicator.scale,
        decimals=indicator.decimals,
    )
    if data.window_start and data.window_end and data.window_end < data.window_start:
        verdict.error("window_end", "Mätperiodens slut ligger före dess början.")
    if data.data_period:
        problem = data_period_problem(data.data_period)
        if problem:
            verdict.error("data_period", problem)
    if data.rating:
        problem = profile_for_round(round_).indicator_ratings.problem(data.rating)
        if problem:
            verdict.error("rating", problem)
    if not verdict.ok:
        raise Invalid(verdict)
    same = Outcome.objects.filter(round=round_, target=target)
    outcome = locked(same).first()
    if outcome is None:
        outcome = Outcome(round=round_, target=target)
    check_edit(outcome, expected_version, by)
    changed = _assign_outcome(outcome, data, gender_split=indicator.gender_split)
    if any(name in _NUMBERS for name in changed):
        outcome.source = Source.MANUAL
    outcome.as_printed = {k: v for k, v in outcome.as_printed.items() if k not in changed}
    save_checked(outcome, by, same)
    if changed:
        reopen_edited_parts(round_, target.goal_id, by=by)
    return outcome, verdict.warnings


@dataclass
class GridRow:
    """One indicator's row of an entry grid sent as a whole: what was entered, the version it was read
    at, and after `save_outcomes` what became of it."""

    target: Target
    data: OutcomeInput
    expected_version: int
    saved: Outcome | None = None
    warnings: list[str] | None = None
    invalid: Verdict | None = None
    conflict: Outcome | None = None

    @property
    def failed(self) -> bool:
        return self.invalid is not None or self.conflict is not None


class GridRefused(Exception):
    """Some rows of a grid could not be saved (invalid by unit, or changed by someone else since they were
    read); nothing of the grid was saved. The rows carry their reasons."""

    def __init__(self, rows: list[GridRow]):
        self.rows = rows
        super().__init__(f"{sum(r.failed for r in rows)} rader kunde inte sparas.")


def save_outcomes(round_: Round, rows: list[GridRow], *, by: Any) -> list[GridRow]:
    """The rows of an entry grid, saved in one transaction, each checked against the version it was read
    at and validated as `save_outcome` validates one: all are stored, or, when any row is invalid or
    stale, none (GridRefused, every row with its reason)."""
    try:
        with transaction.atomic():
            for row in rows:
                try:
                    row.saved, row.warnings = save_outcome(
                        round_, row.target, row.data, by=by, expected_version=row.expected_version
                    )
                except Invalid as exc:
                    row.invalid = exc.verdict
                except Conflict as exc:
                    row.conflict = exc.current
            if any(row.failed for row in rows):
                raise GridRefused(rows)
    except GridRefused:
        for row in rows:
            row.saved, row.warnings = None, None
        raise
    return rows


_NUMBERS = ("total", "men", "women", "forecast")


def _assign_outcome(outcome: Outcome, data: OutcomeInput, *, gender_split: bool) -> list[str]:
    """Copy the entered values onto the row; the names of those that changed. For an indicator that is
    not split by gender the form has no fields for women and men: figures stored for them (imported as
    printed, or computed from microdata) are kept, not erased."""
    changed = []
    for name in (*_NUMBERS, "window_start", "window_end", "comment", "rating", "data_period"):
        new = getattr(data, name)
        if not gender_split and name in ("men", "women") and new is None:
            continue
        if name in ("rating", "data_period") and new is None:
            continue
        if getattr(outcome, name) != new:
            setattr(outcome, name, new)
            changed.append(name)
    return changed


@transaction.atomic
def save_assessment(
    round_: Round,
    goal: Goal,
    *,
    value: str,
    analysis: str,
    justification: str,
    suggested: str | None,
    by: Any,
    expected_version: int | None = None,
) -> Assessment:
    """A goal's fulfilment. A value that disagrees with the system's suggestion needs a justification."""
    from django.core.exceptions import ValidationError

    check_open(round_)
    require_goal_edit(by, round_, goal.pk)
    scale = profile_for_round(round_).ratings
    if value and value not in scale.labels:
        raise ValidationError({"value": f"”{value}” är ingen bedömning i kommunens profil."})
    if value and suggested and value != suggested and not justification.strip():
        raise ValidationError(
            {"justification": "Bedömningen avviker från systemets förslag; motivera varför."}
        )
    same = Assessment.objects.filter(round=round_, goal=goal)
    assessment = locked(same).first()
    if assessment is None:
        assessment = Assessment(round=round_, goal=goal)
    check_edit(assessment, expected_version, by)
    assessment.value, assessment.analysis, assessment.justification = value, analysis, justification
    assessment.suggested_when_saved = suggested or ""
    save_checked(assessment, by, same)
    reopen_edited_parts(round_, goal.pk, by=by)
    return assessment


@transaction.atomic
def save_activity_report(
    round_: Round,
    activity: Activity,
    *,
    status: str,
    deviation: str,
    by: Any,
    expected_version: int | None = None,
) -> ActivityReport:
    from django.core.exceptions import ValidationError

    check_open(round_)
    require_goal_edit(by, round_, activity.goal_id)
    if status == "not_relevant" and not deviation.strip():
        raise ValidationError({"deviation": "En aktivitet som inte längre är aktuell behöver en avvikelse."})
    same = ActivityReport.objects.filter(round=round_, activity=activity)
    report = locked(same).first()
    if report is None:
        report = ActivityReport(round=round_, activity=activity)
    check_edit(report, expected_version, by)
    changed = (report.status, report.deviation) != (status, deviation)
    report.status, report.deviation = status, deviation
    save_checked(report, by, same)
    if changed:
        reopen_edited_parts(round_, activity.goal_id, by=by)
    return report
