"""Reading lines, Swedish numbers and dates, whatever the layout."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from styrkedja.importers.text import Ledger, parse_number, parse_quantity, split_lines, swedish_date


def test_swedish_numbers() -> None:
    assert parse_number("1 393,1") == Decimal("1393.1")
    assert parse_number("-58,4") == Decimal("-58.4")
    assert parse_number("1051,7") == Decimal("1051.7")
    assert parse_number("abc") is None
    quantity = parse_quantity("5,5 mån")
    assert quantity is not None and (quantity.value, quantity.unit, quantity.decimals) == (
        Decimal("5.5"),
        "mån",
        1,
    )
    assert parse_quantity("9 000 st") is not None
    assert parse_quantity("72 procent") is None


def test_a_date_written_out_in_swedish_is_read() -> None:
    assert swedish_date("Arbetsmarknadsnämnden den 18 maj 2021") == dt.date(2021, 5, 18)
    assert swedish_date("den 31 juni 2021") is None
    assert swedish_date("2021-05-18") is None


def test_the_ledger_marks_as_noise_only_what_the_layout_calls_noise() -> None:
    lines = split_lines("Sid 1 (2)\n\nText\n")
    assert Ledger(lines).status == {2: Ledger.BLANK, 4: Ledger.BLANK}
    noisy = Ledger(lines, noise=lambda line: line.text.startswith("Sid "))
    assert noisy.status == {1: Ledger.NOISE, 2: Ledger.BLANK, 4: Ledger.BLANK}
