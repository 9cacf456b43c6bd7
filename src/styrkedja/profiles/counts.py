"""Ratings counted per key of a profile's scale, and what the counts suggest under the profile's rules: the
city's roll-up never names a rating, it counts committees' ratings (on the goal scale) and indicators'
ratings (on the indicator scale) per key, and asks here for the council's suggestion.

- A council goal's suggestion is the profile's goal rule (`rules.GoalRating`) applied to the counts as its
  evidence: each committee's rating scores on the goal scale and each indicator's on the indicator scale
  (best 1, worst 0, evenly between), weighing one each; the mean is the share; the first rating whose
  `at_least` the share reaches is the suggestion, else the worst. Non-ratings ("Kan ej bedömas") and the
  uncounted (`missing`, `no_outcome`) are no evidence. No evidence, no suggestion.
- A council indicator without a city value is rated from the share of the committees that meet their
  target, under the profile's indicator rule with the whole (1) as the target: every committee meeting it
  is the best rating; with `threshold`, a share of at least `partly_at` the second; else the worst.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from styrkedja.profiles.rules import GoalRating, indicator_outcome, rating_of
from styrkedja.profiles.schema import Profile, Scale

#: The count of the responsible committees that gave no rating, and of the indicators without a value.
MISSING = "missing"
NO_OUTCOME = "no_outcome"


def empty_counts(scale: Scale) -> dict[str, int]:
    return {key: 0 for key in scale.keys}


def add_counts(*many: Mapping[str, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for counts in many:
        for key, n in counts.items():
            out[key] = out.get(key, 0) + n
    return out


def share_of(evidence: Iterable[tuple[Mapping[str, int], Scale]]) -> Decimal | None:
    """The mean score of the counted ratings, each count on its own scale; None when nothing is rated."""
    scored, weight = Decimal(0), 0
    for counts, scale in evidence:
        for key, n in counts.items():
            score = scale.score(key)
            if score is not None and n:
                scored += score * n
                weight += n
    return scored / weight if weight else None


def suggest_goal(
    profile: Profile, committee_ratings: Mapping[str, int], indicator_ratings: Mapping[str, int] | None = None
) -> str | None:
    """The council goal's suggestion from its committees' and indicators' counts (a key of the goal scale)."""
    share = share_of(
        [(committee_ratings, profile.ratings), (indicator_ratings or {}, profile.indicator_ratings)]
    )
    return None if share is None else GoalRating.of(profile).decide(share)


def suggest_indicator_from_counts(profile: Profile, met: int, missed: int) -> str | None:
    """A council indicator's rating (a key of the indicator scale) from how many committees meet it."""
    if met + missed == 0:
        return None
    share = Decimal(met) / Decimal(met + missed)
    outcome = indicator_outcome(share, Decimal(1), "higher", None, profile.indicator_rule)
    return rating_of(outcome, profile.indicator_ratings)
