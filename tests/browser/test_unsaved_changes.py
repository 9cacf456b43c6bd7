"""Unsaved edits are never lost without a word (static/js/styrkedja.js), and Back never shows a stale form
(`Cache-Control: no-store`, web/nostore.py)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from styrkedja.followup.models import CaseOfficer, Outcome, ReportCover
from styrkedja.followup.workflow import open_round

pytestmark = pytest.mark.browser


def test_leaving_the_part_page_with_an_unsaved_value_asks_first(live_server, live_world, page, log_in):
    world = live_world
    round_ = open_round(world.committee, "2022-T1", by=world.users["controller"], deadline=date(2022, 5, 10))
    part = round_.parts.get(goal=world.goals["1.1.1"])
    log_in(page, "reporter")
    page.goto(f"{live_server.url}/delar/{part.pk}/")
    page.get_by_role("heading", level=1, name=re.compile("Nämndmål 1.1.1")).wait_for()
    jobs = page.locator("tbody.outcome-row").filter(
        has=page.get_by_role("rowheader", name=re.compile("feriejobb"))
    )
    field = jobs.get_by_label(re.compile("^Periodens utfall"))
    field.fill("40")
    assert "is-changed" in (field.get_attribute("class") or "")

    dialogs: list[str] = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.get_by_role("link", name=re.compile("Aktiviteter")).click()
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]
    assert "/delar/" in page.url and field.input_value() == "40"  # still here, the value kept
    page.remove_listener("dialog", stay)

    # Saved (the grid is sent as a whole), nothing is unsaved: leaving asks nothing.
    jobs.get_by_role("button", name=re.compile("Spara")).click()
    page.get_by_role("status").filter(has_text="1 indikator har sparats.").wait_for()
    assert Outcome.objects.get(target=world.targets["feriejobb"]).total == 40
    page.on("dialog", lambda dialog: dialogs.append(dialog.type) or dialog.dismiss())
    page.get_by_role("link", name=re.compile("Aktiviteter")).click()
    page.get_by_role("heading", level=1, name="Aktiviteter").wait_for()
    assert dialogs == ["beforeunload"]


def test_saving_one_cover_form_while_another_holds_edits_asks_and_back_shows_what_is_stored(
    live_server, live_world, page, log_in
):
    world = live_world
    round_ = open_round(world.committee, "2022-T1", by=world.users["controller"], deadline=date(2022, 5, 10))
    log_in(page, "controller")
    cover_url = f"{live_server.url}/uppfoljningar/{round_.pk}/forsattsblad/"
    page.goto(cover_url)
    page.locator("#id_title").fill("Tertialrapport 1 2022")
    page.locator("#id_handlaggare-0-name").fill("Anna Andersson")

    questions: list[str] = []

    def refuse(dialog):
        questions.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    page.get_by_role("button", name="Spara försättsbladet").click()
    page.wait_for_timeout(300)
    assert len(questions) == 1 and "Handläggare" in questions[0], questions
    assert not ReportCover.objects.filter(round=round_).exclude(title="").exists()  # nothing sent
    assert page.locator("#id_handlaggare-0-name").input_value() == "Anna Andersson"
    page.remove_listener("dialog", refuse)

    # Saving the officers instead, accepting that the typed title is dropped; then the cover again.
    page.once("dialog", lambda dialog: questions.append(dialog.message) or dialog.accept())
    page.get_by_role("button", name="Spara handläggare").click()
    page.get_by_role("status").filter(has_text="Handläggarna har sparats.").wait_for()
    assert CaseOfficer.objects.get(round=round_).name == "Anna Andersson"
    assert len(questions) == 2 and "Försättsblad" in questions[1], questions
    assert page.locator("#id_title").input_value() == ""  # the stored page: the title dropped, by consent
    page.locator("#id_title").fill("Tertialrapport 1 2022")
    page.get_by_role("button", name="Spara försättsbladet").click()
    page.get_by_role("status").filter(has_text="Försättsbladet har sparats.").wait_for()

    # Away and Back: the form comes from the server again (no-store), with the stored version, so the next
    # save is no conflict with oneself.
    response = page.goto(f"{live_server.url}/uppfoljningar/{round_.pk}/")
    assert response is not None and "no-store" in response.headers["cache-control"]
    page.go_back()
    page.locator("#id_title").wait_for()
    assert page.locator("#id_title").input_value() == "Tertialrapport 1 2022"
    page.locator("#id_title").fill("Tertialrapport 1 år 2022")
    page.get_by_role("button", name="Spara försättsbladet").click()
    page.get_by_role("status").filter(has_text="Försättsbladet har sparats.").wait_for()
    assert ReportCover.objects.get(round=round_).title == "Tertialrapport 1 år 2022"
