"""People and roles (accounts/people.py): administrators invite, give, change and withdraw roles and switch
accounts off and on, in the history and the security log; nobody else may, and nobody locks themselves out."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import Client

from styrkedja.accounts import people
from styrkedja.accounts.models import EventKind, SecurityEvent
from styrkedja.edits.versions import Conflict
from styrkedja.organisations.models import Membership, Role


@pytest.mark.django_db(transaction=True)
def test_an_invited_person_chooses_a_password_by_the_mailed_link_and_logs_in(world, smtp_server, settings):
    settings.PUBLIC_URL = "http://testserver"
    admin = world.users["admin"]
    user = people.invite(
        world.committee,
        email="ny.person@example.se",
        role=Role.REPORTER,
        first_name="Ny",
        last_name="Person",
        by=admin,
    )
    assert user.username == "ny.person@example.se" and not user.has_usable_password()
    membership = Membership.objects.get(user=user, organisation=world.committee)
    assert membership.role == Role.REPORTER and membership.history.first().history_user == admin
    assert SecurityEvent.objects.filter(kind=EventKind.ACCOUNT_INVITED, user=user).exists()

    assert len(smtp_server.messages) == 1
    text = smtp_server.messages[0].get_content()
    assert "rollen Rapportör i Arbetsmarknadsnämnden" in text
    link = re.search(r"http://testserver(/\S+)", text).group(1)
    client = Client()
    form = client.get(link, follow=True)
    assert form.status_code == 200
    password = "Blåbärssylt i kvällssolen 42"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": password, "new_password2": password})
    assert done.status_code == 302, re.findall(r"errorlist[^>]*>(.*?)</", done.content.decode(), re.S)
    login = Client().post("/logga-in/", {"username": "ny.person@example.se", "password": password})
    assert login.status_code == 302 and login["Location"] == "/"


def test_only_an_administrator_of_the_organisation_may_invite(world):
    with pytest.raises(PermissionDenied):
        people.invite(world.committee, email="a@example.se", role=Role.READER, by=world.users["controller"])
    with pytest.raises(Http404):
        people.invite(world.committee, email="a@example.se", role=Role.READER, by=world.users["outsider"])
    with pytest.raises(ValidationError) as refused:
        people.invite(world.committee, email="inte en adress", role=Role.READER, by=world.users["admin"])
    assert "e-postadress" in refused.value.message_dict["email"][0]
    with pytest.raises(ValidationError) as taken:
        people.invite(
            world.committee,
            email="a@example.se",
            username="reader",
            role=Role.READER,
            by=world.users["admin"],
        )
    assert "finns redan" in taken.value.message_dict["username"][0]
    assert not get_user_model().objects.filter(email="a@example.se").exists()


def test_a_role_changed_and_withdrawn_with_the_version_read(world):
    admin, reader = world.users["admin"], world.users["reader"]
    membership = Membership.objects.get(user=reader, organisation=world.committee)
    read = membership.version
    people.set_role(world.committee, reader, Role.CONTROLLER, by=admin, expected_version=read)
    with pytest.raises(Conflict):  # a second administrator with the old page
        people.set_role(world.committee, reader, Role.DIRECTOR, by=admin, expected_version=read)
    membership.refresh_from_db()
    assert membership.role == Role.CONTROLLER
    people.withdraw_role(world.committee, reader, by=admin, expected_version=membership.version)
    assert not Membership.objects.filter(user=reader, organisation=world.committee).exists()
    kinds = list(SecurityEvent.objects.filter(user=reader).values_list("kind", flat=True))
    assert EventKind.ROLE_CHANGED in kinds and EventKind.ROLE_REMOVED in kinds


def test_an_administrator_cannot_lock_themselves_out(world):
    admin = world.users["admin"]
    version = Membership.objects.get(user=admin, organisation=world.committee).version
    with pytest.raises(PermissionDenied):
        people.set_role(world.committee, admin, Role.READER, by=admin, expected_version=version)
    with pytest.raises(PermissionDenied):
        people.withdraw_role(world.committee, admin, by=admin, expected_version=version)
    with pytest.raises(PermissionDenied):
        people.set_active(world.committee, admin, False, by=admin, expected_version=version)


def test_a_switched_off_account_cannot_log_in_and_keeps_its_roles(world):
    admin, reporter = world.users["admin"], world.users["reporter"]
    version = Membership.objects.get(user=reporter, organisation=world.committee).version
    people.set_active(world.committee, reporter, False, by=admin, expected_version=version)
    reporter.refresh_from_db()
    assert not reporter.is_active
    assert Membership.objects.filter(user=reporter, organisation=world.committee).exists()
    assert SecurityEvent.objects.filter(kind=EventKind.ACCOUNT_DEACTIVATED, user=reporter).exists()
    membership = Membership.objects.get(user=reporter, organisation=world.committee)
    assert membership.history.first().history_change_reason == "konto avstängt"
    people.set_active(world.committee, reporter, True, by=admin, expected_version=membership.version)
    reporter.refresh_from_db()
    assert reporter.is_active


def test_an_account_with_a_role_elsewhere_needs_an_administrator_there_too(world):
    reporter = world.users["reporter"]
    Membership.objects.create(user=reporter, organisation=world.other_plan.organisation, role=Role.READER)
    version = Membership.objects.get(user=reporter, organisation=world.committee).version
    with pytest.raises(PermissionDenied, match="där du inte är administratör"):
        people.set_active(world.committee, reporter, False, by=world.users["admin"], expected_version=version)


def test_the_list_shows_roles_given_here_and_above(world):
    listed = {p.user.username: p for p in people.people(world.department, by=world.users["admin"])}
    assert listed["reporter"].role == Role.REPORTER and listed["reporter"].membership is None
    assert listed["reporter"].given_at == world.committee
