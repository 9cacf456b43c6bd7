"""Adding and editing an indicator with its target, and the rules the form enforces."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from django.urls import reverse

from styrkedja.plans.models import Indicator, KfTargetMode, Target
from styrkedja.web.forms.plans import IndicatorTargetForm
from tests.factories import as_read

VALID = {
    "name": "Andel kursdeltagare inom sfi med godkänt betyg",
    "unit": "percent",
    "direction": "higher",
    "periodicity": "half_year",
    "decimals": "0",
    "kolada_kpi": "",
    "definition": "",
    "table": "committee",
    "value": "97",
    "band": "",
    "kf_mode": "delegated_committee",
    "kf_value": "",
}


def errors_for(world, **changes) -> dict[str, list[str]]:
    form = IndicatorTargetForm({"token": str(uuid.uuid4()), **VALID, **changes}, plan=world.plan)
    form.is_valid()
    return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


@pytest.mark.django_db
def test_it_accepts_a_valid_indicator(world):
    assert errors_for(world) == {}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kf_mode": "value", "kf_value": ""}, "kf_value", "Ange KF:s årsmål"),
        ({"kf_mode": "none", "kf_value": "80"}, "kf_value", "Lämna tomt"),
        ({"value": "101"}, "value", "Årsmål 101 ligger utanför 0–100 %."),
        ({"kf_mode": "value", "kf_value": "-1"}, "kf_value", "KF:s årsmål -1 ligger utanför 0–100 %."),
        ({"kolada_kpi": "N0091"}, "kolada_kpi", "N00914"),
        ({"band": "1"}, "band", "Inom intervall"),
        ({"value": "sjuttio"}, "value", "Skriv ett tal"),
        ({"decimals": "5"}, "decimals", ""),
    ],
)
def test_it_rejects_inconsistent_targets(world, changes, field, message):
    errors = errors_for(world, **changes)
    assert field in errors
    assert message in " ".join(errors[field])


@pytest.mark.django_db
def test_it_allows_a_band_with_direction_band_and_big_counts_outside_percent(world):
    assert errors_for(world, direction="band", band="1,5") == {}
    assert errors_for(world, unit="count", value="9 000", kf_mode="value", kf_value="9 000") == {}
    assert errors_for(world, kolada_kpi="n00914") == {}  # upper-cased


def test_it_adds_an_indicator_with_its_target(world, client_as):
    goal = world.goals["1.1.1"]
    response = client_as("controller").post(
        reverse("target_create", args=[goal.pk]),
        as_read(
            client_as("controller"),
            reverse("target_create", args=[goal.pk]),
            {**VALID, "kolada_kpi": "N00914", "gender_split": "on"},
        ),
    )
    assert response.status_code == 302
    target = Target.objects.get(goal=goal, indicator__name=VALID["name"])
    assert target.value == Decimal("97")
    assert target.kf_mode == KfTargetMode.DELEGATED_COMMITTEE
    assert target.indicator.kolada_kpi == "N00914"
    assert target.indicator.gender_split is True
    assert target.history.first().history_user == world.users["controller"]


def test_it_refuses_the_same_indicator_twice_in_a_goal(world, client_as):
    target = world.targets["feriejobb"]
    response = client_as("controller").post(
        reverse("target_create", args=[target.goal_id]),
        as_read(
            client_as("controller"),
            reverse("target_create", args=[target.goal_id]),
            {**VALID, "name": target.indicator.name},
        ),
    )
    assert "Målet har redan den här indikatorn." in response.content.decode()


def test_it_edits_a_target_shows_errors_next_to_the_field_then_saves(world, client_as):
    target = world.targets["stockholmsjobb"]
    client = client_as("controller")
    url = reverse("target_edit", args=[target.pk])
    form = client.get(url).content.decode()
    assert 'value="550"' in form
    data = {
        "name": target.indicator.name,
        "unit": "count",
        "direction": "higher",
        "periodicity": "tertial",
        "decimals": "0",
        "table": "council",
        "value": "1 200",
        "kf_mode": "value",
        "kf_value": "",
    }
    invalid = client.post(url, as_read(client, url, data)).content.decode()
    assert 'id="id_kf_value_error"' in invalid
    assert 'aria-describedby="id_kf_value_helptext id_kf_value_error"' in invalid
    target.refresh_from_db()
    assert target.value == Decimal("550")

    response = client.post(url, as_read(client, url, {**data, "kf_value": "1 000"}))
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.value, target.kf_value) == (Decimal("1200"), Decimal("1000"))
    assert target.history.first().history_user == world.users["controller"]
    assert Indicator.objects.filter(name=target.indicator.name).count() == 1
