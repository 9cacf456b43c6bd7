"""A round's goals with their evidence, and the system's suggested fulfilment for each (lib/assessment.py)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.conf import settings

from styrkedja.followup.models import ActivityReport, Outcome, Round
from styrkedja.lib.assessment import Evidence, GoalEvidence, Rule, Suggestion, suggest
from styrkedja.lib.numbers import format_value
from styrkedja.lib.periods import PeriodKind, parse_period
from styrkedja.lib.targets import target_met


def rule_from_settings() -> Rule:
    return Rule(
        fully_at=Decimal(str(getattr(settings, "ASSESSMENT_FULLY_AT", "1.0"))),
        partly_at=Decimal(str(getattr(settings, "ASSESSMENT_PARTLY_AT", "0.5"))),
    )


def round_suggestions(round_: Round) -> dict[str, Suggestion]:
    """Suggestions keyed by goal number, in a fixed number of queries."""
    period = parse_period(round_.period)
    final = period.kind is PeriodKind.YEAR
    goals = list(round_.plan.goals.order_by("position"))
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    outcomes = Outcome.objects.filter(round=round_).select_related("target__indicator")
    for o in outcomes:
        value = o.total if final else o.forecast
        met = target_met(value, o.target.value, o.target.indicator.direction, o.target.band)
        if met is None:
            continue
        word = "utfall" if final else "prognos"
        ind = o.target.indicator
        shown = format_value(value, ind.unit, ind.decimals)
        goal_shown = format_value(o.target.value, ind.unit, ind.decimals)
        evidence[o.target.goal_id].append(
            Evidence(
                "indicator",
                o.target.indicator.name,
                Decimal(1) if met else Decimal(0),
                reason=f"{word} {shown} mot årsmål {goal_shown}: {'uppnås' if met else 'uppnås inte'}",
            )
        )
    reports = {r.activity_id: r for r in ActivityReport.objects.filter(round=round_)}
    rule = rule_from_settings()
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
