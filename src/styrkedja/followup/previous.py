"""Last year's values of a round, looked up, never retyped."""

from __future__ import annotations

from decimal import Decimal

from styrkedja.followup import models as fm
from styrkedja.lib.periods import parse_period
from styrkedja.plans.models import Target


def previous_values(round_: fm.Round) -> dict[int, Decimal | None]:
    """Last year's full-year outcome (the verksamhetsberättelse's) for every target of the round's plan, by
    indicator: looked up, never retyped. It is the column a tertial report prints beside the outcome
    ("Periodens utfall VB 2020" in T1 2021). An imported report's printed value stands in where last
    year is not in the system."""
    last_year = str(parse_period(round_.period).year - 1)
    looked_up = dict(
        fm.Outcome.objects.filter(
            round__organisation=round_.organisation, round__period=last_year, total__isnull=False
        ).values_list("target__indicator__series_id", "total")
    )
    printed = {
        target_id: provenance.get("previous_as_printed")
        for target_id, provenance in round_.outcomes.values_list("target_id", "provenance")
    }
    out: dict[int, Decimal | None] = {}
    for target_id, series_id in Target.objects.filter(plan=round_.plan_id).values_list(
        "pk", "indicator__series_id"
    ):
        as_printed = printed.get(target_id)
        out[target_id] = looked_up.get(series_id, Decimal(as_printed) if as_printed else None)
    return out
