"""Changes to a plan's budget inputs, each in one transaction with a history entry per changed row.

An area's budgets are edited together and guarded by the area's version; the intäktskrav amounts by their
line's (edits/versions.py): a change based on an older version is a Conflict. The editor's right to change
the plan is checked here (`plans/permissions.py`)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from styrkedja.audit import delete_by, save_by
from styrkedja.budget.models import (
    AreaBudget,
    BudgetArea,
    BudgetVersion,
    PlanEconomy,
    RevenueRequirementAmount,
    RevenueRequirementLine,
)
from styrkedja.edits.versions import check_edit, locked, save_checked
from styrkedja.plans.permissions import require_plan_edit


@transaction.atomic
def update_area_budget(
    area: BudgetArea,
    amounts: dict[BudgetVersion, tuple[Decimal, Decimal]],
    *,
    by,
    expected_version: int | None = None,
) -> list[AreaBudget]:
    """Set the area's costs and revenues for each version given; versions not given are left as they are."""
    require_plan_edit(by, area.plan)
    stored_area = locked(BudgetArea.objects.filter(pk=area.pk)).get()
    check_edit(stored_area, expected_version, by)
    existing = {b.version_id: b for b in locked(AreaBudget.objects.filter(area=area))}
    for b in existing.values():
        b.area = area  # known already; the plan lock (plans/locking.py) walks it without a query
    saved, changed = [], False
    for version, (costs, revenues) in amounts.items():
        budget = existing.get(version.pk) or AreaBudget(area=area, version=version)
        if budget.pk is None or budget.costs != costs or budget.revenues != revenues:
            budget.costs, budget.revenues = costs, revenues
            save_by(budget, by)
            changed = True
        saved.append(budget)
    if changed:
        save_by(stored_area, by)  # the area's version counts its budgets' changes
        area.version = stored_area.version
    return saved


@transaction.atomic
def update_revenue_requirements(
    amounts: dict[tuple[RevenueRequirementLine, BudgetVersion], Decimal | None],
    *,
    by,
    expected_versions: dict[int, int] | None = None,
) -> None:
    """Set each intäktskrav amount; None removes the amount for that line and version. `expected_versions`:
    line pk → the version of the line the user read."""
    lines = {line.pk: line for line, _ in amounts}
    for line in lines.values():
        require_plan_edit(by, line.plan)
    stored_lines = {line.pk: line for line in locked(RevenueRequirementLine.objects.filter(pk__in=lines))}
    for pk, line in stored_lines.items():
        check_edit(line, None if expected_versions is None else expected_versions.get(pk), by)
    existing = {
        (a.line_id, a.version_id): a
        for a in locked(RevenueRequirementAmount.objects.filter(line_id__in=lines))
    }
    for a in existing.values():
        a.line = lines[a.line_id]  # known already; the plan lock walks it without a query
    changed: set[int] = set()
    for (line, version), value in amounts.items():
        current = existing.get((line.pk, version.pk))
        if value is None:
            if current is not None:
                delete_by(current, by)
                changed.add(line.pk)
        elif current is None:
            save_by(RevenueRequirementAmount(line=line, version=version, amount=value), by)
            changed.add(line.pk)
        elif current.amount != value:
            current.amount = value
            save_by(current, by)
            changed.add(line.pk)
    for pk in changed:  # a line's version counts its amounts' changes
        save_by(stored_lines[pk], by)
        lines[pk].version = stored_lines[pk].version


@transaction.atomic
def update_economy_texts(
    plan,
    *,
    summary: str,
    requirement_commentary: str,
    area_commentary: dict[BudgetArea, str] | None = None,
    by,
    expected_version: int | None = None,
    expected_area_versions: dict[BudgetArea, int | None] | None = None,
) -> PlanEconomy:
    """The texts of the plan's economy section: on the whole budget, on the intäktskrav (guarded by the
    plan economy's version) and on each area given (guarded by the area's)."""
    require_plan_edit(by, plan)
    same = PlanEconomy.objects.filter(plan=plan)
    economy = locked(same).first() or PlanEconomy(plan=plan)
    check_edit(economy, expected_version, by)
    if economy.pk is None or (economy.summary, economy.requirement_commentary) != (
        summary,
        requirement_commentary,
    ):
        economy.summary, economy.requirement_commentary = summary, requirement_commentary
        save_checked(economy, by, same)
    for area, text in (area_commentary or {}).items():
        stored = locked(BudgetArea.objects.filter(pk=area.pk, plan=plan)).get()
        check_edit(stored, (expected_area_versions or {}).get(area), by)
        if stored.commentary != text:
            stored.commentary = text
            save_by(stored, by)
        area.version, area.commentary = stored.version, stored.commentary
    return economy
