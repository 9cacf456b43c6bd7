"""The rating scale of the roll-up and the one rule that suggests a rating from counts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styrkedja.lib.assessment import Rule
from styrkedja.lib.ratings import (
    DEFAULT_SCALE,
    Scale,
    add_counts,
    indicator_rating,
    scale,
    suggest_from_counts,
)


def test_the_scale_today_is_the_vocabularys_fulfilment_best_first():
    assert scale().keys == ("fully", "partly", "not")
    assert [scale().score(k) for k in scale().keys] == [Decimal(1), Decimal("0.5"), Decimal(0)]


def test_the_suggestion_follows_the_mean_score_and_the_thresholds():
    assert suggest_from_counts({"fully": 5}, DEFAULT_SCALE) == "fully"
    assert suggest_from_counts({"fully": 4, "partly": 1}, DEFAULT_SCALE) == "partly"
    assert suggest_from_counts({"partly": 2, "not": 1}, DEFAULT_SCALE) == "not"  # 1/3 < 0.5
    assert suggest_from_counts({"fully": 1, "not": 1}, DEFAULT_SCALE) == "partly"
    assert suggest_from_counts({"missing": 3}, DEFAULT_SCALE) is None  # non-ratings do not count
    lenient = Rule(fully_at=Decimal("0.8"), partly_at=Decimal("0.3"))
    assert suggest_from_counts({"fully": 4, "partly": 1}, DEFAULT_SCALE, lenient) == "fully"


@pytest.mark.parametrize("levels", [2, 4, 6])
def test_another_scale_of_two_to_six_levels_needs_no_other_code(levels):
    keys = tuple(f"k{i}" for i in range(levels))
    other = Scale(keys, {k: k for k in keys})
    assert suggest_from_counts({keys[0]: 3}, other) == keys[0]
    assert suggest_from_counts({keys[-1]: 3}, other) == keys[-1]
    middle = suggest_from_counts({keys[0]: 1, keys[-1]: 1}, other)
    assert middle == (keys[-1] if levels == 2 else middle) and middle in keys


def test_a_scale_has_two_to_six_levels():
    with pytest.raises(ValueError):
        Scale(("only",), {})


def test_indicators_rate_best_when_met_and_worst_when_not():
    assert indicator_rating(True, DEFAULT_SCALE) == "fully"
    assert indicator_rating(False, DEFAULT_SCALE) == "not"
    assert indicator_rating(None, DEFAULT_SCALE) is None
    assert add_counts({"fully": 1}, {"fully": 2, "not": 1}) == {"fully": 3, "not": 1}
