"""The Word reports' chart pictures kept in the database: drawn once per data, by any process."""

from __future__ import annotations

import pytest

from styrkedja.followup.chart_images import ChartImage, DatabaseImages
from styrkedja.reports import charts
from styrkedja.reports.renderers import typst_charts
from tests.reports.test_charts import self_sufficient

pytestmark = pytest.mark.django_db


def test_the_follow_up_app_registers_the_database_as_the_store():
    assert [type(s) for s in typst_charts._STORE] == [DatabaseImages]


def test_a_picture_is_stored_once_and_read_back(monkeypatch):
    typst_charts._CACHE.clear()
    chart = charts.indicator_chart(self_sufficient())
    [drawn] = typst_charts.chart_images([chart])
    assert list(ChartImage.objects.values_list("key", flat=True)) == [typst_charts.image_key(chart)]
    DatabaseImages().save({typst_charts.image_key(chart): drawn})  # a second process storing it too
    assert ChartImage.objects.count() == 1
    typst_charts._CACHE.clear()
    monkeypatch.setattr(typst_charts.typesetting, "compile_png", lambda *a, **k: pytest.fail("drawn again"))
    assert typst_charts.chart_images([chart]) == [drawn]
    typst_charts._CACHE.clear()
