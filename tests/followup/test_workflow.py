from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from styrkedja.followup.models import Outcome, PartStatus, RoundEvent, RoundLocked, Signature
from styrkedja.followup.values import Conflict, Invalid, OutcomeInput, save_activity_report, save_outcome
from styrkedja.followup.workflow import approve_part, approve_round, mark_ready, reopen_round, return_part
from styrkedja.plans.models import Target

pytestmark = pytest.mark.django_db


def target(name: str) -> Target:
    return Target.objects.get(indicator__name=name)


def test_a_round_has_a_part_per_committee_goal_and_one_for_the_economics(round_):
    assert [p.title for p in round_.parts.all()] == [
        "Nämndmål 1.1.1 Kvinnor och män studerar eller arbetar",
        "Ekonomi",
    ]
    assert RoundEvent.objects.get(round=round_).action == "opened"


def test_the_whole_flow_ends_locked_and_every_write_is_refused(round_, controller):
    jobs = target("Antal som fått jobb")
    save_outcome(round_, jobs, OutcomeInput(total=Decimal(247), forecast=Decimal(485)), by=controller)
    parts = list(round_.parts.all())
    mark_ready(parts[0], by=controller)
    return_part(parts[0], by=controller, comment="Analysen saknas")
    assert parts[0].status == PartStatus.RETURNED
    with pytest.raises(ValidationError):
        approve_round(round_, by=controller)
    for part in parts:
        mark_ready(part, by=controller)
        approve_part(part, by=controller)
    approve_round(round_, by=controller)
    round_.refresh_from_db()
    assert round_.is_locked

    with pytest.raises(RoundLocked, match="godkänd och låst"):
        save_outcome(round_, jobs, OutcomeInput(total=Decimal(1)), by=controller)
    outcome = Outcome.objects.get()
    outcome.total = Decimal(2)
    with pytest.raises(RoundLocked):
        outcome.save()
    with pytest.raises(RoundLocked):
        outcome.delete()
    with pytest.raises(RoundLocked):
        Signature.objects.create(round=round_, name="Sen Signatur")
    activity = jobs.goal.activities.first()
    with pytest.raises(RoundLocked):
        save_activity_report(round_, activity, status="done", deviation="", by=controller)
    assert Outcome.objects.get().total == Decimal(247)

    reopen_round(round_, by=controller, reason="Rättelse av prognos")
    save_outcome(round_, jobs, OutcomeInput(total=Decimal(250)), by=controller)
    actions = list(RoundEvent.objects.filter(round=round_).values_list("action", flat=True))
    assert actions[-2:] == ["approved_and_locked", "reopened"]


def test_a_second_save_of_the_same_version_is_a_conflict_and_nothing_is_lost(round_, controller):
    jobs = target("Antal som fått jobb")
    first, _ = save_outcome(round_, jobs, OutcomeInput(total=Decimal(10)), by=controller)
    read_version = first.version
    save_outcome(round_, jobs, OutcomeInput(total=Decimal(11)), by=controller, expected_version=read_version)
    with pytest.raises(Conflict) as conflict:
        save_outcome(
            round_, jobs, OutcomeInput(total=Decimal(12)), by=controller, expected_version=read_version
        )
    assert conflict.value.current.total == Decimal(11)
    assert Outcome.objects.get().total == Decimal(11)
    assert Outcome.history.count() == 2


def test_invalid_values_are_refused_and_suspicious_ones_warned(round_, controller):
    time = target("Genomsnittlig inskrivningstid")
    with pytest.raises(Invalid, match="kvinnor och män"):
        save_outcome(round_, time, OutcomeInput(total=Decimal("7.3")), by=controller)
    with pytest.raises(Invalid, match="negativt"):
        save_outcome(
            round_, time, OutcomeInput(total=Decimal(-1), men=Decimal(1), women=Decimal(1)), by=controller
        )
    _, warnings = save_outcome(
        round_,
        time,
        OutcomeInput(total=Decimal("9.0"), men=Decimal("6.6"), women=Decimal("8.2")),
        by=controller,
    )
    assert warnings == ["Utfallet 9.0 ligger utanför männens och kvinnornas värden (6.6–8.2)"]
    jobs = target("Antal som fått jobb")
    with pytest.raises(Invalid, match="helt antal"):
        save_outcome(round_, jobs, OutcomeInput(total=Decimal("2.5")), by=controller)
    _, warnings = save_outcome(
        round_, jobs, OutcomeInput(total=Decimal(247), men=Decimal(148), women=Decimal(98)), by=controller
    )
    assert warnings == ["Män + kvinnor = 246, men utfallet är 247"]
