"""The plan UI in a real browser: browse, edit with a validation error, see the history; axe on every page.

Few and broad on purpose: every page load costs time.
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def assert_accessible(axe, page, what: str) -> None:
    violations = axe(page)
    assert violations == [], f"{what} ({page.url}):\n{axe.format(violations)}"


def test_it_lets_a_controller_browse_edit_and_follow_the_history(live_server, live_world, page, axe, log_in):
    world = live_world
    page.goto(f"{live_server.url}/logga-in/")
    assert page.locator("html").get_attribute("lang") == "sv"
    assert_accessible(axe, page, "login")
    log_in(page, "controller")

    assert_accessible(axe, page, "start page")
    page.get_by_role("link", name="Arbetsmarknadsnämnden").click()
    assert_accessible(axe, page, "organisation page")
    page.get_by_role("link", name=re.compile("Verksamhetsplan 2022")).first.click()
    page.get_by_role("heading", name="Mål", exact=True).wait_for()
    assert_accessible(axe, page, "plan page")

    page.get_by_role("link", name="Ekonomi och budget").click()
    assert page.get_by_role("row", name=re.compile("Summa netto")).inner_text().split("\t")[1:] == [
        "995,3",
        "888,5",
        "1\u00a0051,7",
    ]
    assert_accessible(axe, page, "economy page")
    page.go_back()

    # A goal: edit its title.
    page.get_by_role("link", name=re.compile("1.1.1 Kvinnor och män studerar eller arbetar")).click()
    assert_accessible(axe, page, "goal page")
    page.get_by_role("link", name="Ändra mål").click()
    assert_accessible(axe, page, "goal form")
    page.get_by_label("Rubrik").fill("Kvinnor och män arbetar eller studerar")
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("status").filter(has_text="Målet har sparats.").wait_for()
    assert page.get_by_role("heading", level=1).inner_text() == "1.1.1 Kvinnor och män arbetar eller studerar"

    # An indicator target on the council area goal: a validation error next to the field, then fixed.
    page.goto(f"{live_server.url}/mal/{world.goals['1.1'].pk}/")
    page.get_by_role("link", name="Ändra Antal aspiranter som fått Stockholmsjobb").click()
    page.get_by_label("Årsmål", exact=True).fill("600")
    page.get_by_role("combobox", name="KF:s årsmål (obligatoriskt)").select_option(label="Värde")
    page.get_by_label("KF:s årsmål (värde)").fill("")
    page.get_by_role("button", name="Spara").click()
    field = page.get_by_label("KF:s årsmål (värde)")
    assert field.get_attribute("aria-invalid") == "true"
    error = page.locator("#id_kf_value_error")
    assert error.inner_text() == "Ange KF:s årsmål när KF har satt ett värde."
    assert "id_kf_value_error" in field.get_attribute("aria-describedby")
    assert_accessible(axe, page, "indicator form with errors")
    field.fill("1 000")
    page.get_by_role("button", name="Spara").click()
    row = page.get_by_role("row", name=re.compile("Antal aspiranter som fått Stockholmsjobb"))
    assert row.get_by_role("cell").nth(0).inner_text() == "600\u00a0st"
    assert row.get_by_role("cell").nth(1).inner_text() == "1\u00a0000\u00a0st"

    # The history shows the change, who made it, newest first.
    row.get_by_role("link", name=re.compile("Historik")).click()
    latest = page.locator(".history-entry").first
    assert "Ändrad: Årsmål 2022" in latest.inner_text()
    changes = latest.get_by_role("listitem").all_inner_texts()
    assert changes == ["Årsmål: 550 → 600", "KF:s årsmål (värde): 800 → 1\u00a0000"]
    assert "av controller" in latest.inner_text()
    assert_accessible(axe, page, "history page")


def test_it_keeps_every_form_accessible(live_server, live_world, page, axe, log_in):
    world = live_world
    log_in(page, "controller")
    goal = world.goals["1.1.1"]
    area = world.areas["Jobbtorg Stockholm"]
    pages = {
        "new goal form": f"/planer/{world.plan.pk}/nytt-mal/",
        "new child goal form": f"/mal/{goal.pk}/nytt-delmal/",
        "new indicator form": f"/mal/{goal.pk}/ny-indikator/",
        "new activity form": f"/mal/{goal.pk}/ny-aktivitet/",
        "activity form": f"/aktiviteter/{world.activities[0].pk}/andra/",
        "area budget form": f"/omraden/{area.pk}/budget/andra/",
        "revenue requirement form": f"/planer/{world.plan.pk}/intaktskrav/andra/",
        "budget history": f"/historik/omrade/{area.pk}/",
    }
    for what, path in pages.items():
        page.goto(live_server.url + path)
        assert_accessible(axe, page, what)

    # A budget form with errors: garbage and a positive revenue, shown next to their fields.
    page.goto(f"{live_server.url}/omraden/{area.pk}/budget/andra/")
    page.get_by_label("Kostnader VP 2022").fill("mycket")
    page.get_by_label("Intäkter VP 2022").fill("58,4")
    page.get_by_role("button", name="Spara").click()
    assert page.get_by_label("Kostnader VP 2022").get_attribute("aria-invalid") == "true"
    assert "Skriv ett tal" in page.locator(f"#id_costs_{world.versions[0].pk}_error").inner_text()
    assert_accessible(axe, page, "area budget form with errors")
    page.get_by_label("Kostnader VP 2022").fill("1 393,1")
    page.get_by_label("Intäkter VP 2022").fill("-58,4")
    page.get_by_role("button", name="Spara").click()
    costs = page.get_by_role("table", name="Jobbtorg Stockholm, mnkr").get_by_role(
        "row", name=re.compile("Kostnader")
    )
    assert costs.get_by_role("cell").first.inner_text() == "1\u00a0393,1"

    # An activity ending before it starts.
    page.goto(f"{live_server.url}/mal/{goal.pk}/ny-aktivitet/")
    page.get_by_label("Aktivitet").fill("Ny aktivitet")
    page.get_by_label("Startdatum").fill("2022-06-30")
    page.get_by_label("Slutdatum").fill("2022-01-01")
    page.get_by_role("button", name="Spara").click()
    assert page.locator("#id_end_error").inner_text() == "Slutdatum kan inte ligga före startdatum."
    assert_accessible(axe, page, "activity form with errors")
