"""A plan's economics: areas of operation, budget versions, revenue requirement, omslutning, volumes.

Only inputs are stored. Nets, subtotals and totals are computed (see budget/economy.py).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from simple_history.models import HistoricalRecords

from styrkedja.edits.versions import Versioned
from styrkedja.lib.vocabulary import VersionKind
from styrkedja.organisations.models import Organisation
from styrkedja.plans.locking import PlanBound
from styrkedja.plans.models import Plan

#: Money: mnkr with one decimal, exact.
MONEY_DIGITS, MONEY_DECIMALS = 14, 1


def money(verbose_name: str, **options: Any) -> models.DecimalField:
    """A field of money in mnkr with one decimal."""
    return models.DecimalField(
        verbose_name, max_digits=MONEY_DIGITS, decimal_places=MONEY_DECIMALS, **options
    )


class BudgetVersion(PlanBound):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="budget_versions")
    code = models.SlugField("kod", max_length=40)
    label = models.CharField("rubrik", max_length=80)
    kind = models.CharField("typ", max_length=30, choices=VersionKind.choices)
    year = models.PositiveSmallIntegerField("år")
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="budget_version_code_unique")]
        verbose_name = "budgetversion"
        verbose_name_plural = "budgetversioner"

    def __str__(self) -> str:
        return self.label


class BudgetArea(PlanBound, Versioned):
    """A verksamhetsområde. `names_as_printed` keeps every spelling the documents used for it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="budget_areas")
    name = models.CharField("namn", max_length=200)
    short_name = models.CharField("kortnamn", max_length=80, blank=True)
    names_as_printed = models.JSONField("namn som tryckta", default=list, blank=True)
    commentary = models.TextField("kommentar", blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="budget_area_name_unique")]
        verbose_name = "verksamhetsområde"
        verbose_name_plural = "verksamhetsområden"

    def __str__(self) -> str:
        return self.name


class AreaBudget(PlanBound):
    """Costs (positive) and revenues (negative) of one area in one version."""

    plan_path = "area__plan"

    area = models.ForeignKey(BudgetArea, on_delete=models.CASCADE, related_name="budgets")
    version = models.ForeignKey(BudgetVersion, on_delete=models.CASCADE, related_name="area_budgets")
    costs = money("kostnader")
    revenues = money("intäkter")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["area", "version"], name="area_budget_once_per_version"),
            models.CheckConstraint(condition=models.Q(costs__gte=0), name="area_budget_costs_not_negative"),
            models.CheckConstraint(
                condition=models.Q(revenues__lte=0), name="area_budget_revenues_not_positive"
            ),
        ]
        verbose_name = "budget för område"
        verbose_name_plural = "budgetar för områden"

    def __str__(self) -> str:
        return f"{self.area} – {self.version}"

    @property
    def net(self) -> Decimal:
        return self.costs + self.revenues


class RevenueRequirementLine(PlanBound, Versioned):
    """A line of the intäktskrav block (state grants to claim), with one amount per version."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revenue_requirements")
    label = models.CharField("rubrik", max_length=200)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]
        verbose_name = "intäktskrav"
        verbose_name_plural = "intäktskrav"

    def __str__(self) -> str:
        return self.label


class RevenueRequirementAmount(PlanBound):
    plan_path = "line__plan"
    line = models.ForeignKey(RevenueRequirementLine, on_delete=models.CASCADE, related_name="amounts")
    version = models.ForeignKey(BudgetVersion, on_delete=models.CASCADE, related_name="requirement_amounts")
    amount = money("belopp")
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["line", "version"], name="requirement_amount_once_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.line} – {self.version}"


class TurnoverGroup(PlanBound):
    """The omslutning rows of one area."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="turnover_groups")
    area = models.ForeignKey(BudgetArea, on_delete=models.RESTRICT, related_name="turnover_groups")
    heading = models.CharField("rubrik", max_length=200, blank=True)
    subtotal_label = models.CharField("delsummans rubrik", max_length=200, blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return self.heading or str(self.area)


class TurnoverRow(PlanBound):
    """One omslutningsförändring: extra costs with equal extra revenues (revenues = −costs)."""

    plan_path = "group__plan"

    group = models.ForeignKey(TurnoverGroup, on_delete=models.CASCADE, related_name="rows")
    label = models.CharField("rubrik", max_length=200)
    costs = money("kostnader")
    revenues = money("intäkter")
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "position"]

    def __str__(self) -> str:
        return self.label


class PerformanceVolume(PlanBound):
    """Full-year places (helårsplatser) the budget pays for, and the price per place."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="performance_volumes")
    area = models.ForeignKey(BudgetArea, on_delete=models.RESTRICT, related_name="performance_volumes")
    label = models.CharField("rubrik", max_length=200)
    budget_places = models.DecimalField("helårsplatser i budget", max_digits=12, decimal_places=1)
    price_per_place = models.DecimalField(
        "pris per plats (kr)", max_digits=12, decimal_places=0, null=True, blank=True
    )
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(budget_places__gte=0), name="volume_places_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.label}"


class Investment(PlanBound):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="investments")
    label = models.CharField("rubrik", max_length=200)
    amount = money("belopp")
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return self.label


class BudgetAdjustment(PlanBound):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="budget_adjustments")
    amount = money("belopp")
    reason = models.TextField("motivering")
    from_area = models.ForeignKey(
        BudgetArea, null=True, blank=True, on_delete=models.RESTRICT, related_name="adjustments_from"
    )
    to_area = models.ForeignKey(
        BudgetArea, null=True, blank=True, on_delete=models.RESTRICT, related_name="adjustments_to"
    )
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return f"Budgetjustering {self.amount} mnkr"


class PlanEconomy(PlanBound, Versioned):
    """Plan-wide economic facts that are inputs, not sums, and the texts of the economy section: the
    commentary on the whole budget and on the revenue requirement (an area's is on the area)."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="economy")
    efficiency_requirement = money("effektiviseringskrav", null=True, blank=True)
    turnover_total_label = models.CharField("omslutningens summarad", max_length=200, blank=True)
    summary = models.TextField("kommentar till budgeten", blank=True)
    requirement_commentary = models.TextField("kommentar till intäktskravet", blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Ekonomi {self.plan}"


class CommitteeFrame(PlanBound):
    """In the council's plan: a committee's budget frame (kommunbidrag / nettoram: the net cost it may
    have) and its equity (resultatfond / eget kapital) carried into the year."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="committee_frames")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="frames")
    net_frame = money("nettoram")
    equity_in = money("eget kapital vid årets början", null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "organisation"], name="one_frame_per_committee")
        ]
        verbose_name = "budgetram"
        verbose_name_plural = "budgetramar"

    def __str__(self) -> str:
        return f"Ram {self.organisation}"


class InvestmentFrame(PlanBound):
    """In the council's plan: a committee's investment budget for one area or project, the year's and the
    whole project's over several years."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="investment_frames")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="investment_frames")
    area = models.CharField("område eller projekt", max_length=200)
    budget = money("årets budget")
    project_budget = money("projektets totala budget", null=True, blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "organisation", "area"], name="one_investment_frame_per_area"
            )
        ]
        verbose_name = "investeringsram"
        verbose_name_plural = "investeringsramar"

    def __str__(self) -> str:
        return f"{self.organisation}: {self.area}"
