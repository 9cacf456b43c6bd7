from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from styrkedja.followup.workflow import open_round
from styrkedja.organisations.models import Organisation

SMALL = Path(__file__).resolve().parents[1] / "planfiles" / "data" / "small.yaml"


@pytest.fixture
def controller(db):
    return get_user_model().objects.create_user("ctrl", password="x" * 12)


@pytest.fixture
def round_(db, controller):
    call_command("plan", "import", str(SMALL))
    return open_round(Organisation.objects.get(code="testnamnd"), "2022-T1", by=controller)
