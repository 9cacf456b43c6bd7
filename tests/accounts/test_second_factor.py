"""The second factor (TOTP): required at a password login for administrators, optional for others; the
code is computed here as an authenticator app would, from the key the enrolment page shows."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from styrkedja.accounts.models import EventKind, SecurityEvent
from styrkedja.organisations.models import Membership, Role
from tests.accounts.authenticator import code_from, device_code

PASSWORD = "ett-langt-och-bra-losenord"


def password_login(client: Client, username: str, next_url: str = ""):
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data)


@pytest.fixture
def chef(world):
    user = get_user_model().objects.create_user("chef", password=PASSWORD)
    Membership.objects.create(user=user, organisation=world.committee, role=Role.ADMIN)
    return user


def test_an_administrators_first_login_sets_up_the_app_before_any_session(settings, chef):
    settings.ADMIN_TOTP_REQUIRED = True
    client = Client()
    answer = password_login(client, "chef", next_url="/konto/")
    assert answer["Location"] == reverse("login_code")
    assert "_auth_user_id" not in client.session
    enrol = client.get(reverse("login_code"), follow=True)
    assert enrol.redirect_chain[-1][0] == reverse("login_enrol")
    page = enrol.content.decode()
    assert 'src="data:image/svg+xml' in page
    secret = enrol.context["secret"]
    # Before the code, nothing else opens.
    assert client.get(reverse("home")).status_code == 302
    wrong = client.post(
        reverse("login_enrol"), {"code": "000000" if code_from(secret) != "000000" else "111111"}
    )
    assert "Koden stämmer inte" in wrong.content.decode()
    time.sleep(1.1)  # django-otp refuses any code for a second after a wrong one
    done = client.post(reverse("login_enrol"), {"code": code_from(secret)})
    assert done.status_code == 302 and done["Location"] == "/konto/"
    assert client.session["_auth_user_id"] == str(chef.pk)
    assert TOTPDevice.objects.get(user=chef).confirmed
    kinds = list(SecurityEvent.objects.filter(user=chef).values_list("kind", flat=True))
    assert EventKind.SECOND_FACTOR_ADDED in kinds and EventKind.LOGIN in kinds


def test_with_an_app_every_password_login_asks_for_its_code(settings, chef):
    settings.ADMIN_TOTP_REQUIRED = True
    device = TOTPDevice.objects.create(user=chef, name="app", confirmed=True)
    client = Client()
    assert password_login(client, "chef")["Location"] == reverse("login_code")
    assert client.get(reverse("login_code")).status_code == 200
    ok = client.post(reverse("login_code"), {"code": device_code(device)})
    assert ok.status_code == 302 and ok["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200


def test_five_wrong_codes_send_one_back_to_the_password(settings, chef):
    settings.ADMIN_TOTP_REQUIRED = True
    device = TOTPDevice.objects.create(user=chef, name="app", confirmed=True)
    right = device_code(device)
    wrong = next(c for c in ("123456", "654321", "111111") if c != right)
    client = Client()
    password_login(client, "chef")
    answers = [client.post(reverse("login_code"), {"code": wrong}) for _ in range(5)]
    assert [a.status_code for a in answers] == [200, 200, 200, 200, 302]
    assert answers[-1]["Location"] == reverse("login")
    assert client.post(reverse("login_code"), {"code": right})["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session
    assert SecurityEvent.objects.filter(kind=EventKind.SECOND_FACTOR_FAILED, user=chef).count() >= 1


def test_a_badly_typed_code_is_refused_naming_the_field(settings, chef):
    settings.ADMIN_TOTP_REQUIRED = True
    TOTPDevice.objects.create(user=chef, name="app", confirmed=True)
    client = Client()
    password_login(client, "chef")
    answer = client.post(reverse("login_code"), {"code": "12ab"})
    assert answer.context["form"].errors == {"code": ["Ange koden som sex siffror."]}


def test_a_reader_logs_in_with_the_password_alone_and_may_add_an_app(settings, world):
    settings.ADMIN_TOTP_REQUIRED = True
    reader = get_user_model().objects.create_user("lasare2", password=PASSWORD)
    Membership.objects.create(user=reader, organisation=world.committee, role=Role.READER)
    client = Client()
    assert password_login(client, "lasare2")["Location"] == reverse("home")
    page = client.get(reverse("totp_enrol"))
    secret = page.context["secret"]
    assert client.post(reverse("totp_enrol"), {"code": code_from(secret)})["Location"] == reverse("account")
    client.post(reverse("logout"))
    assert password_login(client, "lasare2")["Location"] == reverse("login_code")
    # Switched off again (with a session that passed the code): the password alone is enough. The code
    # of the enrolment cannot be used twice; the app's next one is accepted.
    device = TOTPDevice.objects.get(user=reader)
    assert client.post(reverse("login_code"), {"code": device_code(device, offset=1)}).status_code == 302
    assert client.post(reverse("totp_remove"))["Location"] == reverse("account")
    client.post(reverse("logout"))
    assert password_login(client, "lasare2")["Location"] == reverse("home")


def test_an_administrator_may_not_switch_the_second_factor_off(settings, chef):
    settings.ADMIN_TOTP_REQUIRED = True
    client = Client()
    client.force_login(chef)
    assert client.post(reverse("totp_remove")).status_code == 403


def test_the_demo_setting_lets_administrators_in_with_the_password(settings, chef):
    settings.ADMIN_TOTP_REQUIRED = False
    assert password_login(Client(), "chef")["Location"] == reverse("home")


def test_a_login_waiting_for_its_code_expires(settings, chef, monkeypatch):
    settings.ADMIN_TOTP_REQUIRED = True
    device = TOTPDevice.objects.create(user=chef, name="app", confirmed=True)
    client = Client()
    password_login(client, "chef")
    later = time.time() + 301
    monkeypatch.setattr(time, "time", lambda: later)
    assert client.post(reverse("login_code"), {"code": device_code(device)})["Location"] == reverse("login")


def test_the_owner_is_told_by_mail_when_the_second_factor_changes(settings, world, smtp_server):
    reader = get_user_model().objects.create_user("lasare3", "lasare3@kommun.example", PASSWORD)
    client = Client()
    client.force_login(reader)
    secret = client.get(reverse("totp_enrol")).context["secret"]
    client.post(reverse("totp_enrol"), {"code": code_from(secret)})
    client.post(reverse("totp_remove"))
    assert [m["Subject"] for m in smtp_server.messages] == ["styrkedja: en ändring av ditt konto"] * 2
    added, removed = (m.get_content() for m in smtp_server.messages)
    assert "Tvåstegsverifiering har slagits på för ditt konto" in added
    assert "Tvåstegsverifieringen har stängts av för ditt konto" in removed


def test_a_change_stands_when_the_notice_cannot_be_sent(settings, world):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    reader = get_user_model().objects.create_user("lasare4", "lasare4@kommun.example", PASSWORD)
    client = Client()
    client.force_login(reader)
    secret = client.get(reverse("totp_enrol")).context["secret"]
    assert client.post(reverse("totp_enrol"), {"code": code_from(secret)})["Location"] == reverse("account")
    assert TOTPDevice.objects.get(user=reader).confirmed
