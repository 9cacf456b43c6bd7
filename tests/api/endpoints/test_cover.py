"""The report cover through the API (followup/cover_editing.save_cover)."""

from __future__ import annotations

from decimal import Decimal

from styrkedja.followup.models import DecisionKind, DecisionProposal, TurnoverProposal


def test_the_cover_is_read_saved_and_a_stale_save_is_409(world, api_as, round_):
    client = api_as("controller")
    empty = client.get(f"/rounds/{round_.pk}/cover").json()
    assert empty["version"] == 0 and empty["title"] == ""
    body = {
        "version": 0,
        "title": "Tertialrapport 1 2022",
        "meeting_date": "2022-05-24",
        "agenda_number": "7",
    }
    saved = client.put(f"/rounds/{round_.pk}/cover", body)
    assert saved.status_code == 200 and saved.json()["version"] == 1
    stale = client.put(f"/rounds/{round_.pk}/cover", {**body, "title": "Annan"})
    assert stale.status_code == 409 and stale.json()["current"]["title"] == "Tertialrapport 1 2022"
    bad = client.put(f"/rounds/{round_.pk}/cover", {**body, "version": 1, "meeting_date": "24/5"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.meeting_date"


def test_the_covers_decisions_carry_the_amount_computed_from_the_economy(world, api_as, round_):
    TurnoverProposal.objects.create(
        round=round_,
        area=world.areas["Jobbtorg Stockholm"],
        label="x",
        costs=Decimal("2.5"),
        revenues=Decimal("-2.5"),
    )
    DecisionProposal.objects.create(
        round=round_, kind=DecisionKind.APPROVE_TURNOVER, text="Godkänna omslutning", position=1
    )
    decisions = api_as("reader").get(f"/rounds/{round_.pk}/cover").json()["decisions"]
    assert [(d["kind"], Decimal(d["amount"])) for d in decisions] == [("approve_turnover", Decimal("2.5"))]
