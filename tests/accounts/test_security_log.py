"""The security log: each event with user, address and time, in the database and as a JSON line on
standard output; 403 and 404 on objects; token use for the API."""

from __future__ import annotations

import json
import logging

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse

from styrkedja.accounts.models import EventKind, SecurityEvent
from styrkedja.accounts.security_log import record_token_use


@pytest.fixture
def lines():
    """What the security logger writes, one string a line (its handler writes the same to stdout)."""
    captured: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            captured.append(self.format(record))

    logger = logging.getLogger("styrkedja.security")
    handler = Keep()
    logger.addHandler(handler)
    try:
        yield captured
    finally:
        logger.removeHandler(handler)


def test_a_login_is_logged_with_user_address_and_time(db, lines):
    user = get_user_model().objects.create_user("anna", password="ett-langt-och-bra-losenord")
    Client(REMOTE_ADDR="192.0.2.8").post(
        reverse("login"), {"username": "anna", "password": "ett-langt-och-bra-losenord"}
    )
    event = SecurityEvent.objects.get(kind=EventKind.LOGIN)
    assert (event.user, event.username, event.address, event.path) == (
        user,
        "anna",
        "192.0.2.8",
        "/logga-in/",
    )
    assert event.detail == {"method": "password"}
    line = json.loads(lines[-1])
    assert line["event"] == "login" and line["user"] == "anna" and line["address"] == "192.0.2.8"
    assert line["at"] == event.at.isoformat()


def test_refusals_on_objects_are_logged_but_unknown_addresses_are_not(world, client_as, lines):
    reporter = client_as("reporter")
    assert reporter.get(reverse("goal_create", args=[world.plan.pk])).status_code == 403
    outsider = client_as("outsider")
    assert outsider.get(reverse("plan", args=[world.plan.pk])).status_code == 404
    assert outsider.get("/finns-inte-alls/").status_code == 404
    denied = SecurityEvent.objects.get(kind=EventKind.PERMISSION_DENIED)
    assert denied.user == world.users["reporter"] and denied.path == reverse(
        "goal_create", args=[world.plan.pk]
    )
    hidden = SecurityEvent.objects.get(kind=EventKind.NOT_FOUND)
    assert hidden.user == world.users["outsider"] and hidden.address == "127.0.0.1"
    assert {json.loads(line)["event"] for line in lines} - {"login"} == {"permission_denied", "not_found"}


def test_token_use_is_logged_for_the_api(db, lines):
    user = get_user_model().objects.create_user("robot")
    request = RequestFactory().get("/api/plans/", REMOTE_ADDR="198.51.100.4")
    event = record_token_use(request, user=user, token="pat_4f2a")
    assert (event.kind, event.user, event.address, event.detail) == (
        EventKind.TOKEN_USED,
        user,
        "198.51.100.4",
        {"token": "pat_4f2a"},
    )
    refused = record_token_use(request, user=None, token="pat_dead", accepted=False)
    assert refused.kind == EventKind.TOKEN_REFUSED and refused.user is None
    assert [json.loads(line)["event"] for line in lines] == ["token_used", "token_refused"]


def test_administrators_read_the_log_and_filter_it(db):
    admin = get_user_model().objects.create_superuser("chef", password="x")
    for name in ("anna", "bertil"):
        Client().post(reverse("login"), {"username": name, "password": "fel"})
    client = Client()
    client.force_login(admin)
    page = client.get(reverse("security"), {"kind": "login_failed", "username": "bertil"})
    assert [e.username for e in page.context["events"]] == ["bertil"]
    assert "Misslyckad inloggning" in page.content.decode()
    bad = client.get(reverse("security"), {"kind": "nonsense"})
    assert bad.status_code == 200 and "kind" in bad.context["form"].errors
