"""Every edit is guarded: a person's change names the version it was based on, a stale one is refused with
what is stored shown beside the user's value, and a form that creates something creates it once however
often it is sent."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from styrkedja.edits.models import Submission
from styrkedja.edits.once import once
from styrkedja.edits.versions import Conflict, MissingVersion
from styrkedja.followup import cover_editing
from styrkedja.followup.models import AdjustmentRequest, CaseOfficer, Outcome, TurnoverProposal
from styrkedja.followup.values import OutcomeInput, save_outcome
from styrkedja.followup.workflow import open_round
from styrkedja.plans import editing
from styrkedja.plans.models import Activity, Goal, Target
from tests.factories import as_read, hidden_inputs, text_of

D = Decimal


@pytest.fixture
def round_(world):
    return open_round(world.committee, "2022-T1", by=None)


def test_a_persons_edit_without_a_version_is_refused_and_the_system_may_write(world, round_):
    target = world.targets["feriejobb"]
    with pytest.raises(MissingVersion):
        save_outcome(round_, target, OutcomeInput(total=D(4)), by=world.users["controller"])
    assert not Outcome.objects.exists()
    save_outcome(round_, target, OutcomeInput(total=D(4)), by=None)  # an import, a command
    assert Outcome.objects.get().version == 1


def test_every_save_raises_the_version_by_any_path(world):
    goal = world.goals["1.1.1"]
    before = goal.version
    editing.update_goal(goal, {"title": "Ny rubrik"}, by=None)
    goal.refresh_from_db()
    assert goal.version == before + 1
    goal.comment = "Direkt"
    goal.save()
    assert Goal.objects.get(pk=goal.pk).version == before + 2


def test_a_post_without_its_version_changes_nothing(world, client_as):
    goal = world.goals["1.1.1"]
    response = client_as("controller").post(reverse("goal_edit", args=[goal.pk]), {"title": "Utan version"})
    assert response.status_code == 200
    assert "ladda om sidan" in text_of(response)
    assert Goal.objects.get(pk=goal.pk).title == goal.title


def test_two_people_editing_one_goal_the_second_sees_the_first_ones_value_beside_their_own(world, client_as):
    goal = world.goals["1.1.1"]
    url = reverse("goal_edit", args=[goal.pk])
    first, second = client_as("controller"), client_as("director")
    first_read, second_read = hidden_inputs(first.get(url)), hidden_inputs(second.get(url))
    mine = {"title": "Den förstas rubrik", "description": "", "comment": "", "expected_results": ""}
    assert first.post(url, {**first_read, **mine}).status_code == 302
    theirs = {**mine, "title": "Den andras rubrik"}
    response = second.post(url, {**second_read, **theirs})
    assert response.status_code == 409
    text = text_of(response)
    assert "controller har ändrat detta sedan du öppnade sidan" in text
    assert "Sparat nu: Den förstas rubrik" in text
    assert 'value="Den andras rubrik"' in response.content.decode()
    assert Goal.objects.get(pk=goal.pk).title == "Den förstas rubrik"
    again = second.post(url, {**hidden_inputs(response), **theirs})  # saving again replaces it
    assert again.status_code == 302
    assert Goal.objects.get(pk=goal.pk).title == "Den andras rubrik"


def test_a_stale_indicator_or_activity_edit_is_a_conflict(world):
    target, activity = world.targets["feriejobb"], world.activities[0]
    controller = world.users["controller"]
    read_target, read_indicator = target.version, target.indicator.version
    editing.update_indicator(
        target,
        {"value": D(96)},
        by=controller,
        expected_version=read_target,
        expected_indicator_version=read_indicator,
    )
    with pytest.raises(Conflict):
        editing.update_indicator(
            target,
            {"value": D(97)},
            by=controller,
            expected_version=read_target,
            expected_indicator_version=read_indicator,
        )
    assert Target.objects.get(pk=target.pk).value == D(96)
    read = activity.version
    editing.update_activity(activity, {"title": "Först"}, by=controller, expected_version=read)
    with pytest.raises(Conflict):
        editing.update_activity(activity, {"title": "Sen"}, by=controller, expected_version=read)
    assert Activity.objects.get(pk=activity.pk).title == "Först"


def test_a_list_changed_by_someone_else_since_it_was_read_is_a_conflict(world, round_):
    controller = world.users["controller"]
    read = {}
    cover_editing.save_case_officers(round_, [cover_editing.CaseOfficerRow("Anna")], by=controller, read=read)
    # Someone who read the empty list adds Bo: Anna, added since, would be lost.
    with pytest.raises(Conflict) as conflict:
        cover_editing.save_case_officers(
            round_, [cover_editing.CaseOfficerRow("Bo")], by=controller, read=read
        )
    assert [row.name for row in conflict.value.current] == ["Anna"]
    assert list(CaseOfficer.objects.values_list("name", flat=True)) == ["Anna"]


def test_the_cover_page_shows_a_conflicting_list_beside_the_typed_rows(world, client_as, round_):
    url = reverse("round_cover", args=[round_.pk])
    rows_url = reverse("round_cover_rows", args=[round_.pk, "handlaggare"])
    first, second = client_as("controller"), client_as("director")
    first_read, second_read = hidden_inputs(first.get(url)), hidden_inputs(second.get(url))
    form = {"handlaggare-TOTAL_FORMS": "1", "handlaggare-INITIAL_FORMS": "0", "handlaggare-0-phone": ""}
    assert first.post(rows_url, {**first_read, **form, "handlaggare-0-name": "Anna"}).status_code == 302
    response = second.post(rows_url, {**second_read, **form, "handlaggare-0-name": "Bo"})
    assert response.status_code == 409
    assert "Sparat nu: Anna" in text_of(response)
    assert 'value="Bo"' in response.content.decode()
    assert list(CaseOfficer.objects.values_list("name", flat=True)) == ["Anna"]


@pytest.mark.parametrize(
    ("address", "data", "model"),
    [
        ("goal_create", {"number": "2", "title": "Ett nytt mål"}, Goal),
        ("activity_create", {"title": "Ny aktivitet", "kind": "committee"}, Activity),
    ],
)
def test_a_plan_form_sent_twice_creates_once(world, client_as, address, data, model):
    args = [world.plan.pk] if address == "goal_create" else [world.goals["1.1.1"].pk]
    url = reverse(address, args=args)
    client = client_as("controller")
    sent = as_read(client, url, data)
    before = model.objects.count()
    first, second = client.post(url, sent), client.post(url, sent)
    assert (first.status_code, second.status_code) == (302, 302)
    assert first["Location"] == second["Location"]
    assert model.objects.count() == before + 1


@pytest.mark.parametrize(
    ("address", "data", "model"),
    [
        ("turnover_create", {"label": "EU-bidrag", "costs": "2,0", "revenues": "-2,0"}, TurnoverProposal),
        ("adjustment_create", {"amount": "2,0", "reason": "Statsbidrag"}, AdjustmentRequest),
    ],
)
def test_a_round_form_sent_twice_creates_once(world, client_as, round_, address, data, model):
    url = reverse(address, args=[round_.pk])
    client = client_as("controller")
    if address == "turnover_create":
        data = {**data, "area": world.areas["Jobbtorg Stockholm"].pk}
    sent = as_read(client, url, data)
    assert [client.post(url, sent).status_code for _ in range(2)] == [302, 302]
    assert model.objects.count() == 1


def test_once_returns_the_first_result_for_a_token_and_creates_without_one(world):
    token = uuid.uuid4()
    plan = world.plan
    make = lambda: editing.add_goal(plan, None, {"number": "9", "title": "Nio"}, by=None)  # noqa: E731
    first, created = once(token, None, make)
    again, created_again = once(token, None, make)
    assert (first.pk, created, created_again) == (again.pk, True, False)
    assert Submission.objects.get(token=token).created == first
    assert Goal.objects.filter(number="9").count() == 1


def test_the_cover_fields_are_guarded_too(world, round_):
    controller = world.users["controller"]
    values = dict(
        title="T1", addressee="", meeting_date=date(2022, 5, 24), agenda_number="", summary_analysis=""
    )
    cover_editing.save_cover(round_, **values, by=controller, expected_version=0)
    with pytest.raises(Conflict):
        cover_editing.save_cover(round_, **{**values, "title": "T2"}, by=controller, expected_version=0)
