"""Finding a follow-up file's rows in the plan of its year, and saying so when one matches nothing.

Rows are matched by goal number, indicator name and activity title (spacing, punctuation and case
ignored); areas by any spelling the plan knows (`BudgetArea.names_as_printed`), its short form, or an
unambiguous beginning; intäktskrav lines, investments and volumes by their label. A row that matches
nothing is named with the plan's nearest candidates, so a misspelling is easy to correct; the budget
columns of a file are compared with the plan's adopted budget, never taken from the file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from styrkedja.audit import save_by
from styrkedja.budget import models as bm
from styrkedja.lib.validation import show
from styrkedja.lib.vocabulary import VersionKind
from styrkedja.plans import models as pm


def key(text: str) -> str:
    """What matching compares: words only, lower case."""
    return re.sub(r"\W+", " ", text).strip().lower()


def near(wanted: str, candidates: Iterable[str]) -> str:
    """` (nearest: 'a', 'b')`, or nothing when nothing is near."""
    names = sorted(set(candidates))
    by_key = {key(name): name for name in names}
    found = difflib.get_close_matches(key(wanted), list(by_key), n=3, cutoff=0.6)
    return f" (nearest: {', '.join(repr(by_key[k]) for k in found)})" if found else ""


class Areas:
    """Finds a plan's area by any of its printed names, by its short form, or by the first word."""

    def __init__(self, plan: pm.Plan):
        self.areas = list(plan.budget_areas.all())

    def find(self, name: str) -> bm.BudgetArea | None:
        wanted = key(name)
        if not wanted:
            return None
        for area in self.areas:
            names = [area.name, area.short_name, *area.names_as_printed]
            if wanted in {key(n) for n in names if n}:
                return area
        for area in self.areas:
            for n in [area.name, *area.names_as_printed]:
                if key(n) and (key(n).startswith(wanted) or wanted.startswith(key(n))):
                    return area
        first = wanted.split(" ")[0]
        matches = [a for a in self.areas if key(a.name).split(" ")[0] == first]
        return matches[0] if len(matches) == 1 else None

    def remember(self, area: bm.BudgetArea, name: str, by: Any) -> None:
        """Keep a new spelling of an area, so the next report printing it is matched at once."""
        if name not in area.names_as_printed and name != area.name:
            area.names_as_printed = [*area.names_as_printed, name]
            save_by(area, by)

    def missing(self, name: str) -> str:
        known = [n for a in self.areas for n in (a.name, *a.names_as_printed)]
        listed = ", ".join(repr(a.name) for a in self.areas) or "none"
        return f"the plan has no area '{name}'{near(name, known)}; its areas: {listed}"


@dataclass
class PlanRows:
    """The rows of a plan a follow-up file refers to, found by the keys of the file."""

    plan: pm.Plan

    def __post_init__(self) -> None:
        plan = self.plan
        self.goals = {g.number: g for g in plan.goals.all()}
        self.targets = {
            (t.goal.number, key(t.indicator.name)): t
            for t in pm.Target.objects.filter(plan=plan).select_related("goal", "indicator")
        }
        self.activities = {
            (a.goal.number, key(a.title)): a
            for a in pm.Activity.objects.filter(plan=plan).select_related("goal")
        }
        self.areas = Areas(plan)
        self.lines = {key(line.label): line for line in plan.revenue_requirements.all()}
        self.investments = {key(i.label): i for i in plan.investments.all()}
        self.volumes = {(v.area_id, key(v.label)): v for v in plan.performance_volumes.select_related("area")}
        self.adopted = plan.budget_versions.filter(kind=VersionKind.ADOPTED).first()

    # --- what a row that matches nothing is told ----------------------------------------------------

    def missing_goal(self, number: str) -> str:
        return f"the plan has no goal {number}{near(number, self.goals)}"

    def missing_indicator(self, goal: str, name: str) -> str:
        elsewhere = sorted(number for number, k in self.targets if k == key(name))
        if elsewhere:
            return f"the plan has '{name}' under goal {', '.join(elsewhere)}, not under goal {goal}"
        if goal not in self.goals:
            return f"{self.missing_goal(goal)}, so no indicator '{name}' under it"
        under = [t.indicator.name for (number, _), t in self.targets.items() if number == goal]
        return f"the plan has no indicator '{name}' under goal {goal}{near(name, under)}"

    def missing_activity(self, goal: str, title: str) -> str:
        if goal not in self.goals:
            return f"{self.missing_goal(goal)}, so no activity under it"
        under = [a.title for (number, _), a in self.activities.items() if number == goal]
        return f"the plan has no activity '{title[:80]}' under goal {goal}{near(title, under)}"

    def missing_line(self, what: str, label: str, labels: Iterable[str]) -> str:
        listed = list(labels)
        return f"the plan has no {what} '{label}'{near(label, listed)}; its {what}s: " + (
            ", ".join(repr(x) for x in listed) or "none"
        )

    # --- the budget columns -------------------------------------------------------------------------

    def budget_difference(self, what: str, plan_value: Decimal | None, file_value: Decimal) -> str | None:
        """Why a file's budget figure is refused: the plan's adopted budget has another (or none)."""
        version = f"adopted budget ({self.adopted.label})" if self.adopted else "adopted budget"
        if plan_value is None:
            return f"the plan's {version} has no {what}; the file gives {show(file_value)}"
        if plan_value != file_value:
            return (
                f"the plan's {version} has {what} {show(plan_value)}, the file {show(file_value)} "
                f"(a difference of {show(file_value - plan_value)}); the budget is the plan's, correct "
                "the file or the plan"
            )
        return None

    def area_budget(self, area: bm.BudgetArea) -> bm.AreaBudget | None:
        if self.adopted is None:
            return None
        return bm.AreaBudget.objects.filter(area=area, version=self.adopted).first()

    def line_budget(self, line: bm.RevenueRequirementLine) -> Decimal | None:
        if self.adopted is None:
            return None
        found = bm.RevenueRequirementAmount.objects.filter(line=line, version=self.adopted).first()
        return found.amount if found else None
