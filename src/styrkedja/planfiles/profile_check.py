"""What a plan or follow-up file must agree with in its municipality's profile: goal levels one below the
other from the top, goal numbers as the profile numbers them, ratings from its scales. Problems name their
place in the file, so the reader reports them as `FILE:LINE: field: message`."""

from __future__ import annotations

from collections.abc import Iterator

from styrkedja.planfiles.followup_schema import FollowUpFile
from styrkedja.planfiles.schema import Goal, PlanFile
from styrkedja.profiles import Profile

Loc = tuple[str | int, ...]


def plan_problems(pf: PlanFile, profile: Profile) -> Iterator[tuple[Loc, str]]:
    keys = profile.level_keys

    def walk(goals: list[Goal], parent: Goal | None, where: Loc) -> Iterator[tuple[Loc, str]]:
        expected = profile.child_level(parent.level if parent else None)
        for index, goal in enumerate(goals):
            here = (*where, index)
            if goal.level not in keys:
                yield (
                    (*here, "level"),
                    f"'{goal.level}' is not a goal level of {profile.name}: {', '.join(keys)}",
                )
            elif goal.level != expected:
                above = f"under {parent.level} goal {parent.number}" if parent else "at the top"
                yield (
                    (*here, "level"),
                    f"goal {goal.number} is '{goal.level}' {above}; expected '{expected or 'no goal (the last level)'}'",
                )
            problem = profile.number_problem(goal.number, parent.number if parent else None)
            if problem:
                yield (*here, "number"), problem
            yield from walk(goal.goals, goal, (*here, "goals"))

    yield from walk(pf.goals, None, ("goals",))


def followup_problems(f: FollowUpFile, profile: Profile) -> Iterator[tuple[Loc, str]]:
    goal_keys = [key for key, _ in profile.ratings.choices]
    for index, a in enumerate(f.assessments):
        if a.assessment is not None and a.assessment not in goal_keys:
            yield (
                ("assessments", index, "assessment"),
                f"'{a.assessment}' is not a goal rating of {profile.name}: {', '.join(goal_keys)}",
            )
    indicator_keys = [key for key, _ in profile.indicator_ratings.choices]
    for index, o in enumerate(f.outcomes):
        if o.rating is not None and o.rating not in indicator_keys:
            yield (
                ("outcomes", index, "rating"),
                f"'{o.rating}' is not an indicator rating of {profile.name}: {', '.join(indicator_keys)}",
            )
