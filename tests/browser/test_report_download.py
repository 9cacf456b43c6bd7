"""A report that takes a while to build says so beside its link, and says when the Word document has come."""

from __future__ import annotations

from datetime import date

import pytest

from styrkedja.followup.workflow import open_round

pytestmark = pytest.mark.browser


def test_the_word_report_shows_progress_until_it_has_come(live_server, live_world, page, axe, log_in):
    world = live_world
    round_ = open_round(world.committee, "2022-T1", by=world.users["controller"], deadline=date(2022, 5, 10))
    log_in(page, "controller")
    page.goto(f"{live_server.url}/uppfoljningar/{round_.pk}/")
    held = []
    page.route("**/rapporter/uppfoljning/*.docx", lambda route: held.append(route))  # the server is "slow"
    link = page.get_by_role("link", name="Word-dokument för redigering")
    with page.expect_download() as download:
        link.click()
        page.get_by_role("status").filter(has_text="Skapar rapporten…").wait_for()
        assert link.get_attribute("aria-busy") == "true"
        assert axe(page) == []
        held[0].continue_()
        page.get_by_role("status").filter(has_text="Rapporten är hämtad.").wait_for()
    assert download.value.suggested_filename.endswith("-2022-T1-tertialrapport.docx")
    assert page.url.endswith(f"/uppfoljningar/{round_.pk}/")  # the page stays, with its place
    assert link.get_attribute("aria-busy") is None
