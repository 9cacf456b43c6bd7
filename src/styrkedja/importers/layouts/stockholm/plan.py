"""Read the text extracted from a printed Swedish verksamhetsplan into a plan file (no Django).

The document is read in four parts: the introduction (prose before the first goal), the goal tree
(`KF:s inriktningsmål: 1. …`, `KF:s mål för verksamhetsområdet: 1.1 …`, `Nämndmål: 1.1.1. …` with
Beskrivning, Förväntat resultat, Kommentar and the indicator and activity tables), the economy
(`Redovisning av ekonomi`, see plan_economy) and the special reports (`Särskilda redovisningar`, kept as
recognised prose). Every non-blank line ends up in a structure, as captured or recognised prose, as page
noise, or in `ParseResult.unplaced` with its line number: nothing is dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import ValidationError

from styrkedja.importers.results import ParseResult
from styrkedja.importers.text import (
    DocumentError,
    Ledger,
    Line,
    join_wrapped,
    paragraphs,
    split_lines,
    text_width,
)
from styrkedja.lib.vocabulary import ActivityKind, GoalLevel
from styrkedja.planfiles.schema import Activity, Budget, Goal, Indicator, OrganisationRef, PlanFile

from .pages import is_noise
from .plan_economy import parse_economy
from .plan_tables import ACTIVITY_HEADER, INDICATOR_HEADER, ActivityTable, IndicatorTable

__all__ = ["detect_year", "parse_plan_text"]

_PREFIXES = {
    "KF:s inriktningsmål:": GoalLevel.DIRECTION,
    "KF:s mål för verksamhetsområdet:": GoalLevel.COUNCIL_AREA,
    "Nämndmål:": GoalLevel.COMMITTEE,
}
_HEADING = re.compile(
    r"^(?P<prefix>"
    + "|".join(map(re.escape, _PREFIXES))
    + r")\s*(?:(?P<number>\d+(?:\.\d+)*)\.?(?:\s+|$))?(?P<title>.*)$"
)
_NUMBERED = re.compile(r"^(?P<number>\d+(?:\.\d+)*)\.?\s+(?P<title>.+)$")
_DEPTH = {GoalLevel.DIRECTION: 1, GoalLevel.COUNCIL_AREA: 2, GoalLevel.COMMITTEE: 3}
_LABELS = {"Beskrivning": "description", "Förväntat resultat": "expected", "Kommentar": "comment"}
_BULLETS = "•●▪\uf0b7"
_ECONOMY = re.compile(r"^(?:Redovisning av ekonomi|Ekonomisk redovisning|Uppföljning av ekonomi)$")
_ECONOMY_TABLE = re.compile(r"(?:VP\s?\d{4}.*){2}|Kostnader\s+Intäkter$")
_SPECIAL = re.compile(r"^Särskilda redovisningar$")
_VERSIONS = re.compile(r"(Justerad\s+)?VP\s?(\d{4})")
_MAX_TITLE_LINES = 4


@dataclass
class _Draft:
    level: GoalLevel
    number: str
    heading: Line
    title: list[Line]
    description: list[Line] = field(default_factory=list)
    bullets: list[list[Line]] = field(default_factory=list)
    comment: list[Line] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    children: list[_Draft] = field(default_factory=list)
    problem: str = ""  # why the goal cannot stand in the tree (then it and its content are left out)
    last: int = 0  # the last line of the goal's own content


def _is_structural(text: str) -> bool:
    return bool(
        _HEADING.match(text)
        or text in _LABELS
        or INDICATOR_HEADER.match(text)
        or ACTIVITY_HEADER.match(text)
        or _ECONOMY.match(text)
    )


class _GoalReader:
    """A line-by-line reader of the introduction and the goal tree."""

    def __init__(self, ledger: Ledger, *, mid_word: bool) -> None:
        self.ledger = ledger
        self.mid_word = mid_word
        self.intro: list[Line] = []
        self.top: list[_Draft] = []
        self.drafts: list[_Draft] = []
        self.by_number: dict[str, _Draft] = {}
        self.goal: _Draft | None = None
        self.mode = "description"
        self.table: IndicatorTable | ActivityTable | None = None
        self.title_open = False
        self.waiting: tuple[GoalLevel, Line] | None = None  # a heading label alone on its line
        self.bullet_open = False

    def feed(self, line: Line) -> None:
        status = self.ledger.status.get(line.no)
        if status == Ledger.NOISE:
            return
        if status == Ledger.BLANK:
            self.title_open = self.title_open and self.goal is not None and not self.goal.title[0].text
            self.bullet_open = False
            target = self._text_target()
            if target is not None and target:
                target.append(line)
            return
        if self.goal is not None:
            self.goal.last = line.no
        text = line.text
        if self.waiting is not None:
            level, label = self.waiting
            self.waiting = None
            numbered = _NUMBERED.match(text)
            if numbered:
                self.ledger.mark(label, Ledger.CONSUMED)
                self._start(level, numbered["number"], line, Line(line.no, numbered["title"] + " "), label.no)
                return
            self.ledger.unplace(label, "goal heading without a number")
        if self.title_open and self.goal is not None and self._continues_title(line):
            self.goal.title.append(line)
            self.ledger.mark(line, Ledger.CONSUMED)
            return
        self.title_open = False
        heading = _HEADING.match(text)
        if heading:
            self._close_table()
            level = _PREFIXES[heading["prefix"]]
            if heading["number"] is None:
                self.waiting = (level, line)
                return
            title = heading["title"] + ("" if line.ends_mid_word else " ")
            self._start(level, heading["number"], line, Line(line.no, title), line.no)
        elif text in _LABELS and self.goal is not None:
            self._close_table()
            self.mode = _LABELS[text]
            self.ledger.mark(line, Ledger.CONSUMED)
        elif INDICATOR_HEADER.match(text) or ACTIVITY_HEADER.match(text):
            self._table_header(line)
        elif self.goal is None:
            self.intro.append(line)
            self.ledger.mark(line, Ledger.TEXT)
        elif self.table is not None:
            self.table.feed(line)
        elif self.mode == "expected":
            self._bullet(self.goal, line)
        else:
            (self.goal.comment if self.mode == "comment" else self.goal.description).append(line)
            self.ledger.mark(line, Ledger.TEXT)

    def _text_target(self) -> list[Line] | None:
        if self.goal is None:
            return self.intro
        if self.table is not None or self.mode == "expected":
            return None
        return self.goal.comment if self.mode == "comment" else self.goal.description

    def _continues_title(self, line: Line) -> bool:
        """A wrapped title goes on in lower case on short lines; the prose after it starts a sentence."""
        assert self.goal is not None
        text, previous = line.text, self.goal.title[-1]
        if not previous.text:  # the heading held only the number: the title is on this line
            return not _is_structural(text)
        if len(self.goal.title) >= _MAX_TITLE_LINES or _is_structural(text) or len(text) > 80:
            return False
        previous_length = len(self.goal.heading.text if len(self.goal.title) == 1 else previous.text)
        return previous_length >= 30 and text[0].islower()

    def _start(self, level: GoalLevel, number: str, heading: Line, title: Line, first: int) -> None:
        if self.goal is not None:  # the goal before ends above this heading
            self.goal.last = min(self.goal.last, first - 1)
        draft = _Draft(level, number, heading, [title], last=heading.no)
        self.ledger.mark(heading, Ledger.CONSUMED)
        parent_number = number.rsplit(".", 1)[0]
        parent = self.by_number.get(parent_number) if "." in number else None
        if len(number.split(".")) != _DEPTH[level]:
            draft.problem = f"goal number {number} does not fit the level {level.value}"
        elif number in self.by_number:
            draft.problem = f"goal number {number} occurs twice"
        elif level is not GoalLevel.DIRECTION and (
            parent is None or _DEPTH[parent.level] != _DEPTH[level] - 1
        ):
            draft.problem = f"goal {number} has no parent goal {parent_number} in the document"
        if not draft.problem:
            self.by_number[number] = draft
            (parent.children if parent is not None else self.top).append(draft)
        self.drafts.append(draft)
        self.goal, self.mode, self.title_open, self.bullet_open = draft, "description", True, False

    def _table_header(self, line: Line) -> None:
        self.ledger.mark(line, Ledger.CONSUMED)
        wanted = IndicatorTable if INDICATOR_HEADER.match(line.text) else ActivityTable
        if isinstance(self.table, wanted):  # the header is repeated on a new page
            return
        self._close_table()
        if self.goal is None:
            self.ledger.unplace(line, "table before the first goal")
            return
        council = self.goal.level in (GoalLevel.DIRECTION, GoalLevel.COUNCIL_AREA)
        if wanted is IndicatorTable:
            self.table = IndicatorTable(
                "council" if council else "committee", self.ledger, mid_word=self.mid_word
            )
        else:
            kind = ActivityKind.COUNCIL_ASSIGNMENT if council else ActivityKind.COMMITTEE
            self.table = ActivityTable(kind, self.ledger, mid_word=self.mid_word)

    def _close_table(self) -> None:
        if self.table is None:
            return
        self.table.close()
        if self.goal is not None:
            if isinstance(self.table, IndicatorTable):
                self.goal.indicators.extend(self.table.rows)
            else:
                self.goal.activities.extend(self.table.rows)
        self.table = None

    def _bullet(self, goal: _Draft, line: Line) -> None:
        text = line.text
        if text[0] in _BULLETS:
            tail = "" if line.ends_mid_word else " "
            goal.bullets.append([Line(line.no, text[1:].strip() + tail)])
            self.bullet_open = True
        elif self.bullet_open:
            goal.bullets[-1].append(line)
        else:
            self.ledger.unplace(line, "text under Förväntat resultat outside a bullet")
            return
        self.ledger.mark(line, Ledger.CONSUMED)

    def finish(self, lines: list[Line], width: int) -> list[Goal]:
        self._close_table()
        if self.waiting is not None:
            self.ledger.unplace(self.waiting[1], "goal heading without a number")
        for draft in self.drafts:
            if draft.problem:
                self._leave_out(draft, lines, draft.problem)
        return [goal for draft in self.top if (goal := self._build(draft, lines, width)) is not None]

    def _leave_out(self, draft: _Draft, lines: list[Line], reason: str) -> None:
        """Report a goal that cannot stand in the tree; its content and its subgoals are left out with it."""
        self.ledger.report(
            draft.heading.no, draft.heading.text, f"{reason}; the goal and its content are left out"
        )
        own = [ln for ln in lines if draft.heading.no <= ln.no <= draft.last]
        kept = (Ledger.BLANK, Ledger.NOISE)
        self.ledger.mark([ln for ln in own if self.ledger.status.get(ln.no) not in kept], Ledger.UNPLACED)
        for child in draft.children:
            self._leave_out(child, lines, f"its parent goal {draft.number} is left out")

    def _build(self, draft: _Draft, lines: list[Line], width: int) -> Goal | None:
        children = [
            goal for child in draft.children if (goal := self._build(child, lines, width)) is not None
        ]
        try:
            return Goal(
                level=draft.level,
                number=draft.number,
                title=join_wrapped(draft.title, mid_word=self.mid_word),
                description=paragraphs(draft.description, width=width, mid_word=self.mid_word),
                expected_results=[join_wrapped(bullet, mid_word=self.mid_word) for bullet in draft.bullets],
                comment=paragraphs(draft.comment, width=width, mid_word=self.mid_word),
                indicators=draft.indicators,
                activities=draft.activities,
                goals=children,
            )
        except ValidationError as error:
            draft.children = [c for c in draft.children if any(g.number == c.number for g in children)]
            self._leave_out(draft, lines, f"goal rejected: {error.errors()[0]['msg']}")
            return None


def detect_year(lines: list[Line]) -> int | None:
    """The plan's year: the first column of an economy table header, else the latest "VP YYYY",
    else "budget/verksamhetsplan för YYYY"."""
    for line in lines:
        found = list(_VERSIONS.finditer(line.text))
        if len(found) >= 2 and not found[0][1]:
            return int(found[0][2])
    text = "\n".join(line.text for line in lines)
    years = [int(year) for year in re.findall(r"\bVP\s?(\d{4})\b", text)]
    if years:
        return max(years)
    match = re.search(r"\b(?:budget|verksamhetsplan)\s+(?:för\s+)?(?:år\s+)?(\d{4})\b", text, re.IGNORECASE)
    return int(match[1]) if match else None


def _first(lines: list[Line], pattern: re.Pattern[str], start: int) -> int | None:
    return next((i for i in range(start, len(lines)) if pattern.search(lines[i].text)), None)


def parse_plan_text(
    text: str, *, organisation: OrganisationRef, year: int | None = None, source: str = "<text>"
) -> ParseResult:
    """Read a verksamhetsplan's extracted text. Raises DocumentError only when the text is not a
    verksamhetsplan at all; everything else that cannot be placed is in `ParseResult.unplaced`."""
    lines = split_lines(text)
    ledger = Ledger(lines, noise=is_noise)
    first_goal = _first(lines, _HEADING, 0)
    if first_goal is None:
        raise DocumentError(
            source, 1, "no goal headings (KF:s inriktningsmål, Nämndmål, …): not a verksamhetsplan"
        )
    year = year if year is not None else detect_year(lines)
    if year is None or not 1990 <= year <= 2100:
        raise DocumentError(source, 1, "cannot tell the plan's year from the text; give it explicitly")
    content = [line for line in lines if ledger.status.get(line.no) is None]
    mid_word = sum(1 for line in content if not line.ends_mid_word) >= 0.5 * len(content)
    width = text_width(content)

    economy = _first(lines, _ECONOMY, first_goal)
    if economy is None:
        economy = _first(lines, _ECONOMY_TABLE, first_goal)
    economy = len(lines) if economy is None else economy
    special = _first(lines, _SPECIAL, economy)
    special = len(lines) if special is None else special

    reader = _GoalReader(ledger, mid_word=mid_word)
    for line in lines[:economy]:
        reader.feed(line)
    goals = reader.finish(lines, width)
    if not goals:
        raise DocumentError(source, lines[first_goal].no, "no goal of the goal tree could be read")

    budget, tables = Budget(), list[str]()
    economy_lines = [line for line in lines[economy:special] if ledger.status.get(line.no) is None]
    if economy_lines and _ECONOMY.match(economy_lines[0].text):
        ledger.mark(economy_lines[0], Ledger.CONSUMED)
        economy_lines = economy_lines[1:]
    if economy_lines:
        budget, tables = parse_economy(economy_lines, year=year, ledger=ledger, mid_word=mid_word)
    for line in lines[special:]:
        if ledger.status.get(line.no) is None:
            ledger.mark(line, Ledger.CONSUMED if _SPECIAL.match(line.text) else Ledger.PROSE)
    for line in lines:
        if ledger.status.get(line.no) is None:
            ledger.unplace(line, "line not accounted for")

    introduction = paragraphs(reader.intro, width=width, mid_word=mid_word)
    plan = PlanFile(
        organisation=organisation, year=year, introduction=introduction, goals=goals, budget=budget
    )
    unplaced = sorted(ledger.unplaced, key=lambda item: item.line)
    return ParseResult(plan=plan, unplaced=unplaced, economy_tables=tables, line_counts=ledger.counts())
