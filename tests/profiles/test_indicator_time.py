"""Indicators with their own time: a value older than the report (`data_period`) that the period check
respects, a multi-year target that is not judged before its year, a periodicity of every other year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from styrkedja.lib.periods import parse_period, period_for_periodicity
from styrkedja.profiles import stockholm
from styrkedja.reports import kinds
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


def test_every_other_year_is_measured_in_the_years_of_its_first_year():
    year_2021, year_2022 = parse_period("2021"), parse_period("2022")
    assert period_for_periodicity("every_other_year", year_2021, first_year=2021) == year_2021
    assert period_for_periodicity("every_other_year", year_2022, first_year=2021) is None
    assert period_for_periodicity("every_other_year", parse_period("2019"), first_year=2021) is not None
    assert period_for_periodicity("every_other_year", year_2022, first_year=2020) == year_2022
    assert period_for_periodicity("every_other_year", year_2022) == year_2022  # no first year: every year


def annual(row):
    doc = report(
        kind=kinds.ANNUAL,
        period="2022",
        period_label="2022",
        year=2022,
        period_start=dt.date(2022, 1, 1),
        period_end=dt.date(2022, 12, 31),
    )
    doc.goals[0].indicators = [row]
    return doc


def survey(first_year: int):
    """A survey measured every other year whose latest value, in the 2022 annual report, is 2021's."""
    row = indicator(
        periodicity="every_other_year",
        first_year=first_year,
        window_start=dt.date(2021, 1, 1),
        window_end=dt.date(2021, 12, 31),
    )
    row.period_label = ""  # not as printed: the Period column says what the periodicity gives
    return row


def test_the_period_check_takes_last_years_value_in_a_year_without_measurement():
    assert found(annual(survey(first_year=2021)), "indicator.window_differs") == []
    # In a year it is measured, last year's value is a window that differs, and the check says so.
    assert found(annual(survey(first_year=2022)), "indicator.window_differs") != []


def test_the_period_column_says_a_year_without_measurement():
    def period_cell(doc):
        content = t.report_content(doc)
        rows = [r for _, table in content.tables() for r in table.rows if r.cells[0].endswith("insatsen")]
        return rows[0].cells[-1]

    assert period_cell(annual(survey(first_year=2021))) == "Vartannat år, ej 2022"
    assert period_cell(annual(survey(first_year=2022))) == "2022"


def test_a_first_year_belongs_to_every_other_year_in_files_and_forms_alike():
    from styrkedja.lib.validation import first_year_problem
    from styrkedja.planfiles import schema

    message = "Första mätår hör bara till periodiciteten vartannat år."
    assert first_year_problem("year", 2021) == message
    assert first_year_problem("every_other_year", 2021) is None
    with pytest.raises(ValueError, match="vartannat år"):
        schema.Indicator(name="Enkät", unit="percent", periodicity="year", first_year=2021)
    ok = schema.Indicator(name="Enkät", unit="percent", periodicity="every_other_year", first_year=2021)
    assert ok.model_dump()["first_year"] == 2021
    bare = schema.Indicator(name="Enkät", unit="percent", periodicity="every_other_year")
    assert "first_year" not in bare.model_dump()  # files of before export as they were
