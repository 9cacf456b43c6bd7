"""Indicators with their own time: a value older than the report (`data_period`) that the period check
respects, a multi-year target that is not judged before its year, a periodicity of every other year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from styrkedja.lib.periods import parse_period, period_for_periodicity
from styrkedja.profiles import stockholm
from styrkedja.reports import tables as t
from tests.checks.factory import found, goal, indicator, report


def old_value(**kw):
    """A T1 2021 row whose value is last year's statistics."""
    return indicator(
        window_start=dt.date(2020, 1, 1), window_end=dt.date(2020, 12, 31), periodicity="year", **kw
    )


def with_row(row):
    doc = report()
    doc.goals[0].indicators = [row]
    return doc


def test_a_value_of_its_own_period_is_not_taken_for_a_mistaken_window():
    assert found(with_row(old_value()), "indicator.window_differs") != []
    doc = with_row(old_value(data_period="2020"))
    assert found(doc, "indicator.window_differs") == []
    assert found(doc, "indicator.data_period_after_report") == []
    content = t.report_content(doc)
    rows = [
        r
        for _, table in content.tables()
        for r in table.rows
        if r.cells[0].endswith("Antal deltagare i insatsen")
    ]
    assert rows and rows[0].cells[-1] == "2020"


def test_a_value_said_to_come_from_after_the_report_is_an_error():
    [finding] = found(with_row(old_value(data_period="2021-T2")), "indicator.data_period_after_report")
    assert finding.severity.value == "error" and "2021-T2" in finding.message


def test_every_other_year_reports_in_the_annual_report_like_a_year():
    assert period_for_periodicity("every_other_year", parse_period("2021-T1")) is None
    assert period_for_periodicity("every_other_year", parse_period("2021")) == parse_period("2021")


def test_a_target_for_a_later_year_is_printed_with_its_year():
    row = indicator(target=Decimal(80), target_year=2025, unit="percent")
    assert t.target_text(row) == "80 % (2025)"
    assert stockholm().unit_decimals("percent") == 0
    assert goal().level == "committee"
