"""Validation of reported values by unit: errors refuse, warnings flag what is plausible but suspicious."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from styrkedja.lib.outcomes import OutcomeValues, validate_outcome


@pytest.mark.parametrize(
    ("unit", "value", "scale"),
    [
        ("percent", D("100.1"), None),
        ("percent", D("-0.5"), None),
        ("count", D("12.5"), None),
        ("count", D(-1), None),
        ("months", D("-0.1"), None),
        ("scale", D("5.2"), (D(1), D(5))),
        ("scale", D("0.9"), (D(1), D(5))),
    ],
)
def test_a_value_outside_its_unit_is_an_error(unit, value, scale):
    for field in ("total", "forecast"):
        verdict = validate_outcome(
            OutcomeValues(**{field: value}), unit=unit, gender_split=False, scale=scale
        )
        assert not verdict.ok and list(verdict.errors) == [field]


@pytest.mark.parametrize(
    ("unit", "value", "scale"),
    [
        ("percent", D(0), None),
        ("percent", D(100), None),
        ("count", D(0), None),
        ("months", D("7.5"), None),
        ("scale", D("4.4"), (D(1), D(5))),
        ("scale", D(999), None),  # a scale whose range is not known is not judged
        ("index", D(250), None),
    ],
)
def test_a_value_within_its_unit_is_accepted(unit, value, scale):
    verdict = validate_outcome(OutcomeValues(total=value), unit=unit, gender_split=False, scale=scale)
    assert verdict.ok and verdict.warnings == []


def test_women_and_men_are_required_where_the_indicator_is_split():
    verdict = validate_outcome(OutcomeValues(total=D(10), men=D(4)), unit="count", gender_split=True)
    assert list(verdict.errors) == ["women"]


def test_a_count_whose_parts_do_not_add_up_is_a_warning_not_an_error():
    verdict = validate_outcome(
        OutcomeValues(total=D(247), men=D(148), women=D(98)), unit="count", gender_split=True
    )
    assert verdict.ok and verdict.warnings == ["Män + kvinnor = 246, men utfallet är 247"]


def test_a_share_outside_women_and_men_is_a_warning():
    values = OutcomeValues(total=D(80), men=D("76.45"), women=D("73.69"))
    verdict = validate_outcome(values, unit="percent", gender_split=True)
    assert verdict.ok and verdict.warnings == [
        "Utfallet 80 ligger utanför männens och kvinnornas värden (73,69–76,45)"
    ]
    inside = OutcomeValues(total=D("75.28"), men=D("76.45"), women=D("73.69"))
    assert validate_outcome(inside, unit="percent", gender_split=True).warnings == []
