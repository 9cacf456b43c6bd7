from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styrkedja.followup.values import OutcomeInput, save_outcome
from styrkedja.followup.workflow import open_round
from styrkedja.organisations.models import Membership, Organisation, Role
from styrkedja.plans.models import Goal, Indicator, IndicatorSeries, Target

pytestmark = pytest.mark.django_db
SMALL = Path(__file__).resolve().parents[1] / "planfiles" / "data" / "small.yaml"


@pytest.fixture
def setup(client):
    call_command("plan", "import", str(SMALL))
    org = Organisation.objects.get(code="testnamnd")
    user = get_user_model().objects.create_user("lasare", password="x" * 12)
    Membership.objects.create(user=user, organisation=org, role=Role.READER)
    round_ = open_round(org, "2022-T1", by=None)
    client.force_login(user)
    return round_, user


def add_indicators(round_, n: int, start: int = 0) -> None:
    goal = Goal.objects.get(number="1.1.1")
    for i in range(start, start + n):
        series = IndicatorSeries.objects.create(organisation=round_.organisation, name=f"Extra {i}")
        ind = Indicator.objects.create(
            plan=round_.plan, series=series, name=f"Extra {i}", unit="count", periodicity="tertial"
        )
        target = Target.objects.create(
            plan=round_.plan, goal=goal, indicator=ind, value=Decimal(10), position=10 + i
        )
        save_outcome(round_, target, OutcomeInput(total=Decimal(i), forecast=Decimal(12)), by=None)


def test_it_lists_every_indicator_with_swedish_numbers(setup, client):
    round_, _ = setup
    jobs = Target.objects.get(indicator__name="Antal som fått jobb")
    save_outcome(
        round_,
        jobs,
        OutcomeInput(total=Decimal(247), men=Decimal(148), women=Decimal(99), forecast=Decimal(485)),
        by=None,
    )
    html = client.get(reverse("round_indicators", args=[round_.pk])).content.decode()
    assert "3 indikatorer" in html and "247\xa0st" in html and "485\xa0st" in html
    assert "Prognosen för helåret når årsmålet för 0 av de 1" in html  # 485 < 550


def test_its_queries_do_not_grow_with_the_number_of_indicators(setup, client):
    round_, _ = setup
    url = reverse("round_indicators", args=[round_.pk])
    add_indicators(round_, 3)
    client.get(url)
    cache.clear()  # compare the builds themselves, not cache hits
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    add_indicators(round_, 40, start=3)  # far past the 48 of a real round
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_another_organisations_round_answers_404(setup, client):
    round_, _ = setup
    stranger = get_user_model().objects.create_user("annan", password="x" * 12)
    other = Organisation.objects.create(code="annan", name="Annan nämnd", kind="committee")
    Membership.objects.create(user=stranger, organisation=other, role=Role.ADMIN)
    client.force_login(stranger)
    assert client.get(reverse("round_indicators", args=[round_.pk])).status_code == 404


def test_a_saved_value_shows_at_once_despite_the_cache(setup, client):
    round_, _ = setup
    url = reverse("round_indicators", args=[round_.pk])
    jobs = Target.objects.get(indicator__name="Antal som fått jobb")
    save_outcome(round_, jobs, OutcomeInput(total=Decimal(247)), by=None)
    assert "247\xa0st" in client.get(url).content.decode()
    save_outcome(round_, jobs, OutcomeInput(total=Decimal(251)), by=None)
    html = client.get(url).content.decode()
    assert "251\xa0st" in html and "247\xa0st" not in html
