"""The pages work under the Content-Security-Policy in a real browser: htmx loads the findings panel, the
login with its second factor shows its QR code, and Chromium reports no violation of the policy."""

from __future__ import annotations

import pytest

from styrkedja.followup.workflow import open_round
from tests.accounts.authenticator import code_from
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def violations_of(page) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda message: found.append(message.text) if "Content Security Policy" in message.text else None,
    )
    return found


def test_htmx_and_our_script_run_under_the_policy(live_server, live_world, page, log_in):
    world = live_world
    round_ = open_round(world.committee, "2022-T1", by=world.users["controller"])
    violations = violations_of(page)
    log_in(page, "controller")
    page.goto(f"{live_server.url}/uppfoljningar/{round_.pk}/")
    # The findings panel replaces its placeholder only when htmx runs (hx-trigger="load").
    page.locator(".findings-panel").get_by_text("Visa avstämningen av rapporten").wait_for(state="detached")
    page.goto(f"{live_server.url}/konto/")
    assert violations == []


def test_an_administrator_enrols_the_app_in_the_browser_without_violations(
    live_server, live_world, page, settings
):
    settings.ADMIN_TOTP_REQUIRED = True
    violations = violations_of(page)
    page.goto(f"{live_server.url}/logga-in/")
    page.get_by_label("Användarnamn").fill("admin")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{live_server.url}/logga-in/ny-kod/")
    qr = page.get_by_role("img", name="QR-kod för autentiseringsappen")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    secret = page.locator(".totp-secret").inner_text()
    page.get_by_label("Engångskod").fill(code_from(secret))
    page.get_by_role("button", name="Koppla appen och logga in").click()
    page.wait_for_url(f"{live_server.url}/")
    assert violations == []
