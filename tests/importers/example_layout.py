"""A made-up layout, the worked example of docs/importers.md: the verksamhetsplan of "Exempelby kommun",
printed as a title line, then goals, each followed by its indicator lines.

    Exempelby kommun: Verksamhetsplan 2024
    Mål 1. Fler lånar böcker
    Indikator: Antal lån; 120 000 st; År
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from pydantic import ValidationError

from styrkedja.importers.layouts import Detection, DocumentKind, Layout
from styrkedja.importers.registry import register, unregister
from styrkedja.importers.results import ParseResult
from styrkedja.importers.text import DocumentError, Ledger, Line, parse_quantity, split_lines
from styrkedja.lib.vocabulary import Periodicity, Unit
from styrkedja.planfiles.schema import Goal, Indicator, OrganisationRef, PlanFile

EXAMPLE = """\
Exempelby kommun: Verksamhetsplan 2024

Mål 1. Fler lånar böcker
Indikator: Antal lån; 120 000 st; År
Mål 2. Alla barn möter kulturen
Indikator: Andel barn i kulturskolan; 60 %; Tertial
Kulturnämnden beslutade planen i december.
"""

_TITLE = re.compile(r"^Exempelby kommun: Verksamhetsplan (?P<year>\d{4})$")
_GOAL = re.compile(r"^Mål (?P<number>\d+)\. (?P<title>.+)$")
_INDICATOR = re.compile(r"^Indikator: (?P<name>[^;]+); (?P<target>[^;]+); (?P<period>År|Tertial)$")
_UNITS = {"%": Unit.PERCENT, "st": Unit.COUNT}
_PERIODS = {"År": Periodicity.YEAR, "Tertial": Periodicity.TERTIAL}


def detect(text: str) -> Detection:
    first = next((line.text for line in split_lines(text) if line.text), "")
    if _TITLE.match(first):
        return Detection(0.9, DocumentKind.PLAN, "the title line of Exempelby kommun")
    return Detection(0.0, DocumentKind.PLAN, "no title line 'Exempelby kommun: Verksamhetsplan YYYY'")


def _indicator(line: Line) -> Indicator | str:
    """The indicator an indicator line prints, or why the line is none."""
    row = _INDICATOR.match(line.text)
    target = parse_quantity(row["target"]) if row else None
    if row is None or target is None or target.unit not in _UNITS:
        return "not a title, goal or indicator line"
    try:
        return Indicator(
            name=row["name"],
            unit=_UNITS[target.unit],
            periodicity=_PERIODS[row["period"]],
            target=target.value,
        )
    except ValidationError as error:  # e.g. a percentage over 100
        return f"indicator rejected: {error.errors()[0]['msg']}"


def read_plan(
    text: str, *, organisation: OrganisationRef, year: int | None = None, source: str = "<text>"
) -> ParseResult:
    lines = split_lines(text)
    ledger = Ledger(lines)  # no page headers or footers to leave aside in this layout
    goals: list[tuple[str, str, list[Indicator]]] = []
    for line in lines:
        if not line.text:
            continue
        title, goal = _TITLE.match(line.text), _GOAL.match(line.text)
        if title:
            year = year if year is not None else int(title["year"])
        elif goal:
            goals.append((goal["number"], goal["title"], []))
        else:
            indicator = _indicator(line) if goals else "a line before the first goal"
            if isinstance(indicator, str):
                ledger.unplace(line, indicator)
                continue
            goals[-1][2].append(indicator)
        ledger.mark(line, Ledger.CONSUMED)
    if year is None or not goals:
        raise DocumentError(source, 1, "no title line with the year, or no goal: not a plan of Exempelby")
    try:
        plan = PlanFile(
            organisation=organisation,
            year=year,
            goals=[Goal(level="direction", number=n, title=t, indicators=i) for n, t, i in goals],
        )
    except ValidationError as error:  # a goal number twice, a year out of range
        raise DocumentError(source, 1, f"plan rejected: {error.errors()[0]['msg']}") from error
    return ParseResult(plan=plan, unplaced=ledger.unplaced, line_counts=ledger.counts())


LAYOUT = Layout(
    name="exempelby",
    description="Exempelby kommun (made up): verksamhetsplan",
    detect=detect,
    plan=read_plan,
)


@contextmanager
def registered(*layouts: Layout) -> Iterator[None]:
    """The layouts (by default this example) among the known ones, for the length of a test."""
    layouts = layouts or (LAYOUT,)
    for layout in layouts:
        register(layout)
    try:
        yield
    finally:
        for layout in layouts:
            unregister(layout.name)
