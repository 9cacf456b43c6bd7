"""Database → plan file (YAML or JSON). Export → import → export gives the same text."""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal
from typing import Any

import yaml

from styrkedja.budget import models as bm
from styrkedja.budget.economy import EconomyTables, economy_tables
from styrkedja.lib.vocabulary import (
    ActivityKind,
    Aggregation,
    Direction,
    KfTargetMode,
    OrganisationKind,
    Periodicity,
    PlanStatus,
    Unit,
    ValueSource,
)
from styrkedja.organisations.models import Organisation
from styrkedja.planfiles import schema as s
from styrkedja.plans import models as pm
from styrkedja.plans.lifecycle import decisions_data


def _org_ref(org: Organisation) -> s.OrganisationRef:
    return s.OrganisationRef(
        code=org.code,
        name=org.name,
        kind=OrganisationKind(org.kind),
        parent=_org_ref(org.parent) if org.parent else None,
    )


def _responsible(rows: list[pm.Responsibility]) -> s.Responsible:
    if not rows:
        return None
    if any(r.organisation_id is None for r in rows):
        return "all"
    return [r.organisation.code for r in rows if r.organisation is not None]


def plan_to_file(plan: pm.Plan) -> s.PlanFile:
    goals = list(plan.goals.select_related("council_goal").order_by("position"))
    responsible: dict[tuple[str, int], list[pm.Responsibility]] = defaultdict(list)
    for r in plan.responsibilities.select_related("organisation").order_by("position", "pk"):
        if r.goal_id:
            responsible[("goal", r.goal_id)].append(r)
        elif r.indicator_id:
            responsible[("indicator", r.indicator_id)].append(r)
        elif r.activity_id:
            responsible[("activity", r.activity_id)].append(r)
    results: dict[int, list[str]] = defaultdict(list)
    for er in pm.ExpectedResult.objects.filter(goal__plan=plan).order_by("goal_id", "position"):
        results[er.goal_id].append(er.text)
    targets: dict[int, list[pm.Target]] = defaultdict(list)
    for t in (
        pm.Target.objects.filter(plan=plan)
        .select_related("indicator__council_indicator")
        .order_by("goal_id", "position")
    ):
        targets[t.goal_id].append(t)
    series: dict[int, list[s.SeriesPoint]] = defaultdict(list)
    in_file = pm.SeriesValue.objects.filter(series__definitions__plan=plan, source=ValueSource.FILE)
    for v in in_file.distinct().order_by("period"):
        series[v.series_id].append(
            s.SeriesPoint(period=v.period, total=_norm(v.total), men=_norm(v.men), women=_norm(v.women))
        )
    comparisons: dict[int, list[s.Comparison]] = defaultdict(list)
    for c in pm.ComparisonValue.objects.filter(indicator__plan=plan).order_by("position"):
        comparisons[c.indicator_id].append(
            s.Comparison(
                label=c.label, value=_norm(c.value) or Decimal(0), period=c.period or None, source=c.source
            )
        )
    activities: dict[int, list[pm.Activity]] = defaultdict(list)
    for a in pm.Activity.objects.filter(plan=plan).order_by("goal_id", "position"):
        activities[a.goal_id].append(a)
    children: dict[int | None, list[pm.Goal]] = defaultdict(list)
    for g in goals:
        children[g.parent_id].append(g)

    def build(goal: pm.Goal) -> s.Goal:
        council = goal.council_goal
        # A goal that stands for the council's names it, and leaves out the text that is the council's.
        title = "" if council and council.title == goal.title else goal.title
        description = "" if council and council.description == goal.description else goal.description
        return s.Goal(
            level=goal.level,
            number=goal.number,
            title=title,
            description=description,
            expected_results=results[goal.pk],
            comment=goal.comment,
            indicators=[
                _indicator(
                    t,
                    responsible[("indicator", t.indicator_id)],
                    series[t.indicator.series_id],
                    comparisons[t.indicator_id],
                )
                for t in targets[goal.pk]
            ],
            activities=[
                s.Activity(
                    title=a.title,
                    start=a.start,
                    end=a.end,
                    kind=ActivityKind(a.kind),
                    responsible=_responsible(responsible[("activity", a.pk)]),
                )
                for a in activities[goal.pk]
            ],
            goals=[build(child) for child in children[goal.pk]],
            council_goal=council.number if council else None,
            responsible=_responsible(responsible[("goal", goal.pk)]),
        )

    committees: list[s.Committee] = []
    if plan.organisation.kind == OrganisationKind.CITY:
        committees = [
            s.Committee(code=o.code, name=o.name)
            for o in Organisation.objects.filter(
                parent=plan.organisation, kind=OrganisationKind.COMMITTEE
            ).order_by("code")
        ]
    return s.PlanFile(
        organisation=_org_ref(plan.organisation),
        year=plan.year,
        title=plan.title,
        status=PlanStatus(plan.status),
        decisions=[s.Decision.model_validate(d) for d in decisions_data(plan)],
        introduction=plan.introduction,
        goals=[build(g) for g in children[None]],
        budget=_budget(plan),
        committees=committees,
    )


def _indicator(
    t: pm.Target,
    responsible: list[pm.Responsibility],
    series: list[s.SeriesPoint],
    comparison: list[s.Comparison],
) -> s.Indicator:
    ind = t.indicator
    council = ind.council_indicator
    # A definition that is the council's is named, not copied.
    own = council is None or any(getattr(ind, f) != getattr(council, f) for f in pm.COUNCIL_DEFINITION)
    aggregation = Aggregation(ind.aggregation)
    return s.Indicator(
        name=ind.name,
        code=ind.code,
        council_indicator=council.name if council else None,
        responsible=_responsible(responsible),
        aggregation=None if aggregation is Aggregation.COMMITTEE else aggregation,
        unit=Unit(ind.unit) if own else None,
        direction=Direction(ind.direction),
        periodicity=Periodicity(ind.periodicity) if own else None,
        first_year=ind.first_year if own else None,
        gender_split=ind.gender_split,
        decimals=ind.decimals,
        kolada_kpi=ind.kolada_kpi or None,
        definition=ind.definition,
        scale=(_norm(ind.scale[0]), _norm(ind.scale[1])) if ind.scale else None,
        target=_norm(t.value),
        band=_norm(t.band),
        kf_target=_norm(t.kf_value),
        kf_target_mode=KfTargetMode(t.kf_mode),
        target_year=t.target_year,
        table=t.table,
        as_printed=dict(t.as_printed),
        series=series,
        comparison=comparison,
    )


def _norm(value: Decimal | None) -> Decimal | None:
    """Decimals as stored (0.5000) → as meant (0.5)."""
    if value is None:
        return None
    return value.normalize() if value != value.to_integral_value() else value.quantize(Decimal(1))


def _budget(plan: pm.Plan) -> s.Budget:
    versions = list(plan.budget_versions.all())
    code_of = {v.pk: v.code for v in versions}
    order = {v.pk: v.position for v in versions}
    areas = []
    for area in plan.budget_areas.prefetch_related("budgets"):
        areas.append(
            s.BudgetArea(
                name=area.name,
                short_name=area.short_name,
                names_as_printed=list(area.names_as_printed),
                amounts={
                    code_of[b.version_id]: s.AreaAmounts(costs=b.costs, revenues=b.revenues)
                    for b in sorted(area.budgets.all(), key=lambda b: order[b.version_id])
                },
                commentary=area.commentary,
            )
        )
    economy = bm.PlanEconomy.objects.filter(plan=plan).first()
    return s.Budget(
        versions=[s.BudgetVersion(code=v.code, label=v.label, kind=v.kind, year=v.year) for v in versions],
        areas=areas,
        revenue_requirement=[
            s.RevenueRequirementLine(
                label=line.label,
                amounts={
                    code_of[a.version_id]: a.amount
                    for a in sorted(line.amounts.all(), key=lambda a: order[a.version_id])
                },
            )
            for line in plan.revenue_requirements.prefetch_related("amounts")
        ],
        turnover=[
            s.TurnoverGroup(
                area=g.area.name,
                heading=g.heading,
                subtotal_label=g.subtotal_label,
                rows=[s.TurnoverRow(label=r.label, costs=r.costs, revenues=r.revenues) for r in g.rows.all()],
            )
            for g in plan.turnover_groups.select_related("area").prefetch_related("rows")
        ],
        turnover_total_label=economy.turnover_total_label if economy else "",
        investments=[s.Investment(label=i.label, amount=i.amount) for i in plan.investments.all()],
        adjustments=[
            s.BudgetAdjustment(
                amount=a.amount,
                reason=a.reason,
                from_area=a.from_area.name if a.from_area else "",
                to_area=a.to_area.name if a.to_area else "",
            )
            for a in plan.budget_adjustments.select_related("from_area", "to_area")
        ],
        performance_volumes=[
            s.PerformanceVolume(
                area=v.area.name,
                label=v.label,
                budget_places=_norm(v.budget_places) or Decimal(0),
                price_per_place=v.price_per_place,
            )
            for v in plan.performance_volumes.select_related("area")
        ],
        efficiency_requirement=economy.efficiency_requirement if economy else None,
        frames=[
            s.CommitteeFrame(committee=f.organisation.code, net_frame=f.net_frame, equity_in=f.equity_in)
            for f in plan.committee_frames.select_related("organisation")
        ],
        investment_frames=[
            s.InvestmentFrame(
                committee=f.organisation.code, area=f.area, budget=f.budget, project_budget=f.project_budget
            )
            for f in plan.investment_frames.select_related("organisation")
        ],
        summary=economy.summary if economy else "",
        requirement_commentary=economy.requirement_commentary if economy else "",
    )


def _num(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def computed_tables(tables: EconomyTables) -> dict[str, Any]:
    """The derived rows of the economy tables: nets, subtotals, totals. Written for readers; never read back."""
    codes = [v.code for v in tables.versions]
    return {
        "net_by_area": [
            {"area": a.name, **{c: _num(a.net[c]) for c in codes if c in a.net}} for a in tables.areas
        ],
        "revenue_requirement_net": {c: _num(v) for c, v in tables.requirement.net.items()},
        "total_costs": {c: _num(v) for c, v in tables.total_costs.items()},
        "total_revenues": {c: _num(v) for c, v in tables.total_revenues.items()},
        "total_net": {c: _num(v) for c, v in tables.total_net.items()},
        "turnover_subtotals": [
            {"area": g.area, "label": g.subtotal_label, "costs": _num(g.costs), "revenues": _num(g.revenues)}
            for g in tables.turnover
        ],
        "turnover_total": {"costs": _num(tables.turnover_costs), "revenues": _num(tables.turnover_revenues)},
    }


def export_data(plan: pm.Plan) -> dict[str, Any]:
    data = plan_to_file(plan).model_dump(mode="json")
    data["budget"]["computed"] = computed_tables(economy_tables(plan))
    return data


def dump(data: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "yaml":
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100, default_flow_style=False)
    raise ValueError(f"unknown format {fmt!r}; use yaml or json")
