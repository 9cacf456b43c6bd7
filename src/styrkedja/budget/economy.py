"""The economy tables of a plan, computed from the stored inputs.

net = costs + revenues; committee total = Σ area nets + revenue requirement; turnover subtotals = Σ rows,
with `lib/money.py`'s arithmetic (exact sums, rounded once for display). Everything here is derived:
nothing computed is ever stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from styrkedja.budget import models as m
from styrkedja.lib import money
from styrkedja.plans.models import Plan

ZERO = money.ZERO


@dataclass(frozen=True)
class VersionColumn:
    code: str
    label: str
    kind: str
    year: int


@dataclass
class AreaTable:
    """Kostnader / Intäkter / Netto of one area, one cell per version."""

    name: str
    costs: dict[str, Decimal]
    revenues: dict[str, Decimal]

    @property
    def net(self) -> dict[str, Decimal]:
        return {code: self.costs[code] + self.revenues[code] for code in self.costs}


@dataclass
class RequirementTable:
    lines: list[tuple[str, dict[str, Decimal]]]
    versions: list[str]

    @property
    def net(self) -> dict[str, Decimal]:
        return {v: money.column(amounts.get(v, ZERO) for _, amounts in self.lines) for v in self.versions}


@dataclass
class TurnoverGroupTable:
    area: str
    heading: str
    subtotal_label: str
    rows: list[tuple[str, Decimal, Decimal]]

    @property
    def costs(self) -> Decimal:
        return money.column(c for _, c, _ in self.rows)

    @property
    def revenues(self) -> Decimal:
        return money.column(r for _, _, r in self.rows)


@dataclass
class EconomyTables:
    versions: list[VersionColumn]
    areas: list[AreaTable]
    requirement: RequirementTable
    turnover: list[TurnoverGroupTable]
    turnover_total_label: str
    investments: list[tuple[str, Decimal]] = field(default_factory=list)
    volumes: list[tuple[str, str, Decimal, Decimal | None]] = field(default_factory=list)
    adjustments: list[tuple[Decimal, str, str, str]] = field(default_factory=list)
    efficiency_requirement: Decimal | None = None

    def _sum(self, attribute: str) -> dict[str, Decimal]:
        return {
            v.code: money.column(
                getattr(area, attribute)[v.code] for area in self.areas if v.code in area.costs
            )
            for v in self.versions
        }

    @property
    def total_costs(self) -> dict[str, Decimal]:
        return self._sum("costs")

    @property
    def total_revenues(self) -> dict[str, Decimal]:
        return self._sum("revenues")

    @property
    def total_area_net(self) -> dict[str, Decimal]:
        return self._sum("net")

    @property
    def total_net(self) -> dict[str, Decimal]:
        """Summa netto: the areas' net plus the revenue requirement block."""
        requirement = self.requirement.net
        return {code: value + requirement.get(code, ZERO) for code, value in self.total_area_net.items()}

    @property
    def turnover_costs(self) -> Decimal:
        return money.column(g.costs for g in self.turnover)

    @property
    def turnover_revenues(self) -> Decimal:
        return money.column(g.revenues for g in self.turnover)

    def adopted(self) -> VersionColumn | None:
        return next((v for v in self.versions if v.kind == m.VersionKind.ADOPTED), None)


def economy_tables(plan: Plan) -> EconomyTables:
    """All economy tables of a plan, in a fixed number of queries."""
    versions = list(plan.budget_versions.all())
    columns = [VersionColumn(v.code, v.label, v.kind, v.year) for v in versions]
    code_of = {v.pk: v.code for v in versions}
    areas = []
    for area in plan.budget_areas.prefetch_related("budgets"):
        budgets = {code_of[b.version_id]: b for b in area.budgets.all()}
        areas.append(
            AreaTable(
                name=area.name,
                costs={c: b.costs for c, b in budgets.items()},
                revenues={c: b.revenues for c, b in budgets.items()},
            )
        )
    requirement = RequirementTable(
        lines=[
            (line.label, {code_of[a.version_id]: a.amount for a in line.amounts.all()})
            for line in plan.revenue_requirements.prefetch_related("amounts")
        ],
        versions=[v.code for v in versions],
    )
    turnover = [
        TurnoverGroupTable(
            area=group.area.name,
            heading=group.heading,
            subtotal_label=group.subtotal_label,
            rows=[(row.label, row.costs, row.revenues) for row in group.rows.all()],
        )
        for group in plan.turnover_groups.select_related("area").prefetch_related("rows")
    ]
    economy = m.PlanEconomy.objects.filter(plan=plan).first()
    return EconomyTables(
        versions=columns,
        areas=areas,
        requirement=requirement,
        turnover=turnover,
        turnover_total_label=economy.turnover_total_label if economy else "",
        investments=[(i.label, i.amount) for i in plan.investments.all()],
        volumes=[
            (v.area.name, v.label, v.budget_places, v.price_per_place)
            for v in plan.performance_volumes.select_related("area")
        ],
        adjustments=[
            (
                a.amount,
                a.reason,
                a.from_area.name if a.from_area else "",
                a.to_area.name if a.to_area else "",
            )
            for a in plan.budget_adjustments.select_related("from_area", "to_area")
        ],
        efficiency_requirement=economy.efficiency_requirement if economy else None,
    )
