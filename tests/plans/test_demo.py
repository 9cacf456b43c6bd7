"""`styrkedja demo` gives the T1 2021 round a deadline and a reporter for the parts of goal area 1, once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from styrkedja.followup.models import Round, RoundEvent

pytestmark = pytest.mark.django_db


def test_the_demo_round_has_a_deadline_and_goal_area_1_assigned_to_the_reporter_once():
    call_command("demo", "--quiet-login")
    round_ = Round.objects.get(organisation__code="amn", period="2021-T1")
    assert round_.deadline == dt.date(2021, 5, 3)
    assigned = {p.goal.number: p.assignee.username for p in round_.parts.filter(assignee__isnull=False)}
    assert assigned and set(assigned.values()) == {"rapportor"}
    assert all(number.startswith("1.") for number in assigned)
    others = round_.parts.filter(assignee__isnull=True)
    assert others.filter(goal__isnull=True).exists()  # the economics: all reporters
    assert not any(p.goal.number.startswith("1.") for p in others.exclude(goal__isnull=True))
    events = RoundEvent.objects.filter(round=round_).count()
    assert RoundEvent.objects.filter(round=round_, action="part_assigned").count() == len(assigned)

    # Run again after someone changed an assignment: nothing is overwritten, nothing recorded again.
    part = round_.parts.filter(assignee__isnull=False).first()
    part.assignee = None
    part.save()
    call_command("demo", "--quiet-login")
    assert RoundEvent.objects.filter(round=round_).count() == events
    part.refresh_from_db()
    assert part.assignee is None
