import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from styrkedja.followup.models import (
    ActivityReport,
    Outcome,
    PartStatus,
    Round,
    RoundEvent,
    RoundLocked,
    RoundStatus,
    Signature,
)
from styrkedja.followup.values import Conflict, Invalid, OutcomeInput, save_activity_report, save_outcome
from styrkedja.followup.workflow import (
    approve_part,
    approve_round,
    assign_part,
    eligible_assignees,
    mark_ready,
    open_round,
    reopen_round,
    return_part,
    set_deadline,
)
from styrkedja.organisations.models import Membership, Organisation, Role
from styrkedja.organisations.permissions import has_role, role_in
from styrkedja.plans.models import Target
from tests.factories import version_of

pytestmark = pytest.mark.django_db


def target(name: str) -> Target:
    return Target.objects.get(indicator__name=name)


def test_a_round_has_a_part_per_committee_goal_and_one_for_the_economics(round_):
    assert [p.title for p in round_.parts.all()] == [
        "Nämndmål 1.1.1 Kvinnor och män studerar eller arbetar",
        "Ekonomi",
    ]
    assert RoundEvent.objects.get(round=round_).action == "opened"


def test_the_whole_flow_ends_locked_and_every_write_is_refused(round_, controller, director):
    jobs = target("Antal som fått jobb")
    save_outcome(
        round_,
        jobs,
        OutcomeInput(total=Decimal(247), forecast=Decimal(485)),
        by=controller,
        expected_version=version_of(Outcome, round=round_, target=jobs),
    )
    parts = list(round_.parts.all())
    mark_ready(parts[0], by=controller)
    return_part(parts[0], by=controller, comment="Analysen saknas")
    assert parts[0].status == PartStatus.RETURNED
    with pytest.raises(ValidationError):
        approve_round(round_, by=director)
    for part in parts:
        mark_ready(part, by=controller)
        approve_part(part, by=controller)
    approve_round(round_, by=director)
    round_.refresh_from_db()
    assert round_.is_locked

    with pytest.raises(RoundLocked, match="godkänd och låst"):
        save_outcome(
            round_,
            jobs,
            OutcomeInput(total=Decimal(1)),
            by=controller,
            expected_version=version_of(Outcome, round=round_, target=jobs),
        )
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
        save_activity_report(
            round_,
            activity,
            status="done",
            deviation="",
            by=controller,
            expected_version=version_of(ActivityReport, round=round_, activity=activity),
        )
    assert Outcome.objects.get().total == Decimal(247)

    reopen_round(round_, by=director, reason="Rättelse av prognos")
    save_outcome(
        round_,
        jobs,
        OutcomeInput(total=Decimal(250)),
        by=controller,
        expected_version=version_of(Outcome, round=round_, target=jobs),
    )
    actions = list(RoundEvent.objects.filter(round=round_).values_list("action", flat=True))
    assert actions[-2:] == ["approved_and_locked", "reopened"]


def test_a_second_save_of_the_same_version_is_a_conflict_and_nothing_is_lost(round_, controller):
    jobs = target("Antal som fått jobb")
    first, _ = save_outcome(
        round_,
        jobs,
        OutcomeInput(total=Decimal(10)),
        by=controller,
        expected_version=version_of(Outcome, round=round_, target=jobs),
    )
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
        save_outcome(
            round_,
            time,
            OutcomeInput(total=Decimal("7.3")),
            by=controller,
            expected_version=version_of(Outcome, round=round_, target=time),
        )
    with pytest.raises(Invalid, match="negativt"):
        save_outcome(
            round_,
            time,
            OutcomeInput(total=Decimal(-1), men=Decimal(1), women=Decimal(1)),
            by=controller,
            expected_version=version_of(Outcome, round=round_, target=time),
        )
    _, warnings = save_outcome(
        round_,
        time,
        OutcomeInput(total=Decimal("9.0"), men=Decimal("6.6"), women=Decimal("8.2")),
        by=controller,
        expected_version=version_of(Outcome, round=round_, target=time),
    )
    assert warnings == ["Utfallet 9,0 ligger utanför männens och kvinnornas värden (6,6–8,2)"]
    jobs = target("Antal som fått jobb")
    with pytest.raises(Invalid, match="helt antal"):
        save_outcome(
            round_,
            jobs,
            OutcomeInput(total=Decimal("2.5")),
            by=controller,
            expected_version=version_of(Outcome, round=round_, target=jobs),
        )
    _, warnings = save_outcome(
        round_,
        jobs,
        OutcomeInput(total=Decimal(247), men=Decimal(148), women=Decimal(98)),
        by=controller,
        expected_version=version_of(Outcome, round=round_, target=jobs),
    )
    assert warnings == ["Män + kvinnor = 246, men utfallet är 247"]
    _, warnings = save_outcome(
        round_,
        jobs,
        OutcomeInput(total=Decimal(1394), men=Decimal(148), women=Decimal(1245)),
        by=controller,
        expected_version=version_of(Outcome, round=round_, target=jobs),
    )
    assert warnings == ["Män + kvinnor = 1\u00a0393, men utfallet är 1\u00a0394"]  # grouped, as everywhere


# --- Assigning parts and setting the deadline -----------------------------------------------------------


def member(username: str, role: Role, organisation_code: str = "testnamnd", **extra):
    user = get_user_model().objects.create_user(username, password="x" * 12, **extra)
    organisation = Organisation.objects.get(code=organisation_code)
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def lock_in_database(round_) -> None:
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.LOCKED)


def test_a_part_is_assigned_to_a_reporter_with_an_event_naming_the_part_and_the_person(round_, controller):
    # The role is held in the municipality above the committee: inherited down the tree.
    rasmus = member("rasmus", Role.REPORTER, "testkommun", first_name="Rasmus", last_name="Rapportör")
    part = round_.parts.get(goal__isnull=False)
    assign_part(part, rasmus, by=controller)
    part.refresh_from_db()
    assert part.assignee == rasmus
    assert part.history.first().history_user == controller
    event = RoundEvent.objects.filter(round=round_).last()
    assert (event.action, event.by) == ("part_assigned", controller)
    assert event.comment == "Nämndmål 1.1.1 Kvinnor och män studerar eller arbetar: Rasmus Rapportör"

    assign_part(part, None, by=controller)
    part.refresh_from_db()
    assert part.assignee is None
    assert RoundEvent.objects.filter(round=round_).last().comment.endswith(": alla rapportörer")
    # Assigning the same person again changes nothing and records nothing.
    count = RoundEvent.objects.count()
    assign_part(part, None, by=controller)
    assert RoundEvent.objects.count() == count


def test_a_user_who_is_not_a_reporter_of_the_organisation_is_refused(round_, controller):
    part = round_.parts.get(goal__isnull=False)
    reader = member("lars", Role.READER)
    elsewhere = member("olle", Role.ADMIN, "testkommun")
    Membership.objects.filter(user=elsewhere).delete()
    Organisation.objects.create(code="annan", name="Annan nämnd", kind="committee")
    outsider = member("otto", Role.CONTROLLER, "annan")
    nobody = get_user_model().objects.create_user("nils", password="x" * 12)
    for user in (reader, elsewhere, outsider, nobody):
        with pytest.raises(ValidationError, match="är inte rapportör i Testnämnden"):
            assign_part(part, user, by=controller)
    part.refresh_from_db()
    assert part.assignee is None
    assert not RoundEvent.objects.filter(action="part_assigned").exists()


def test_the_eligible_users_are_those_whose_role_is_at_least_reporter(round_, controller):
    organisation = round_.organisation
    users = [
        member("a_reporter", Role.REPORTER),
        member("b_director", Role.DIRECTOR, "testkommun"),
        member("c_reader", Role.READER),
        member("d_inactive", Role.REPORTER, is_active=False),
        get_user_model().objects.create_superuser("e_super", password="x" * 12),  # an admin everywhere
    ]
    eligible = eligible_assignees(organisation)
    assert [u.username for u in eligible] == ["a_reporter", "b_director", "ctrl", "e_super"]
    for user in [*users, controller]:
        assert (user in eligible) == has_role(role_in(user, organisation), Role.REPORTER)


def test_a_locked_round_refuses_assignment_and_a_new_deadline(round_, controller):
    reporter = member("rasmus", Role.REPORTER)
    part = round_.parts.get(goal__isnull=False)
    lock_in_database(round_)
    # The objects in memory still say open: the model's own check refuses.
    with pytest.raises(RoundLocked, match="godkänd och låst"):
        assign_part(part, reporter, by=controller)
    with pytest.raises(RoundLocked, match="godkänd och låst"):
        set_deadline(round_, dt.date(2022, 5, 10), by=controller)
    round_.refresh_from_db()
    part.refresh_from_db()
    with pytest.raises(RoundLocked):
        assign_part(part, reporter, by=controller)
    assert part.assignee is None and round_.deadline is None
    assert not RoundEvent.objects.filter(action__in=["part_assigned", "deadline_set"]).exists()


def test_the_deadline_is_set_and_removed_with_events(round_, controller):
    set_deadline(round_, dt.date(2022, 5, 10), by=controller)
    round_.refresh_from_db()
    assert round_.deadline == dt.date(2022, 5, 10)
    assert round_.history.first().history_user == controller
    set_deadline(round_, None, by=controller)
    round_.refresh_from_db()
    assert round_.deadline is None
    events = RoundEvent.objects.filter(action="deadline_set").values_list("comment", flat=True)
    assert list(events) == ["2022-05-10", "Ingen sista dag"]


def test_a_third_tertial_round_is_the_full_year_round(round_, controller):
    organisation = round_.organisation
    full_year = open_round(organisation, "2022-T3", by=controller)
    assert full_year.period == "2022"
    with pytest.raises(ValidationError, match="finns redan"):
        open_round(organisation, "2022", by=controller)
