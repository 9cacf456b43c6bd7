"""The goal tree of a plan as report-document sections: goals with their texts, expected results,
indicators with targets and activities, in the plan's order. Shared by the plan document and the round
document (which adds the round's values to the same sections)."""

from __future__ import annotations

from styrkedja.plans import models as pm
from styrkedja.profiles import Profile
from styrkedja.reports import document as d


def goal_sections(
    plan: pm.Plan, profile: Profile
) -> tuple[list[d.GoalSection], dict[int, d.GoalSection], dict[int, d.IndicatorRow]]:
    goals = list(plan.goals.order_by("position"))
    sections = {
        g.pk: d.GoalSection(
            level=g.level, number=g.number, title=g.title, description=g.description, comment=g.comment
        )
        for g in goals
    }
    for er in pm.ExpectedResult.objects.filter(goal__plan=plan).order_by("goal_id", "position"):
        sections[er.goal_id].expected_results.append(d.ExpectedResultRow(er.text, er.quantified is not None))
    rows: dict[int, d.IndicatorRow] = {}
    comparisons: dict[int, list[d.ComparisonRow]] = {}
    for c in pm.ComparisonValue.objects.filter(indicator__plan=plan).order_by("indicator_id", "position"):
        comparisons.setdefault(c.indicator_id, []).append(
            d.ComparisonRow(c.label, c.value, c.period, c.source)
        )
    for t in (
        pm.Target.objects.filter(plan=plan).select_related("indicator").order_by("goal__position", "position")
    ):
        ind = t.indicator
        row = d.IndicatorRow(
            name=ind.name,
            unit=ind.unit,
            direction=ind.direction,
            periodicity=ind.periodicity,
            gender_split=ind.gender_split,
            decimals=ind.decimals,
            table=t.table,
            target=t.value,
            band=t.band,
            kf_mode=t.kf_mode,
            kf_target=t.kf_value,
            kolada_kpi=ind.kolada_kpi,
            code=ind.code,
            target_year=t.target_year,
            first_year=ind.first_year,
            unit_suffix=profile.unit_suffix(ind.unit),
            comparisons=list(comparisons.get(ind.pk, [])),
            as_printed={f"plan_{k}": v for k, v in t.as_printed.items()},
        )
        rows[t.pk] = row
        sections[t.goal_id].indicators.append(row)
    roots = []
    for g in goals:
        if g.parent_id:
            sections[g.parent_id].children.append(sections[g.pk])
        else:
            roots.append(sections[g.pk])
    return roots, sections, rows


def activity_rows(plan: pm.Plan, sections: dict[int, d.GoalSection]) -> dict[int, d.ActivityRow]:
    rows = {}
    for a in pm.Activity.objects.filter(plan=plan).order_by("goal__position", "position"):
        row = d.ActivityRow(title=a.title, start=a.start, end=a.end, kind=a.kind)
        rows[a.pk] = row
        sections[a.goal_id].activities.append(row)
    return rows
