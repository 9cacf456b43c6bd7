"""The city's document kinds: T1 the tertialrapport, T2 the delårsrapport, the year the årsredovisning;
a committee's kinds stay as they were."""

from __future__ import annotations

from styrkedja.lib.periods import parse_period
from styrkedja.reports import kinds
from styrkedja.reports.kinds import Part


def test_each_period_of_the_city_has_its_kind_and_a_committees_are_unchanged():
    assert kinds.for_period(parse_period("2021-T1"), city=True) is kinds.CITY_TERTIAL
    assert kinds.for_period(parse_period("2021-T2"), city=True) is kinds.CITY_INTERIM
    assert kinds.for_period(parse_period("2021"), city=True) is kinds.CITY_ANNUAL
    assert kinds.for_period(parse_period("2021-T1")) is kinds.TERTIAL
    assert kinds.for_period(parse_period("2021-T2")) is kinds.TERTIAL
    assert kinds.for_period(parse_period("2021")) is kinds.ANNUAL
    assert kinds.CITY_ANNUAL.assesses_outcomes and not kinds.CITY_INTERIM.assesses_outcomes
    for kind in (kinds.CITY_TERTIAL, kinds.CITY_INTERIM, kinds.CITY_ANNUAL):
        assert (
            kind.has(Part.CITY_GOALS) and kind.has(Part.CITY_OPERATIONS) and kind.has(Part.CITY_INVESTMENTS)
        )
        assert not kind.has(Part.FOLLOWUP_ECONOMY)
