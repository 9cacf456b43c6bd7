"""The one Swedish number parser (forms, files, checks, importers) and the formatter it pairs with."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from styrkedja.lib.numbers import format_exact, format_number, parse_number

D = Decimal


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1 393,1", D("1393.1")),
        ("1\u00a0393,1", D("1393.1")),
        ("1\u202f393,1", D("1393.1")),
        ("-45,0", D("-45.0")),
        ("\u221245,0", D("-45.0")),
        ("\u201312", D("-12")),
        ("+ 5", D("5")),
        ("9 000", D("9000")),
        ("1051,7", D("1051.7")),
        ("5.5", D("5.5")),
        ("  72 ", D("72")),
    ],
)
def test_it_reads_numbers_as_swedes_write_them(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text", ["", "NaN", "inf", "Infinity", "1e5", "13 93,1", "1,2,3", "12 %", "tolv", "1.1.1"]
)
def test_anything_else_is_no_number(text):
    assert parse_number(text) is None


def test_in_print_a_point_is_no_decimal_mark():
    assert parse_number("1.1", decimal_point=False) is None
    assert parse_number("1,1", decimal_point=False) == D("1.1")


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_what_is_formatted_reads_back_exactly(value):
    assert parse_number(format_number(value, 2)) == value
    assert parse_number(format_exact(value)) == value


# One formatter for every place: the defects each of these tests stood for.


def test_an_indicator_value_has_the_indicators_decimals_and_never_fewer_than_it_holds():
    from styrkedja.lib.numbers import format_indicator_value

    assert format_indicator_value(Decimal("86"), "percent", 1) == "86,0\u00a0%"  # beside 90,1 %
    assert format_indicator_value(Decimal("90.1"), "percent", 1) == "90,1\u00a0%"
    assert format_indicator_value(Decimal("6"), "months", 1) == "6,0\u00a0mån"  # beside 5,2 mån
    assert format_indicator_value(Decimal("75.2800"), "percent", 0) == "75,28\u00a0%"
    assert format_indicator_value(Decimal("9796"), "count", 0) == "9\u00a0796\u00a0st"
    assert format_indicator_value(None, "count", 0) == ""


def test_money_always_has_its_one_decimal():
    from styrkedja.lib.numbers import format_mnkr

    assert [format_mnkr(Decimal(v)) for v in ("426", "-60", "1393.1")] == ["426,0", "-60,0", "1\u00a0393,1"]


def test_places_print_as_the_report_prints_them():
    assert (
        format_exact(Decimal("9796.0")) == "9\u00a0796" and format_exact(Decimal("9796.5")) == "9\u00a0796,5"
    )


def test_decimals_are_counted_in_proper_swedish():
    from styrkedja.lib.numbers import decimals_phrase, plural

    assert decimals_phrase(1) == "högst en decimal"
    assert decimals_phrase(4) == "högst 4 decimaler"
    assert decimals_phrase(0) == "inga decimaler"
    assert (plural(1, "decimal", "decimaler"), plural(2, "rad", "rader")) == ("1 decimal", "2 rader")


def test_dates_are_iso_and_moments_to_the_minute_and_running_text_says_the_month():
    import datetime as dt

    from styrkedja.lib.numbers import format_date_iso, format_date_long, format_datetime

    assert format_date_iso(dt.date(2021, 5, 3)) == "2021-05-03"
    assert format_date_iso(dt.datetime(2021, 5, 3, 14, 5)) == "2021-05-03"
    assert format_datetime(dt.datetime(2021, 5, 3, 14, 5, 59)) == "2021-05-03 14:05"
    assert format_date_long(dt.date(2021, 5, 3)) == "3 maj 2021"
    assert format_date_iso(None) == format_datetime(None) == ""


def test_the_formatter_keeps_values_apart_that_print_apart():
    assert format_number(Decimal("-0.0"), 1) == "-0,0" and format_number(Decimal("0"), 1) == "0,0"
    assert format_number(Decimal("72.0000"), 0) == format_number(Decimal("72"), 0) == "72"
    assert format_number(Decimal("72"), 2) == "72,00"
