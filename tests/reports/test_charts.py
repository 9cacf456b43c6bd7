"""The chart specifications: the same data give the same chart, a text alternative that states the data,
series told apart by more than colour, axes that hold every value, and no chart where there is nothing
to draw. And the one text alternative is what all three formats carry."""

import io
import re
import zipfile
from decimal import Decimal

from lxml import etree

from styrkedja.reports import charts, tables
from styrkedja.reports.charts import ChartKind, Marker, Stroke
from styrkedja.reports.document import Amounts, AreaEconomy, Economy, HistoryPoint, IndicatorRow
from styrkedja.reports.renderers import docx, html, pdf

D = Decimal


def self_sufficient(**changes) -> IndicatorRow:
    """The seed's first indicator: 76,93 % for the full year 2020, 75,28 % (women 73,69 %, men 76,45 %) in
    T1 2021; and 74,5 % in T1 2020 (women 73,1 %, men 75,9 %)."""
    row = IndicatorRow(
        name="Andel aspiranter som är självförsörjande sex månader efter avslut på Jobbtorg Stockholm",
        unit="percent",
        direction="increase",
        periodicity="tertial",
        gender_split=True,
        decimals=0,
        table="council",
        target=D("72.0000"),
        history=[
            HistoryPoint("Tertial 1 2020", D("74.5"), D("75.9"), D("73.1"), period="2020-T1"),
            HistoryPoint("2020", D("76.93"), period="2020"),
            HistoryPoint(
                "Tertial 1 2021", D("75.2800"), D("76.4500"), D("73.6900"), D("72.0000"), period="2021-T1"
            ),
        ],
    )
    for key, value in changes.items():
        setattr(row, key, value)
    return row


def followup_economy() -> Economy:
    return Economy(
        areas=[
            AreaEconomy(
                "Jobbtorg Stockholm",
                [],
                Amounts("Kostnader", D("398.0"), D("398.0")),
                Amounts("Intäkter", D("-45.0"), D("-45.0")),
            ),
            AreaEconomy(
                "Vuxenutbildning Stockholm",
                [],
                Amounts("Kostnader", D("767.5"), D("780.0")),
                Amounts("Intäkter", D("-147.1"), D("-147.1")),
            ),
        ],
        requirement=[Amounts("Skolverket", D("-82.6"), D("-147.5"))],
    )


def test_the_same_data_give_the_same_chart():
    assert charts.indicator_chart(self_sufficient()) == charts.indicator_chart(self_sufficient())
    assert charts.deviation_chart(followup_economy()) == charts.deviation_chart(followup_economy())
    other = self_sufficient()
    other.history[0].total = D("70")
    assert charts.indicator_chart(other) != charts.indicator_chart(self_sufficient())


def test_the_text_alternative_states_every_value_the_women_the_men_and_the_target():
    chart = charts.indicator_chart(self_sufficient())
    assert chart.alt == (
        "Utfall Tertial 1 2020: 74,5\u00a0% (kvinnor 73,1\u00a0%, män 75,9\u00a0%); helår 2020: 76,93\u00a0%; "
        "Tertial 1 2021: 75,28\u00a0% (kvinnor 73,69\u00a0%, män 76,45\u00a0%); årsmål 72\u00a0%."
    )
    assert chart.title.startswith("Andel aspiranter som är självförsörjande")


def test_the_text_alternative_names_a_missing_value_and_an_earlier_target():
    row = self_sufficient(
        unit="months",
        target=D("5.5"),
        history=[
            HistoryPoint("2019", D("5.3"), target=D("6")),
            HistoryPoint("2020", None, D("5.2"), D("6.0")),
            HistoryPoint("Tertial 1 2021", D("5.5"), target=D("5.5")),
        ],
    )
    assert charts.indicator_chart(row).alt == (
        "Utfall helår 2019: 5,3\u00a0mån (mål 6\u00a0mån); helår 2020: uppgift saknas (kvinnor 6\u00a0mån, "
        "män 5,2\u00a0mån); Tertial 1 2021: 5,5\u00a0mån; årsmål 5,5\u00a0mån."
    )


def test_counts_print_with_their_unit():
    row = self_sufficient(
        unit="count",
        target=D("485"),
        history=[HistoryPoint("2020", D("359")), HistoryPoint("Tertial 1 2021", D("247"), D("148"), D("99"))],
    )
    assert charts.indicator_chart(row).alt == (
        "Utfall helår 2020: 359\u00a0st; Tertial 1 2021: 247\u00a0st (kvinnor 99\u00a0st, män 148\u00a0st); "
        "årsmål 485\u00a0st."
    )


def test_an_indicator_chart_has_a_line_per_series_told_apart_by_style_and_marker_too():
    chart = charts.indicator_chart(self_sufficient())
    assert chart.kind is ChartKind.LINES and chart.categories == ("2020", "2021")
    total, women, men, year = chart.series
    assert (total.name, total.values, total.labels) == (
        "Totalt, tertial 1",
        (D("74.5"), D("75.2800")),
        ("74,5\u00a0%", "75,28\u00a0%"),
    )
    assert (women.name, women.values) == ("Kvinnor, tertial 1", (D("73.1"), D("73.6900")))
    assert (men.name, men.values) == ("Män, tertial 1", (D("75.9"), D("76.4500")))
    assert (year.name, year.values, year.labels) == ("Helår", (D("76.93"), None), ())
    styles = {(s.stroke, s.marker) for s in chart.series} | {(chart.target.stroke, Marker.NONE)}
    assert len(styles) == 5, "no series is told apart by colour alone"
    assert (chart.target.name, chart.target.value, chart.target.label) == (
        "Årsmål",
        D("72.0000"),
        "Årsmål 72\u00a0%",
    )


def test_targets_that_changed_over_the_years_are_a_series_of_steps():
    row = self_sufficient(
        history=[
            HistoryPoint("2019", D("70"), target=D("68")),
            HistoryPoint("2020", D("76.93"), target=D("70")),
            HistoryPoint("Tertial 1 2021", D("75.28"), target=D("72")),
        ]
    )
    chart = charts.indicator_chart(row)
    assert chart.target is None
    [steps] = [s for s in chart.series if s.steps]
    assert (steps.name, steps.values, steps.stroke) == (
        "Mål",
        (D("68"), D("70"), D("72")),
        Stroke.DASH_DOTTED,
    )


def test_the_axis_holds_every_value_and_the_target_in_round_formatted_ticks():
    axis = charts.indicator_chart(self_sufficient(target=D("65"))).axis
    assert axis.low <= D("65") and axis.high >= D("76.93")
    assert [t.label for t in axis.ticks] == ["60\u00a0%", "65\u00a0%", "70\u00a0%", "75\u00a0%", "80\u00a0%"]
    assert (axis.low, axis.high) == (axis.ticks[0].value, axis.ticks[-1].value)


def test_the_same_period_across_the_years_and_a_full_year_never_joined_to_a_tertial():
    """Last year's full-year value beside this tertial's is two kinds of period: two series, each line
    joining its own kind only, so that 55 for 2020 and 0 for T1 2021 draw no falling line."""
    row = self_sufficient(
        unit="count",
        target=None,
        history=[
            HistoryPoint("Tertial 1 2019", D("20"), period="2019-T1"),
            HistoryPoint("2019", D("60"), period="2019"),
            HistoryPoint("2020", D("55"), period="2020"),
            HistoryPoint("Tertial 1 2021", D("0"), period="2021-T1"),
        ],
    )
    chart = charts.indicator_chart(row)
    assert chart.categories == ("2019", "2020", "2021")
    tertial, year = chart.series
    assert tertial.name == "Totalt, tertial 1" and tertial.values == (D("20"), None, D("0"))
    assert year.name == "Helår" and year.values == (D("60"), D("55"), None)
    for series in chart.series:  # no category holds values of two kinds in one series
        assert series.values in {tertial.values, year.values}


def test_a_full_year_report_shows_full_years_only_by_their_year():
    row = self_sufficient(
        history=[
            HistoryPoint("2019", D("70"), period="2019"),
            HistoryPoint("2020", D("71"), period="2020"),
            HistoryPoint("2021", D("73"), D("74"), D("72"), period="2021"),
        ]
    )
    chart = charts.indicator_chart(row)
    assert chart.categories == ("2019", "2020", "2021")
    assert [s.name for s in chart.series] == ["Totalt", "Kvinnor", "Män"]
    assert chart.series[0].values == (D("70"), D("71"), D("73"))


def test_a_year_without_a_value_breaks_the_line():
    row = self_sufficient(
        history=[
            HistoryPoint("Tertial 1 2019", D("70"), period="2019-T1"),
            HistoryPoint("Tertial 1 2021", D("73"), period="2021-T1"),
        ]
    )
    chart = charts.indicator_chart(row)
    assert chart.categories == ("2019", "2020", "2021") and chart.series[0].values == (D("70"), None, D("73"))


def test_a_label_moves_below_its_point_when_a_point_or_the_target_is_just_above():
    row = self_sufficient(
        target=D("80"),
        history=[
            HistoryPoint("Tertial 1 2020", D("70"), D("72"), D("50"), period="2020-T1"),
            HistoryPoint("Tertial 1 2021", D("60"), D("75"), D("45"), period="2021-T1"),
        ],
    )
    chart = charts.indicator_chart(row)
    total = chart.series[0]
    span = chart.axis.high - chart.axis.low
    assert D("72") - D("70") < span * charts.LABEL_ROOM  # the men's point sits where the label would
    assert total.labels_below == (True, False)


def test_percentages_never_run_below_zero():
    row = self_sufficient(
        history=[HistoryPoint("2020", D("55"), period="2020"), HistoryPoint("2021", D("2"), period="2021")],
        target=D("50"),
    )
    axis = charts.indicator_chart(row).axis
    assert axis.low == 0 and axis.high >= 55


def test_a_count_is_read_from_zero():
    row = self_sufficient(
        unit="count",
        target=D("485"),
        history=[HistoryPoint("2020", D("359")), HistoryPoint("Tertial 1 2021", D("247"), D("148"), D("99"))],
    )
    axis = charts.indicator_chart(row).axis
    assert axis.low == 0 and axis.ticks[0].label == "0\u00a0st" and axis.high >= 485


def test_nice_ticks_are_round_and_cover_the_range():
    assert charts.nice_ticks(D("-13"), D("64.9"), 5) == [D(-20), D(0), D(20), D(40), D(60), D(80)]
    assert charts.nice_ticks(D("0.12"), D("0.31"), 4) == [
        D("0.10"),
        D("0.15"),
        D("0.20"),
        D("0.25"),
        D("0.30"),
        D("0.35"),
    ]
    assert charts.nice_ticks(D(5), D(5)) == [D(5), D("5.25"), D("5.5"), D("5.75"), D(6)]


def test_no_indicator_chart_with_fewer_than_two_points():
    assert charts.indicator_chart(self_sufficient(history=[])) is None
    one = [HistoryPoint("Tertial 1 2021", D("85.52"), D("86.92"), D("83.22"))]
    assert charts.indicator_chart(self_sufficient(history=one)) is None


def test_the_deviation_chart_states_each_area_the_requirement_and_the_total():
    chart = charts.deviation_chart(followup_economy())
    assert chart.alt == (
        "Avvikelse, budget minus prognos, netto i mnkr; positivt är överskott: Jobbtorg Stockholm 0,0; "
        "Vuxenutbildning Stockholm -12,5; Nämndens intäktskrav 64,9; nämnden totalt 52,4."
    )
    assert chart.kind is ChartKind.BARS and chart.wide and not chart.legend
    [bars] = chart.series
    assert bars.labels == ("0,0", "-12,5", "+64,9")
    assert bars.negative_colour == charts.NEGATIVE != bars.colour
    assert chart.axis.ticks[0].value < D("-12.5") and chart.axis.ticks[-1].value > D("64.9")


def test_no_deviation_chart_without_forecasts():
    plan = followup_economy()
    for area in plan.areas:
        area.costs.forecast = area.revenues.forecast = None
    assert charts.deviation_chart(plan) is None
    assert charts.deviation_chart(Economy()) is None


def contrast_with_white(colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16)) for i in (1, 3, 5))
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


def test_every_series_colour_has_at_least_3_to_1_contrast_against_white():
    colours = [*charts.SERIES_COLOURS.values(), charts.POSITIVE, charts.NEGATIVE, charts.TEXT, charts.MUTED]
    assert min(contrast_with_white(c) for c in colours) >= 3


# --- One text alternative in all three formats ---------------------------------------------------------


def html_alts(page: bytes) -> list[str]:
    root = etree.fromstring(page, etree.HTMLParser())
    return [svg.get("aria-label") for svg in root.iter("svg")]


def docx_alts(data: bytes) -> list[str]:
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    return [e.get("descr") for e in body.iter("{*}docPr")]


def _pdf_string(token: bytes) -> str:
    if token.startswith(b"<"):
        raw = bytes.fromhex(token[1:-1].decode("ascii"))
        return raw[2:].decode("utf-16-be") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1")
    text = re.sub(rb"\\([()\\])", rb"\1", token[1:-1])
    return text[2:].decode("utf-16-be") if text.startswith(b"\xfe\xff") else text.decode("latin-1")


def pdf_alts(data: bytes) -> list[str]:
    """The /Alt of each Figure structure element (Typst writes the structure tree uncompressed)."""
    return [
        _pdf_string(m.group(1))
        for m in re.finditer(rb"/S\s*/Figure\b[^>]*?/Alt\s*(<[0-9A-Fa-f]+>|\((?:\\.|[^\\)])*\))", data)
    ]


def test_the_alt_text_of_a_chart_is_the_same_in_the_html_the_pdf_and_the_word_document(followup_doc):
    expected = [f.chart.alt for f in tables.report_content(followup_doc).figures()]
    assert len(expected) == 2 and all(alt.startswith(("Utfall", "Avvikelse")) for alt in expected)
    assert html_alts(html.render(followup_doc)) == expected
    assert pdf_alts(pdf.render(followup_doc)) == expected
    assert docx_alts(docx.render(followup_doc)) == expected


def test_points_of_unknown_period_are_categories_of_their_own_named_by_their_labels():
    row = self_sufficient(
        history=[HistoryPoint("Före reformen", D("70")), HistoryPoint("Efter reformen", D("74"))]
    )
    chart = charts.indicator_chart(row)
    assert chart.categories == ("Före reformen", "Efter reformen")
    assert chart.series[0].values == (D("70"), D("74"))
