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
