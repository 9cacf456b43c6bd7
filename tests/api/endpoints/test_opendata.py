"""Open data through the API: the Fiscal Data Package's descriptor and its CSV files."""

from __future__ import annotations

from styrkedja.lib.vocabulary import PlanStatus


def test_the_datapackage_and_the_budget_csv(world, api_as):
    world.plan.status = PlanStatus.ADOPTED
    world.plan.save()
    client = api_as("reader")
    package = client.get("/organisations/amn/open-data/datapackage.json").json()
    assert package["profile"] == "fiscal-data-package"
    budget = client.get("/organisations/amn/open-data/budget.csv")
    assert budget.status_code == 200 and budget["Content-Type"].startswith("text/csv")
    assert budget.content.decode().splitlines()[0].startswith("organisation_code,")
    assert "Jobbtorg Stockholm" in budget.content.decode()
    assert client.get("/organisations/amn/open-data/other.csv").status_code == 422
    assert client.get("/organisations/utbn/open-data/datapackage.json").status_code == 404
