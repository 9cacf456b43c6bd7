"""A round's goals with their evidence, and the system's suggested rating for each, by the rules of the
municipality's profile (`profiles/rules.py`): each indicator's rating (given, or suggested from its value
and target), each activity, each child goal."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from styrkedja.followup.models import ActivityReport, Outcome, Round
from styrkedja.followup.profiles import profile_for_round
from styrkedja.lib.numbers import format_indicator_value
from styrkedja.lib.periods import PeriodKind, parse_period
from styrkedja.profiles import Profile
from styrkedja.profiles.rules import (
    Evidence,
    GoalEvidence,
    GoalRating,
    Suggestion,
    suggest,
    suggest_indicator,
)
from styrkedja.reports import kinds


def judged_value(outcome: Outcome, final: bool) -> Decimal | None:
    """What an indicator is judged by: the outcome in the annual report, the full-year forecast before."""
    return outcome.total if final else outcome.forecast


def indicator_suggestion(outcome: Outcome, profile: Profile, year: int, final: bool) -> str | None:
    """The suggested rating of an indicator's row (None when it cannot be judged, or when its target is
    for a later year than the report's)."""
    target = outcome.target
    if target.target_year is not None and target.target_year > year:
        return None
    return suggest_indicator(
        profile, judged_value(outcome, final), target.value, target.indicator.direction, target.band
    )


def indicator_suggestions(round_: Round, profile: Profile | None = None) -> dict[int, str | None]:
    """Target pk → the suggested rating of its indicator in the round."""
    profile = profile or profile_for_round(round_)
    period = parse_period(round_.period)
    final = period.kind is PeriodKind.YEAR
    outcomes = Outcome.objects.filter(round=round_).select_related("target__indicator")
    return {o.target_id: indicator_suggestion(o, profile, period.year, final) for o in outcomes}


def round_suggestions(round_: Round, profile: Profile | None = None) -> dict[str, Suggestion]:
    """Suggestions keyed by goal number, in a fixed number of queries."""
    profile = profile or profile_for_round(round_)
    period = parse_period(round_.period)
    final = period.kind is PeriodKind.YEAR
    words = profile.wording(kinds.for_period(period).key)
    scale = profile.indicator_ratings
    goals = list(round_.plan.goals.order_by("position"))
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    outcomes = Outcome.objects.filter(round=round_).select_related("target__indicator")
    for o in outcomes:
        suggested = indicator_suggestion(o, profile, period.year, final)
        rating = o.rating or suggested
        score = scale.score(rating)
        if rating is None or score is None:
            continue  # not judged, or rated with a state that is not a rating: it counts in no tally
        ind = o.target.indicator
        value = judged_value(o, final)
        if value is not None and o.target.value is not None:
            suffix = profile.unit_suffix(ind.unit)
            shown = format_indicator_value(value, ind.unit, ind.decimals, suffix)
            goal_shown = format_indicator_value(o.target.value, ind.unit, ind.decimals, suffix)
            said = f"{words.economy_forecast.lower()} {shown} mot {words.target.lower()} {goal_shown}: "
        else:
            said = ""
        given = " (bedömd)" if o.rating else ""
        evidence[o.target.goal_id].append(
            Evidence(
                "indicator",
                ind.name,
                score,
                reason=f"{said}{scale.label(rating).lower()}{given}",
                rating=rating,
            )
        )
    reports = {r.activity_id: r for r in ActivityReport.objects.filter(round=round_)}
    rule = GoalRating.of(profile)
    for activity in round_.plan.activities.all():
        report = reports.get(activity.pk)
        status = report.status if report else ""
        if status in ("", "not_started") and not (activity.end and activity.end <= period.end):
            continue
        late = bool(activity.end and activity.end <= period.end and status != "done")
        ok = status in ("done", "ongoing") and not late
        reason = "avslutad" if status == "done" else ("försenad" if late else (status or "ingen status"))
        evidence[activity.goal_id].append(
            Evidence(
                "activity",
                activity.title[:80],
                Decimal(1) if ok else Decimal(0),
                rule.activity_weight,
                reason,
            )
        )
    nodes = {g.pk: GoalEvidence(g.number, evidence[g.pk]) for g in goals}
    roots = []
    for g in goals:
        if g.parent_id and g.parent_id in nodes:
            nodes[g.parent_id].children.append(nodes[g.pk])
        else:
            roots.append(nodes[g.pk])
    result: dict[str, Suggestion] = {}
    for root in roots:
        result.update(suggest(root, rule))
    return result
