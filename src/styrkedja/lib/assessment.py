"""The system's suggestion for a goal's fulfilment, derived from its evidence and rolled up the tree.

Evidence for a goal: each indicator whose forecast (in T1/T2; the outcome in the VB) and target are both
known counts as met or missed by its direction; each quantified expected result with a reported value
likewise; each activity counts as on track unless it is past its end without being done, or cancelled.
Child goals contribute their suggestion. The share of evidence met decides:

    share ≥ fully_at   → fully   (uppfylls helt)
    share ≥ partly_at  → partly  (uppfylls delvis)
    otherwise          → not     (uppfylls inte)

With no evidence at all there is no suggestion. The thresholds are settings (municipalities differ):
STYRKEDJA_ASSESSMENT_FULLY_AT and STYRKEDJA_ASSESSMENT_PARTLY_AT, shares between 0 and 1.
Activities weigh less than indicators (ACTIVITY_WEIGHT), since a delayed activity rarely decides a goal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

FULLY = "fully"
PARTLY = "partly"
NOT = "not"
SCORE = {FULLY: Decimal(1), PARTLY: Decimal("0.5"), NOT: Decimal(0)}


@dataclass(frozen=True)
class Rule:
    fully_at: Decimal = Decimal("1.0")
    partly_at: Decimal = Decimal("0.5")
    activity_weight: Decimal = Decimal("0.5")

    def __post_init__(self) -> None:
        if not Decimal(0) <= self.partly_at <= self.fully_at <= Decimal(1):
            raise ValueError("thresholds must satisfy 0 ≤ partly_at ≤ fully_at ≤ 1")


@dataclass
class Evidence:
    kind: str  # "indicator" | "expected_result" | "activity" | "goal"
    label: str
    met: Decimal  # 1 met, 0 missed, 0.5 for a partly fulfilled child goal
    weight: Decimal = Decimal(1)
    reason: str = ""


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


def _decide(share: Decimal, rule: Rule) -> str:
    if share >= rule.fully_at:
        return FULLY
    if share >= rule.partly_at:
        return PARTLY
    return NOT


def suggest(goal: GoalEvidence, rule: Rule | None = None) -> dict[str, Suggestion]:
    """Suggestions for a goal and all goals below it, keyed by goal number."""
    rule = rule or Rule()
    out: dict[str, Suggestion] = {}
    evidence = list(goal.evidence)
    for child in goal.children:
        out.update(suggest(child, rule))
        below = out[child.number]
        if below.value is not None:
            evidence.append(Evidence("goal", child.number, SCORE[below.value], reason=f"mål {child.number}"))
    weights = sum((e.weight for e in evidence), Decimal(0))
    if weights == 0:
        out[goal.number] = Suggestion(goal.number, None, None, [])
        return out
    share = sum((e.met * e.weight for e in evidence), Decimal(0)) / weights
    out[goal.number] = Suggestion(
        goal.number, _decide(share, rule), share.quantize(Decimal("0.01")), evidence
    )
    return out
