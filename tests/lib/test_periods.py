import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styrkedja.lib.periods import (
    Period,
    PeriodError,
    PeriodKind,
    parse_period,
    period_for_periodicity,
    report_period,
)


@pytest.mark.parametrize(
    ("code", "start", "end", "label"),
    [
        ("2021-T1", dt.date(2021, 1, 1), dt.date(2021, 4, 30), "Tertial 1 2021"),
        ("2021-H1", dt.date(2021, 1, 1), dt.date(2021, 6, 30), "Halvår 1 2021"),
        ("2021-T2", dt.date(2021, 1, 1), dt.date(2021, 8, 31), "Tertial 2 2021"),
        ("2021", dt.date(2021, 1, 1), dt.date(2021, 12, 31), "2021"),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), "februari 2024"),
        ("2021-Q2", dt.date(2021, 4, 1), dt.date(2021, 6, 30), "Kvartal 2 2021"),
    ],
)
def test_it_knows_the_window_of_each_period(code, start, end, label):
    period = parse_period(code)
    assert (period.start, period.end, period.label) == (start, end, label)


def test_vb_is_the_full_year():
    assert parse_period("2021-VB") == parse_period("2021")


@pytest.mark.parametrize("code", ["2021-T4", "2021-13", "21-T1", "2021-X1", "T1", "2021-H3", ""])
def test_it_refuses_what_is_not_a_period(code):
    with pytest.raises(PeriodError):
        parse_period(code)


def test_a_half_year_indicator_has_no_value_in_the_first_tertial():
    t1 = parse_period("2021-T1")
    assert period_for_periodicity("half_year", t1) is None
    assert period_for_periodicity("tertial", t1) == t1
    assert period_for_periodicity("half_year", parse_period("2021-T2")).code == "2021-H1"
    assert period_for_periodicity("year", parse_period("2021")).code == "2021"


@given(st.sampled_from(["T1", "T2", "T3", "H1", "H2", "Q1", "Q4", "01", "12", ""]), st.integers(1990, 2100))
def test_codes_round_trip(suffix, year):
    code = f"{year}-{suffix}" if suffix else str(year)
    period = parse_period(code)
    assert parse_period(period.code) == period
    assert period.start <= period.end and period.contains(period.end)
    assert period.previous_year().year == year - 1


def test_periods_sort_by_year_first():
    assert sorted([parse_period("2022-T1"), parse_period("2021")]) == [
        Period(2021, PeriodKind.YEAR, 0),
        Period(2022, PeriodKind.TERTIAL, 1),
    ]


def test_the_third_tertial_is_reported_in_the_verksamhetsberattelse():
    assert report_period("2021-T3").code == "2021"
    assert report_period("2021-VB").code == "2021"
    assert report_period("2021-T2").code == "2021-T2"
