"""A reader who knows how the published cells add up, and nothing else: written apart from the product's
protection.py, from the published values only (the true values only to say what a bound gave away).

The unknowns are the counts of each time segment × unit's own rows × sex (men, women, unknown), for a
share the numerator and the complement apart; every published cell is the sum of its unknowns; no count
is negative. `bounds` gives the integer bounds linear programming (HiGHS) finds for a hidden cell;
`derivable` whether a sum of unknowns follows exactly from the published cells."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable

import numpy as np
from scipy.optimize import linprog

from styrkedja.analytics.engine import Computation, IndicatorValue
from styrkedja.analytics.registry import Kind

SEX = {"total": (0, 1, 2), "men": (0,), "women": (1,), "unknown": (2,)}


def parts(value: IndicatorValue, cell: str) -> list[float] | None:
    """The published counts of a cell (None: suppressed)."""
    c = value.cells[cell]
    if cell in value.suppressed:
        return None
    if value.definition.kind is Kind.COUNT:
        return [float(c.numerator or 0)]
    if value.definition.kind is Kind.MEAN:
        return [float(c.denominator or 0)]
    return [float(c.numerator or 0), float((c.denominator or 0) - (c.numerator or 0))]


class Reader:
    def __init__(self, computation: Computation, definition: str):
        values = [v for v in [*computation.values, *computation.units] if v.definition.id == definition]
        self.values = values
        windows = sorted({v.window for v in values})
        cuts = sorted({w.start for w in windows} | {w.end + dt.timedelta(days=1) for w in windows})
        self.segments = list(itertools.pairwise(cuts))
        self.units = [None, *computation.parents]
        self.parent = {u: computation.parents.get(u) if u else None for u in self.units}
        self.shape = (len(self.segments), len(self.units), 3)

    def below(self, unit: str | None) -> list[int]:
        if unit is None:
            return list(range(len(self.units)))
        out, level = {unit}, {unit}
        while level:
            level = {u for u in self.units if u and self.parent[u] in level}
            out |= level
        return [self.units.index(u) for u in out]

    def box(self, window: object, units: Iterable[int], sexes: Iterable[int]) -> np.ndarray:
        w = window
        segs = [i for i, (a, b) in enumerate(self.segments) if w.start <= a and b <= w.end + dt.timedelta(1)]  # type: ignore[attr-defined]
        v = np.zeros(self.shape)
        v[np.ix_(segs, list(units), list(sexes))] = 1
        return v.reshape(-1)

    def cell(self, value: IndicatorValue, cell: str) -> np.ndarray:
        return self.box(value.window, self.below(value.organisation), SEX[cell])

    def published(self, part: int) -> tuple[np.ndarray, np.ndarray]:
        rows, right = [], []
        for v in self.values:
            for cell in ("total", "men", "women"):
                shown = parts(v, cell)
                if shown is not None:
                    rows.append(self.cell(v, cell))
                    right.append(shown[part])
        n = int(np.prod(self.shape))
        return (np.array(rows) if rows else np.zeros((0, n))), np.array(right)

    def bounds(self, target: np.ndarray, part: int) -> tuple[int, float]:
        rows, right = self.published(part)
        if not len(rows):
            return 0, np.inf
        found = []
        for sign in (1, -1):
            result = linprog(sign * target, A_eq=rows, b_eq=right, bounds=(0, None), method="highs")
            if result.status == 3:  # unbounded above
                found.append(np.inf)
                continue
            assert result.status == 0, result.message
            found.append(sign * result.fun)
        return int(np.ceil(found[0] - 1e-6)), (np.floor(found[1] + 1e-6) if np.isfinite(found[1]) else np.inf)

    def derivable(self, targets: np.ndarray) -> np.ndarray:
        """Which rows of `targets` are combinations of the published cells."""
        rows, _ = self.published(0)
        if not len(rows):
            return np.zeros(len(targets), dtype=bool)
        solution, *_ = np.linalg.lstsq(rows.T, targets.T, rcond=None)
        return np.abs(rows.T @ solution - targets.T).max(axis=0) < 1e-7
