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


def test_the_newer_fields_go_through_the_form_into_the_plan_file_and_the_report(world, client_as, capsys):
    """Code, target year, periodicity every other year with its first year: typed in the form, stored,
    in the history, shown again in the form, exported in the plan file and printed in the report."""
    import json

    from django.core.management import call_command

    from styrkedja.followup.documents import build_plan_document
    from styrkedja.reports import tables

    goal = world.goals["1.1.1"]
    client = client_as("controller")
    url = reverse("target_create", args=[goal.pk])
    data = {
        **VALID,
        "name": "Andel elever nöjda med skolan",
        "code": "KF-7",
        "periodicity": "every_other_year",
        "first_year": "2021",
        "value": "80",
        "target_year": "2025",
    }
    assert client.post(url, as_read(client, url, data)).status_code == 302
    target = Target.objects.get(goal=goal, indicator__name=data["name"])
    indicator = target.indicator
    assert (indicator.code, indicator.periodicity, indicator.first_year) == ("KF-7", "every_other_year", 2021)
    assert target.target_year == 2025
    assert indicator.history.first().history_user == world.users["controller"]

    edit = reverse("target_edit", args=[target.pk])
    page = client.get(edit).content.decode()
    assert 'name="code" value="KF-7"' in page and 'name="first_year" value="2021"' in page
    assert 'name="target_year" value="2025"' in page
    assert '<option value="every_other_year" selected>' in page

    # A first year with another periodicity is refused beside the field, in lib/validation's words.
    refused = client.post(edit, as_read(client, edit, {**data, "periodicity": "year"})).content.decode()
    assert 'id="id_first_year_error"' in refused
    assert "Första mätår hör bara till periodiciteten vartannat år." in refused
    indicator.refresh_from_db()
    assert indicator.periodicity == "every_other_year"

    changed = {**data, "code": "KF-8", "first_year": "2022", "target_year": "2026"}
    assert client.post(edit, as_read(client, edit, changed)).status_code == 302
    indicator.refresh_from_db()
    target.refresh_from_db()
    assert (indicator.code, indicator.first_year, target.target_year) == ("KF-8", 2022, 2026)
    assert [h.code for h in indicator.history.order_by("history_id")] == ["KF-7", "KF-8"]

    capsys.readouterr()
    call_command(
        "plan", "export", "--organisation", world.committee.code, "--year", "2022", "--format", "json"
    )
    exported = json.loads(capsys.readouterr().out)

    def indicators(goals):
        for g in goals:
            yield from g.get("indicators", [])
            yield from indicators(g.get("goals", []))

    [row] = [i for i in indicators(exported["goals"]) if i["name"] == data["name"]]
    assert row | {"code": "KF-8", "first_year": 2022, "target_year": 2026} == row
    assert row["periodicity"] == "every_other_year"

    content = tables.report_content(build_plan_document(world.plan))
    cells = [r.cells for _, table in content.tables() for r in table.rows if "KF-8" in r.cells[0]]
    assert cells == [
        ["KF-8 Andel elever nöjda med skolan", "80 % (2026)", "Tas fram av nämnd", "Vartannat år"]
    ]


def test_a_values_own_period_is_entered_on_the_row_and_checked(world, client_as):
    from styrkedja.followup.models import Outcome
    from styrkedja.followup.workflow import open_round

    round_ = open_round(world.committee, "2022-T1", by=world.users["controller"])
    part = round_.parts.get(goal__isnull=False)
    target = world.targets["feriejobb"]
    url = reverse("outcome_save", args=[part.pk, target.pk])
    prefix = f"i{target.pk}"
    client = client_as("controller")
    refused = client.post(
        url,
        {f"{prefix}-version": "0", f"{prefix}-total": "40", f"{prefix}-data_period": "förra året"},
        HTTP_HX_REQUEST="true",
    ).content.decode()
    assert f'id="id_{prefix}-data_period_error"' in refused
    assert "”förra året” är ingen period" in refused
    assert not Outcome.objects.filter(target=target).exists()
    client.post(
        url,
        {f"{prefix}-version": "0", f"{prefix}-total": "40", f"{prefix}-data_period": "2021"},
        HTTP_HX_REQUEST="true",
    )
    outcome = Outcome.objects.get(target=target)
    assert (outcome.data_period, outcome.version) == ("2021", 1)
    assert outcome.history.first().data_period == "2021"
