"""What every command looks up from its options: the organisation by code, a period, the round of a
period, the plan of a year. Each answers a missing thing with a CommandError that names it, so every
command words the same refusal the same way."""

from __future__ import annotations

from django.core.management.base import CommandError

from styrkedja.followup.models import Round
from styrkedja.lib.periods import PeriodError, report_period
from styrkedja.organisations.models import Organisation
from styrkedja.plans.models import Plan


def organisation(code: str) -> Organisation:
    found = Organisation.objects.select_related("parent").filter(code=code).first()
    if found is None:
        raise CommandError(f"no organisation '{code}'")
    return found


def period(text: str) -> str:
    """The report period's code (`2021-T1`, `2021-T2`, `2021`); the third tertial is the full year."""
    try:
        return report_period(text).code
    except PeriodError as exc:
        raise CommandError(str(exc)) from exc


def round_of(org: Organisation, period_text: str) -> Round:
    code = period(period_text)
    found = Round.objects.select_related("organisation", "plan").filter(organisation=org, period=code).first()
    if found is None:
        raise CommandError(f"{org.code} has no follow-up for {code}")
    return found


def plan_of(org: Organisation, year: int) -> Plan:
    found = Plan.objects.select_related("organisation").filter(organisation=org, year=year).first()
    if found is None:
        raise CommandError(f"{org.code} has no plan for {year}")
    return found
