"""Money and target fields read numbers as Swedes write them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styrkedja.web.forms.fields import SwedishDecimalField, money_field, parse_swedish_decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 393,1", "1393.1"),
        ("1\u00a0393,1", "1393.1"),
        ("1\u202f393,1", "1393.1"),
        ("-45,0", "-45.0"),
        ("\u221245,0", "-45.0"),
        ("- 45,0", "-45.0"),
        ("995,3", "995.3"),
        ("12.5", "12.5"),
        ("0", "0"),
        ("  72  ", "72"),
        ("1 051 700", "1051700"),
    ],
)
def test_it_parses_swedish_decimals(text, expected):
    assert parse_swedish_decimal(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text", ["abc", "1,2,3", "1 39 3,1", "12 mnkr", "1e5", "--4", ",5", "NaN", "1 393.1.2"]
)
def test_it_rejects_what_is_not_a_number(text):
    with pytest.raises(ValueError):
        parse_swedish_decimal(text)


def test_it_answers_garbage_with_a_swedish_message():
    field = money_field("Kostnader")
    with pytest.raises(Exception) as raised:
        field.clean("mycket")
    assert "Skriv ett tal" in str(raised.value)


def test_it_rejects_more_decimals_than_money_has():
    with pytest.raises(Exception) as raised:
        money_field("Kostnader").clean("12,34")
    assert "decimal" in str(raised.value)


def test_it_shows_a_stored_value_the_swedish_way():
    field = money_field("Kostnader")
    assert field.widget.format_value(Decimal("1393.1")) == "1 393,1"
    assert field.widget.format_value(Decimal("-45")) == "-45,0"
    assert SwedishDecimalField(required=False).widget.format_value(Decimal("5.5000")) == "5,5"
