"""A plan's chapters and its adoption in a real browser: write a chapter, preview it, save it, read it;
a director adopts the plan and the edit links are gone; axe on every page."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def assert_accessible(axe, page, what: str) -> None:
    violations = axe(page)
    assert violations == [], f"{what} ({page.url}):\n{axe.format(violations)}"


def test_a_chapter_is_previewed_saved_and_the_plan_adopted(live_server, live_world, page, axe, log_in):
    plan = live_world.plan
    log_in(page, "director")
    page.goto(f"{live_server.url}/planer/{plan.pk}/")
    page.get_by_role("link", name="Kapitel", exact=True).click()
    page.get_by_role("link", name="Ändra kapitlen").click()
    assert_accessible(axe, page, "chapters form")
    page.get_by_label("Kapitel").fill(
        "Nämndens **uppdrag**.\n\n# Uppdrag och organisation\n- Jobbtorg\n- Vuxenutbildning\n\n<i>text</i>"
    )
    page.get_by_role("button", name="Förhandsgranska").click()
    preview = page.get_by_role("region", name="Förhandsgranskning (inte sparad)")
    preview.get_by_role("heading", name="Uppdrag och organisation").wait_for()
    assert preview.locator("strong").inner_text() == "uppdrag"
    assert "<i>text</i>" in preview.inner_text()
    assert_accessible(axe, page, "chapters preview")
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("status").filter(has_text="Planens kapitel har sparats.").wait_for()
    page.get_by_role("heading", name="Uppdrag och organisation").wait_for()
    assert_accessible(axe, page, "chapters page")

    page.goto(f"{live_server.url}/planer/{plan.pk}/")
    page.get_by_role("link", name="Fastställ planen").click()
    assert_accessible(axe, page, "adoption form")
    page.get_by_label(re.compile("^Beslutsdatum")).fill("2021-12-14")
    page.get_by_label(re.compile(r"^Beslut (\(obligatoriskt\))?$")).fill("AMN 2021/123 § 5")
    page.get_by_role("button", name="Fastställ planen").click()
    page.get_by_role("status").filter(has_text="Planen är fastställd.").wait_for()
    assert re.search(r"Status: Fastställd", page.inner_text("main"))
    assert page.get_by_role("link", name=re.compile("Lägg till mål")).count() == 0
    page.get_by_role("link", name="Öppna för revidering").first.wait_for()
    assert_accessible(axe, page, "adopted plan page")
