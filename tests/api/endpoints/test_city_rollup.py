"""The city's roll-up over its committees through the API: the same contract as `styrkedja rollup --format
json`, for the kommun only, read by those with a role in it."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from styrkedja.interchange.city_files import load_city
from styrkedja.organisations.models import Membership, Organisation, Role
from styrkedja.synthetic.city import CITY_CODE, generate, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(world, tmp_path):
    write(generate(4, seed=5), tmp_path)
    load_city(tmp_path)
    org = Organisation.objects.get(code=CITY_CODE)
    Membership.objects.create(user=world.users["outsider"], organisation=org, role=Role.READER)
    return org


def test_the_city_rollup_is_the_commands_contract(city, api_as):
    response = api_as("outsider").get(f"/organisations/{CITY_CODE}/city-rollup?period=2021-T2")
    assert response.status_code == 200
    out = StringIO()
    call_command("rollup", organisation=CITY_CODE, period="2021-T2", format="json", stdout=out)
    assert response.json() == json.loads(out.getvalue())
    goal = response.json()["goals"][0]
    assert set(goal["committee_ratings"]) == {"fully", "partly", "not", "missing"}
    assert set(goal["indicators"]) == {"met", "not_met", "no_outcome"}


def test_only_the_kommun_with_a_council_plan_has_one_for_those_with_a_role_in_it(city, world, api_as):
    assert api_as("reader").get(f"/organisations/{CITY_CODE}/city-rollup?period=2021-T2").status_code == 404
    committee = api_as("reader").get(f"/organisations/{world.committee.code}/city-rollup?period=2022-T1")
    assert committee.status_code == 404
    no_plan = api_as("outsider").get(f"/organisations/{CITY_CODE}/city-rollup?period=2019-T2")
    assert no_plan.status_code == 404
    bad = api_as("outsider").get(f"/organisations/{CITY_CODE}/city-rollup?period=2021-T9")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "query.period"
