"""A part's workflow and opening a round through the API: the same services as the web
(followup/workflow.py), each step naming the part's version."""

from __future__ import annotations

from styrkedja.followup.models import Part, PartStatus, Round, RoundEvent


def test_a_part_goes_ready_returned_ready_approved_with_its_events(world, api_as, round_):
    part = round_.parts.get(goal__isnull=False)
    reporter, controller = api_as("reporter"), api_as("controller")
    ready = reporter.request("POST", f"/parts/{part.pk}/ready", {"version": part.version})
    assert ready.status_code == 200 and ready.json()["status"] == "ready"
    version = ready.json()["version"]
    back = controller.request(
        "POST", f"/parts/{part.pk}/return", {"version": version, "comment": "Analysen saknas."}
    )
    assert back.status_code == 200 and back.json()["status"] == "returned"
    assert Part.objects.get(pk=part.pk).comment == "Analysen saknas."
    ready = reporter.request("POST", f"/parts/{part.pk}/ready", {"version": back.json()["version"]})
    approved = controller.request("POST", f"/parts/{part.pk}/approve", {"version": ready.json()["version"]})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert RoundEvent.objects.filter(round=round_).count() == 5  # opened, ready, returned, ready, approved


def test_a_stale_version_is_409_with_the_stored_part_and_changes_nothing(world, api_as, round_):
    part = round_.parts.get(goal__isnull=False)
    stale = part.version
    api_as("reporter").request("POST", f"/parts/{part.pk}/ready", {"version": stale})
    response = api_as("controller").request(
        "POST", f"/parts/{part.pk}/return", {"version": stale, "comment": "Komplettera."}
    )
    assert response.status_code == 409
    problem = response.json()
    assert problem["type"].endswith("/stale-version")
    assert problem["current"]["status"] == "ready" and problem["current"]["version"] == stale + 1
    assert Part.objects.get(pk=part.pk).status == PartStatus.READY


def test_a_return_needs_a_comment_and_a_step_from_the_wrong_state_is_refused(world, api_as, round_):
    part = round_.parts.get(goal__isnull=False)
    controller = api_as("controller")
    empty = controller.request("POST", f"/parts/{part.pk}/return", {"version": part.version, "comment": ""})
    assert empty.status_code == 422 and empty.json()["errors"][0]["field"] == "body.comment"
    approve = controller.request("POST", f"/parts/{part.pk}/approve", {"version": part.version})
    assert approve.status_code == 422  # a part still to be filled in is not approved
    assert "kan inte ändras så" in approve.json()["detail"]


def test_opening_a_round_makes_its_parts_and_a_second_time_is_refused(world, api_as, round_):
    controller = api_as("controller")
    opened = controller.request("POST", "/rounds", {"organisation": "amn", "period": "2022-T2"})
    assert opened.status_code == 201
    body = opened.json()
    assert body["period"] == "2022-T2" and len(body["parts"]) == round_.parts.count()
    again = controller.request("POST", "/rounds", {"organisation": "amn", "period": "2022-T2"})
    assert again.status_code == 422 and "finns redan" in again.json()["detail"]
    no_plan = controller.request("POST", "/rounds", {"organisation": "amn", "period": "2031-T1"})
    assert no_plan.status_code == 422
    assert (
        api_as("controller")
        .request("POST", "/rounds", {"organisation": "utbn", "period": "2022-T1"})
        .status_code
        == 404
    )
    assert Round.objects.filter(organisation=world.committee).count() == 2
