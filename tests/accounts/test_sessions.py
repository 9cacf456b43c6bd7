"""Sessions end after the idle timeout and after the absolute lifetime, whatever the activity."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from styrkedja.accounts.models import EventKind, SecurityEvent
from styrkedja.accounts.signals import LOGGED_IN_AT, SEEN_AT

PASSWORD = "ett-langt-och-bra-losenord"


@pytest.fixture
def client_logged_in(db, settings) -> Client:
    settings.SESSION_IDLE_TIMEOUT = 600
    settings.SESSION_COOKIE_AGE = 3600
    get_user_model().objects.create_user("anna", password=PASSWORD)
    client = Client()
    assert client.post(reverse("login"), {"username": "anna", "password": PASSWORD}).status_code == 302
    return client


def shift(client: Client, key: str, seconds: int) -> None:
    session = client.session
    session[key] -= seconds
    session.save()


def test_a_session_idle_longer_than_the_timeout_is_logged_out(client_logged_in):
    assert client_logged_in.get(reverse("account")).status_code == 200
    shift(client_logged_in, SEEN_AT, 601)
    answer = client_logged_in.get(reverse("account"))
    assert answer.status_code == 302
    assert answer["Location"] == f"{reverse('login')}?next={reverse('account')}"
    assert "_auth_user_id" not in client_logged_in.session
    assert SecurityEvent.objects.get(kind=EventKind.SESSION_EXPIRED).detail == {"reason": "idle"}


def test_activity_keeps_a_session_until_its_absolute_lifetime(client_logged_in):
    shift(client_logged_in, SEEN_AT, 599)
    assert client_logged_in.get(reverse("account")).status_code == 200
    assert time.time() - client_logged_in.session[SEEN_AT] < 5  # the request counted as activity
    shift(client_logged_in, LOGGED_IN_AT, 3601)
    assert client_logged_in.get(reverse("account")).status_code == 302
    assert SecurityEvent.objects.get(kind=EventKind.SESSION_EXPIRED).detail == {"reason": "max_age"}


def test_the_session_cookie_lives_no_longer_than_the_absolute_lifetime(db, settings):
    settings.SESSION_COOKIE_AGE = 3600
    get_user_model().objects.create_user("anna", password=PASSWORD)
    answer = Client().post(reverse("login"), {"username": "anna", "password": PASSWORD})
    cookie = answer.cookies["sessionid"]
    assert cookie["max-age"] == 3600
    assert cookie["httponly"]


def test_logging_in_gives_a_new_session_and_logging_out_ends_it_on_the_server(db):
    from django.contrib.sessions.models import Session

    get_user_model().objects.create_user("anna", password=PASSWORD)
    client = Client()
    fixed = client.session  # a session that existed before the login (perhaps planted)
    fixed["planted"] = True
    fixed.save()
    client.post(reverse("login"), {"username": "anna", "password": PASSWORD})
    logged_in = client.cookies["sessionid"].value
    assert logged_in != fixed.session_key
    assert not Session.objects.filter(session_key=fixed.session_key).exists()
    client.post(reverse("logout"))
    assert not Session.objects.filter(session_key=logged_in).exists()
    stolen = Client()
    stolen.cookies["sessionid"] = logged_in
    assert stolen.get(reverse("account")).status_code == 302
