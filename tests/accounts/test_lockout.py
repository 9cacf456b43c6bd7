"""Guessing passwords: after STYRKEDJA_LOGIN_FAILURE_LIMIT (5) failures an account, and an address, is
locked out (django-axes) — the right password no longer helps — every step is in the security log, and an
administrator lifts the lockout."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from styrkedja.accounts.models import EventKind, SecurityEvent

PASSWORD = "ett-langt-och-bra-losenord"


@pytest.fixture
def anna(db):
    return get_user_model().objects.create_user("anna", "anna@kommun.example", PASSWORD)


def attempt(username: str, password: str, address: str = "192.0.2.10", client: Client | None = None):
    client = client or Client(REMOTE_ADDR=address)
    return client.post(reverse("login"), {"username": username, "password": password})


def test_fifty_wrong_passwords_then_the_right_one_do_not_log_in(anna):
    answers = [attempt("anna", f"fel-{n}").status_code for n in range(50)]
    assert answers[:4] == [200] * 4  # the form again, with its error
    assert set(answers[4:]) == {429}  # the fifth failure locks
    locked = attempt("anna", PASSWORD)
    assert locked.status_code == 429
    assert "Inloggningen är spärrad" in locked.content.decode()
    assert "_auth_user_id" not in locked.client.session
    failures = SecurityEvent.objects.filter(kind=EventKind.LOGIN_FAILED, username="anna")
    assert failures.count() == 51
    # Every attempt after the lockout, refused before any password is looked at.
    assert failures.filter(detail__locked_out=True).count() == 46
    lockout = SecurityEvent.objects.get(kind=EventKind.LOCKED_OUT)
    assert (lockout.username, lockout.address) == ("anna", "192.0.2.10")
    assert not SecurityEvent.objects.filter(kind=EventKind.LOGIN).exists()


def test_the_account_stays_locked_from_another_address(anna):
    for n in range(5):
        attempt("anna", f"fel-{n}", address="192.0.2.10")
    assert attempt("anna", PASSWORD, address="198.51.100.7").status_code == 429


def test_an_address_guessing_many_accounts_is_locked_for_every_account(anna):
    for n in range(5):
        attempt(f"finns-inte-{n}", "fel", address="203.0.113.5")
    assert attempt("anna", PASSWORD, address="203.0.113.5").status_code == 429
    assert attempt("anna", PASSWORD, address="192.0.2.99").status_code == 302


def test_a_success_before_the_limit_clears_the_count(anna):
    for n in range(4):
        attempt("anna", f"fel-{n}")
    assert attempt("anna", PASSWORD).status_code == 302
    for n in range(4):
        attempt("anna", f"fel-{n}")
    assert attempt("anna", PASSWORD).status_code == 302


def test_the_admin_login_is_ours_with_the_same_lockout(anna):
    answer = Client().get("/admin/login/?next=/admin/")
    assert answer.status_code == 302
    assert answer["Location"] == f"{reverse('login')}?next=/admin/"
    # A password posted to the admin's address is not even looked at.
    posted = Client().post("/admin/login/", {"username": "anna", "password": PASSWORD})
    assert posted.status_code == 302 and "_auth_user_id" not in posted.client.session


def test_the_address_behind_trusted_proxies_is_the_one_locked(anna, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.44")
        attempt(f"x{n}", "fel", client=client)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"192.0.2.44"}


def test_an_administrator_lifts_the_lockout(anna):
    for n in range(5):
        attempt("anna", f"fel-{n}")
    admin = get_user_model().objects.create_superuser("chef", password="x")
    client = Client()
    client.force_login(admin)
    page = client.get(reverse("security"))
    assert "Spärrade inloggningar" in page.content.decode()
    lockouts = page.context["lockouts"]
    assert [(lock.username, lock.address) for lock in lockouts] == [("anna", "192.0.2.10")]
    assert client.post(reverse("unlock", args=[lockouts[0].pk])).status_code == 302
    assert attempt("anna", PASSWORD).status_code == 302
    unlocked = SecurityEvent.objects.get(kind=EventKind.UNLOCKED)
    assert unlocked.user == admin and unlocked.detail["unlocked_username"] == "anna"
    assert client.post(reverse("unlock", args=[lockouts[0].pk])).status_code == 404


def test_only_superusers_see_the_security_page_and_unlock(anna):
    client = Client()
    client.force_login(anna)
    assert client.get(reverse("security")).status_code == 403
    assert client.post(reverse("unlock", args=[1])).status_code == 403
