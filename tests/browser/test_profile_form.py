"""The profile form in a real browser: an administrator changes a level's name and a rating's colour,
sees a refusal beside the field, then saves; axe on the form."""

from __future__ import annotations

import pytest

from styrkedja.organisations.profiles import profile_of

pytestmark = pytest.mark.browser


def test_an_administrator_changes_the_profile_in_its_form(
    live_server, live_world, page, axe, log_in, settings
):
    settings.ADMIN_TOTP_REQUIRED = False  # the second factor has its own browser test
    world = live_world
    page.goto(f"{live_server.url}/logga-in/")
    log_in(page, "admin")
    page.goto(f"{live_server.url}/organisationer/{world.committee.code}/profil/")
    violations = axe(page)
    assert violations == [], axe.format(violations)

    level = page.get_by_role("group", name="Nivå 3")
    level.get_by_label("Namn").fill("Verksamhetsmål")
    level.get_by_label("Plural").fill("Verksamhetsmål")
    rating = page.get_by_role("group", name="Målbedömning 2")
    rating.get_by_label("Färg").fill("orange")
    page.get_by_role("button", name="Spara profilen").click()
    error = page.locator("#id_ratings-1-colour_error")
    error.wait_for()
    assert "#[0-9a-fA-F]{6}" in error.inner_text()
    assert profile_of(world.committee).level_name("committee") == "Nämndmål"

    page.get_by_role("group", name="Målbedömning 2").get_by_label("Färg").fill("#8a5a00")
    page.get_by_role("button", name="Spara profilen").click()
    page.get_by_role("status").filter(has_text="Kommunprofilen har sparats.").wait_for()
    assert profile_of(world.committee).level_name("committee") == "Verksamhetsmål"
