"""A round's decision proposals with their amounts: the omslutning and budget-adjustment amounts are
computed from the round's economics, never typed; what an imported document printed is kept beside."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from styrkedja.followup import models as fm
from styrkedja.followup.economics import RoundEconomics, round_economics


@dataclass(frozen=True)
class Decision:
    number: int
    kind: str
    text: str
    amount: Decimal | None
    amount_as_printed: Decimal | None


def round_decisions(round_: fm.Round, eco: RoundEconomics | None = None) -> list[Decision]:
    """The decision proposals in order; turnover and adjustment amounts computed from the tables."""
    eco = eco or round_economics(round_)
    adjustment = eco.adjustments_total
    out = []
    for d in round_.decisions.all():
        computed: Decimal | None = None
        if d.kind == fm.DecisionKind.APPROVE_TURNOVER:
            computed = eco.turnover_total
        elif d.kind == fm.DecisionKind.REQUEST_ADJUSTMENT:
            computed = adjustment
        out.append(Decision(d.position, d.kind, d.text, computed, d.amount_as_printed))
    return out


def decision_amounts(round_: fm.Round) -> dict[str, Decimal]:
    """The computed amount per decision kind (turnover, adjustment)."""
    return {d.kind: d.amount for d in round_decisions(round_) if d.amount is not None}
