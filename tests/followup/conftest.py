from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from styrkedja.followup.workflow import open_round
from styrkedja.organisations.models import Membership, Organisation, Role

SMALL = Path(__file__).resolve().parents[1] / "planfiles" / "data" / "small.yaml"


@pytest.fixture
def controller(db):
    """A controller of the small plan's committee (the plan file's organisations, created ahead of it)."""
    city = Organisation.objects.create(code="testkommun", name="Testkommun", kind="city")
    committee = Organisation.objects.create(
        code="testnamnd", name="Testnämnden", kind="committee", parent=city
    )
    user = get_user_model().objects.create_user("ctrl", password="x" * 12)
    Membership.objects.create(user=user, organisation=committee, role=Role.CONTROLLER)
    return user


@pytest.fixture
def director(controller):
    """A director of the same committee: approves and reopens the whole report."""
    user = get_user_model().objects.create_user("dir", password="x" * 12)
    Membership.objects.create(
        user=user, organisation=Organisation.objects.get(code="testnamnd"), role=Role.DIRECTOR
    )
    return user


@pytest.fixture
def round_(db, controller):
    call_command("plan", "import", str(SMALL))
    return open_round(Organisation.objects.get(code="testnamnd"), "2022-T1", by=controller)
