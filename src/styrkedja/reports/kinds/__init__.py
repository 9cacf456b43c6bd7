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
from styrkedja.reports.kinds.city import CITY_ANNUAL, CITY_INTERIM, CITY_TERTIAL
from styrkedja.reports.kinds.followup import FOLLOWUP
from styrkedja.reports.kinds.kind import Kind, Part
from styrkedja.reports.kinds.plan import PLAN
from styrkedja.reports.kinds.tertial import TERTIAL

__all__ = [
    "ANNUAL",
    "CITY_ANNUAL",
    "CITY_INTERIM",
    "CITY_TERTIAL",
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
        CITY_TERTIAL,
        CITY_INTERIM,
        CITY_ANNUAL,
    )
}


class UnknownKind(KeyError):
    pass


def get(key: str) -> Kind:
    try:
        return KINDS[key]
    except KeyError:
        raise UnknownKind(f"no kind of report {key!r}; the kinds are {', '.join(KINDS)}") from None


def for_period(period: Period, *, city: bool = False) -> Kind:
    """The kind of a committee's follow-up report of the period (with `city`, of the municipality's):
    the first kind that reports it."""
    for kind in KINDS.values():
        if kind.city != city or period.kind not in kind.periods:
            continue
        if not kind.period_numbers or period.number in kind.period_numbers:
            return kind
    whose = "the city" if city else "a committee"
    raise UnknownKind(f"no kind of report of {whose} follows up a {period.kind.value}")
