"""A controller fills in the report's cover and decisions; axe on the page with forms, with an error and as a
reader sees it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from styrkedja.followup.models import CaseOfficer, DecisionProposal, ReportCover
from styrkedja.followup.workflow import open_round

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / ".cache" / "test-artifacts"


def assert_accessible(axe, page, what: str) -> None:
    violations = axe(page)
    assert violations == [], f"{what} ({page.url}):\n{axe.format(violations)}"


def test_a_controller_fills_in_the_cover_and_a_reader_reads_it(
    live_server, live_world, page, axe, log_in, browser
):
    world = live_world
    round_ = open_round(world.committee, "2022-T1", by=world.users["controller"], deadline=date(2022, 5, 10))
    log_in(page, "controller")
    page.goto(f"{live_server.url}/uppfoljningar/{round_.pk}/")
    page.get_by_role("link", name="Försättsblad och beslut").click()
    page.get_by_role("heading", level=1, name="Rapportens försättsblad och beslut").wait_for()
    assert_accessible(axe, page, "cover page with its forms")

    page.locator("#id_title").fill("Tertialrapport 1 2022")
    page.get_by_label("Sammanträdesdag").fill("2022-05-24")
    page.get_by_role("button", name="Spara försättsbladet").click()
    page.get_by_role("status").filter(has_text="Försättsbladet har sparats.").wait_for()
    assert ReportCover.objects.get(round=round_).title == "Tertialrapport 1 2022"

    page.locator("#id_handlaggare-0-name").fill("Anna Andersson")
    page.get_by_role("button", name="Spara handläggare").click()
    page.get_by_role("status").filter(has_text="Handläggarna har sparats.").wait_for()
    assert CaseOfficer.objects.get(round=round_).name == "Anna Andersson"

    # A decision without text: the error summary, nothing saved.
    page.locator("#id_beslut-0-kind").select_option("approve_turnover")
    page.get_by_role("button", name="Spara förslag till beslut").click()
    page.get_by_role("alert").filter(has_text="Skriv beslutsförslagets text.").wait_for()
    assert not DecisionProposal.objects.exists()
    assert_accessible(axe, page, "cover page with an error")

    page.locator("#id_beslut-0-text").fill("Godkänna omslutningsförändringarna.")
    page.get_by_role("button", name="Spara förslag till beslut").click()
    page.get_by_role("status").filter(has_text="Förslagen till beslut har sparats.").wait_for()
    page.get_by_text("Beräknat belopp från ekonomin").wait_for()
    assert_accessible(axe, page, "cover page with a computed amount")

    # At 1366 px each list is a table, a line per row: the page is short and nothing scrolls sideways.
    page.set_viewport_size({"width": 1366, "height": 768})
    width, height, inner = page.evaluate(
        "[document.scrollingElement.scrollWidth, document.scrollingElement.scrollHeight, window.innerWidth]"
    )
    page.screenshot(path=str(ARTIFACTS / "cover-1366.png"), full_page=True)
    assert width <= inner, f"the cover page is {width} px wide in a {inner} px window"
    assert height < 4500, f"the cover page is {height} px tall"
    assert page.locator("table.rows-table").count() == 5

    reader = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm")
    try:
        reader_page = reader.new_page()
        log_in(reader_page, "reader")
        reader_page.goto(f"{live_server.url}/uppfoljningar/{round_.pk}/forsattsblad/")
        reader_page.get_by_text("Anna Andersson").wait_for()
        assert_accessible(axe, reader_page, "cover page as a reader")
    finally:
        reader.close()
