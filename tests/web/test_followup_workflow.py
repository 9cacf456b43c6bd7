"""The round's workflow in the UI: ready → returned → approved → approved and locked → reopened; and a
locked round answers every write with 409 and the message that the report is approved and locked."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from styrkedja.followup.models import (
    AdjustmentRequest,
    Outcome,
    PartStatus,
    RoundEvent,
    TurnoverProposal,
)
from styrkedja.followup.values import OutcomeInput, save_outcome
from styrkedja.followup.workflow import approve_part, approve_round, mark_ready
from tests.factories import as_read, text_of

D = Decimal
#: The answer to "something is still missing; go on anyway?" (the parts here are not filled in).
CONFIRMED = {"bekrafta": "ja"}


def lock(round_, world) -> None:
    for p in round_.parts.all():
        mark_ready(p, by=world.users["controller"])
        approve_part(p, by=world.users["controller"])
    approve_round(round_, by=world.users["director"])
    round_.refresh_from_db()


def test_a_reporter_marks_a_part_ready_and_a_controller_returns_it_with_a_required_comment(
    world, client_as, round_, part
):
    response = client_as("reporter").post(reverse("part_ready", args=[part.pk]), CONFIRMED)
    assert response.status_code == 302
    part.refresh_from_db()
    assert part.status == PartStatus.READY

    controller = client_as("controller")
    page = text_of(controller.get(reverse("round", args=[round_.pk])))
    assert "Klar för granskning" in page
    assert "Granska" in page and "Godkänn" in page
    assert "Skicka tillbaka delen" in text_of(controller.get(reverse("part", args=[part.pk])))

    empty = controller.post(
        reverse("part_return", args=[part.pk]),
        as_read(controller, reverse("part_return", args=[part.pk]), {f"del{part.pk}-comment": " "}),
    )
    assert empty.status_code == 200
    assert "Skriv kommentar till rapportören." in empty.content.decode()
    assert f'id="id_del{part.pk}-comment_error"' in empty.content.decode()
    part.refresh_from_db()
    assert part.status == PartStatus.READY

    controller.post(
        reverse("part_return", args=[part.pk]),
        as_read(
            controller, reverse("part_return", args=[part.pk]), {f"del{part.pk}-comment": "Prognosen saknas."}
        ),
    )
    part.refresh_from_db()
    assert (part.status, part.comment) == (PartStatus.RETURNED, "Prognosen saknas.")
    text = text_of(client_as("reporter").get(reverse("part", args=[part.pk])))
    assert "Skickad tillbaka med kommentaren: Prognosen saknas." in text
    events = text_of(client_as("reader").get(reverse("round", args=[round_.pk])))
    assert "Del skickad tillbaka" in events and "Prognosen saknas." in events


def test_a_reporter_cannot_change_a_part_that_is_ready_or_assigned_to_someone_else(world, client_as, part):
    target = world.targets["feriejobb"]
    url = reverse("outcome_save", args=[part.pk, target.pk])
    page = reverse("part", args=[part.pk])
    client_as("reporter").post(reverse("part_ready", args=[part.pk]), CONFIRMED)
    assert (
        client_as("reporter")
        .post(url, as_read(client_as("reporter"), page, {f"i{target.pk}-total": "1"}))
        .status_code
        == 403
    )
    assert (
        client_as("controller")
        .post(url, as_read(client_as("controller"), page, {f"i{target.pk}-total": "1"}))
        .status_code
        == 302
    )
    part.refresh_from_db()
    part.status, part.assignee = PartStatus.RETURNED, world.users["admin"]
    part.save()
    assert (
        client_as("reporter")
        .post(url, as_read(client_as("reporter"), url, {f"i{target.pk}-total": "2"}))
        .status_code
        == 403
    )
    assert client_as("reporter").post(reverse("part_ready", args=[part.pk]), CONFIRMED).status_code == 403
    assert Outcome.objects.get().total == D(1)


def test_the_director_is_told_why_the_round_cannot_be_approved_yet(world, client_as, round_):
    client = client_as("director")
    response = client.post(reverse("round_approve", args=[round_.pk]), follow=True)
    text = text_of(response)
    assert "Rapporten kunde inte godkännas. Alla delar måste vara godkända först:" in text
    assert "Nämndmål 1.1.1 Kvinnor och män studerar eller arbetar; Ekonomi" in text
    assert not response.context["round"].is_locked
    assert client_as("controller").post(reverse("round_approve", args=[round_.pk])).status_code == 403


def test_approving_every_part_then_the_round_locks_it_with_a_banner_and_no_edit_controls(
    world, client_as, round_
):
    controller = client_as("controller")
    for p in round_.parts.all():
        assert controller.post(reverse("part_ready", args=[p.pk]), CONFIRMED).status_code == 302
        assert controller.post(reverse("part_approve", args=[p.pk]), CONFIRMED).status_code == 302
    response = client_as("director").post(reverse("round_approve", args=[round_.pk]), follow=True)
    text = text_of(response)
    assert "Rapporten är godkänd och låst." in text
    assert "Godkänd och låst" in text
    assert "Rapporten godkändes och låstes" in text
    round_.refresh_from_db()
    assert round_.is_locked

    part = round_.parts.get(goal__isnull=False)
    for url in (
        reverse("part", args=[part.pk]),
        reverse("part_activities", args=[part.pk]),
        reverse("assessment", args=[round_.pk, world.goals["1.1.1"].pk]),
        reverse("round_economy", args=[round_.pk]),
        reverse("round", args=[round_.pk]),
    ):
        html = client_as("admin").get(url).content.decode()
        assert "Rapporten är godkänd och låst." in html, url
        assert (
            '<input type="text"' not in html
            and "<textarea" not in html.replace('name="oppna-comment"', "").split("Öppna rapporten igen")[0]
        ), url
        assert "Markera som klar" not in html and "Godkänn och lås" not in html, url


def edit_posts(world, round_, part) -> dict[str, tuple[str, dict]]:
    """Every address that writes to a round, with a post that would be valid on an open round."""
    target = world.targets["feriejobb"]
    area = world.areas["Jobbtorg Stockholm"]
    proposal = TurnoverProposal.objects.create(
        round=round_, area=area, label="EU-bidrag", costs=D("1.0"), revenues=D("-1.0")
    )
    adjustment = AdjustmentRequest.objects.create(round=round_, amount=D("1.0"), reason="Skäl")
    turnover = {"area": area.pk, "label": "EU-bidrag", "costs": "2,0", "revenues": "-2,0"}
    return {
        "outcome": (reverse("outcome_save", args=[part.pk, target.pk]), {f"i{target.pk}-total": "12"}),
        "outcome_grid": (
            reverse("part_outcomes_save", args=[part.pk]),
            {f"i{target.pk}-total": "12", f"i{target.pk}-version": "1"},
        ),
        "assessment": (
            reverse("assessment", args=[round_.pk, world.goals["1.1.1"].pk]),
            {"value": "partly", "analysis": "x", "justification": "y"},
        ),
        "activities": (reverse("part_activities", args=[part.pk]), {}),
        "part_ready": (reverse("part_ready", args=[part.pk]), {}),
        "part_approve": (reverse("part_approve", args=[part.pk]), {}),
        "part_return": (reverse("part_return", args=[part.pk]), {f"del{part.pk}-comment": "Fel"}),
        "round_approve": (reverse("round_approve", args=[round_.pk]), {}),
        "area_forecast": (
            reverse("round_area_forecast", args=[round_.pk, area.pk]),
            {f"o{area.pk}-costs": "1,0", f"o{area.pk}-revenues": "-1,0"},
        ),
        "area_forecasts": (
            reverse("round_area_forecasts", args=[round_.pk]),
            {f"o{area.pk}-costs": "1,0", f"o{area.pk}-revenues": "-1,0", f"o{area.pk}-version": "0"},
        ),
        "requirements": (reverse("round_requirement_forecasts", args=[round_.pk]), {}),
        "investments": (reverse("round_investment_forecasts", args=[round_.pk]), {}),
        "volumes": (reverse("round_volume_forecasts", args=[round_.pk]), {}),
        "turnover_create": (reverse("turnover_create", args=[round_.pk]), turnover),
        "turnover_edit": (reverse("turnover_edit", args=[proposal.pk]), turnover),
        "adjustment_create": (
            reverse("adjustment_create", args=[round_.pk]),
            {"amount": "2,0", "reason": "S"},
        ),
        "adjustment_edit": (
            reverse("adjustment_edit", args=[adjustment.pk]),
            {"amount": "2,0", "reason": "S"},
        ),
        "turnover_delete": (reverse("turnover_delete", args=[proposal.pk]), {"version": "0"}),
        "adjustment_delete": (reverse("adjustment_delete", args=[adjustment.pk]), {"version": "0"}),
    }


def test_a_locked_round_refuses_a_post_on_every_edit_address_with_409_and_the_message(
    world, client_as, round_, part
):
    posts = edit_posts(world, round_, part)
    save_outcome(round_, world.targets["feriejobb"], OutcomeInput(total=D(40)), by=None)
    lock(round_, world)
    events = RoundEvent.objects.count()
    client = client_as("admin")
    answers = {}
    for name, (url, data) in posts.items():
        response = client.post(url, as_read(client, url, data))
        answers[name] = response.status_code
        assert "Rapporten är godkänd och låst." in response.content.decode(), name
    assert answers == {name: 409 for name in posts}
    # With htmx the row answers 409 with the message in place of the form.
    url, data = posts["outcome"]
    response = client.post(url, as_read(client, url, data), HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert "<html" not in response.content.decode()
    assert "Ändringen sparades inte." in response.content.decode()
    assert Outcome.objects.get().total == D(40)
    assert RoundEvent.objects.count() == events
    assert TurnoverProposal.objects.get().costs == D("1.0")
    assert AdjustmentRequest.objects.get().amount == D("1.0")


def test_a_director_reopens_a_locked_round_with_a_reason(world, client_as, round_):
    lock(round_, world)
    director = client_as("director")
    missing = director.post(
        reverse("round_reopen", args=[round_.pk]),
        as_read(director, reverse("round_reopen", args=[round_.pk]), {"oppna-comment": ""}),
    )
    assert "Skriv skäl att öppna rapporten igen." in missing.content.decode()
    assert (
        client_as("controller")
        .post(reverse("round_reopen", args=[round_.pk]), {"oppna-comment": "Rättelse"})
        .status_code
        == 403
    )
    response = director.post(
        reverse("round_reopen", args=[round_.pk]),
        as_read(
            director, reverse("round_reopen", args=[round_.pk]), {"oppna-comment": "Rättelse av prognos"}
        ),
    )
    assert response.status_code == 302
    round_.refresh_from_db()
    assert not round_.is_locked
    text = text_of(client_as("reader").get(reverse("round", args=[round_.pk])))
    assert "Rapporten öppnades igen" in text and "Rättelse av prognos" in text


def test_a_reporter_works_in_a_part_assigned_to_them_but_leaves_the_economics_to_controllers(
    world, client_as, round_, part
):
    part.assignee = world.users["reporter"]
    part.save()
    target = world.targets["feriejobb"]
    client = client_as("reporter")
    assert (
        client.post(
            reverse("outcome_save", args=[part.pk, target.pk]),
            as_read(client, reverse("part", args=[part.pk]), {f"i{target.pk}-total": "3"}),
        ).status_code
        == 302
    )
    economy = round_.parts.get(goal__isnull=True)
    assert client.post(reverse("part_ready", args=[economy.pk]), CONFIRMED).status_code == 403
    assert (
        client_as("controller").post(reverse("part_ready", args=[economy.pk]), CONFIRMED).status_code == 302
    )
    economy.refresh_from_db()
    assert economy.status == PartStatus.READY
