"""Fixtures for browser tests: the test world in a database the live server can see, and logging in."""

from __future__ import annotations

import pytest

from tests.factories import PASSWORD, World, build_world


@pytest.fixture
def live_world(transactional_db) -> World:
    return build_world()


@pytest.fixture
def log_in(live_server):
    """`log_in(page, "controller")`: log in through the login page, checked with axe by the caller."""

    def log_in(page, username: str) -> None:
        page.goto(f"{live_server.url}/logga-in/")
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill(PASSWORD)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url(f"{live_server.url}/")

    return log_in
