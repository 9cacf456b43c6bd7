"""The charts of the HTML report: SVG written from the specification, text as text, named by the chart's
text alternative, ids of its own, escaped, the same text on every build."""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from styrkedja.reports import charts
from styrkedja.reports.renderers.svg_charts import chart_svg
from tests.reports.test_charts import followup_economy, self_sufficient

SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> etree._Element:
    return etree.fromstring(svg.encode("utf-8"))


def texts(root: etree._Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text")]


def test_an_indicator_chart_is_an_image_named_by_its_text_alternative_with_its_values_as_text():
    chart = charts.indicator_chart(self_sufficient())
    root = parsed(chart_svg(chart, "figur-1"))
    assert (root.get("role"), root.get("aria-label")) == ("img", chart.alt)
    assert root.find(f"{SVG}title").text == chart.title and root.find(f"{SVG}desc").text == chart.alt
    shown = texts(root)
    for label in (
        "76,93\u00a0%",
        "75,28\u00a0%",
        "2020",
        "Tertial 1 2021",
        "Årsmål 72\u00a0%",
        "Kvinnor",
        "Män",
    ):
        assert label in shown, label
    assert [t.label for t in chart.axis.ticks] == [
        t for t in shown if t in {t.label for t in chart.axis.ticks}
    ]


def test_each_series_is_drawn_in_its_style():
    root = parsed(chart_svg(charts.indicator_chart(self_sufficient()), "f"))
    assert root.find(f"{SVG}polyline").get("stroke") == charts.TOTAL  # the only series with two points
    dashes = {line.get("stroke-dasharray") for line in root.iter(f"{SVG}line")}
    assert {"6 3", "1.5 3", "6 3 1.5 3"} <= dashes  # women, men, the target (in the legend and across)
    assert len(list(root.iter(f"{SVG}polygon"))) == 2  # the women's triangle, at its point and in the legend


def test_a_deficit_is_hatched_with_a_pattern_of_the_charts_own():
    root = parsed(chart_svg(charts.deviation_chart(followup_economy()), "ekonomi-diagram"))
    [pattern] = root.iter(f"{SVG}pattern")
    assert pattern.get("id") == "ekonomi-diagram-negativ"
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect") if r.getparent().tag != f"{SVG}pattern"]
    assert fills == [charts.POSITIVE, "url(#ekonomi-diagram-negativ)", charts.POSITIVE]
    assert {"+64,9", "-12,5", "0,0", charts.deviation_axis()} <= set(texts(root))


def test_it_is_the_same_text_on_every_build_and_escapes_what_it_prints():
    row = self_sufficient(name='Andel "nöjda" <brukare> & anhöriga')
    first = chart_svg(charts.indicator_chart(row), "f")
    assert first == chart_svg(charts.indicator_chart(self_sufficient(name=row.name)), "f")
    assert parsed(first).find(f"{SVG}title").text == 'Andel "nöjda" <brukare> & anhöriga'


def test_long_labels_wrap_instead_of_running_over():
    economy = followup_economy()
    economy.areas[0].name = "Stadsövergripande verksamhet inklusive Finsam och annat"
    root = parsed(chart_svg(charts.deviation_chart(economy), "f"))
    shown = texts(root)
    assert "Stadsövergripande verksamhet inklusive Finsam och annat" not in shown
    assert any(line.startswith("Stadsövergripande") for line in shown)


def test_a_chart_without_values_below_zero_needs_no_hatching():
    economy = followup_economy()
    economy.areas[1].costs.forecast = Decimal("767.5")
    root = parsed(chart_svg(charts.deviation_chart(economy), "f"))
    assert all(r.get("fill") != "url(#f-negativ)" for r in root.iter(f"{SVG}rect"))
