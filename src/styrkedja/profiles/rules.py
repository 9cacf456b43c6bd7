"""The profile's rules: the suggested rating of an indicator (`indicator_rule`) and of a goal (`goal_rule`),
rolled up the goal tree. The rules are described field by field in docs/profile-format.md.

Evidence for a goal: each indicator with a rating (the one the reporter gave, else the suggested one)
scores by that rating on the indicator scale; each activity counts as on track (1) unless it is past its
end without being done, or cancelled (0), weighing `activity_weight`; child goals contribute their
suggestion, scored on the goal scale. The weighted mean score is the share; the first rating whose
`at_least` the share reaches is the suggestion, else the worst rating. No evidence, no suggestion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from styrkedja.lib.targets import target_met
from styrkedja.profiles.schema import IndicatorRule, Profile, Scale

MET = "met"
PARTLY = "partly"
NOT_MET = "not_met"


def indicator_outcome(
    value: Decimal | None,
    target: Decimal | None,
    direction: str,
    band: Decimal | None,
    rule: IndicatorRule,
) -> str | None:
    """`met`, `partly` or `not_met` by the rule; None when the value or the target is missing."""
    met = target_met(value, target, direction, band)
    if met is None or value is None or target is None:
        return None
    if met:
        return MET
    if rule.rule == "threshold" and rule.partly_at is not None:
        share = rule.partly_at
        if direction == "higher" and value >= share * target:
            return PARTLY
        if direction == "lower" and value * share <= target:
            return PARTLY
        if direction == "band" and abs(value - target) * share <= (band or Decimal(0)):
            return PARTLY
    return NOT_MET


def rating_of(outcome: str | None, scale: Scale) -> str | None:
    """An outcome of the rule on the indicator scale: met the best rating, partly the second, not met the
    worst."""
    if outcome is None:
        return None
    if outcome == MET:
        return scale.best
    if outcome == PARTLY:
        return scale.keys[1]
    return scale.worst


def suggest_indicator(
    profile: Profile,
    value: Decimal | None,
    target: Decimal | None,
    direction: str,
    band: Decimal | None = None,
) -> str | None:
    """The suggested rating (a key of the profile's indicator scale), or None when it cannot be judged."""
    return rating_of(
        indicator_outcome(value, target, direction, band, profile.indicator_rule), profile.indicator_ratings
    )


# --- Goals -------------------------------------------------------------------------------------------------


@dataclass
class Evidence:
    kind: str  # "indicator" | "expected_result" | "activity" | "goal"
    label: str
    met: Decimal  # the score: 1 best, 0 worst
    weight: Decimal = Decimal(1)
    reason: str = ""
    rating: str = ""  # the rating the score comes from (an indicator's or a child goal's), if any


@dataclass
class GoalEvidence:
    number: str
    evidence: list[Evidence] = field(default_factory=list)
    children: list[GoalEvidence] = field(default_factory=list)


@dataclass
class Suggestion:
    number: str
    value: str | None
    share: Decimal | None
    reasons: list[Evidence]


@dataclass(frozen=True)
class GoalRating:
    """The goal rule with the scale it decides on."""

    scale: Scale
    at_least: tuple[tuple[str, Decimal], ...]
    activity_weight: Decimal
    children: bool = True

    @classmethod
    def of(cls, profile: Profile) -> GoalRating:
        rule = profile.goal_rule
        return cls(
            profile.ratings,
            tuple((key, rule.at_least[key]) for key in profile.ratings.keys[:-1]),
            rule.activity_weight,
            rule.children,
        )

    def decide(self, share: Decimal) -> str:
        for key, least in self.at_least:
            if share >= least:
                return key
        return self.scale.worst


def suggest(goal: GoalEvidence, rule: GoalRating) -> dict[str, Suggestion]:
    """Suggestions for a goal and all goals below it, keyed by goal number."""
    out: dict[str, Suggestion] = {}
    evidence = list(goal.evidence)
    for child in goal.children:
        out.update(suggest(child, rule))
        below = out[child.number].value
        score = rule.scale.score(below)
        if rule.children and below is not None and score is not None:
            evidence.append(Evidence("goal", child.number, score, reason=f"mål {child.number}", rating=below))
    weights = sum((e.weight for e in evidence), Decimal(0))
    if weights == 0:
        out[goal.number] = Suggestion(goal.number, None, None, [])
        return out
    share = sum((e.met * e.weight for e in evidence), Decimal(0)) / weights
    out[goal.number] = Suggestion(goal.number, rule.decide(share), share.quantize(Decimal("0.01")), evidence)
    return out
