"""Forms for a plan's budget inputs: an area's costs and revenues per version, and the intäktskrav.

Amounts are mnkr with one decimal, typed the Swedish way (`1 393,1`, `-45,0`). Costs are positive and
revenues negative, as the committee's tables print them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django import forms

from styrkedja.budget.models import AreaBudget, BudgetArea, BudgetVersion, RevenueRequirementLine
from styrkedja.lib.validation import costs_problem, requirement_problem, revenues_problem
from styrkedja.web.forms.fields import guard, money_field


@dataclass
class VersionFields:
    version: BudgetVersion
    costs: forms.BoundField
    revenues: forms.BoundField


class AreaBudgetForm(forms.Form):
    """Kostnader and Intäkter of one area, one pair per budget version."""

    def __init__(
        self, *args, area: BudgetArea, versions: list[BudgetVersion], budgets: dict[int, AreaBudget], **kwargs
    ):
        super().__init__(*args, **kwargs)
        guard(self, area)
        self.versions = versions
        self.budgets = budgets
        for version in versions:
            existing = budgets.get(version.pk)
            self.fields[f"costs_{version.pk}"] = money_field(
                f"Kostnader {version.label}",
                required=existing is not None,
                initial=existing.costs if existing else None,
                check=costs_problem,
            )
            self.fields[f"revenues_{version.pk}"] = money_field(
                f"Intäkter {version.label}",
                required=existing is not None,
                initial=existing.revenues if existing else None,
                help_text="Intäkter skrivs med minustecken.",
                check=revenues_problem,
            )

    def groups(self) -> list[VersionFields]:
        return [VersionFields(v, self[f"costs_{v.pk}"], self[f"revenues_{v.pk}"]) for v in self.versions]

    def clean(self):
        super().clean()
        data = self.cleaned_data
        for version in self.versions:
            costs_name, revenues_name = f"costs_{version.pk}", f"revenues_{version.pk}"
            costs, revenues = data.get(costs_name), data.get(revenues_name)
            both_known = costs_name not in self.errors and revenues_name not in self.errors
            if both_known and (costs is None) != (revenues is None):
                missing = costs_name if costs is None else revenues_name
                self.add_error(missing, "Fyll i både kostnader och intäkter, eller ingen av dem.")
        return data

    def amounts(self) -> dict[BudgetVersion, tuple[Decimal, Decimal]]:
        """The filled-in versions: version → (costs, revenues)."""
        data = self.cleaned_data
        return {
            v: (data[f"costs_{v.pk}"], data[f"revenues_{v.pk}"])
            for v in self.versions
            if data.get(f"costs_{v.pk}") is not None
        }


@dataclass
class LineFields:
    line: RevenueRequirementLine
    amounts: list[tuple[BudgetVersion, forms.BoundField]]


class RevenueRequirementForm(forms.Form):
    """Every intäktskrav amount of a plan: one field per line and version. Blank means no amount."""

    def __init__(
        self,
        *args,
        lines: list[RevenueRequirementLine],
        versions: list[BudgetVersion],
        amounts: dict[tuple[int, int], Decimal],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.lines = lines
        self.versions = versions
        for line in lines:
            guard(self, line, name=f"version_{line.pk}")
            for version in versions:
                self.fields[self._name(line, version)] = money_field(
                    f"{line.label}, {version.label}",
                    required=False,
                    initial=amounts.get((line.pk, version.pk)),
                    check=requirement_problem,
                )

    @staticmethod
    def _name(line: RevenueRequirementLine, version: BudgetVersion) -> str:
        return f"amount_{line.pk}_{version.pk}"

    def groups(self) -> list[LineFields]:
        return [
            LineFields(line, [(v, self[self._name(line, v)]) for v in self.versions]) for line in self.lines
        ]

    def versions_read(self) -> dict[int, int]:
        """line pk → the version of the line the user read."""
        return {line.pk: self.cleaned_data[f"version_{line.pk}"] for line in self.lines}

    def amounts(self) -> dict[tuple[RevenueRequirementLine, BudgetVersion], Decimal | None]:
        return {
            (line, v): self.cleaned_data.get(self._name(line, v))
            for line in self.lines
            for v in self.versions
        }
