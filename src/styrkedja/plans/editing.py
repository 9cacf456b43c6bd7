"""Changes to a plan's content. Each function is one transaction and leaves a history entry per changed row.

`data` is a form's `cleaned_data` (see web/forms/plans.py); `by` is the user who made the change, whose
right to change the plan is checked here (`plans/permissions.py`). An edit names the version of the row
it was based on (`expected_version`, edits/versions.py: a stale one is a Conflict); a create names its
form's token (`token`, edits/once.py: sent twice, it creates once). Objects whose fields did not change
are not saved, so the history only lists real changes. Two different forms creating the same thing in
parallel (a goal number, an indicator of a goal) create it once: the database's unique constraint refuses
the second, which is told why (a ValidationError naming the field), or, for a shared definition or series,
takes the first one's row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max

from styrkedja.audit import assign, delete_by, save_by
from styrkedja.edits.once import once
from styrkedja.edits.versions import check_edit, locked
from styrkedja.organisations.models import Organisation
from styrkedja.organisations.profiles import profile_of
from styrkedja.plans.models import (
    Activity,
    ExpectedResult,
    Goal,
    Indicator,
    IndicatorSeries,
    Plan,
    Target,
)
from styrkedja.plans.permissions import require_plan_edit

GOAL_FIELDS = ("title", "description", "comment")
INDICATOR_FIELDS = (
    "name",
    "code",
    "unit",
    "direction",
    "periodicity",
    "first_year",
    "gender_split",
    "decimals",
    "kolada_kpi",
    "definition",
    "scale_min",
    "scale_max",
)
TARGET_FIELDS = ("table", "value", "band", "kf_mode", "kf_value", "target_year")
ACTIVITY_FIELDS = ("title", "start", "end", "kind")


def _assign(instance, data: dict[str, Any], fields: Iterable[str]) -> bool:
    """Copy the fields from data onto instance; whether anything changed."""
    return assign(instance, {name: data[name] for name in fields if name in data})


def _inserted(row: Any, by: Any, same: Any, reason: str | None = None) -> bool:
    """Insert the row in a savepoint; False when the unique constraint refused it because a parallel
    writer inserted the same row (`same` finds it) first. Nothing of the refused insert is left."""
    try:
        with transaction.atomic():
            save_by(row, by, reason)
    except IntegrityError:
        if not same.exists():
            raise
        return False
    return True


def _next_position(queryset) -> int:
    return (queryset.aggregate(last=Max("position"))["last"] or 0) + 1


def suggest_goal_number(plan: Plan, parent: Goal | None) -> str:
    """The next free number under the parent: 1.1 → 1.1.3 when 1.1.1 and 1.1.2 exist (with free goal numbers,
    the next number after the last sibling's trailing digits, or nothing to suggest)."""
    siblings = list(Goal.objects.filter(plan=plan, parent=parent).values_list("number", flat=True))
    taken = set(Goal.objects.filter(plan=plan).values_list("number", flat=True))
    free = profile_of(plan.organisation).goal_numbers == "free"
    if free:
        last_number = siblings[-1] if siblings else ""
        digits = re.search(r"(\d+)$", last_number)
        if not digits:
            return ""
        prefix, last = last_number[: digits.start()], int(digits[1])
    else:
        last = max((int(n.rsplit(".", 1)[-1]) for n in siblings), default=0)
        prefix = f"{parent.number}." if parent else ""
    candidate = last + 1
    while f"{prefix}{candidate}" in taken:
        candidate += 1
    return f"{prefix}{candidate}"


def _set_expected_results(goal: Goal, texts: list[str], by) -> bool:
    """Make the goal's expected results equal to texts, keeping rows whose text is unchanged; whether any
    changed."""
    existing = list(goal.expected_results.all())
    changed = len(existing) != len(texts)
    for position, text in enumerate(texts, start=1):
        if position <= len(existing):
            result = existing[position - 1]
            if _assign(result, {"text": text, "position": position}, ("text", "position")):
                save_by(result, by)
                changed = True
        else:
            save_by(ExpectedResult(goal=goal, text=text, position=position), by)
    for result in existing[len(texts) :]:
        delete_by(result, by)
    return changed


@transaction.atomic
def add_goal(plan: Plan, parent: Goal | None, data: dict[str, Any], *, by, token: UUID | None = None) -> Goal:
    """A new goal under parent (or a new inriktningsmål when parent is None), one level below it."""
    require_plan_edit(by, plan)
    return once(token, by, lambda: _add_goal(plan, parent, data, by))[0]


def goal_level_below(plan: Plan, parent: Goal | None) -> str | None:
    """The level of a goal added under the parent (the top level for None); None below the last level."""
    return profile_of(plan.organisation).child_level(parent.level if parent else None)


def _add_goal(plan: Plan, parent: Goal | None, data: dict[str, Any], by) -> Goal:
    profile = profile_of(plan.organisation)
    level = profile.child_level(parent.level if parent else None)
    if level is None:
        below = profile.level_name(parent.level) if parent else ""
        raise ValidationError(f"{profile.name} har ingen målnivå under {below}.")
    problem = profile.number_problem(data["number"], parent.number if parent else None)
    if problem:
        raise ValidationError({"number": f"Numret passar inte: {problem}."})
    goal = Goal(
        plan=plan,
        parent=parent,
        level=level,
        number=data["number"],
        position=_next_position(Goal.objects.filter(plan=plan)),
    )
    _assign(goal, data, GOAL_FIELDS)
    if not _inserted(goal, by, Goal.objects.filter(plan=plan, number=goal.number)):
        raise ValidationError({"number": f"Planen har redan ett mål med nummer {goal.number}."})
    _set_expected_results(goal, data.get("expected_results", []), by)
    return goal


@transaction.atomic
def update_goal(goal: Goal, data: dict[str, Any], *, by, expected_version: int | None = None) -> Goal:
    """The goal's texts and expected results; a change of the results counts as a change of the goal."""
    require_plan_edit(by, goal.plan)
    stored = locked(Goal.objects.filter(pk=goal.pk)).get()
    check_edit(stored, expected_version, by)
    stored.plan = goal.plan  # known already; the plan lock walks it without a query
    changed = _assign(stored, data, GOAL_FIELDS)
    if "expected_results" in data and _set_expected_results(stored, data["expected_results"], by):
        changed = True
    if changed:
        save_by(stored, by)
    return stored


PLAN_TEXT_FIELDS = ("title", "introduction")


@transaction.atomic
def update_plan_texts(plan: Plan, data: dict[str, Any], *, by, expected_version: int | None = None) -> Plan:
    """The plan's title and its chapters (the introduction, in the safe text format of lib/markup.py:
    each `#` heading a chapter of the report)."""
    require_plan_edit(by, plan)
    stored = locked(Plan.objects.filter(pk=plan.pk)).get()
    check_edit(stored, expected_version, by)
    if _assign(stored, data, PLAN_TEXT_FIELDS):
        save_by(stored, by)
    plan.version, plan.title, plan.introduction = stored.version, stored.title, stored.introduction
    return stored


def series_named(
    organisation: Organisation, name: str, by: Any, reason: str | None = None
) -> IndicatorSeries:
    """The organisation's indicator series of that name, begun when there is none."""
    series = IndicatorSeries.objects.filter(organisation=organisation, name=name).first()
    if series is not None:
        return series
    same = IndicatorSeries.objects.filter(organisation=organisation, name=name)
    series = IndicatorSeries(organisation=organisation, name=name)
    return series if _inserted(series, by, same, reason) else same.get()  # else begun in parallel


@transaction.atomic
def add_indicator(goal: Goal, data: dict[str, Any], *, by, token: UUID | None = None) -> Target:
    """An indicator with its target in the goal.

    The plan's definition of that name is reused (one indicator may stand under several goals) and updated
    from data; a new one joins the series of its name, so last year's values are found.
    """
    require_plan_edit(by, goal.plan)
    return once(token, by, lambda: _add_indicator(goal, data, by))[0]


def _add_indicator(goal: Goal, data: dict[str, Any], by) -> Target:
    same = Indicator.objects.filter(plan=goal.plan, name=data["name"])
    indicator = same.first()
    if indicator is None:
        new = Indicator(plan=goal.plan, series=series_named(goal.plan.organisation, data["name"], by))
        _assign(new, data, INDICATOR_FIELDS)
        # Defined in parallel by another form: that is the plan's definition of the name now.
        indicator = new if _inserted(new, by, same) else same.get()
    if _assign(indicator, data, INDICATOR_FIELDS):
        save_by(indicator, by)
    target = Target(
        plan=goal.plan,
        goal=goal,
        indicator=indicator,
        position=_next_position(Target.objects.filter(goal=goal)),
    )
    _assign(target, data, TARGET_FIELDS)
    if not _inserted(target, by, Target.objects.filter(goal=goal, indicator=indicator)):
        raise ValidationError({"name": "Målet har redan den här indikatorn."})
    return target


@transaction.atomic
def update_indicator(
    target: Target,
    data: dict[str, Any],
    *,
    by,
    expected_version: int | None = None,
    expected_indicator_version: int | None = None,
) -> Target:
    """The target's values and its indicator's definition, each at the version the user read."""
    require_plan_edit(by, target.plan)
    stored = locked(Target.objects.filter(pk=target.pk)).get()
    indicator = locked(Indicator.objects.filter(pk=target.indicator_id)).get()
    check_edit(stored, expected_version, by)
    check_edit(indicator, expected_indicator_version, by)
    if _assign(indicator, data, INDICATOR_FIELDS):
        save_by(indicator, by)
    stored.indicator = indicator
    if _assign(stored, data, TARGET_FIELDS):
        save_by(stored, by)
    return stored


@transaction.atomic
def add_activity(goal: Goal, data: dict[str, Any], *, by, token: UUID | None = None) -> Activity:
    require_plan_edit(by, goal.plan)
    return once(token, by, lambda: _add_activity(goal, data, by))[0]


def _add_activity(goal: Goal, data: dict[str, Any], by) -> Activity:
    activity = Activity(
        plan=goal.plan, goal=goal, position=_next_position(Activity.objects.filter(goal=goal))
    )
    _assign(activity, data, ACTIVITY_FIELDS)
    save_by(activity, by)
    return activity


@transaction.atomic
def update_activity(
    activity: Activity, data: dict[str, Any], *, by, expected_version: int | None = None
) -> Activity:
    require_plan_edit(by, activity.plan)
    stored = locked(Activity.objects.filter(pk=activity.pk)).get()
    check_edit(stored, expected_version, by)
    if _assign(stored, data, ACTIVITY_FIELDS):
        save_by(stored, by)
    return stored
