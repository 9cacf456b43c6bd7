"""The entry grid and the round overview at 1366 × 768, as a laptop shows them: no page scrolls sideways,
every row's Spara stands beside the row's name, axe finds nothing; a block pasted from Excel fills the
cells, the keys move like a spreadsheet's; every breadcrumb leads to a page that answers."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest

from styrkedja.followup.models import AreaForecast, Outcome
from styrkedja.followup.workflow import open_round
from styrkedja.lib.numbers import format_mnkr

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

    # Each unit beside its input on one line ("st", not "s" above "t").
    units = page.locator(".value-input__unit").evaluate_all(
        "units => units.map(u => [u.textContent, u.getBoundingClientRect().height,"
        " parseFloat(getComputedStyle(u).lineHeight) || 1.5 * parseFloat(getComputedStyle(u).fontSize)])"
    )
    assert units, "the grid shows the units"
    for text, height, line in units:
        assert height < 1.5 * line, f"the unit {text!r} breaks over lines ({height} px)"

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
        # No word of a report table's data cell is broken to make its column narrow ("Ter/tial").
        broken = reader.evaluate(
            """Array.from(document.querySelectorAll('.report-table td')).filter(td => {
              const style = getComputedStyle(td), ctx = document.createElement('canvas').getContext('2d');
              ctx.font = style.font;
              const room = td.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
              return td.textContent.split(/\\s+/).some(w => ctx.measureText(w).width > room + 1);
            }).map(td => td.textContent.trim())"""
        )
        assert broken == [], f"{what}: words broken in {broken[:5]}"
        for href in reader.locator("nav.breadcrumbs a").evaluate_all("links => links.map(a => a.href)"):
            assert reader.request.get(href).status == 200, href


def focused(page) -> str:
    return page.evaluate("document.activeElement.id")


def paste(page, text: str) -> None:
    page.evaluate(
        """text => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            document.activeElement.dispatchEvent(
                new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        text,
    )


def test_the_economy_grid_fits_takes_a_pasted_block_and_moves_like_a_spreadsheet(
    live_server, live_world, axe, laptop
):
    world = live_world
    round_ = open_round(world.committee, "2022-T1", by=world.users["controller"], deadline=date(2022, 5, 10))
    areas = list(round_.plan.budget_areas.order_by("position", "pk"))
    page = laptop("controller")
    page.goto(f"{live_server.url}/uppfoljningar/{round_.pk}/ekonomi/")
    page.get_by_role("heading", level=1, name="Ekonomi och prognos").wait_for()
    assert_no_sideways_scroll(page, "the economy page")
    wide = page.evaluate(
        "Array.from(document.querySelectorAll('.table-wrap')).filter(e => e.scrollWidth > e.clientWidth + 1).length"
    )
    assert wide == 0, f"{wide} tables of the economy page scroll sideways"
    assert_accessible(axe, page, "the economy's entry grid")
    assert "0 av 5 områden med prognos" in page.locator("#omraden-ifyllda").inner_text()

    # Every area's name in the window, and the one Spara in view beside every row.
    save = page.get_by_role("button", name="Spara prognosen för alla områden")
    rows = page.locator("table[data-entry-grid] tbody[data-grid-row]")
    assert rows.count() == len(areas) == 5
    for i, area in enumerate(areas):
        name = rows.nth(i).locator("th.grid-name")
        name.scroll_into_view_if_needed()
        assert name.inner_text().strip() == area.name
        box, button = name.bounding_box(), save.bounding_box()
        assert box is not None and button is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= LAPTOP["width"]
        assert button["y"] >= 0 and button["y"] + button["height"] <= LAPTOP["height"], area.name
        assert button["x"] + button["width"] <= LAPTOP["width"]

    def cell(area, field):
        return page.locator(f"#id_o{area.pk}-{field}")

    # A block from Excel: two areas, costs and revenues, Swedish decimals and thousands separators.
    cell(areas[0], "costs").click()
    paste(page, "420,0\t-45,0\r\n1 393,1\t-138,3\r\n")
    assert [cell(a, f).input_value() for a in areas[:2] for f in ("costs", "revenues")] == [
        "420,0",
        "-45,0",
        "1393,1",
        "-138,3",
    ]
    assert "4 celler ifyllda" in page.locator("#omraden-inklistrat").inner_text()

    # The computed cells follow: net = costs + revenues, deviation = budget net − net, as the server prints.
    second = rows.nth(1)
    budget = Decimal(second.locator("[data-area-budget-net]").get_attribute("data-area-budget-net") or "")
    assert second.locator("[data-area-net]").inner_text() == format_mnkr(Decimal("1254.8"))
    assert second.locator("[data-area-deviation]").inner_text() == format_mnkr(budget - Decimal("1254.8"))
    cell(areas[2], "costs").fill("1 000,05")  # two decimals: not read until the save says why
    assert rows.nth(2).locator("[data-area-net]").inner_text() == "–"
    cell(areas[2], "costs").fill("")

    # The keys: right at the end of the text, down, Enter down, left over a selected text.
    cell(areas[0], "costs").click()
    page.keyboard.press("End")
    page.keyboard.press("ArrowRight")
    assert focused(page) == f"id_o{areas[0].pk}-revenues"
    page.keyboard.press("ArrowDown")
    assert focused(page) == f"id_o{areas[1].pk}-revenues"
    page.keyboard.press("Enter")
    assert focused(page) == f"id_o{areas[2].pk}-revenues"
    page.keyboard.press("ArrowLeft")
    assert focused(page) == f"id_o{areas[2].pk}-costs"
    page.keyboard.press("ArrowUp")
    assert focused(page) == f"id_o{areas[1].pk}-costs"
    assert "/ekonomi/" in page.url and not AreaForecast.objects.exists()  # Enter moved; it sent nothing

    # One save for every area.
    save.click()
    page.get_by_role("status").filter(has_text="Prognosen för 2 verksamhetsområden har sparats.").wait_for()
    stored = {f.area_id: (f.costs, f.revenues) for f in AreaForecast.objects.all()}
    assert stored == {
        areas[0].pk: (Decimal("420.0"), Decimal("-45.0")),
        areas[1].pk: (Decimal("1393.1"), Decimal("-138.3")),
    }
    assert "2 av 5 områden med prognos" in page.locator("#omraden-ifyllda").inner_text()

    # An error stands in its cell, naming the area; the page still fits and axe finds nothing.
    cell(areas[2], "costs").fill("-1,0")
    cell(areas[2], "revenues").fill("-1,0")
    page.get_by_role("button", name="Spara prognosen för alla områden").click()
    error = page.locator("td.value-cell--error").filter(has=cell(areas[2], "costs"))
    error.get_by_text(f"{areas[2].name}, prognos kostnader: Kostnader kan inte vara negativa.").wait_for()
    assert AreaForecast.objects.count() == 2
    assert_no_sideways_scroll(page, "the economy page with an error")
    assert_accessible(axe, page, "the economy's grid with an error")


def test_the_activity_grid_moves_with_the_keys_and_leaves_up_and_down_to_a_status(
    live_server, live_world, axe, laptop
):
    world = live_world
    round_ = open_round(world.committee, "2022-T1", by=world.users["controller"], deadline=date(2022, 5, 10))
    part = round_.parts.get(goal=world.goals["1.1.1"])
    page = laptop("reporter")
    page.goto(f"{live_server.url}/delar/{part.pk}/aktiviteter/")
    statuses = page.locator("table[data-entry-grid] select[data-grid-col='0']")
    assert statuses.count() >= 2
    first, second = (statuses.nth(i).get_attribute("id") for i in range(2))
    prefix = [s.rsplit("-", 1)[0] for s in (first, second)]
    deviation = [f"{p}-deviation" for p in prefix]

    page.locator(f"#{first}").focus()
    page.keyboard.press("ArrowRight")  # the status to its deviation
    assert focused(page) == deviation[0]
    page.keyboard.type("Försenad")
    page.keyboard.press("ArrowDown")  # from the end of the text: the row below
    assert focused(page) == deviation[1]
    page.keyboard.press("ArrowUp")  # from the start of an empty text: the row above
    assert focused(page) == deviation[0]
    page.keyboard.press("Home")
    page.keyboard.press("ArrowLeft")  # from the start: the status
    assert focused(page) == first
    page.keyboard.press("Enter")  # a status: Enter to the row below
    assert focused(page) == second
    before = page.locator(f"#{second}").input_value()
    page.keyboard.press("ArrowDown")  # a status: the arrow changes the option and stays
    assert focused(page) == second
    assert page.locator(f"#{second}").input_value() != before
    page.keyboard.press("Shift+Enter")
    assert focused(page) == first
    assert "/aktiviteter/" in page.url
    assert_no_sideways_scroll(page, "the activity grid")
    assert_accessible(axe, page, "the activity grid with its keys")
