"""`styrkedja users`: people and roles for scripted set-up."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from styrkedja.organisations.models import Membership, Role


def run(*args: str) -> str:
    out = StringIO()
    call_command("users", *args, stdout=out)
    return out.getvalue()


def test_invite_grant_list_revoke_and_switch_off(world):
    assert "invited" in run("invite", "--organisation", "amn", "--email", "b@example.se", "--role", "reader")
    run("grant", "--organisation", "amn", "--user", "b@example.se", "--role", "controller")
    listed = json.loads(run("list", "--organisation", "amn", "--format", "json"))
    row = next(p for p in listed["people"] if p["username"] == "b@example.se")
    assert row["role"] == "controller" and row["given_at"] == "amn" and row["active"]
    run("deactivate", "--organisation", "amn", "--user", "b@example.se")
    assert "(switched off)" in run("list", "--organisation", "amn")
    run("revoke", "--organisation", "amn", "--user", "b@example.se")
    assert not Membership.objects.filter(user__username="b@example.se").exists()
    assert (
        Membership.objects.get(user=world.users["reader"], organisation=world.committee).role == Role.READER
    )


def test_refusals_name_what_is_wrong(world):
    with pytest.raises(CommandError, match="no user 'okänd'"):
        run("grant", "--organisation", "amn", "--user", "okänd", "--role", "reader")
    with pytest.raises(CommandError, match="--email: Skriv en e-postadress"):
        run("invite", "--organisation", "amn", "--email", "fel", "--role", "reader")
    with pytest.raises(CommandError, match="no organisation 'finns-inte'"):
        run("list", "--organisation", "finns-inte")
    with pytest.raises(CommandError, match="Användaren har ingen roll här"):
        run("revoke", "--organisation", "amn", "--user", "outsider")
