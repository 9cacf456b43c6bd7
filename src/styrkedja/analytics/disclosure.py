"""Disclosure control for one indicator in one period: the cells total, men and women.

The three shown cells and the hidden cell of persons whose sex is unknown are tied by one relation, for
numerators and denominators alike: total = men + women + unknown. A cell is *sensitive* when it is about
1 to threshold − 1 persons (an empty cell discloses no one). The rules:

1. Every sensitive shown cell is suppressed (primary suppression).
2. If that leaves exactly one shown cell suppressed, one more is suppressed: the smaller of men and women
   still shown (the total is kept where it can be). One suppressed cell alone could be recomputed from the other two (women =
   total − men), because the unknown cell is usually empty and a reader may well assume so.
3. If the unknown cell is sensitive and nothing is suppressed yet, the smaller of men and women is
   suppressed, or total − men − women would give the unknown cell away. That cell is not sensitive, so
   one suppressed cell is enough: recomputing it would need the unknown cell itself.

So no sensitive cell can be recomputed from what is shown, even by a reader who knows the unknown cell,
and the unknown cell cannot be recomputed at all. Suppressed cells are reported as such, never as zero.
This is the first step only: protection.py also counts numerators and complements, and protects the
periods and units published together against differencing (docs/disclosure.md).
"""

from __future__ import annotations

from collections.abc import Mapping

DEFAULT_THRESHOLD = 5
SHOWN = ("total", "men", "women")


def sensitive(persons: int, threshold: int) -> bool:
    return 0 < persons < threshold


def suppressed_cells(
    persons: Mapping[str, int],
    threshold: int = DEFAULT_THRESHOLD,
    *,
    sizes: Mapping[str, float] | None = None,
) -> list[str]:
    """The shown cells to suppress, in the order total, men, women.

    `persons` has total, men, women and unknown (missing counts as 0); a count at or above the threshold
    may be a lower bound, only whether a cell is sensitive matters. `sizes` (the cells' rows, by default
    the persons) decides which of men and women is the smaller when one must be suppressed as well.
    """
    count = {name: int(persons.get(name, 0)) for name in (*SHOWN, "unknown")}
    size = {name: float((sizes or count).get(name, 0)) for name in SHOWN}
    hidden = {name for name in SHOWN if sensitive(count[name], threshold)}
    if len(hidden) == 1:
        candidates = [name for name in ("men", "women") if name not in hidden]
        hidden.add(min(candidates, key=lambda n: (size[n], n)))
    if not hidden and sensitive(count["unknown"], threshold):
        hidden.add(min(("men", "women"), key=lambda n: (size[n], n)))
    return [name for name in SHOWN if name in hidden]
