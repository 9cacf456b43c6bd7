"""The entry grid and the round overview at 1366 × 768, as a laptop shows them: no page scrolls sideways,
every row's Spara stands beside the row's name, axe finds nothing; a block pasted from Excel fills the
cells, the keys move like a spreadsheet's; every breadcrumb leads to a page that answers."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from styrkedja.followup.models import Outcome
from styrkedja.followup.workflow import open_round

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}


def assert_accessible(axe, page, what: str) -> None:
    violations = axe(page)
    assert violations == [], f"{what} ({page.url}):\n{axe.format(violations)}"


def assert_no_sideways_scroll(page, what: str) -> None:
    width, inner = page.evaluate("[document.scrollingElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"{what} ({page.url}) is {width} px wide in a {inner} px window"


@pytest.fixture
def laptop(browser, log_in):
    """`laptop("reporter")`: a page at 1366 × 768, logged in as that user."""
    contexts = []

    def open_as(username: str):
        context = browser.new_context(locale="sv-SE", timezone_id="Europe/Stockholm", viewport=LAPTOP)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        log_in(page, username)
        return page

    yield open_as
    for context in contexts:
        context.close()


def value_input(page, target, field: str):
    return page.locator(f"#id_i{target.pk}-{field}")


def test_the_entry_grid_fits_takes_a_pasted_block_and_moves_like_a_spreadsheet(
    live_server, live_world, axe, laptop
):
    world = live_world
    round_ = open_round(world.committee, "2022-T1", by=world.users["controller"], deadline=date(2022, 5, 10))
    part = round_.parts.get(goal=world.goals["1.1.1"])
    page = laptop("reporter")
    url = live_server.url
    page.goto(f"{url}/delar/{part.pk}/")
    page.get_by_role("heading", level=1, name=re.compile("Nämndmål 1.1.1")).wait_for()
    assert_no_sideways_scroll(page, "the part page")
    assert_accessible(axe, page, "the part page's entry grid")
    assert re.search(r"0 av \d+ ifyllda", page.locator("#indikatorer-ifyllda").inner_text())

    # Every row's Spara in the window beside its row's name.
    rows = page.locator("tbody[data-grid-row]").filter(has=page.locator("input[data-grid-col]"))
    assert rows.count() >= 2
    for i in range(rows.count()):
        name = rows.nth(i).locator("th.grid-name")
        save = name.get_by_role("button", name=re.compile("^Spara"))
        save.scroll_into_view_if_needed()
        box, cell = save.bounding_box(), name.bounding_box()
        assert box is not None and cell is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= LAPTOP["width"]
        assert cell["x"] <= box["x"] <= cell["x"] + cell["width"]  # in the name's own cell

    # A block from Excel: two rows, the columns Utfall, Män, Kvinnor, Prognos, Swedish decimals.
    jobs, months = world.targets["feriejobb"], world.targets["inskrivningstid"]
    first = value_input(page, jobs, "total")
    first.click()
    page.evaluate(
        """text => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            document.activeElement.dispatchEvent(
                new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        "40\t\t\t1 393\r\n5,2\t\t\t5,5\r\n",
    )
    assert first.input_value() == "40"
    assert value_input(page, jobs, "forecast").input_value() == "1393"
    assert value_input(page, months, "total").input_value() == "5,2"
    assert value_input(page, months, "forecast").input_value() == "5,5"
    assert "4 celler ifyllda" in page.locator("#indikatorer-inklistrat").inner_text()

    # The keys: down and Enter to the row below, right at the end of the text to the next cell.
    first.click()
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.id") == f"id_i{months.pk}-total"
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.id") == f"id_i{jobs.pk}-total"
    page.keyboard.press("End")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.id") == f"id_i{jobs.pk}-forecast"  # no men/women here
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == f"id_i{months.pk}-forecast"
    assert "/delar/" in page.url and not Outcome.objects.exists()  # Enter moved; it sent nothing

    # One save for the whole part.
    page.get_by_role("button", name="Spara alla indikatorer").click()
    page.get_by_role("status").filter(has_text="2 indikatorer har sparats.").wait_for()
    assert Outcome.objects.get(target=jobs).forecast == Decimal(1393)
    assert Outcome.objects.get(target=months).total == Decimal("5.2")
    assert re.search(r"2 av \d+ ifyllda", page.locator("#indikatorer-ifyllda").inner_text())
    assert_no_sideways_scroll(page, "the part page after saving")

    # An error stands in its cell, the row says why, and the page still fits.
    value_input(page, months, "total").fill("fem")
    page.get_by_role("button", name="Spara alla indikatorer").click()
    cell = page.locator("td.value-cell--error").filter(has=value_input(page, months, "total"))
    cell.get_by_text("Skriv ett tal").wait_for()
    assert_no_sideways_scroll(page, "the part page with an error")
    assert_accessible(axe, page, "the part page with an error")

    # Every breadcrumb leads to a page that answers.
    for href in page.locator("nav.breadcrumbs a").evaluate_all("links => links.map(a => a.href)"):
        assert page.request.get(href).status == 200, href


def test_the_overview_and_the_read_only_pages_fit_at_1366(live_server, live_world, axe, laptop):
    world = live_world
    round_ = open_round(world.committee, "2022-T1", by=world.users["controller"], deadline=date(2022, 5, 10))
    part = round_.parts.get(goal=world.goals["1.1.1"])
    url = live_server.url
    controller = laptop("controller")
    controller.goto(f"{url}/uppfoljningar/{round_.pk}/")
    assert_no_sideways_scroll(controller, "the round overview")
    assert_accessible(axe, controller, "the round overview")
    table = controller.get_by_role("table", name=re.compile("^Delarna"))
    assert "Försenad" in table.inner_text()  # the deadline has passed: said in words
    controller.get_by_label("Bara försenade").check()
    controller.get_by_role("button", name="Filtrera").click()
    controller.get_by_role("table", name=re.compile("filtrerade")).wait_for()
    assert_accessible(axe, controller, "the filtered overview")
    controller.goto(f"{url}/delar/{part.pk}/")
    assert_no_sideways_scroll(controller, "the part page of a controller")
    controller.goto(f"{url}/delar/{part.pk}/aktiviteter/")
    assert_no_sideways_scroll(controller, "the activity grid")
    assert_accessible(axe, controller, "the activity grid")
    for path, what in (
        (f"/uppfoljningar/{round_.pk}/ekonomi/", "the economy's entry"),
        (f"/uppfoljningar/{round_.pk}/mal/{world.goals['1.1.1'].pk}/bedomning/", "the assessment"),
        (f"/uppfoljningar/{round_.pk}/forsattsblad/", "the cover"),
    ):
        controller.goto(url + path)
        assert_no_sideways_scroll(controller, what)

    reader = laptop("reader")
    for path, what in (
        (f"/delar/{part.pk}/", "the read-only part page"),
        (f"/uppfoljningar/{round_.pk}/ekonomi/", "the economy with the volumes"),
        (f"/uppfoljningar/{round_.pk}/indikatorer/", "all indicators"),
        (f"/rapporter/uppfoljning/{round_.pk}.html", "the HTML report"),
    ):
        reader.goto(url + path)
        assert_no_sideways_scroll(reader, what)
        wide = reader.evaluate(
            "Array.from(document.querySelectorAll('.table-wrap, .table-scroll'))"
            ".filter(e => e.scrollWidth > e.clientWidth + 1).length"
        )
        assert wide == 0, f"{what}: {wide} tables scroll sideways"
        for href in reader.locator("nav.breadcrumbs a").evaluate_all("links => links.map(a => a.href)"):
            assert reader.request.get(href).status == 200, href
