"""The demo keeps working: its users log in with the password `demo` (set by the demo command, not chosen
by a person, so the password rules do not apply), and under `make run` (STYRKEDJA_DEBUG) the demo's
administrator needs no authenticator app."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.test_settings import import_settings


@pytest.mark.django_db
def test_every_demo_user_logs_in_with_demo(settings):
    settings.ADMIN_TOTP_REQUIRED = False  # as with STYRKEDJA_DEBUG=1, which make run sets
    call_command("demo", "--quiet-login")
    for username in ("admin", "direktor", "controller", "rapportor", "lasare"):
        answer = Client().post(reverse("login"), {"username": username, "password": "demo"})
        assert answer.status_code == 302 and answer["Location"] == reverse("home"), username


def test_make_runs_debug_mode_relaxes_the_second_factor_and_production_does_not():
    code = "import styrkedja.settings as s; print(s.ADMIN_TOTP_REQUIRED)"
    assert import_settings(code, STYRKEDJA_DEBUG="1").stdout.strip() == "False"
    assert import_settings(code, STYRKEDJA_SECRET_KEY="x" * 60).stdout.strip() == "True"
