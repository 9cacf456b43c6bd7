"""What a part of a round covers: the plan's goal tree read once, the goals a part reports on, the part
that owns a goal's assessment, and which values a round expects of an indicator."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from styrkedja.followup.models import Part, Round
from styrkedja.lib.periods import PeriodKind, parse_period, period_for_periodicity
from styrkedja.organisations.profiles import profile_of
from styrkedja.plans.models import Goal, Plan


@dataclass
class GoalTree:
    """A plan's goals, read in one query, with their parents and children in memory."""

    goals: dict[int, Goal]
    children: dict[int | None, list[Goal]] = field(default_factory=dict)
    committee_level: str = ""  # the profile's level of the committee's own goals: one part each

    @classmethod
    def of_plan(cls, plan_id: int) -> GoalTree:
        goals = list(Goal.objects.filter(plan_id=plan_id).order_by("position", "pk"))
        children: dict[int | None, list[Goal]] = defaultdict(list)
        for goal in goals:
            children[goal.parent_id].append(goal)
        plan = Plan.objects.select_related("organisation__parent__parent__parent").get(pk=plan_id)
        return cls({g.pk: g for g in goals}, children, profile_of(plan.organisation).committee_key)

    def parent_of(self, goal: Goal) -> Goal | None:
        return self.goals.get(goal.parent_id) if goal.parent_id is not None else None

    def ancestors(self, goal_id: int) -> list[Goal]:
        """The goals above, top first."""
        chain: list[Goal] = []
        node = self.parent_of(self.goals[goal_id]) if goal_id in self.goals else None
        while node is not None and node not in chain:
            chain.append(node)
            node = self.parent_of(node)
        return list(reversed(chain))

    def subtree(self, goal_id: int) -> list[Goal]:
        """The goal and every goal below it, depth first."""
        out: list[Goal] = []
        stack = [self.goals[goal_id]] if goal_id in self.goals else []
        while stack:
            goal = stack.pop()
            out.append(goal)
            stack.extend(reversed(self.children.get(goal.pk, [])))
        return out

    def part_goal_of(self, goal_id: int) -> Goal | None:
        """The committee's goal whose part covers this goal's assessment: itself or the nearest one above."""
        node = self.goals.get(goal_id)
        while node is not None:
            if node.level == self.committee_level:
                return node
            node = self.parent_of(node)
        return None


@dataclass
class PartScope:
    """The goals a part reports on: indicators and activities of the KF goals above its nämndmål, of the
    nämndmål and of the goals below it; assessments of the nämndmål and the goals below it."""

    above: list[Goal]
    own: list[Goal]

    @property
    def all(self) -> list[Goal]:
        return [*self.above, *self.own]

    @property
    def ids(self) -> set[int]:
        return {g.pk for g in self.all}

    @property
    def own_ids(self) -> set[int]:
        return {g.pk for g in self.own}


def part_scope(part: Part, tree: GoalTree) -> PartScope:
    if part.goal_id is None:
        return PartScope([], [])
    return PartScope(tree.ancestors(part.goal_id), tree.subtree(part.goal_id))


def expects_outcome(periodicity: str, round_: Round, first_year: int | None = None) -> bool:
    """Whether an indicator of this periodicity (measured every other year: from `first_year`) has a value
    for the round's period."""
    return period_for_periodicity(periodicity, parse_period(round_.period), first_year) is not None


def expects_forecast(round_: Round) -> bool:
    return parse_period(round_.period).kind is not PeriodKind.YEAR


def goal_part(round_: Round, goal: Goal, tree: GoalTree) -> Part | None:
    """The part that covers a goal's assessment (its nämndmål's), or None for the KF goals above."""
    owner = tree.part_goal_of(goal.pk)
    if owner is None:
        return None
    part = Part.objects.filter(round=round_, goal=owner).select_related("assignee", "goal").first()
    if part is not None:
        part.round = round_
    return part
