"""The rating scale a city-wide roll-up counts by, and the one rule that suggests a rating from counts.

A roll-up never names a rating: it counts committees' ratings and indicators' ratings per *key* of a
scale (`Scale.keys`, best first) and asks `suggest_from_counts` for the council's suggestion. Today the
scale is the vocabulary's `Fulfilment` (helt / delvis / inte); a municipality's profile will supply its
own scale (two to six levels with labels and colours) and rule through `scale()` and `rule()` here, and
nothing that counts needs to change.

The rule: every rating key scores by its place on the scale, the best 1 and the worst 0, evenly between
(helt 1, delvis ½, inte 0); the share is the counts' mean score. The thresholds of `lib/assessment.Rule`
decide: share ≥ fully_at → the best key; share ≥ partly_at → the middle of the scale (the key whose score
is nearest the share, never the best nor the worst); below → the worst. No counts, no suggestion.
Non-ratings (`missing`, `no_outcome`) are not counted in the share.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from styrkedja.lib.assessment import Rule
from styrkedja.lib.vocabulary import Fulfilment

#: The count of the responsible committees that gave no rating, and of the indicators without a value.
MISSING = "missing"
NO_OUTCOME = "no_outcome"


@dataclass(frozen=True)
class Scale:
    keys: tuple[str, ...]  # best first
    labels: Mapping[str, str]

    def __post_init__(self) -> None:
        if not 2 <= len(self.keys) <= 6:
            raise ValueError("a rating scale has two to six levels")

    def score(self, key: str) -> Decimal:
        """1 for the best key, 0 for the worst, evenly between."""
        steps = len(self.keys) - 1
        return Decimal(steps - self.keys.index(key)) / Decimal(steps)

    @property
    def best(self) -> str:
        return self.keys[0]

    @property
    def worst(self) -> str:
        return self.keys[-1]

    def empty_counts(self) -> dict[str, int]:
        return {key: 0 for key in self.keys}


DEFAULT_SCALE = Scale(tuple(Fulfilment.values), Fulfilment.labels)


def scale() -> Scale:
    """The scale the roll-up counts by (a municipality's profile will supply its own)."""
    return DEFAULT_SCALE


def indicator_rating(met: bool | None, on: Scale) -> str | None:
    """An indicator's rating key: the best when its value meets the target, the worst when it does not."""
    if met is None:
        return None
    return on.best if met else on.worst


def share_of(counts: Mapping[str, int], on: Scale) -> Decimal | None:
    rated = sum(counts.get(key, 0) for key in on.keys)
    if rated == 0:
        return None
    return sum((on.score(key) * counts.get(key, 0) for key in on.keys), Decimal(0)) / rated


def suggest_from_counts(counts: Mapping[str, int], on: Scale, rule: Rule | None = None) -> str | None:
    """The rating the counts suggest under the rule (see the module's docstring); None without counts."""
    rule = rule or Rule()
    share = share_of(counts, on)
    if share is None:
        return None
    if share >= rule.fully_at:
        return on.best
    if share < rule.partly_at or len(on.keys) == 2:
        return on.worst
    middle = on.keys[1:-1]
    return min(middle, key=lambda key: (abs(on.score(key) - share), on.keys.index(key)))


def add_counts(*many: Mapping[str, int]) -> dict[str, int]:
    out: dict[str, int] = {}
    for counts in many:
        for key, n in counts.items():
            out[key] = out.get(key, 0) + n
    return out
