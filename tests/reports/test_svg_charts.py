"""The charts of the HTML report: SVG written from the specification, text as text, named by the chart's
text alternative, ids of its own, escaped, the same text on every build."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from lxml import etree

from styrkedja.reports import charts
from styrkedja.reports.renderers.svg_charts import chart_svg
from tests.reports.test_charts import followup_economy, self_sufficient

D = Decimal
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
        "74,5\u00a0%",
        "75,28\u00a0%",
        "2020",
        "2021",
        "Årsmål 72\u00a0%",
        "Kvinnor, tertial 1",
        "Män, tertial 1",
        "Helår",
    ):
        assert label in shown, label
    assert [t.label for t in chart.axis.ticks] == [
        t for t in shown if t in {t.label for t in chart.axis.ticks}
    ]


def test_each_series_is_drawn_in_its_style():
    root = parsed(chart_svg(charts.indicator_chart(self_sufficient()), "f"))
    lines = {(p.get("stroke"), p.get("stroke-dasharray")) for p in root.iter(f"{SVG}polyline")}
    assert lines == {(charts.TOTAL, None), (charts.WOMEN, "6 3"), (charts.MEN, "1.5 3")}  # Helår: one point
    dashes = {line.get("stroke-dasharray") for line in root.iter(f"{SVG}line")}
    assert {"6 3", "1.5 3", "6 3 1.5 3"} <= dashes  # women, men, the target (in the legend and across)
    # the women's triangles (two points and the legend), the full year's diamond (its point and the legend)
    assert len(list(root.iter(f"{SVG}polygon"))) == 5


def test_a_line_breaks_where_a_year_has_no_value_and_a_label_goes_below_when_asked():
    from styrkedja.reports.document import HistoryPoint

    row = self_sufficient(
        target=None,
        history=[
            HistoryPoint("Tertial 1 2018", D("70"), period="2018-T1"),
            HistoryPoint("Tertial 1 2019", D("71"), period="2019-T1"),
            HistoryPoint("Tertial 1 2021", D("73"), period="2021-T1"),
            HistoryPoint("Tertial 1 2022", D("74"), period="2022-T1"),
        ],
    )
    chart = charts.indicator_chart(row)
    root = parsed(chart_svg(chart, "f"))
    assert len(list(root.iter(f"{SVG}polyline"))) == 2  # 2018–2019 and 2021–2022, nothing across 2020
    below = replace(chart, series=(replace(chart.series[0], labels_below=(True, False, False, False)),))
    y = {t.text: float(t.get("y")) for t in parsed(chart_svg(below, "f")).iter(f"{SVG}text")}
    above = {t.text: float(t.get("y")) for t in root.iter(f"{SVG}text")}
    assert y["70\u00a0%"] > above["70\u00a0%"] and y["71\u00a0%"] == above["71\u00a0%"]


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


def test_a_long_legend_wraps_within_the_chart_and_the_target_is_named_there_with_its_value():
    from styrkedja.reports.renderers import svg_charts

    chart = charts.indicator_chart(self_sufficient(target=Decimal("75.2800")))
    long = replace(chart, series=tuple(replace(s, name=s.name + " i hela staden") for s in chart.series))
    root = parsed(chart_svg(long, "f"))
    size = svg_charts.SIZE
    boxes = []
    for t in root.iter(f"{SVG}text"):
        x, y, text = float(t.get("x")), float(t.get("y")), t.text or ""
        width = svg_charts._width(text, float(t.get("font-size")))
        start = {"start": x, "middle": x - width / 2, "end": x - width}[t.get("text-anchor")]
        assert start >= 0 and start + width <= svg_charts.WIDTH, text
        boxes.append((text, start, y, start + width))
    legend = [b for b in boxes if b[0].endswith("i hela staden") or b[0].startswith("Årsmål")]
    assert len({y for _, _, y, _ in legend}) > 1, "the legend has more than one row"
    assert "Årsmål 75,28\u00a0%" in [b[0] for b in legend]
    for i, (a, a0, ay, a1) in enumerate(boxes):
        for b, b0, by, b1 in boxes[i + 1 :]:
            assert not (abs(ay - by) < size and min(a1, b1) > max(a0, b0)), f"{a!r} and {b!r} overlap"
