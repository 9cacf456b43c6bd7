"""The kinds of report, one module each, and the registry that maps a key to its kind.

    from styrkedja.reports import kinds
    kinds.get("tertial")                      # the tertialrapport
    kinds.for_period(parse_period("2021"))    # the verksamhetsberättelse

A new kind is a module defining a `Kind` (see `kind.py`) and a line in `KINDS` below. No Django here.
"""

from __future__ import annotations

from styrkedja.lib.periods import Period
from styrkedja.profiles import Wording
from styrkedja.reports.kinds.annual import ANNUAL
from styrkedja.reports.kinds.followup import FOLLOWUP
from styrkedja.reports.kinds.kind import Kind, Part
from styrkedja.reports.kinds.plan import PLAN
from styrkedja.reports.kinds.tertial import TERTIAL

__all__ = [
    "ANNUAL",
    "FOLLOWUP",
    "KINDS",
    "PLAN",
    "TERTIAL",
    "Kind",
    "Part",
    "UnknownKind",
    "Wording",
    "for_period",
    "get",
]

KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in (
        PLAN,
        TERTIAL,
        ANNUAL,
        FOLLOWUP,
    )
}


class UnknownKind(KeyError):
    pass


def get(key: str) -> Kind:
    try:
        return KINDS[key]
    except KeyError:
        raise UnknownKind(f"no kind of report {key!r}; the kinds are {', '.join(KINDS)}") from None


def for_period(period: Period) -> Kind:
    """The kind of a committee's follow-up report of the period: the first kind that reports it."""
    for kind in KINDS.values():
        if period.kind in kind.periods:
            return kind
    raise UnknownKind(f"no kind of report follows up a {period.kind.value}")
