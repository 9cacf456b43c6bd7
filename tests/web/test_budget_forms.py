"""Editing an area's budget and the intäktskrav, with Swedish amounts."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from styrkedja.budget.models import AreaBudget, RevenueRequirementAmount
from tests.factories import as_read


def area_data(world, **overrides) -> dict[str, str]:
    data = {}
    for version, (costs, revenues) in zip(
        world.versions, [("425,9", "-58,4"), ("398,0", "-45,0"), ("400,8", "-45,0")], strict=True
    ):
        data[f"costs_{version.pk}"] = costs
        data[f"revenues_{version.pk}"] = revenues
    data.update(overrides)
    return data


def test_it_shows_the_stored_amounts_the_swedish_way(world, client_as):
    area = world.areas["Vuxenutbildning Stockholm"]
    html = client_as("controller").get(reverse("area_budget_edit", args=[area.pk])).content.decode()
    assert 'value="815,7"' in html
    assert 'value="-138,3"' in html


def test_it_saves_swedish_amounts_and_records_the_user(world, client_as):
    area = world.areas["Jobbtorg Stockholm"]
    version = world.versions[0]
    response = client_as("controller").post(
        reverse("area_budget_edit", args=[area.pk]),
        as_read(
            client_as("controller"),
            reverse("area_budget_edit", args=[area.pk]),
            area_data(world, **{f"costs_{version.pk}": "1 393,1", f"revenues_{version.pk}": "-45,0"}),
        ),
    )
    assert response.status_code == 302
    budget = AreaBudget.objects.get(area=area, version=version)
    assert (budget.costs, budget.revenues) == (Decimal("1393.1"), Decimal("-45.0"))
    assert budget.history.first().history_user == world.users["controller"]
    assert AreaBudget.objects.get(area=area, version=world.versions[1]).history.count() == 1  # unchanged


def test_it_refuses_negative_costs_positive_revenues_and_garbage(world, client_as):
    area = world.areas["Jobbtorg Stockholm"]
    v1, v2, v3 = world.versions
    response = client_as("controller").post(
        reverse("area_budget_edit", args=[area.pk]),
        as_read(
            client_as("controller"),
            reverse("area_budget_edit", args=[area.pk]),
            area_data(
                world, **{f"costs_{v1.pk}": "-1,0", f"revenues_{v2.pk}": "45,0", f"costs_{v3.pk}": "fyra"}
            ),
        ),
    )
    html = response.content.decode()
    assert "Kostnader kan inte vara negativa." in html
    assert "Intäkter skrivs som negativa belopp" in html
    assert "Skriv ett tal, till exempel 1 393,1 eller -45,0." in html
    assert html.count('aria-invalid="true"') == 3
    assert AreaBudget.objects.get(area=area, version=v1).costs == Decimal("425.9")


def test_it_edits_the_revenue_requirement(world, client_as):
    line = world.plan.revenue_requirements.get(label="Statsbidrag för Etableringscentrum")
    client = client_as("controller")
    url = reverse("requirements_edit", args=[world.plan.pk])
    data = {}
    for other in world.plan.revenue_requirements.all():
        for amount in other.amounts.all():
            data[f"amount_{other.pk}_{amount.version_id}"] = str(amount.amount).replace(".", ",")
    v1 = world.versions[0]
    refused = client.post(
        url, as_read(client, url, {**data, f"amount_{line.pk}_{v1.pk}": "12,2"})
    ).content.decode()
    assert "Intäktskrav skrivs som negativa belopp" in refused
    response = client.post(
        url,
        as_read(
            client,
            url,
            {**data, f"amount_{line.pk}_{v1.pk}": "-13,0", f"amount_{line.pk}_{world.versions[1].pk}": ""},
        ),
    )
    assert response.status_code == 302
    assert RevenueRequirementAmount.objects.get(line=line, version=v1).amount == Decimal("-13.0")
    assert not RevenueRequirementAmount.objects.filter(line=line, version=world.versions[1]).exists()
    economy = client.get(reverse("economy", args=[world.plan.pk])).content.decode()
    assert "995,3" not in economy  # the total moved with the requirement
    assert "994,5" in economy
