"""The approval gate in a real browser: an error of the consistency checks stops the director's approval;
a controller accepts it on the avstämning page with a justification; then the report can be locked. Axe
on the findings panel and the avstämning page."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from styrkedja.followup.models import FindingOverride, Outcome, Round
from styrkedja.followup.workflow import approve_part, mark_ready, open_round

pytestmark = pytest.mark.browser


def assert_accessible(axe, page, what: str) -> None:
    violations = axe(page)
    assert violations == [], f"{what} ({page.url}):\n{axe.format(violations)}"


def test_an_error_blocks_approval_until_a_controller_accepts_it_with_a_justification(
    live_server, live_world, page, axe, log_in
):
    world = live_world
    controller = world.users["controller"]
    round_ = open_round(world.committee, "2022-T1", by=controller, deadline=date(2022, 5, 10))
    # A count whose total is not men + women: 22 against 11 + 1.
    Outcome.objects.create(
        round=round_, target=world.targets["feriejobb"], total=Decimal(22), men=Decimal(11), women=Decimal(1)
    )
    for part in round_.parts.all():
        mark_ready(part, by=controller)
        approve_part(part, by=controller)
    url = live_server.url

    # --- The director tries to approve: refused, with the error named. ---------------------------------
    log_in(page, "director")
    page.goto(f"{url}/uppfoljningar/{round_.pk}/")
    panel = page.locator("#avstamning")
    panel.get_by_text("1 fel hindrar att rapporten godkänns").wait_for()  # the panel loaded itself
    assert "11 + 1 = 12" in panel.inner_text()
    assert_accessible(axe, page, "round overview with the findings panel")
    page.get_by_role("button", name="Godkänn och lås rapporten").click()
    page.get_by_text(re.compile("Rapporten kunde inte godkännas. Kontrollerna hittar 1 fel")).wait_for()
    assert not Round.objects.get(pk=round_.pk).is_locked

    # The finding links to the part where the value is entered.
    page.locator("#avstamning").get_by_role("link", name=re.compile("^Till indikatorn")).click()
    page.get_by_role("heading", level=1, name=re.compile("Nämndmål 1.1.1")).wait_for()
    page.locator("#avstamning").get_by_text("11 + 1 = 12").wait_for()  # the part's own panel

    # --- The controller accepts the error on the avstämning page. ---------------------------------------
    page.get_by_role("button", name="Logga ut").click()
    log_in(page, "controller")
    page.goto(f"{url}/uppfoljningar/{round_.pk}/")
    page.locator("#avstamning").get_by_role("link", name=re.compile("^Hela avstämningen")).click()
    page.get_by_role("heading", level=1, name="Avstämning").wait_for()
    assert_accessible(axe, page, "avstämning page")
    error = page.locator("li.finding").filter(has_text="11 + 1 = 12")
    error.get_by_text("Godta med motivering").click()
    error.get_by_role("button", name=re.compile("^Godta avvikelsen")).click()
    error = page.locator("li.finding").filter(has_text="11 + 1 = 12")
    error.get_by_text("Skriv varför avvikelsen godtas.").wait_for()
    assert_accessible(axe, page, "avstämning page with a missing justification")
    error.get_by_label(re.compile("^Motivering för att godta avvikelsen")).fill(
        "Källan räknar elva personer utan angivet kön."
    )
    error.get_by_role("button", name=re.compile("^Godta avvikelsen")).click()
    page.get_by_role("status").filter(has_text="Avvikelsen är godtagen").wait_for()
    accepted = page.locator("li.finding").filter(has_text="11 + 1 = 12")
    assert "(godtaget)" in accepted.inner_text()
    assert "Källan räknar elva personer utan angivet kön." in accepted.inner_text()
    assert FindingOverride.objects.get().by == controller
    page.get_by_text("Inga fel hindrar att rapporten godkänns.").wait_for()

    # --- The director approves and locks. ---------------------------------------------------------------
    page.get_by_role("button", name="Logga ut").click()
    log_in(page, "director")
    page.goto(f"{url}/uppfoljningar/{round_.pk}/")
    page.get_by_role("button", name="Godkänn och lås rapporten").click()
    page.locator(".locked-banner").get_by_text("Rapporten är godkänd och låst.").wait_for()
    assert Round.objects.get(pk=round_.pk).is_locked
    page.goto(f"{url}/uppfoljningar/{round_.pk}/avstamning/")
    assert page.get_by_role("button", name=re.compile("^Godta avvikelsen")).count() == 0
    assert_accessible(axe, page, "avstämning page of the locked report")
