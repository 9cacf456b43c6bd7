"""Password rules: at least 12 characters, not a common password, not all digits, not like the user's own
name, not a word of the context; changing one's password checks the old one and the rules."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from styrkedja.accounts.models import EventKind, SecurityEvent

OLD = "ett-langt-och-bra-losenord"
NEW = "Mycket-bättre-fras-i-år"


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("password", "minst 12"),
        ("12345678", "minst 12"),
        ("123456789012", "enbart numeriskt"),
        ("1qaz2wsx3edc", "för vanligt"),
        ("Styrkedja2024!", "styrkedja"),
        ("anna.andersson1", "för likt"),
    ],
)
def test_weak_passwords_are_refused_with_the_reason(db, password, reason):
    user = get_user_model()(username="anna.andersson", first_name="Anna", last_name="Andersson")
    with pytest.raises(ValidationError) as refused:
        validate_password(password, user)
    assert reason in " ".join(refused.value.messages).lower()


def test_a_long_uncommon_password_is_accepted(db):
    validate_password(NEW, get_user_model()(username="anna"))


def test_the_municipality_adds_its_own_words(db, settings):
    settings.PASSWORD_CONTEXT_WORDS = ["Solna"]
    with pytest.raises(ValidationError, match="solna"):
        validate_password("solnastad-i-norr", get_user_model()(username="anna"))


@pytest.fixture
def anna_client(db) -> Client:
    user = get_user_model().objects.create_user("anna", "anna@kommun.example", OLD)
    client = Client()
    client.force_login(user)
    return client


def test_changing_ones_password_needs_the_old_one_and_follows_the_rules(anna_client, smtp_server):
    url = reverse("password_change")
    wrong_old = anna_client.post(url, {"old_password": "fel", "new_password1": NEW, "new_password2": NEW})
    assert wrong_old.status_code == 200
    assert "old_password" in wrong_old.context["form"].errors
    weak = anna_client.post(
        url, {"old_password": OLD, "new_password1": "password", "new_password2": "password"}
    )
    assert "new_password2" in weak.context["form"].errors
    assert "Nytt lösenord bekräftelse" in weak.content.decode() or "new_password2" in weak.content.decode()
    done = anna_client.post(url, {"old_password": OLD, "new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == reverse("account")
    assert get_user_model().objects.get(username="anna").check_password(NEW)
    assert SecurityEvent.objects.filter(kind=EventKind.PASSWORD_CHANGED, username="anna").exists()
    # The owner hears of it, in case it was not them.
    [notice] = smtp_server.messages
    assert (
        notice["To"] == "anna@kommun.example"
        and "Lösenordet till ditt konto har bytts" in notice.get_content()
    )
    # The session stays logged in after the change.
    assert anna_client.get(reverse("account")).status_code == 200


def test_an_account_from_the_identity_provider_has_no_password_to_change(db):
    user = get_user_model().objects.create_user("oidc-1")
    user.set_unusable_password()
    user.save()
    client = Client()
    client.force_login(user)
    assert client.get(reverse("password_change")).status_code == 404
    assert "kommunens inloggning" in client.get(reverse("account")).content.decode()
