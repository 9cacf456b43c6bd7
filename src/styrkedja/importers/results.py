"""What reading a printed document gives, whatever its layout (no Django): the plan file, and for a
follow-up report the follow-up file, with everything that could not be placed and a summary in counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from styrkedja.lib.vocabulary import ActivityKind
from styrkedja.planfiles.followup_schema import Economics, FollowUpFile
from styrkedja.planfiles.schema import Goal, PlanFile

from .text import Unplaced

__all__ = ["ParseResult", "ReportParseResult", "economy_totals"]

#: The levels of the chain every summary counts (the keys of the default profile's first three levels).
_LEVELS = ("direction", "council_area", "committee")


@dataclass
class ParseResult:
    """A verksamhetsplan as read."""

    plan: PlanFile
    unplaced: list[Unplaced]
    economy_tables: list[str] = field(default_factory=list)
    line_counts: dict[str, int] = field(default_factory=dict)  # source lines per ledger status

    def summary(self) -> dict[str, int]:
        goals = _walk(self.plan.goals)
        indicators = [indicator for goal in goals for indicator in goal.indicators]
        activities = [activity for goal in goals for activity in goal.activities]
        counts = _goal_counts(goals)
        counts["indicators"] = len(indicators)
        counts["council_indicators"] = sum(1 for i in indicators if i.table == "council")
        counts["committee_indicators"] = sum(1 for i in indicators if i.table == "committee")
        counts["activities"] = len(activities)
        counts["council_assignments"] = sum(
            1 for a in activities if a.kind is ActivityKind.COUNCIL_ASSIGNMENT
        )
        counts["expected_results"] = sum(len(goal.expected_results) for goal in goals)
        budget = self.plan.budget
        counts["goals"] = sum(counts[f"{level}_goals"] for level in _LEVELS)
        counts["economy_tables"] = len(self.economy_tables)
        counts["budget_areas"] = len(budget.areas)
        counts["revenue_requirement_lines"] = len(budget.revenue_requirement)
        counts["turnover_groups"] = len(budget.turnover)
        counts["turnover_rows"] = sum(len(group.rows) for group in budget.turnover)
        counts["performance_volumes"] = len(budget.performance_volumes)
        counts["investments"] = len(budget.investments)
        return counts | _line_counts(self.unplaced, self.line_counts)


@dataclass
class ReportParseResult:
    """A follow-up report as read, with the plan of its year as far as the report shows it."""

    plan: PlanFile
    followup: FollowUpFile
    unplaced: list[Unplaced]
    economy_tables: list[str] = field(default_factory=list)
    line_counts: dict[str, int] = field(default_factory=dict)  # source lines per ledger status

    def summary(self) -> dict[str, int]:
        goals = _walk(self.plan.goals)
        counts = _goal_counts(goals)
        counts["expected_results"] = sum(len(goal.expected_results) for goal in goals)
        f, economics = self.followup, self.followup.economics
        counts["goals"] = sum(counts[f"{level}_goals"] for level in _LEVELS)
        counts["rated_goals"] = sum(1 for a in f.assessments if a.assessment is not None)
        counts["indicators"] = sum(len(g.indicators) for g in goals)
        counts["activities"] = sum(len(g.activities) for g in goals)
        counts["outcome_rows"] = len(f.outcomes)
        counts["outcome_comments"] = sum(1 for o in f.outcomes if o.comment)
        counts["activity_rows"] = len(f.activities)
        counts["activity_deviations"] = sum(1 for a in f.activities if a.deviation)
        counts["complaints"] = len(f.complaints)
        counts["complaint_total"] = sum(c.count for c in f.complaints)
        counts["signatures"] = len(f.signatures)
        counts["dated_signatures"] = sum(1 for s in f.signatures if s.date is not None)
        counts["case_officers"] = len(f.report.case_officers)
        counts["decisions"] = len(f.report.decisions)
        counts["attachments"] = len(f.report.attachments)
        counts["special_reports"] = len(f.special_reports)
        counts["economy_tables"] = len(self.economy_tables)
        counts["economy_areas"] = len(economics.areas)
        counts["revenue_requirement_lines"] = len(economics.revenue_requirement)
        counts["investments"] = len(economics.investments)
        counts["turnover_groups"] = len(economics.turnover)
        counts["turnover_rows"] = sum(len(g.rows) for g in economics.turnover)
        counts["adjustments"] = len(economics.adjustments)
        counts["volumes"] = len(economics.volumes)
        return counts | _line_counts(self.unplaced, self.line_counts)

    def economy_totals(self) -> dict[str, Decimal]:
        """The committee's totals computed from the stored amounts (nothing here is read from a total)."""
        return economy_totals(self.followup.economics)


def economy_totals(economics: Economics) -> dict[str, Decimal]:
    def total(values: list[Decimal]) -> Decimal:
        return sum(values, Decimal(0))

    areas, requirement = economics.areas, economics.revenue_requirement
    result = {
        "budget_costs": total([a.budget_costs for a in areas]),
        "forecast_costs": total([a.forecast_costs for a in areas]),
        "budget_revenues": total([a.budget_revenues for a in areas]) + total([r.budget for r in requirement]),
        "forecast_revenues": total([a.forecast_revenues for a in areas])
        + total([r.forecast for r in requirement]),
        "turnover_costs": total([r.costs for g in economics.turnover for r in g.rows]),
        "turnover_revenues": total([r.revenues for g in economics.turnover for r in g.rows]),
        "investments_budget": total([i.budget for i in economics.investments]),
        "investments_forecast": total([i.forecast for i in economics.investments]),
    }
    result["budget_net"] = result["budget_costs"] + result["budget_revenues"]
    result["forecast_net"] = result["forecast_costs"] + result["forecast_revenues"]
    result["deviation"] = result["budget_net"] - result["forecast_net"]
    return result


def _walk(goals: list[Goal]) -> list[Goal]:
    return [g for goal in goals for g in [goal, *_walk(goal.goals)]]


def _goal_counts(goals: list[Goal]) -> dict[str, int]:
    """Goals per level: the three levels of the chain always, another level where there is one."""
    counts = {f"{level}_goals": 0 for level in _LEVELS}
    for goal in goals:
        counts[f"{goal.level}_goals"] = counts.get(f"{goal.level}_goals", 0) + 1
    return counts


def _line_counts(unplaced: list[Unplaced], line_counts: dict[str, int]) -> dict[str, int]:
    return {"unplaced": len(unplaced)} | {f"{status}_lines": number for status, number in line_counts.items()}
