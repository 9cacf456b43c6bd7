"""The follow-up in a real browser, from a reporter's first value to the director's lock; axe on every page.

One broad test on purpose: every page load costs time. The users work in their own browser contexts, as
they would on their own machines.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from styrkedja.followup.models import Outcome, PartStatus, Round
from styrkedja.followup.workflow import open_round

pytestmark = pytest.mark.browser


def assert_accessible(axe, page, what: str) -> None:
    violations = axe(page)
    assert violations == [], f"{what} ({page.url}):\n{axe.format(violations)}"


@pytest.fixture
def as_user(browser, log_in):
    """`as_user("reporter")`: a page in a new browser context, logged in as that user."""
    contexts = []

    def open_as(username: str):
        context = browser.new_context(
            locale="sv-SE", timezone_id="Europe/Stockholm", viewport={"width": 1280, "height": 900}
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        log_in(page, username)
        return page

    yield open_as
    for context in contexts:
        context.close()


def go_on_if_asked(page) -> None:
    """Marking ready or approving a part with something still empty lists it and asks: go on anyway."""
    page.wait_for_load_state()
    anyway = page.get_by_role("button", name=re.compile("ändå$"))
    if anyway.count():
        assert "Detta saknas" in page.locator("main").inner_text()
        anyway.click()


def row_of(page, indicator: str):
    """The tbody of an indicator: its values row and the row with its form."""
    return page.locator("tbody.outcome-row").filter(
        has=page.get_by_role("rowheader", name=re.compile(indicator))
    )


def test_the_whole_follow_up_from_entry_to_lock(live_server, live_world, page, axe, log_in, as_user):
    world = live_world
    round_ = open_round(world.committee, "2022-T1", by=world.users["controller"], deadline=date(2022, 5, 10))
    goal_part = round_.parts.get(goal__isnull=False)
    url = live_server.url

    # --- The reporter: the to-do list, the part page, a value saved inline with htmx. -------------------
    log_in(page, "reporter")
    page.goto(f"{url}/att-gora/")
    assert_accessible(axe, page, "to-do list")
    todo = page.get_by_role("row", name=re.compile("Nämndmål 1.1.1"))
    assert "4 indikatorer saknar utfall eller prognos" in todo.inner_text()
    assert "2022-05-10" in todo.inner_text()
    todo.get_by_role("link", name=re.compile("Nämndmål 1.1.1")).click()
    page.get_by_role("heading", level=1, name=re.compile("Nämndmål 1.1.1")).wait_for()
    assert_accessible(axe, page, "part page")

    jobs = row_of(page, "Antal tillhandahållna platser för feriejobb")
    jobs.get_by_label(re.compile("^Periodens utfall")).fill("40")
    jobs.get_by_label(re.compile("^Prognos helår")).fill("90")
    jobs.get_by_role("button", name=re.compile("Spara")).click()  # the row's Spara sends the whole grid
    page.get_by_role("status").filter(has_text="1 indikator har sparats.").wait_for()
    assert Outcome.objects.get(target=world.targets["feriejobb"]).total == 40

    # A value that is no number: the error next to the field, nothing saved. (The council goal's rows
    # above the part, the share among them, are the controllers'.)
    assert row_of(page, "självförsörjande").get_by_label(re.compile("^Periodens utfall")).count() == 0
    time = row_of(page, "inskrivningstid")
    time.get_by_label(re.compile("^Periodens utfall")).fill("sju")
    time.get_by_role("button", name=re.compile("Spara")).click()
    total = row_of(page, "inskrivningstid").get_by_label(re.compile("^Periodens utfall"))
    row_of(page, "inskrivningstid").get_by_text("Skriv ett tal, till exempel 72 eller 5,5.").wait_for()
    assert total.get_attribute("aria-invalid") == "true"
    assert total.input_value() == "sju"
    assert_accessible(axe, page, "part page with an inline error")

    # The assessment: a choice against the suggestion without a justification.
    page.goto(f"{url}/uppfoljningar/{round_.pk}/mal/{world.goals['1.1.1'].pk}/bedomning/")
    assert "Uppfylls inte" in page.locator(".suggestion").inner_text()  # forecast 90 st against 95 st
    page.get_by_label("Uppfylls helt").check()
    page.get_by_label("Analys").fill("Arbetet går enligt plan.")
    page.get_by_role("button", name="Spara").click()
    page.locator("#id_justification_error").wait_for()
    assert "motivera varför" in page.locator("#id_justification_error").inner_text()
    assert_accessible(axe, page, "assessment page with the justification error")
    page.get_by_label(re.compile("^Motivering till avvikelse")).fill("Fler platser kommer i sommar.")
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("status").filter(has_text="Bedömningen av mål 1.1.1 har sparats.").wait_for()

    page.get_by_role("link", name=re.compile("Aktiviteter")).click()
    page.get_by_role("heading", level=1, name="Aktiviteter").wait_for()
    assert_accessible(axe, page, "activity page")
    page.get_by_role("combobox", name=re.compile(r"^Status\W+Genomlysning")).select_option(label="Pågår")
    page.get_by_role("button", name="Spara aktiviteterna").click()
    page.get_by_role("status").filter(has_text="Aktiviteternas status har sparats.").wait_for()
    page.get_by_role("button", name="Markera som klar").click()
    go_on_if_asked(page)
    page.get_by_role("status").filter(has_text="har markerats som klar").wait_for()

    # --- The controller returns the part with a comment. ------------------------------------------------
    controller = as_user("controller")
    controller.goto(f"{url}/organisationer/amn/uppfoljningar/")
    assert_accessible(axe, controller, "round list")
    controller.get_by_role("link", name="Tertial 1 2022").click()
    controller.get_by_role("heading", level=1, name="Uppföljning Tertial 1 2022").wait_for()
    assert_accessible(axe, controller, "round overview")
    controller.locator(f"#del-{goal_part.pk}").get_by_role("link", name=re.compile("^Granska")).click()
    controller.get_by_role("heading", name="Granska delen").wait_for()
    assert_accessible(axe, controller, "part page with the review")
    controller.get_by_label("Kommentar till rapportören").fill("Prognosen för feriejobb verkar låg.")
    controller.get_by_role("button", name="Skicka tillbaka delen").click()
    controller.get_by_role("status").filter(has_text="har skickats tillbaka").wait_for()
    assert f"/delar/{goal_part.pk}/" in controller.url  # the reader stays on the part

    # --- The reporter fixes the value and marks the part ready again. -----------------------------------
    page.goto(f"{url}/delar/{goal_part.pk}/")
    assert "Prognosen för feriejobb verkar låg." in page.locator(".note").first.inner_text()
    jobs = row_of(page, "feriejobb")
    jobs.get_by_label(re.compile("^Prognos helår")).fill("95")
    jobs.get_by_role("button", name=re.compile("Spara")).click()
    page.get_by_role("status").filter(has_text="1 indikator har sparats.").wait_for()
    page.get_by_role("button", name="Markera som klar").click()
    go_on_if_asked(page)
    page.get_by_role("status").filter(has_text="har markerats som klar").wait_for()

    # --- The controller enters a forecast, approves every part. -----------------------------------------
    controller.goto(f"{url}/uppfoljningar/{round_.pk}/ekonomi/")
    area = controller.locator("tbody[data-grid-row]").filter(
        has=controller.get_by_role("rowheader", name="Jobbtorg Stockholm")
    )
    area.get_by_label("Prognos kostnader, Jobbtorg Stockholm").fill("420,0")
    area.get_by_label("Prognos intäkter, Jobbtorg Stockholm").fill("-45,0")
    controller.get_by_role("button", name="Spara prognosen för alla områden").click()
    controller.get_by_role("status").filter(
        has_text="Prognosen för 1 verksamhetsområde har sparats."
    ).wait_for()
    cells = area.locator("tr").first.locator("td")
    # Budget net, forecast net and the deviation: looked up and computed, never typed.
    assert [cells.nth(i).inner_text() for i in (2, 5, 6)] == ["367,5", "375,0", "-7,5"]
    assert_accessible(axe, controller, "economics page")

    controller.goto(f"{url}/uppfoljningar/{round_.pk}/")
    economy_part = round_.parts.get(goal__isnull=True)
    controller.locator(f"#del-{economy_part.pk}").get_by_role(
        "button", name=re.compile("Markera som klar")
    ).click()
    go_on_if_asked(controller)
    controller.get_by_role("status").filter(has_text="har markerats som klar").wait_for()
    for part in (goal_part, economy_part):
        controller.locator(f"#del-{part.pk}").get_by_role("button", name=re.compile("^Godkänn")).click()
        go_on_if_asked(controller)
        controller.get_by_role("status").filter(has_text="har godkänts").wait_for()
    assert set(round_.parts.values_list("status", flat=True)) == {PartStatus.APPROVED}

    # The controller still has a part page open when the director locks the report.
    controller.goto(f"{url}/delar/{goal_part.pk}/")
    stale = row_of(controller, "feriejobb")
    stale.get_by_label(re.compile("^Periodens utfall")).fill("41")

    # --- The director approves and locks. ---------------------------------------------------------------
    director = as_user("director")
    director.goto(f"{url}/uppfoljningar/{round_.pk}/")
    director.get_by_role("button", name="Godkänn och lås rapporten").click()
    director.locator(".locked-banner").get_by_text("Rapporten är godkänd och låst.").wait_for()
    assert director.get_by_role("button", name="Godkänn och lås rapporten").count() == 0
    assert Round.objects.get(pk=round_.pk).is_locked

    # --- A write to the locked report is refused, and the page says why. --------------------------------
    stale.get_by_role("button", name=re.compile("Spara")).click()
    controller.get_by_text("Rapporten är godkänd och låst.").first.wait_for()
    assert Outcome.objects.get(target=world.targets["feriejobb"]).total == 40
    controller.goto(f"{url}/delar/{goal_part.pk}/")
    assert controller.locator(".locked-banner").count() == 1
    assert controller.locator("input[type=text], textarea").count() == 0
    assert controller.get_by_role("button", name="Markera som klar").count() == 0
