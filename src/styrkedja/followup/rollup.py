"""A round summed up: its goals by assessment, its indicators by whether they meet their target (the
forecast during the year, the outcome at its end), and the committee's net budget, forecast and deviation.

`committee_rollup` is one committee's round. `organisation_rollup` lists it for an organisation and every
organisation below it that has a round of the period; the city-wide roll-up (the committees' rounds
summed into the city's, with its own rules) builds on `committee_rollup` and replaces the listing here."""

from __future__ import annotations

from typing import Any

from styrkedja.followup.economics import round_economics
from styrkedja.followup.models import Assessment, Outcome, Round
from styrkedja.lib.periods import PeriodKind, parse_period
from styrkedja.lib.targets import target_met
from styrkedja.organisations.models import Organisation
from styrkedja.plans.models import Goal, Target


def committee_rollup(round_: Round) -> dict[str, Any]:
    final = parse_period(round_.period).kind is PeriodKind.YEAR
    goals = Goal.objects.filter(plan_id=round_.plan_id).count()
    counts = {"fully": 0, "partly": 0, "not": 0, "none": 0}
    assessed = 0
    for fulfilment in Assessment.objects.filter(round=round_).values_list("value", flat=True):
        if fulfilment:
            counts[fulfilment] = counts.get(fulfilment, 0) + 1
            assessed += 1
    counts["none"] = goals - assessed
    targets = Target.objects.filter(plan_id=round_.plan_id).count()
    reported = met = not_met = 0
    for o in Outcome.objects.filter(round=round_).select_related("target__indicator"):
        value = o.total if final else o.forecast
        if o.total is not None or o.forecast is not None:
            reported += 1
        verdict = target_met(value, o.target.value, o.target.indicator.direction, o.target.band)
        if verdict is True:
            met += 1
        elif verdict is False:
            not_met += 1
    economics = round_economics(round_)
    total = economics.total_net
    return {
        "organisation": round_.organisation.code,
        "round_id": round_.pk,
        "period": round_.period,
        "status": round_.status,
        "goals": goals,
        "assessments": counts,
        "indicators": targets,
        "indicators_reported": reported,
        "targets_met": met,
        "targets_not_met": not_met,
        "budget_net": total.budget,
        "forecast_net": total.forecast,
        "deviation": total.deviation,
    }


def organisation_rollup(
    organisation: Organisation, period: str, visible: list[Organisation]
) -> list[dict[str, Any]]:
    """The rounds of the period in the organisation and below it (of those in `visible`), each summed up."""
    children: dict[int | None, list[Organisation]] = {}
    for org in visible:
        children.setdefault(org.parent_id, []).append(org)
    subtree, stack = [], [organisation]
    while stack:
        org = stack.pop()
        subtree.append(org.pk)
        stack.extend(children.get(org.pk, []))
    rounds = (
        Round.objects.select_related("organisation", "plan")
        .filter(organisation_id__in=subtree, period=period)
        .order_by("organisation__code")
    )
    return [committee_rollup(r) for r in rounds]
