"""Ratings counted per key of a profile's scale, and the suggestion from counts under the profile's rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styrkedja.profiles import stockholm
from styrkedja.profiles.counts import (
    MISSING,
    NO_OUTCOME,
    add_counts,
    empty_counts,
    share_of,
    suggest_goal,
    suggest_indicator_from_counts,
)
from styrkedja.profiles.schema import Profile


def _profile(**changes) -> Profile:
    data = stockholm().model_dump(mode="json")
    data.update(changes)
    return Profile.model_validate(data)


def test_stockholms_counts_are_kept_per_key_of_its_scales():
    profile = stockholm()
    assert empty_counts(profile.ratings) == {"fully": 0, "partly": 0, "not": 0}
    assert add_counts({"fully": 1}, {"fully": 2, "not": 1}) == {"fully": 3, "not": 1}


def test_the_goal_suggestion_follows_the_mean_score_and_the_profiles_thresholds():
    profile = stockholm()  # at least 1.0 for fully, 0.5 for partly
    assert suggest_goal(profile, {"fully": 5}) == "fully"
    assert suggest_goal(profile, {"fully": 4, "partly": 1}) == "partly"
    assert suggest_goal(profile, {"partly": 2, "not": 1}) == "not"  # 1/3 < 0.5
    assert suggest_goal(profile, {"fully": 1, "not": 1}) == "partly"
    assert suggest_goal(profile, {MISSING: 3}, {NO_OUTCOME: 2}) is None  # nothing counted, no suggestion
    # The indicators count on their own scale: two of them missed pull five helt down.
    assert suggest_goal(profile, {"fully": 5}, {"met": 3, "not_met": 2}) == "partly"
    lenient = _profile(goal_rule={"at_least": {"fully": "0.8", "partly": "0.3"}})
    assert suggest_goal(lenient, {"fully": 4, "partly": 1}) == "fully"


def test_non_ratings_count_in_no_tally():
    profile = _profile(
        ratings={
            "scale": [
                {"key": "green", "label": "Uppnått", "colour": "#1e6b34"},
                {"key": "red", "label": "Ej uppnått", "colour": "#b42318"},
            ],
            "non_ratings": [{"key": "unknown", "label": "Kan ej bedömas"}],
        },
        goal_rule={"at_least": {"green": "0.75"}},
    )
    assert share_of([({"green": 3, "unknown": 5}, profile.ratings)]) == Decimal(1)
    assert suggest_goal(profile, {"green": 3, "red": 1, "unknown": 9}) == "green"
    assert suggest_goal(profile, {"unknown": 9}) is None


@pytest.mark.parametrize("levels", [2, 4, 6])
def test_a_scale_of_two_to_six_levels_needs_no_other_code(levels):
    keys = [f"k{i}" for i in range(levels)]
    scale = {"scale": [{"key": k, "label": k.upper(), "colour": "#333333"} for k in keys]}
    at_least = {k: str(Decimal(levels - 1 - i) / Decimal(levels)) for i, k in enumerate(keys[:-1])}
    profile = _profile(ratings=scale, goal_rule={"at_least": at_least})
    assert suggest_goal(profile, {keys[0]: 3}) == keys[0]
    assert suggest_goal(profile, {keys[-1]: 3}) == keys[-1]
    assert suggest_goal(profile, {keys[0]: 1, keys[-1]: 1}) in keys


def test_an_indicator_without_a_city_value_is_rated_from_the_committees_that_meet_it():
    assert suggest_indicator_from_counts(stockholm(), met=4, missed=0) == "met"
    assert suggest_indicator_from_counts(stockholm(), met=3, missed=1) == "not_met"
    assert suggest_indicator_from_counts(stockholm(), met=0, missed=0) is None
    three = {
        "scale": [
            {"key": "helt", "label": "Helt", "colour": "#1e6b34"},
            {"key": "delvis", "label": "Delvis", "colour": "#8a5a00"},
            {"key": "ej", "label": "Ej", "colour": "#b42318"},
        ]
    }
    threshold = _profile(indicator_ratings=three, indicator_rule={"rule": "threshold", "partly_at": "0.75"})
    assert suggest_indicator_from_counts(threshold, met=3, missed=1) == "delvis"
    assert suggest_indicator_from_counts(threshold, met=1, missed=3) == "ej"
