"""One computation of a round's economics for the page, the report document and the export: they agree
cell for cell, also when an area has no forecast yet."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from styrkedja.followup import economy_editing
from styrkedja.followup.documents import build_followup_document
from styrkedja.followup.economics import round_economics
from styrkedja.followup.workflow import open_round
from styrkedja.interchange.followup_export import followup_data
from styrkedja.lib.numbers import format_mnkr

D = Decimal


@pytest.fixture
def round_(world):
    round_ = open_round(world.committee, "2022-T1", by=None)
    economy_editing.save_area_forecast(
        round_,
        world.areas["Jobbtorg Stockholm"],
        costs=D("430.0"),
        revenues=D("-58.4"),
        commentary="",
        by=None,
    )
    return round_


def test_an_unreported_area_leaves_the_forecast_sums_blank_everywhere(round_, world, client_as):
    eco = round_economics(round_)
    assert eco.missing_forecasts == len(world.areas) - 1
    assert eco.subtotal_net.forecast is None and eco.subtotal_net.budget is not None
    doc = build_followup_document(round_)
    assert doc.economy.committee_net.forecast is None
    assert doc.economy.committee_net.budget == eco.total_net.budget
    data = followup_data(round_)
    assert data["economics"]["total"]["net"]["forecast"] is None
    assert D(str(data["economics"]["total"]["net"]["budget"])) == eco.total_net.budget
    html = client_as("reader").get(reverse("round_economy", args=[round_.pk])).content.decode()
    assert format_mnkr(eco.total_net.budget) in html


def test_with_every_area_reported_the_page_the_document_and_the_export_show_one_total(round_, world):
    for name, area in world.areas.items():
        if name != "Jobbtorg Stockholm":
            economy_editing.save_area_forecast(
                round_, area, costs=D("10.0"), revenues=D("-1.0"), commentary="", by=None
            )
    lines = list(world.plan.revenue_requirements.all())
    economy_editing.save_requirement_forecasts(
        round_, lines, {line.pk: (D("-50.0"), 0) for line in lines}, by=None
    )
    eco = round_economics(round_)
    doc = build_followup_document(round_)
    data = followup_data(round_)
    assert eco.total_net.forecast is not None
    assert doc.economy.committee_net.forecast == eco.total_net.forecast
    assert D(str(data["economics"]["total"]["net"]["forecast"])) == eco.total_net.forecast
    assert doc.economy.committee_net.deviation == eco.total_net.deviation


def test_the_economy_texts_are_edited_with_their_version_and_printed_exported_and_in_history(round_, world):
    from styrkedja.budget import editing as budget_editing
    from styrkedja.edits.versions import Conflict, MissingVersion
    from styrkedja.followup.models import EconomyText

    table = "Tabell: Antal\n| Grupp | Antal |\n|---|---|\n| Unga | 1234 |"
    texts = economy_editing.save_economy_texts(
        round_, summary="Prognosen är 790 platser.", requirement_commentary=table, by=None
    )
    with pytest.raises(MissingVersion):
        economy_editing.save_economy_texts(
            round_, summary="x", requirement_commentary="", by=world.users["admin"]
        )
    with pytest.raises(Conflict):
        economy_editing.save_economy_texts(
            round_, summary="x", requirement_commentary="", by=None, expected_version=texts.version + 1
        )
    doc = build_followup_document(round_)
    assert (doc.economy.summary, doc.economy.requirement_commentary) == ("Prognosen är 790 platser.", table)
    data = followup_data(round_)["economics"]
    assert (data["summary"], data["requirement_commentary"]) == ("Prognosen är 790 platser.", table)
    assert EconomyText.history.filter(round=round_).count() == 1

    area = world.areas["Jobbtorg Stockholm"]
    economy = budget_editing.update_economy_texts(
        world.plan,
        summary="Budgeten.",
        requirement_commentary="Intäktskravet.",
        area_commentary={area: "Nettoramen ökar med 14,5 mnkr."},
        by=None,
    )
    assert economy.summary == "Budgeten." and area.commentary == "Nettoramen ökar med 14,5 mnkr."
    from styrkedja.budget.document import plan_economy

    eco = plan_economy(type(world.plan).objects.get(pk=world.plan.pk))
    assert (eco.summary, eco.requirement_commentary) == ("Budgeten.", "Intäktskravet.")
    assert [a.commentary for a in eco.areas if a.name == "Jobbtorg Stockholm"] == [
        "Nettoramen ökar med 14,5 mnkr."
    ]
