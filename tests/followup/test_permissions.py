"""The follow-up services enforce who may do what themselves, so a command or the API calling them gets the
same refusal as the web: PermissionDenied for a role too low, Http404 for a user without a role in the
organisation, and `by=None` (the system) is let through."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from styrkedja.followup import economy_editing, workflow
from styrkedja.followup.models import ActivityReport, Assessment, Outcome, Part, PartStatus
from styrkedja.followup.values import OutcomeInput, save_activity_report, save_assessment, save_outcome
from styrkedja.organisations.models import Role
from styrkedja.plans import models as pm
from tests.factories import add_goal, add_target, make_user, version_of

D = Decimal


@pytest.fixture
def two_parts(world):
    """A round with two goal parts: 1.1.1 (assigned to the reporter) and its sibling 1.1.2 (to another)."""
    sibling = add_goal(world.plan, "1.1.2", "Unga har arbete", "committee", world.goals["1.1"])
    target = add_target(sibling, "Antal unga med arbete", unit=pm.Unit.COUNT, value="10")
    round_ = workflow.open_round(world.committee, "2022-T1", by=world.users["controller"])
    mine = round_.parts.get(goal__number="1.1.1")
    theirs = round_.parts.get(goal__number="1.1.2")
    other_reporter = make_user("rut", role=Role.REPORTER, organisation=world.committee)
    workflow.assign_part(mine, world.users["reporter"], by=world.users["controller"])
    workflow.assign_part(theirs, other_reporter, by=world.users["controller"])
    return round_, mine, theirs, target


def test_a_reporter_marks_only_their_own_part_ready(world, two_parts):
    _, mine, theirs, _ = two_parts
    with pytest.raises(PermissionDenied):
        workflow.mark_ready(theirs, by=world.users["reporter"])
    assert workflow.mark_ready(mine, by=world.users["reporter"]).status == PartStatus.READY


def test_a_reader_cannot_mark_a_part_ready_and_an_outsider_does_not_see_it(world, two_parts):
    _, mine, _, _ = two_parts
    with pytest.raises(PermissionDenied):
        workflow.mark_ready(mine, by=world.users["reader"])
    with pytest.raises(Http404):
        workflow.mark_ready(mine, by=world.users["outsider"])
    mine.refresh_from_db()
    assert mine.status == PartStatus.TODO


def test_approving_and_returning_parts_is_for_controllers(world, two_parts):
    _, mine, _, _ = two_parts
    workflow.mark_ready(mine, by=world.users["reporter"])
    for step in (
        lambda: workflow.approve_part(mine, by=world.users["reporter"]),
        lambda: workflow.return_part(mine, by=world.users["reporter"], comment="Fel"),
    ):
        with pytest.raises(PermissionDenied):
            step()
    assert workflow.approve_part(mine, by=world.users["controller"]).status == PartStatus.APPROVED


def test_only_a_director_approves_or_reopens_the_whole_report(world, two_parts):
    round_, *_ = two_parts
    for part in Part.objects.filter(round=round_):
        workflow.mark_ready(part, by=None)
        workflow.approve_part(part, by=None)
    with pytest.raises(PermissionDenied):
        workflow.approve_round(round_, by=world.users["controller"])
    workflow.approve_round(round_, by=world.users["director"])
    with pytest.raises(PermissionDenied):
        workflow.reopen_round(round_, by=world.users["controller"], reason="Rättelse")
    assert not workflow.reopen_round(round_, by=world.users["director"], reason="Rättelse").is_locked


def test_opening_assigning_and_setting_the_deadline_is_for_controllers(world, two_parts):
    round_, mine, _, _ = two_parts
    with pytest.raises(PermissionDenied):
        workflow.open_round(world.committee, "2022-T2", by=world.users["reporter"])
    with pytest.raises(PermissionDenied):
        workflow.assign_part(mine, None, by=world.users["reporter"])
    with pytest.raises(PermissionDenied):
        workflow.set_deadline(round_, None, by=world.users["reporter"])


def test_a_reporter_saves_values_of_their_own_part_and_not_of_a_sibling_part(world, two_parts):
    round_, _, _, sibling_target = two_parts
    reporter = world.users["reporter"]
    own_target = world.targets["feriejobb"]
    outcome, _ = save_outcome(
        round_,
        own_target,
        OutcomeInput(total=D(40)),
        by=reporter,
        expected_version=version_of(Outcome, round=round_, target=own_target),
    )
    assert outcome.total == D(40)
    with pytest.raises(PermissionDenied):
        save_outcome(
            round_,
            sibling_target,
            OutcomeInput(total=D(3)),
            by=reporter,
            expected_version=version_of(Outcome, round=round_, target=sibling_target),
        )
    with pytest.raises(PermissionDenied):
        save_assessment(
            round_,
            sibling_target.goal,
            value="fully",
            analysis="",
            justification="",
            suggested=None,
            by=reporter,
            expected_version=version_of(Assessment, round=round_, goal=sibling_target.goal),
        )
    activity = world.activities[0]
    assert save_activity_report(
        round_,
        activity,
        status="ongoing",
        deviation="",
        by=reporter,
        expected_version=version_of(ActivityReport, round=round_, activity=activity),
    ).status
    with pytest.raises(PermissionDenied):
        save_outcome(
            round_,
            own_target,
            OutcomeInput(total=D(41)),
            by=world.users["reader"],
            expected_version=version_of(Outcome, round=round_, target=own_target),
        )


def test_the_economics_are_changed_by_controllers_only_and_the_system_may(world, two_parts):
    round_, *_ = two_parts
    area = world.areas["Jobbtorg Stockholm"]
    values = {"costs": D("420.0"), "revenues": D("-58.4"), "commentary": ""}
    with pytest.raises(PermissionDenied):
        economy_editing.save_area_forecast(round_, area, **values, by=world.users["reporter"])
    with pytest.raises(Http404):
        economy_editing.save_area_forecast(round_, area, **values, by=world.users["nobody"])
    assert economy_editing.save_area_forecast(round_, area, **values, by=None).costs == D("420.0")
