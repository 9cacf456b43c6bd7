"""A controller assigns a part and changes the deadline on the round page; axe with and without errors."""

from __future__ import annotations

import re
from datetime import date

import pytest

from styrkedja.followup.models import Part, Round
from styrkedja.followup.workflow import open_round

pytestmark = pytest.mark.browser


def assert_accessible(axe, page, what: str) -> None:
    violations = axe(page)
    assert violations == [], f"{what} ({page.url}):\n{axe.format(violations)}"


def test_a_controller_assigns_a_part_and_sets_the_deadline(live_server, live_world, page, axe, log_in):
    world = live_world
    round_ = open_round(world.committee, "2022-T1", by=world.users["controller"], deadline=date(2022, 5, 10))
    part = round_.parts.get(goal__isnull=False)
    log_in(page, "controller")
    page.goto(f"{live_server.url}/uppfoljningar/{round_.pk}/")
    assert_accessible(axe, page, "round overview with the assignment forms")

    card = page.locator(f"#del-{part.pk}")
    card.locator("summary").click()  # the row's assignment unfolds
    card.get_by_label("Rapportör").select_option(label="reporter")
    card.get_by_role("button", name=re.compile("^Tilldela")).click()
    page.get_by_role("status").filter(has_text="är tilldelad reporter").wait_for()
    assert Part.objects.get(pk=part.pk).assignee == world.users["reporter"]

    page.get_by_label("Sista dag för rapportörerna").fill("2022-06-01")
    page.get_by_role("button", name="Spara sista dag").click()
    page.get_by_role("status").filter(has_text="Sista dag för rapportörerna är 2022-06-01.").wait_for()
    assert Round.objects.get(pk=round_.pk).deadline == date(2022, 6, 1)
    assert_accessible(axe, page, "round overview after the changes")
