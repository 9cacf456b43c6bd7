"""The economy page of a plan, and editing its budget inputs.

All sums come from `budget.economy.economy_tables`; this module only lays them out as rows, so the
templates can print them without a single lookup or query.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from styrkedja.budget import editing
from styrkedja.budget.economy import EconomyTables, economy_tables
from styrkedja.budget.models import BudgetArea, BudgetVersion, PlanEconomy, RevenueRequirementAmount
from styrkedja.organisations.permissions import EDIT_PLAN
from styrkedja.web.forms.budget import AreaBudgetForm, RevenueRequirementForm
from styrkedja.web.forms.economy_texts import EconomyTextsForm
from styrkedja.web.table_download import offers_xlsx
from styrkedja.web.views.common import (
    ORG_CHAIN,
    Crumb,
    authorise_plan,
    form_page,
    get_plan,
    plan_crumbs,
)
from styrkedja.web.views.plan_texts import wants_preview


@dataclass
class Row:
    label: str
    cells: list[Decimal | None]
    url: str = ""


@dataclass
class AreaSection:
    name: str
    pk: int | None
    rows: list[Row]


@dataclass
class TurnoverSection:
    area: str
    heading: str
    rows: list[tuple[str, Decimal, Decimal]]
    subtotal_label: str
    costs: Decimal
    revenues: Decimal


def economy_layout(tables: EconomyTables, area_ids: dict[str, int]) -> dict:
    """The economy tables as rows of cells, one cell per budget version."""
    codes = [v.code for v in tables.versions]

    def cells(values: dict[str, Decimal]) -> list[Decimal | None]:
        return [values.get(code) for code in codes]

    return {
        "versions": tables.versions,
        "net_rows": [Row(a.name, cells(a.net)) for a in tables.areas],
        "requirement_net": cells(tables.requirement.net),
        "total_net": cells(tables.total_net),
        "areas": [
            AreaSection(
                a.name,
                area_ids.get(a.name),
                [
                    Row("Kostnader", cells(a.costs)),
                    Row("Intäkter", cells(a.revenues)),
                    Row("Netto", cells(a.net)),
                ],
            )
            for a in tables.areas
        ],
        "requirement_rows": [Row(label, cells(amounts)) for label, amounts in tables.requirement.lines],
        "turnover": [
            TurnoverSection(g.area, g.heading, g.rows, g.subtotal_label, g.costs, g.revenues)
            for g in tables.turnover
        ],
        "turnover_total_label": tables.turnover_total_label or "Summa omslutningsförändringar",
        "turnover_costs": tables.turnover_costs,
        "turnover_revenues": tables.turnover_revenues,
        "volumes": tables.volumes,
        "investments": tables.investments,
        "investments_total": sum((amount for _, amount in tables.investments), Decimal("0.0")),
        "adjustments": tables.adjustments,
        "efficiency_requirement": tables.efficiency_requirement,
    }


@login_required
@offers_xlsx
def economy(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan(pk)
    context = authorise_plan(request, plan)
    area_ids = dict(plan.budget_areas.values_list("name", "pk"))
    return render(
        request,
        "budget/economy.html",
        {
            **context,
            **economy_layout(economy_tables(plan), area_ids),
            "plan": plan,
            "area_commentary": dict(plan.budget_areas.values_list("name", "commentary")),
            "breadcrumbs": [*plan_crumbs(plan), Crumb("Ekonomi")],
        },
    )


@login_required
def area_budget_edit(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_object_or_404(BudgetArea.objects.select_related(f"plan__{ORG_CHAIN}"), pk=pk)
    plan = area.plan
    context = authorise_plan(request, plan, EDIT_PLAN)
    versions = list(BudgetVersion.objects.filter(plan=plan).order_by("position", "pk"))
    form = AreaBudgetForm(
        request.POST or None,
        area=area,
        versions=versions,
        budgets={b.version_id: b for b in area.budgets.all()},
    )
    economy_url = reverse("economy", args=[plan.pk])
    return form_page(
        request,
        form,
        save=lambda f: editing.update_area_budget(
            area, f.amounts(), by=request.user, expected_version=f.cleaned_data["version"]
        ),
        success_url=economy_url,
        success_message=f"Budgeten för {area.name} har sparats.",
        template="budget/area_form.html",
        context={
            **context,
            "plan": plan,
            "area": area,
            "heading": f"Budget för {area.name}",
            "breadcrumbs": [*plan_crumbs(plan), Crumb("Ekonomi", economy_url), Crumb(area.name)],
            "cancel_url": economy_url,
        },
    )


@login_required
def requirements_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan(pk)
    context = authorise_plan(request, plan, EDIT_PLAN)
    versions = list(BudgetVersion.objects.filter(plan=plan).order_by("position", "pk"))
    lines = list(plan.revenue_requirements.order_by("position", "pk"))
    amounts = {
        (a.line_id, a.version_id): a.amount for a in RevenueRequirementAmount.objects.filter(line__plan=plan)
    }
    form = RevenueRequirementForm(request.POST or None, lines=lines, versions=versions, amounts=amounts)
    economy_url = reverse("economy", args=[plan.pk])
    return form_page(
        request,
        form,
        save=lambda f: editing.update_revenue_requirements(
            f.amounts(), by=request.user, expected_versions=f.versions_read()
        ),
        success_url=economy_url,
        success_message="Nämndens intäktskrav har sparats.",
        template="budget/requirement_form.html",
        context={
            **context,
            "plan": plan,
            "heading": "Nämndens intäktskrav",
            "breadcrumbs": [*plan_crumbs(plan), Crumb("Ekonomi", economy_url), Crumb("Intäktskrav")],
            "cancel_url": economy_url,
        },
    )


@login_required
def economy_texts_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan's economy texts: on the whole budget, each area of operation and the intäktskrav."""
    plan = get_plan(pk)
    context = authorise_plan(request, plan, EDIT_PLAN)
    texts = PlanEconomy.objects.filter(plan=plan).first()
    areas = list(plan.budget_areas.order_by("position", "pk"))
    form = EconomyTextsForm(request.POST or None, texts=texts, areas=areas)
    economy_url = reverse("economy", args=[plan.pk])
    page = {
        **context,
        "plan": plan,
        "eyebrow": str(plan),
        "heading": "Ekonomiavsnittets texter",
        "breadcrumbs": [*plan_crumbs(plan), Crumb("Ekonomi", economy_url), Crumb("Texter")],
        "cancel_url": economy_url,
        "offers_preview": True,
    }
    if wants_preview(request) and form.is_valid():
        fields = [form["summary"], *form.area_fields(), form["requirement_commentary"]]
        previews = [(f.label, form.cleaned_data[f.name]) for f in fields if form.cleaned_data[f.name].strip()]
        return render(
            request,
            "economy_texts_form.html",
            {**page, "form": form, "previews": previews},
        )
    return form_page(
        request,
        form,
        save=lambda f: editing.update_economy_texts(
            plan,
            summary=f.cleaned_data["summary"].strip(),
            requirement_commentary=f.cleaned_data["requirement_commentary"].strip(),
            area_commentary=f.area_commentary(),
            by=request.user,
            expected_version=f.cleaned_data["version"],
            expected_area_versions=f.area_versions(),
        ),
        success_url=economy_url,
        success_message="Ekonomiavsnittets texter har sparats.",
        template="economy_texts_form.html",
        context=page,
    )
