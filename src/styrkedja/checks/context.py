"""What every rule reads: the report document, with its goals, indicators and activities indexed once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from styrkedja.reports.document import ActivityRow, GoalSection, IndicatorRow, ReportDocument
from styrkedja.reports.kinds import Kind, Part


@dataclass
class Context:
    doc: ReportDocument
    goals: list[GoalSection] = field(init=False)
    parents: dict[int, GoalSection] = field(init=False)
    memo: dict[object, object] = field(init=False, default_factory=dict)  # what several rules compute once

    def __post_init__(self) -> None:
        self.goals = self.doc.all_goals()
        self.parents = {}
        for goal in self.goals:
            for child in goal.children:
                self.parents[id(child)] = goal

    @property
    def kind(self) -> Kind:
        """What the document is: the rules ask it which parts the report has and what it assesses."""
        return self.doc.kind

    @cached_property
    def indicators(self) -> list[tuple[GoalSection, IndicatorRow]]:
        return [(g, row) for g in self.goals for row in g.indicators]

    @cached_property
    def activities(self) -> list[tuple[GoalSection, ActivityRow]]:
        return [(g, a) for g in self.goals for a in g.activities]

    def ancestors(self, goal: GoalSection) -> list[GoalSection]:
        out = []
        current = self.parents.get(id(goal))
        while current is not None:
            out.append(current)
            current = self.parents.get(id(current))
        return out

    def related_texts(self, goal: GoalSection) -> list[str]:
        """The analyses that may speak about a goal's indicators: its own, its parents' and its
        children's (a KF indicator table stands under the KF goal, its analysis often under a nämndmål)."""
        goals = [goal, *self.ancestors(goal), *goal.walk()[1:]]
        return [g.analysis for g in goals if g.analysis]

    @cached_property
    def texts(self) -> list[tuple[str, str]]:
        """Every prose text of the report with where it stands (`mål 1.1`, `ekonomi`, …): what the rules on
        wording, names and spelling read."""
        doc = self.doc
        out: list[tuple[str, str]] = [
            ("inledning", doc.introduction),
            ("sammanfattning", doc.cover.summary_analysis),
        ]
        out += [(f"beslut {d.number}", d.text) for d in doc.cover.decisions]
        for goal in self.goals:
            where = f"mål {goal.number}"
            out += [(where, goal.title), (where, goal.description), (where, goal.comment)]
            out += [(where, goal.analysis), (where, goal.justification)]
            out += [(where, e.text) for e in goal.expected_results]
            out += [(where, row.comment) for row in goal.indicators]
            out += [(where, a.title) for a in goal.activities]
            out += [(where, a.deviation) for a in goal.activities]
        economy = doc.economy
        out += [("ekonomi", economy.summary), ("ekonomi", economy.requirement_commentary)]
        out += [(f"ekonomi, {a.name}", a.commentary) for a in economy.areas]
        out += [("ekonomi", adj.reason) for adj in economy.adjustments]
        out += [(title, text) for title, text in doc.special_reports]
        return [(where, text) for where, text in out if text and text.strip()]

    @property
    def period_window(self) -> tuple[dt.date, dt.date] | None:
        if self.doc.period_start and self.doc.period_end:
            return self.doc.period_start, self.doc.period_end
        return None

    @property
    def cells_prefix(self) -> str:
        """A follow-up report prints its own cells; a plan prints the plan's (keys `plan_…`)."""
        return "" if self.kind.has(Part.OUTCOME_TABLES) else "plan_"
