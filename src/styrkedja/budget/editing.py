"""Changes to a plan's budget inputs, each in one transaction with a history entry per changed row."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from styrkedja.audit import delete_by, save_by
from styrkedja.budget.models import (
    AreaBudget,
    BudgetArea,
    BudgetVersion,
    RevenueRequirementAmount,
    RevenueRequirementLine,
)


@transaction.atomic
def update_area_budget(
    area: BudgetArea, amounts: dict[BudgetVersion, tuple[Decimal, Decimal]], *, by
) -> list[AreaBudget]:
    """Set the area's costs and revenues for each version given; versions not given are left as they are."""
    existing = {b.version_id: b for b in AreaBudget.objects.select_for_update().filter(area=area)}
    for b in existing.values():
        b.area = area  # known already; the plan lock (plans/locking.py) walks it without a query
    saved = []
    for version, (costs, revenues) in amounts.items():
        budget = existing.get(version.pk) or AreaBudget(area=area, version=version)
        if budget.pk is None or budget.costs != costs or budget.revenues != revenues:
            budget.costs, budget.revenues = costs, revenues
            save_by(budget, by)
        saved.append(budget)
    return saved


@transaction.atomic
def update_revenue_requirements(
    amounts: dict[tuple[RevenueRequirementLine, BudgetVersion], Decimal | None], *, by
) -> None:
    """Set each intäktskrav amount; None removes the amount for that line and version."""
    lines = {line.pk: line for line, _ in amounts}
    existing = {
        (a.line_id, a.version_id): a
        for a in RevenueRequirementAmount.objects.select_for_update().filter(line_id__in=lines)
    }
    for a in existing.values():
        a.line = lines[a.line_id]  # known already; the plan lock walks it without a query
    for (line, version), value in amounts.items():
        current = existing.get((line.pk, version.pk))
        if value is None:
            if current is not None:
                delete_by(current, by)
        elif current is None:
            save_by(RevenueRequirementAmount(line=line, version=version, amount=value), by)
        elif current.amount != value:
            current.amount = value
            save_by(current, by)
