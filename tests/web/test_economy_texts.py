"""The economy section's texts are written in the browser's forms, with the version read, and printed."""

from __future__ import annotations

from django.urls import reverse

from styrkedja.budget.models import BudgetArea, PlanEconomy
from styrkedja.followup.models import EconomyText
from styrkedja.followup.workflow import open_round
from tests.factories import as_read


def test_the_plans_economy_texts_with_an_area_commentary_and_a_table(world, client_as):
    client = client_as("controller")
    url = reverse("economy_texts_edit", args=[world.plan.pk])
    assert "Ekonomiavsnittets texter" in client.get(url).content.decode()
    area = world.areas["Jobbtorg Stockholm"]
    table = "Tabell: Budget per år\n| År | mnkr |\n|---|---:|\n| 2021 | 412,0 |\n| 2022 | 425,9 |"
    data = as_read(client, url, {"summary": table, "requirement_commentary": "Kravet är oförändrat."})
    for a in BudgetArea.objects.filter(plan=world.plan):
        data[f"area_{a.pk}"] = "Ramen ökar med 13,9 mnkr." if a.pk == area.pk else a.commentary
    assert client.post(url, data).status_code == 302
    economy = PlanEconomy.objects.get(plan=world.plan)
    assert economy.summary == table and economy.requirement_commentary == "Kravet är oförändrat."
    assert BudgetArea.objects.get(pk=area.pk).commentary == "Ramen ökar med 13,9 mnkr."
    stale = client.post(url, {**data, "summary": "Ett annat ord."})
    assert stale.status_code == 409
    assert PlanEconomy.objects.get(plan=world.plan).summary == table
    report = client.get(reverse("plan_report", args=[world.plan.pk, "html"])).content.decode()
    assert "Ramen ökar med 13,9 mnkr." in report and "425,9" in report


def test_the_rounds_economy_texts(world, client_as):
    round_ = open_round(world.committee, "2022-T1", by=None)
    client = client_as("controller")
    url = reverse("round_economy_texts", args=[round_.pk])
    response = client.post(url, {"version": "0", "summary": "Prognosen är ett överskott på 64,9 mnkr."})
    assert response.status_code == 302
    assert EconomyText.objects.get(round=round_).summary == "Prognosen är ett överskott på 64,9 mnkr."
    page = client.get(reverse("round_economy", args=[round_.pk])).content.decode()
    assert "Prognosen är ett överskott på 64,9 mnkr." in page
    assert client_as("reporter").post(url, {"version": "1", "summary": "x"}).status_code == 403
