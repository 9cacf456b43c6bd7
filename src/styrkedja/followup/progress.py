"""What is still missing in a round's parts: indicators without outcome or forecast, goals without an
assessment, activities without status, areas without a forecast. A fixed number of queries per round.
How much of a part's grid is filled in, and whether a part is overdue."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from styrkedja.budget.models import BudgetArea
from styrkedja.followup.models import (
    ActivityReport,
    AreaForecast,
    Assessment,
    Outcome,
    Part,
    PartStatus,
    Round,
)
from styrkedja.followup.scope import GoalTree, expects_forecast, expects_outcome, part_scope
from styrkedja.plans.models import Activity, Target


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


@dataclass
class Missing:
    outcomes: int = 0
    assessments: int = 0
    activities: int = 0
    forecasts: int = 0

    def items(self) -> list[str]:
        out = []
        if self.outcomes:
            out.append(_count(self.outcomes, "indikator", "indikatorer") + " saknar utfall eller prognos")
        if self.assessments:
            out.append(_count(self.assessments, "mål", "mål") + " saknar bedömning")
        if self.activities:
            out.append(_count(self.activities, "aktivitet", "aktiviteter") + " saknar status")
        if self.forecasts:
            out.append(_count(self.forecasts, "verksamhetsområde", "verksamhetsområden") + " saknar prognos")
        return out

    @property
    def nothing(self) -> bool:
        return not (self.outcomes or self.assessments or self.activities or self.forecasts)


def lacks_values(target: Target, outcome: Outcome | None, round_: Round, forecast_expected: bool) -> bool:
    """Whether an indicator's row still lacks what the round asks of it: the period's outcome (when the
    indicator is measured in the period) or the full-year forecast (when the round asks for one)."""
    lacks_outcome = expects_outcome(target.indicator.periodicity, round_, target.indicator.first_year) and (
        outcome is None or outcome.total is None
    )
    lacks_forecast = forecast_expected and (outcome is None or outcome.forecast is None)
    return lacks_outcome or lacks_forecast


@dataclass
class Filled:
    """How many of a grid's rows are filled in: "12 av 17 ifyllda", "5 av 7 områden med prognos"."""

    done: int
    total: int
    what: str = "ifyllda"

    def __str__(self) -> str:
        return f"{self.done} av {self.total} {self.what}"


def outcomes_filled(round_: Round, rows: list[tuple[Target, Outcome | None]]) -> Filled:
    forecast_expected = expects_forecast(round_)
    done = sum(1 for target, outcome in rows if not lacks_values(target, outcome, round_, forecast_expected))
    return Filled(done, len(rows))


def areas_reported(reported: list[bool]) -> Filled:
    """`reported`: per area of the round's plan, whether it has a forecast (`economics.AreaRows.reported`)."""
    what = "område med prognos" if len(reported) == 1 else "områden med prognos"
    return Filled(sum(reported), len(reported), what)


def is_overdue(part: Part, round_: Round, today: dt.date) -> bool:
    """The reporters' last day has passed and the part is not approved."""
    return (
        round_.deadline is not None
        and today > round_.deadline
        and part.status != PartStatus.APPROVED
        and not round_.is_locked
    )


def round_missing(round_: Round, parts: list[Part]) -> dict[int, Missing]:
    """Part pk → what is missing in it."""
    tree = GoalTree.of_plan(round_.plan_id)
    targets: dict[int, list[Target]] = defaultdict(list)
    for target in Target.objects.filter(goal__plan_id=round_.plan_id).select_related("indicator"):
        targets[target.goal_id].append(target)
    outcomes = {
        o.target_id: o for o in Outcome.objects.filter(round=round_).only("target_id", "total", "forecast")
    }
    assessed = set(
        Assessment.objects.filter(round=round_).exclude(value="").values_list("goal_id", flat=True)
    )
    activities: dict[int, list[int]] = defaultdict(list)
    for activity_id, goal_id in Activity.objects.filter(plan_id=round_.plan_id).values_list("pk", "goal_id"):
        activities[goal_id].append(activity_id)
    reported = set(
        ActivityReport.objects.filter(round=round_).exclude(status="").values_list("activity_id", flat=True)
    )
    areas_without = 0
    if any(p.goal_id is None for p in parts):
        forecast_areas = set(AreaForecast.objects.filter(round=round_).values_list("area_id", flat=True))
        areas = BudgetArea.objects.filter(plan_id=round_.plan_id).values_list("pk", flat=True)
        areas_without = sum(1 for pk in areas if pk not in forecast_areas)
    forecast_expected = expects_forecast(round_)

    result: dict[int, Missing] = {}
    for part in parts:
        missing = Missing()
        if part.goal_id is None:
            missing.forecasts = areas_without
            result[part.pk] = missing
            continue
        scope = part_scope(part, tree)
        for goal in scope.all:
            for target in targets[goal.pk]:
                outcome = outcomes.get(target.pk)
                missing.outcomes += lacks_values(target, outcome, round_, forecast_expected)
            missing.activities += sum(1 for a in activities[goal.pk] if a not in reported)
        missing.assessments = sum(1 for g in scope.own if g.pk not in assessed)
        result[part.pk] = missing
    return result
