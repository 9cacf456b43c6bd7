"""The verksamhetsplan: the committee's goals, indicators with targets, activities and budget for a year."""

from styrkedja.profiles import stockholm
from styrkedja.reports.kinds.kind import Kind, Part

PLAN = Kind(
    key="plan",
    family="plan",
    slug="verksamhetsplan",
    parts=frozenset(
        {
            Part.TITLE_PAGE,
            Part.INTRODUCTION,
            Part.GOAL_COMMENTS,
            Part.PLAN_ECONOMY,
            Part.VOLUMES,
            Part.INVESTMENTS,
            Part.TURNOVER,
            Part.ADJUSTMENTS,
        }
    ),
    wording=stockholm().wording("plan"),
)
