"""The pages work under the Content-Security-Policy in a real browser: htmx loads the findings panel, the
login with its second factor shows its QR code, and Chromium reports no violation of the policy. axe on
the account pages."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

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


def assert_accessible(axe, page, what: str) -> None:
    violations = axe(page)
    assert violations == [], f"{what} ({page.url}):\n{axe.format(violations)}"


def test_htmx_and_our_script_run_under_the_policy(live_server, live_world, page, log_in, axe):
    world = live_world
    round_ = open_round(world.committee, "2022-T1", by=world.users["controller"])
    violations = violations_of(page)
    log_in(page, "controller")
    page.goto(f"{live_server.url}/uppfoljningar/{round_.pk}/")
    # The findings panel replaces its placeholder only when htmx runs (hx-trigger="load").
    page.locator(".findings-panel").get_by_text("Visa avstämningen av rapporten").wait_for(state="detached")
    page.goto(f"{live_server.url}/konto/")
    assert_accessible(axe, page, "one's account")
    page.goto(f"{live_server.url}/konto/losenord/")
    page.get_by_role("button", name="Byt lösenord").click()
    assert_accessible(axe, page, "password change with errors")
    page.goto(f"{live_server.url}/konto/tvastegs/")
    assert_accessible(axe, page, "enrolling an authenticator app")
    assert violations == []


def test_an_administrator_enrols_the_app_in_the_browser_without_violations(
    live_server, live_world, page, settings, axe
):
    settings.ADMIN_TOTP_REQUIRED = True
    violations = violations_of(page)
    page.goto(f"{live_server.url}/glomt-losenord/")
    assert_accessible(axe, page, "forgotten password")
    page.goto(f"{live_server.url}/logga-in/")
    assert_accessible(axe, page, "login")
    page.get_by_label("Användarnamn").fill("admin")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{live_server.url}/logga-in/ny-kod/")
    assert_accessible(axe, page, "an administrator's enrolment at login")
    qr = page.get_by_role("img", name="QR-kod för autentiseringsappen")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    secret = page.locator(".totp-secret").inner_text()
    page.get_by_label("Engångskod").fill(code_from(secret))
    page.get_by_role("button", name="Koppla appen och logga in").click()
    page.wait_for_url(f"{live_server.url}/")
    assert violations == []


def log_in_with_form(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()


def test_a_lockout_and_its_lifting_on_the_security_page(
    live_server, live_world, page, browser, axe, settings
):
    settings.ADMIN_TOTP_REQUIRED = False
    get_user_model().objects.create_superuser("chef", password=PASSWORD)
    log_in_with_form(page, live_server.url, "chef", PASSWORD)
    page.wait_for_url(f"{live_server.url}/")

    guesser = browser.new_context(locale="sv-SE").new_page()
    for n in range(5):
        log_in_with_form(guesser, live_server.url, "reporter", f"fel-{n}")
    guesser.get_by_role("heading", name="Inloggningen är spärrad").wait_for()
    assert_accessible(axe, guesser, "locked out")

    page.goto(f"{live_server.url}/sakerhet/")
    assert_accessible(axe, page, "the security page with a lockout")
    page.get_by_role("button", name="Häv spärren för reporter").click()
    page.get_by_role("status").filter(has_text="Spärren för reporter är hävd.").wait_for()
    log_in_with_form(guesser, live_server.url, "reporter", PASSWORD)
    guesser.wait_for_url(f"{live_server.url}/")
    guesser.context.close()
