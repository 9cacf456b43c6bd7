"""Kolada through the API: the catalogue searched, one indicator's KPI synced into its series."""

from __future__ import annotations

from styrkedja.plans.models import SeriesValue


def test_the_catalogue_is_searched(world, api_as, kolada_linked):
    found = api_as("reader").get("/kolada/kpis?q=N00945").json()
    assert [k["id"] for k in found] == ["N00945"]
    assert api_as("reader").get("/kolada/kpis?limit=0").status_code == 422


def test_one_indicator_is_synced_into_its_series(world, api_as, kolada_linked):
    response = api_as("controller").request("POST", f"/targets/{kolada_linked.pk}/kolada-sync")
    assert response.status_code == 200
    body = response.json()
    assert body["kpi"] == "N00945" and "0000" in body["areas"] and body["values"] > 0
    assert body["series_changed"] > 0
    assert SeriesValue.objects.filter(series=kolada_linked.indicator.series, source="kolada").exists()


def test_an_indicator_without_a_kpi_is_refused_naming_the_field(world, api_as, kolada_linked):
    response = api_as("controller").request("POST", f"/targets/{world.targets['feriejobb'].pk}/kolada-sync")
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "body.kolada_kpi"
