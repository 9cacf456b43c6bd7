"""role_in and require_role: roles inherit down the organisation tree; no role → 404, too low → 403."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from styrkedja.organisations.models import Membership, Organisation, OrganisationKind, Role
from styrkedja.organisations.permissions import has_role, require_role, role_in, visible_organisations

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    city = Organisation.objects.create(code="stad", name="Staden", kind=OrganisationKind.CITY)
    committee = Organisation.objects.create(
        code="amn", name="AMN", kind=OrganisationKind.COMMITTEE, parent=city
    )
    department = Organisation.objects.create(
        code="jobbtorg", name="Jobbtorg", kind=OrganisationKind.DEPARTMENT, parent=committee
    )
    unit = Organisation.objects.create(
        code="enhet", name="Enheten", kind=OrganisationKind.UNIT, parent=department
    )
    other = Organisation.objects.create(
        code="utbn", name="UtbN", kind=OrganisationKind.COMMITTEE, parent=city
    )
    return {"city": city, "committee": committee, "department": department, "unit": unit, "other": other}


def test_it_inherits_a_role_down_the_tree_but_not_up_or_sideways(tree):
    user = get_user_model().objects.create_user("controller")
    Membership.objects.create(user=user, organisation=tree["committee"], role=Role.CONTROLLER)
    assert role_in(user, tree["committee"]) == Role.CONTROLLER
    assert role_in(user, tree["unit"]) == Role.CONTROLLER
    assert role_in(user, tree["city"]) is None
    assert role_in(user, tree["other"]) is None


def test_it_takes_the_highest_role_along_the_chain(tree):
    user = get_user_model().objects.create_user("both")
    Membership.objects.create(user=user, organisation=tree["committee"], role=Role.READER)
    Membership.objects.create(user=user, organisation=tree["department"], role=Role.DIRECTOR)
    assert role_in(user, tree["committee"]) == Role.READER
    assert role_in(user, tree["unit"]) == Role.DIRECTOR
    high = get_user_model().objects.create_user("high")
    Membership.objects.create(user=high, organisation=tree["city"], role=Role.ADMIN)
    Membership.objects.create(user=high, organisation=tree["department"], role=Role.READER)
    assert role_in(high, tree["department"]) == Role.ADMIN


def test_it_treats_superusers_as_administrators_and_anonymous_or_inactive_users_as_nobody(tree):
    root = get_user_model().objects.create_superuser("root", password="x")
    assert role_in(root, tree["unit"]) == Role.ADMIN
    assert role_in(AnonymousUser(), tree["unit"]) is None
    gone = get_user_model().objects.create_user("gone", is_active=False)
    Membership.objects.create(user=gone, organisation=tree["committee"], role=Role.ADMIN)
    assert role_in(gone, tree["committee"]) is None


@pytest.mark.parametrize(
    ("role", "minimum", "outcome"),
    [
        (None, Role.READER, Http404),
        (Role.READER, Role.READER, None),
        (Role.REPORTER, Role.READER, None),
        (Role.REPORTER, Role.CONTROLLER, PermissionDenied),
        (Role.CONTROLLER, Role.CONTROLLER, None),
        (Role.DIRECTOR, Role.CONTROLLER, None),
        (Role.ADMIN, Role.ADMIN, None),
        (Role.DIRECTOR, Role.ADMIN, PermissionDenied),
    ],
)
def test_it_requires_a_role_404_without_one_403_when_too_low(tree, role, minimum, outcome):
    user = get_user_model().objects.create_user("someone")
    if role is not None:
        Membership.objects.create(user=user, organisation=tree["committee"], role=role)
    if outcome is None:
        assert require_role(user, tree["department"], minimum) == role
    else:
        with pytest.raises(outcome):
            require_role(user, tree["department"], minimum)


def test_it_orders_roles_by_rights():
    assert has_role(Role.ADMIN, Role.CONTROLLER)
    assert not has_role(Role.REPORTER, Role.CONTROLLER)
    assert not has_role(None, Role.READER)


def test_it_lists_the_organisations_a_user_sees(tree):
    user = get_user_model().objects.create_user("seer")
    Membership.objects.create(user=user, organisation=tree["committee"], role=Role.READER)
    assert {o.code for o in visible_organisations(user)} == {"amn", "jobbtorg", "enhet"}
    assert visible_organisations(AnonymousUser()) == []
