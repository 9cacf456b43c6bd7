"""Charts for the reports: the same bytes on every build, a text alternative that states the data, and
no chart where there is nothing to draw."""

import struct
from decimal import Decimal

import pytest

from styrkedja.reports import charts
from styrkedja.reports.document import Amounts, AreaEconomy, Economy, HistoryPoint, IndicatorRow

D = Decimal


def self_sufficient(**changes) -> IndicatorRow:
    """The seed's first indicator: 76,93 % in 2020, 75,28 % (women 73,69 %, men 76,45 %) in T1 2021."""
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
            HistoryPoint("2020", D("76.93")),
            HistoryPoint("Tertial 1 2021", D("75.2800"), D("76.4500"), D("73.6900"), D("72.0000")),
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


@pytest.fixture(autouse=True)
def fresh_cache():
    charts._CACHE.clear()
    yield
    charts._CACHE.clear()


def png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def test_an_indicator_chart_is_the_same_bytes_on_every_build():
    first = charts.indicator_chart(self_sufficient())
    charts._CACHE.clear()
    second = charts.indicator_chart(self_sufficient())
    assert first is not None and second is not None and first is not second
    assert first.svg == second.svg and first.png == second.png


def test_a_deviation_chart_is_the_same_bytes_on_every_build():
    first = charts.deviation_chart(followup_economy())
    second = charts.deviation_chart(followup_economy())
    assert first is not None and second is not None
    assert first.svg == second.svg and first.png == second.png


def test_the_text_alternative_states_every_value_the_women_the_men_and_the_target():
    chart = charts.indicator_chart(self_sufficient())
    assert chart.alt == (
        "Utfall 2020: 76,93\u00a0%; Tertial 1 2021: 75,28\u00a0% (kvinnor 73,69\u00a0%, män 76,45\u00a0%); "
        "årsmål 72\u00a0%."
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
        "Utfall 2019: 5,3\u00a0mån (mål 6\u00a0mån); 2020: uppgift saknas (kvinnor 6\u00a0mån, män 5,2\u00a0mån); "
        "Tertial 1 2021: 5,5\u00a0mån; årsmål 5,5\u00a0mån."
    )


def test_counts_print_with_their_unit():
    row = self_sufficient(
        unit="count",
        target=D("485"),
        history=[HistoryPoint("2020", D("359")), HistoryPoint("Tertial 1 2021", D("247"), D("148"), D("99"))],
    )
    assert charts.indicator_chart(row).alt == (
        "Utfall 2020: 359\u00a0st; Tertial 1 2021: 247\u00a0st (kvinnor 99\u00a0st, män 148\u00a0st); "
        "årsmål 485\u00a0st."
    )


def test_the_svg_carries_its_title_and_description_keeps_text_as_text_and_has_no_date():
    chart = charts.indicator_chart(self_sufficient())
    assert "<title>Andel aspiranter" in chart.svg
    assert f"<desc>{chart.alt}</desc>" in chart.svg
    assert "75,28\u00a0%" in chart.svg and "Kvinnor" in chart.svg and "Män" in chart.svg  # real <text>
    assert "<dc:date>" not in chart.svg and "Matplotlib v" not in chart.svg


def test_the_png_has_a_fixed_size_and_no_software_or_time_stamp():
    chart = charts.indicator_chart(self_sufficient())
    assert png_size(chart.png) == (
        round(charts.WIDTH_IN * charts.PNG_DPI),
        round(charts.HEIGHT_IN * charts.PNG_DPI),
    )
    assert b"Software" not in chart.png and b"tIME" not in chart.png


def test_no_indicator_chart_with_fewer_than_two_points():
    assert charts.indicator_chart(self_sufficient(history=[])) is None
    one = [HistoryPoint("Tertial 1 2021", D("85.52"), D("86.92"), D("83.22"))]
    assert charts.indicator_chart(self_sufficient(history=one)) is None
    empty = [HistoryPoint("2020", None), HistoryPoint("Tertial 1 2021", D("40"))]
    assert charts.indicator_chart(self_sufficient(history=empty)) is None


def test_the_deviation_chart_states_each_area_the_requirement_and_the_total():
    chart = charts.deviation_chart(followup_economy())
    assert chart.alt == (
        "Avvikelse, budget minus prognos, netto i mnkr; positivt är överskott: Jobbtorg Stockholm 0,0; "
        "Vuxenutbildning Stockholm -12,5; Nämndens intäktskrav 64,9; nämnden totalt 52,4."
    )
    assert "+64,9" in chart.svg and "-12,5" in chart.svg


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
    colours = [*charts.SERIES_COLOURS.values(), charts.POSITIVE, charts.NEGATIVE, charts.TEXT]
    assert min(contrast_with_white(c) for c in colours) >= 3


def test_a_chart_is_drawn_once_for_the_same_values():
    row = self_sufficient()
    assert charts.indicator_chart(row) is charts.indicator_chart(self_sufficient())
    row.history[0].total = D("70")
    assert charts.indicator_chart(row) is not charts.indicator_chart(self_sufficient())
