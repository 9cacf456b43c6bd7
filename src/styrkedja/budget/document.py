"""The economy section of a plan's report document, from the plan's economy tables (budget/economy.py)."""

from __future__ import annotations

from styrkedja.budget.economy import economy_tables
from styrkedja.plans.models import Plan
from styrkedja.reports import document as d


def plan_economy(plan: Plan) -> d.Economy:
    tables = economy_tables(plan)
    adopted = tables.adopted()
    code = adopted.code if adopted else ""
    economy = d.Economy(
        versions=[(v.code, v.label) for v in tables.versions],
        budget_label=adopted.label if adopted else "",
        areas=[],
        requirement=[
            d.Amounts(label, amounts.get(code, d.ZERO)) for label, amounts in tables.requirement.lines
        ],
        requirement_by_version=[(label, dict(amounts)) for label, amounts in tables.requirement.lines],
        investments=[d.Amounts(label, amount) for label, amount in tables.investments],
        turnover=[
            d.TurnoverLine(g.area, g.heading, g.subtotal_label, label, costs, revenues)
            for g in tables.turnover
            for label, costs, revenues in g.rows
        ],
        turnover_total_label=tables.turnover_total_label,
        adjustments=[d.Adjustment(a[0], a[1]) for a in tables.adjustments],
        volumes=[d.Volume(area, label, places, None, price) for area, label, places, price in tables.volumes],
        efficiency_requirement=tables.efficiency_requirement,
    )
    texts = getattr(plan, "economy", None)
    if texts is not None:
        economy.summary, economy.requirement_commentary = texts.summary, texts.requirement_commentary
    stored = {a.name: a for a in plan.budget_areas.all()}
    printed = {name: a.names_as_printed for name, a in stored.items()}
    for area in tables.areas:
        economy.areas.append(
            d.AreaEconomy(
                name=area.name,
                names_as_printed=list(printed.get(area.name, [])),
                costs=d.Amounts("Kostnader", area.costs.get(code, d.ZERO)),
                revenues=d.Amounts("Intäkter", area.revenues.get(code, d.ZERO)),
                by_version={c: (area.costs[c], area.revenues[c]) for c in area.costs},
                commentary=stored[area.name].commentary if area.name in stored else "",
            )
        )
    return economy
