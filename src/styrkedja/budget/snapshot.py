"""The budget's part of a plan's content as a decision on the plan keeps it (plans/lifecycle.py): each
area's costs and revenues per budget version, its commentary, and the revenue requirement."""

from __future__ import annotations

from styrkedja.budget.models import AreaBudget, BudgetArea, RevenueRequirementAmount
from styrkedja.plans.lifecycle import Snapshot, value_text
from styrkedja.plans.models import Plan


def budget_part(plan: Plan) -> Snapshot:
    budgets: dict[str, dict[str, str]] = {}
    for b in (
        AreaBudget.objects.filter(area__plan=plan)
        .select_related("area", "version")
        .order_by("area__position", "area_id", "version__position")
    ):
        fields = budgets.setdefault(b.area.name, {})
        fields[f"Kostnader {b.version.label}"] = value_text(b.costs)
        fields[f"Intäkter {b.version.label}"] = value_text(b.revenues)
    for area in BudgetArea.objects.filter(plan=plan).order_by("position", "pk"):
        budgets.setdefault(area.name, {})["Kommentar"] = area.commentary
    requirement: dict[str, dict[str, str]] = {}
    for a in (
        RevenueRequirementAmount.objects.filter(line__plan=plan)
        .select_related("line", "version")
        .order_by("line__position", "line_id", "version__position")
    ):
        requirement.setdefault(a.line.label, {})[a.version.label] = value_text(a.amount)
    return {"Budget per verksamhetsområde": budgets, "Intäktskrav": requirement}
