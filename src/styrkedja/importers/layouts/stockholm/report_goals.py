"""The goal tree of a printed follow-up report, with what each goal reports (no Django).

A goal is the numbered heading after a label: `KF:s inriktningsmål:` (1), `KF:s mål för
verksamhetsområdet:` (1.1), `Nämndmål:` (1.1.1); a numbered heading without a label is a goal only when
the table of contents lists it with the same number and title. The analysis prose has numbered
sub-headings of its own ("## 2.1 Stockholmsjobb") that are not goals. Under a goal: the fulfilment
line (`Uppfylls helt/delvis/inte`), `Beskrivning`, `Förväntat resultat` (bullets), `Analys` (prose,
also the text before any label), the indicator and the activity tables (see report_tables).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import ValidationError

from styrkedja.importers.text import Ledger, Line
from styrkedja.lib.vocabulary import ActivityKind, Fulfilment, GoalLevel
from styrkedja.planfiles.followup_schema import ActivityReport, GoalAssessment, Outcome
from styrkedja.planfiles.schema import Goal

from .report_source import Source, clean, prose, tokens_match
from .report_tables import ActivityReader, OutcomeReader, is_activity_header, is_indicator_header

__all__ = ["GoalReader", "GoalsRead", "TocEntry"]

_LEVELS = {
    "KF:s inriktningsmål": GoalLevel.DIRECTION,
    "KF:s mål för verksamhetsområdet": GoalLevel.COUNCIL_AREA,
    "Nämndmål": GoalLevel.COMMITTEE,
}
_BY_DEPTH = {1: GoalLevel.DIRECTION, 2: GoalLevel.COUNCIL_AREA, 3: GoalLevel.COMMITTEE}
_DEPTH = {level: depth for depth, level in _BY_DEPTH.items()}
_LABEL = re.compile(r"^(?P<label>" + "|".join(map(re.escape, _LEVELS)) + r")(?:\s*:\s*(?P<rest>.*)|\s*)$")
NUMBERED = re.compile(r"^(?P<number>\d+(?:\.\d+)*)\.?\s+(?P<title>\S.*)$")
_RATING = re.compile(r"^(?:Bedömning:?\s*)?Uppfylls\s+(?P<value>helt|delvis|inte|ej)\.?$", re.IGNORECASE)
_RATINGS = {
    "helt": Fulfilment.FULLY,
    "delvis": Fulfilment.PARTLY,
    "inte": Fulfilment.NOT,
    "ej": Fulfilment.NOT,
}
_MODES = {
    "beskrivning": "description",
    "förväntat resultat": "expected",
    "förväntade resultat": "expected",
    "analys": "analysis",
    "kommentar": "analysis",
}
_BULLET = re.compile(r"^[-•●▪–\uf0b7]\s*")


@dataclass(frozen=True)
class TocEntry:
    number: str | None
    title: str
    line: Line
    bold: bool


@dataclass
class _Draft:
    level: GoalLevel
    number: str
    title: str
    heading: Line
    outcomes: OutcomeReader
    activities: ActivityReader
    rating: Fulfilment | None = None
    description: list[Line] = field(default_factory=list)
    bullets: list[list[Line]] = field(default_factory=list)
    analysis: list[Line] = field(default_factory=list)
    children: list[_Draft] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    problem: str = ""


@dataclass
class GoalsRead:
    goals: list[Goal] = field(default_factory=list)
    assessments: list[GoalAssessment] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    activities: list[ActivityReport] = field(default_factory=list)


class GoalReader:
    """A line-by-line reader of the goal part of the report."""

    def __init__(self, source: Source, toc: list[TocEntry]) -> None:
        self.source = source
        self.toc = {entry.number: entry for entry in toc if entry.number is not None}
        self.top: list[_Draft] = []
        self.drafts: list[_Draft] = []
        self.by_number: dict[str, _Draft] = {}
        self.goal: _Draft | None = None
        self.mode = "analysis"
        self.table: OutcomeReader | ActivityReader | None = None
        self.waiting: tuple[GoalLevel, Line] | None = None
        self.bullet_open = False

    def feed(self, line: Line) -> None:
        if self.source.is_blank(line):
            self.bullet_open = False
            if self.goal is not None:
                self.goal.lines.append(line)
            return
        text = clean(line.text)
        tabs = self.source.has_tabs(line)
        if self.waiting is not None:
            level, waiting = self.waiting
            self.waiting = None
            numbered = NUMBERED.match(text)
            if numbered and not tabs:
                self.source.mark(waiting, Ledger.CONSUMED)
                self._start(level, numbered["number"], numbered["title"], line)
                return
            self.source.unplace(waiting, "goal label without a numbered heading after it")
        label = _LABEL.match(text) if not tabs else None
        if label is not None:
            rest = NUMBERED.match(label["rest"] or "")
            if not label["rest"]:
                self.table = None
                self.waiting = (_LEVELS[label["label"]], line)
                return
            if rest:
                self._start(_LEVELS[label["label"]], rest["number"], rest["title"], line)
                return
        numbered = NUMBERED.match(text) if not tabs else None
        if numbered and self._listed(numbered["number"], numbered["title"]):
            depth = numbered["number"].count(".") + 1
            self._start(_BY_DEPTH[depth], numbered["number"], numbered["title"], line)
            return
        if self.goal is None:
            self.source.mark(line, Ledger.PROSE)  # text before the first goal
            return
        self._content(self.goal, line, text, tabs)

    def _listed(self, number: str, title: str) -> bool:
        entry = self.toc.get(number)
        return (
            entry is not None
            and number not in self.by_number
            and number.count(".") < 3
            and tokens_match(title, entry.title) >= 0.8
        )

    def _content(self, goal: _Draft, line: Line, text: str, tabs: bool) -> None:
        goal.lines.append(line)
        rating = _RATING.match(text) if not tabs else None
        if rating is not None:
            if goal.rating is None:
                goal.rating = _RATINGS[rating["value"].lower()]
                self.source.mark(line, Ledger.CONSUMED)
            else:
                self.source.unplace(line, f"a second fulfilment value for goal {goal.number}")
            return
        if not tabs and text.lower() in _MODES:
            self.table, self.mode, self.bullet_open = None, _MODES[text.lower()], False
            self.source.mark(line, Ledger.CONSUMED)
            return
        if tabs:
            cells = self.source.cells(line)
            if is_indicator_header(cells):
                self.table = goal.outcomes
                goal.outcomes.header(line)
                return
            if is_activity_header(cells):
                self.table = goal.activities
                goal.activities.header(line)
                return
            if self.table is not None:
                self.table.feed(line)
                return
        self.table = None
        if self.mode == "expected":
            self._bullet(goal, line, text)
        else:
            (goal.description if self.mode == "description" else goal.analysis).append(line)
            self.source.mark(line, Ledger.TEXT)

    def _bullet(self, goal: _Draft, line: Line, text: str) -> None:
        if _BULLET.match(text):
            goal.bullets.append([Line(line.no, _BULLET.sub("", text))])
            self.bullet_open = True
        elif self.bullet_open:
            goal.bullets[-1].append(line)
        else:
            self.source.unplace(line, "text under Förväntat resultat outside a bullet")
            return
        self.source.mark(line, Ledger.CONSUMED)

    def _start(self, level: GoalLevel, number: str, title: str, heading: Line) -> None:
        council = level in (GoalLevel.DIRECTION, GoalLevel.COUNCIL_AREA)
        draft = _Draft(
            level,
            number,
            clean(title),
            heading,
            OutcomeReader(self.source, number, "council" if council else "committee"),
            ActivityReader(
                self.source, number, ActivityKind.COUNCIL_ASSIGNMENT if council else ActivityKind.COMMITTEE
            ),
        )
        self.source.mark(heading, Ledger.CONSUMED)
        parent_number = number.rsplit(".", 1)[0]
        parent = self.by_number.get(parent_number) if "." in number else None
        if number.count(".") + 1 != _DEPTH[level]:
            draft.problem = f"goal number {number} does not fit the level {level.value}"
        elif number in self.by_number:
            draft.problem = f"goal number {number} occurs twice"
        elif level is not GoalLevel.DIRECTION and parent is None:
            draft.problem = f"goal {number} has no parent goal {parent_number} in the document"
        if not draft.problem:
            self.by_number[number] = draft
            (parent.children if parent is not None else self.top).append(draft)
        self.drafts.append(draft)
        self.goal, self.mode, self.table, self.bullet_open = draft, "analysis", None, False

    def finish(self) -> GoalsRead:
        if self.waiting is not None:
            self.source.unplace(self.waiting[1], "goal label without a numbered heading after it")
        for number, entry in self.toc.items():
            if number.count(".") < 2 and number not in self.by_number:
                self.source.report(entry.line.no, entry.line.text, "goal of the table of contents not found")
        for draft in self.drafts:
            if draft.problem:
                self._leave_out(draft, draft.problem)
        read = GoalsRead()
        read.goals = [goal for draft in self.top if (goal := self._build(draft, read)) is not None]
        return read

    def _leave_out(self, draft: _Draft, reason: str) -> None:
        self.source.report(
            draft.heading.no, draft.heading.text, f"{reason}; the goal and its content are left out"
        )
        self.source.mark(
            [draft.heading, *(ln for ln in draft.lines if not self.source.is_blank(ln))], Ledger.UNPLACED
        )
        for child in draft.children:
            self._leave_out(child, f"its parent goal {draft.number} is left out")

    def _build(self, draft: _Draft, read: GoalsRead) -> Goal | None:
        outcomes = draft.outcomes.results()
        activities = draft.activities.results()
        assessment = GoalAssessment(
            goal=draft.number, assessment=draft.rating, analysis=prose(draft.analysis, self.source)
        )
        mark = (len(read.assessments), len(read.outcomes), len(read.activities))
        read.assessments.append(assessment)
        read.outcomes.extend(outcome for _, outcome in outcomes)
        read.activities.extend(report for _, report in activities)
        children = [goal for child in draft.children if (goal := self._build(child, read)) is not None]
        try:
            return Goal(
                level=draft.level,
                number=draft.number,
                title=draft.title,
                description=prose(draft.description, self.source),
                expected_results=[" ".join(clean(ln.text) for ln in bullet) for bullet in draft.bullets],
                indicators=[indicator for indicator, _ in outcomes],
                activities=[activity for activity, _ in activities],
                goals=children,
            )
        except ValidationError as error:
            # The goal's own entries and its subgoals' follow it in the lists: all leave together.
            del read.assessments[mark[0] :], read.outcomes[mark[1] :], read.activities[mark[2] :]
            draft.children = [c for c in draft.children if any(g.number == c.number for g in children)]
            self._leave_out(draft, f"goal rejected: {error.errors()[0]['msg']}")
            return None
