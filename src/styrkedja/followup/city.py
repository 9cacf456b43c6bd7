"""The whole city's round of a period: the city's own round (over the council's plan) and every
committee's, opened together; and what the city office follows: every committee's round, its status,
deadline and open findings, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, Q

from styrkedja.budget.models import AreaBudget, BudgetVersion, CommitteeFrame, InvestmentFrame
from styrkedja.followup.models import (
    AreaForecast,
    Assessment,
    CheckSummary,
    InvestmentOutcome,
    Outcome,
    Part,
    PartStatus,
    PrintedTotal,
    RequirementForecast,
    Round,
    RoundEvent,
    RoundEventKind,
)
from styrkedja.followup.permissions import EDIT_ROUND
from styrkedja.followup.workflow import create_parts
from styrkedja.lib.periods import report_period
from styrkedja.lib.vocabulary import OrganisationKind, RoundStatus
from styrkedja.organisations.models import Organisation
from styrkedja.organisations.permissions import require_role
from styrkedja.plans.models import Goal, Indicator, Plan, Responsibility, Target


def committees_of(city: Organisation) -> list[Organisation]:
    return list(Organisation.objects.filter(parent=city, kind=OrganisationKind.COMMITTEE).order_by("name"))


@dataclass
class CityOpened:
    city_round: Round | None  # None when it was open already
    opened: list[Round] = field(default_factory=list)
    already_open: list[str] = field(default_factory=list)  # committee codes
    without_plan: list[str] = field(default_factory=list)


@transaction.atomic
def open_city_round(
    city: Organisation, period: str, *, by: Any, deadline: dt.date | None = None
) -> CityOpened:
    """The city's round of the period and every committee's, in one transaction. A committee's round that
    exists already is left as it is; a committee without a plan of the year is named, not opened."""
    if by is not None:
        require_role(by, city, EDIT_ROUND)
    p = report_period(period)
    council = Plan.objects.filter(organisation=city, year=p.year).first()
    if council is None:
        raise ValidationError(f"{city.name} har ingen plan från kommunfullmäktige för {p.year}.")
    result = CityOpened(None)
    if not Round.objects.filter(organisation=city, period=p.code).exists():
        result.city_round = _open(city, council, p.code, by, deadline)
    plans = {pl.organisation_id: pl for pl in Plan.objects.filter(organisation__parent=city, year=p.year)}
    existing = set(
        Round.objects.filter(organisation__parent=city, period=p.code).values_list(
            "organisation_id", flat=True
        )
    )
    for committee in committees_of(city):
        if committee.pk in existing:
            result.already_open.append(committee.code)
        elif committee.pk not in plans:
            result.without_plan.append(committee.code)
        else:
            result.opened.append(_open(committee, plans[committee.pk], p.code, by, deadline))
    return result


def _open(organisation: Organisation, plan: Plan, code: str, by: Any, deadline: dt.date | None) -> Round:
    round_ = Round.objects.create(organisation=organisation, plan=plan, period=code, deadline=deadline)
    create_parts(round_)
    RoundEvent.objects.create(round=round_, action=RoundEventKind.OPENED, by=by)
    return round_


@dataclass
class CommitteeStatus:
    code: str
    name: str
    round_id: int | None
    status: str  # RoundStatus, or "" without a round
    parts: int
    parts_ready: int  # ready or approved
    parts_approved: int
    deadline: dt.date | None
    errors: int | None  # open findings at the last check; None: never checked
    warnings: int | None
    checked_at: dt.datetime | None

    @property
    def status_label(self) -> str:
        return RoundStatus.label_of(self.status, "Ingen uppföljning")

    @property
    def overdue(self) -> bool:
        today = dt.date.today()
        return bool(
            self.deadline
            and self.deadline < today
            and self.status == RoundStatus.OPEN
            and self.parts_ready < self.parts
        )


def city_office(city: Organisation, period: str) -> tuple[Round | None, list[CommitteeStatus]]:
    """Every committee of the city with its round of the period: three queries whatever their number."""
    code = report_period(period).code
    city_round = Round.objects.filter(organisation=city, period=code).first()
    rounds = {
        r.organisation_id: r
        for r in Round.objects.filter(organisation__parent=city, period=code).annotate(
            n_parts=Count("parts"),
            n_ready=Count("parts", filter=Q(parts__status__in=[PartStatus.READY, PartStatus.APPROVED])),
            n_approved=Count("parts", filter=Q(parts__status=PartStatus.APPROVED)),
        )
    }
    summaries = {
        s.round_id: s
        for s in CheckSummary.objects.filter(round__organisation__parent=city, round__period=code)
    }
    out = []
    for committee in committees_of(city):
        r: Any = rounds.get(committee.pk)
        summary = summaries.get(r.pk) if r is not None else None
        out.append(
            CommitteeStatus(
                code=committee.code,
                name=committee.name,
                round_id=r.pk if r is not None else None,
                status=r.status if r is not None else "",
                parts=r.n_parts if r is not None else 0,
                parts_ready=r.n_ready if r is not None else 0,
                parts_approved=r.n_approved if r is not None else 0,
                deadline=r.deadline if r is not None else None,
                errors=summary.errors if summary else None,
                warnings=summary.warnings if summary else None,
                checked_at=summary.checked_at if summary else None,
            )
        )
    return city_round, out


@functools.cache
def _revision_sql() -> str:
    def latest(model: Any, where: str) -> str:
        table = model.history.model._meta.db_table
        return f"(SELECT COALESCE(MAX(history_id), 0) FROM {table} WHERE {where})"

    orgs = Organisation._meta.db_table
    units = f"SELECT id FROM {orgs} WHERE id = %(city)s OR parent_id = %(city)s"
    rounds = (
        f"SELECT id FROM {Round._meta.db_table} WHERE period = %(period)s AND organisation_id IN ({units})"
    )
    plans = f"SELECT id FROM {Plan._meta.db_table} WHERE year = %(year)s AND organisation_id IN ({units})"
    in_rounds = f"round_id IN ({rounds})"
    in_plans = f"plan_id IN ({plans})"
    summaries = CheckSummary._meta.db_table
    return "SELECT " + ", ".join(
        [
            latest(Organisation, f"id IN ({units})"),
            latest(Round, f"id IN ({rounds})"),
            *(latest(m, in_rounds) for m in (Part, Assessment, Outcome, AreaForecast, RequirementForecast,
                                             InvestmentOutcome, PrintedTotal)),
            *(latest(m, in_plans) for m in (Goal, Indicator, Target, CommitteeFrame, InvestmentFrame,
                                            Responsibility)),
            latest(AreaBudget, f"version_id IN (SELECT id FROM {BudgetVersion._meta.db_table} WHERE {in_plans})"),
            f"(SELECT CAST(COUNT(*) AS TEXT) || '.' || COALESCE(CAST(MAX(checked_at) AS TEXT), '') "
            f"FROM {summaries} WHERE {in_rounds})",
        ]
    )  # fmt: skip


def office_revision(city: Organisation, period: str) -> str:
    """A key that changes whenever anything the city office's page shows changes, read in one query from
    the audit trail (as followup/revision.py reads a round's): the committees and their rounds of the
    period, the parts, assessments, outcomes and economy of the rounds, the year's plans' goals,
    indicators, targets, frames and responsibilities, and the rounds' check summaries."""
    p = report_period(period)
    with connection.cursor() as cursor:
        cursor.execute(_revision_sql(), {"city": city.pk, "period": p.code, "year": p.year})
        row = cursor.fetchone()
    return "-".join(map(str, row))
