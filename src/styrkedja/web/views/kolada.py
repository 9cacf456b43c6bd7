"""Kolada on the pages (docs/kolada.md): an indicator's link to a KPI (search the stored catalogue, link,
unlink — through the plan's own service, so role, lock and version apply), and an organisation's
comparison: its own municipality and the peers its users compare with, beside Riket."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from styrkedja.edits.versions import Conflict
from styrkedja.exchange import kolada
from styrkedja.exchange.models import KoladaArea, KoladaKpi
from styrkedja.organisations.models import Organisation, Role
from styrkedja.organisations.permissions import EDIT_PLAN
from styrkedja.plans import editing
from styrkedja.plans.models import Target
from styrkedja.web.views.common import (
    ORG_CHAIN,
    Crumb,
    authorise,
    authorise_plan,
    goal_crumbs,
    organisation_crumbs,
)


@login_required
def indicator_kolada(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(Target.objects.select_related("indicator", f"goal__plan__{ORG_CHAIN}"), pk=pk)
    goal = target.goal
    context = authorise_plan(request, goal.plan, EDIT_PLAN if request.method == "POST" else Role.READER)
    indicator = target.indicator
    if request.method == "POST":
        kpi = request.POST.get("kpi", "").strip().upper()
        if kpi and not KoladaKpi.objects.filter(id=kpi).exists():
            messages.error(request, f"{kpi} finns inte i Kolada-katalogen.")
        else:
            try:
                editing.update_indicator(
                    target,
                    {"kolada_kpi": kpi},
                    by=request.user,
                    expected_version=target.version,
                    expected_indicator_version=int(request.POST.get("indicator_version", "-1")),
                )
            except (Conflict, ValueError):
                messages.error(request, "Indikatorn har ändrats sedan du öppnade sidan; försök igen.")
            else:
                messages.success(
                    request, f"{indicator.name} är kopplad till {kpi}." if kpi else "Kopplingen är borttagen."
                )
        return redirect("indicator_kolada", target.pk)
    query = request.GET.get("q", "").strip()
    linked = KoladaKpi.objects.filter(id=indicator.kolada_kpi).first() if indicator.kolada_kpi else None
    return render(
        request,
        "exchange/indicator_kolada.html",
        {
            **context,
            "target": target,
            "indicator": indicator,
            "query": query or indicator.name,
            "results": kolada.search_kpis(query or indicator.name) if query or not linked else [],
            "linked": linked,
            "catalogue": KoladaKpi.objects.exists(),
            "breadcrumbs": [*goal_crumbs(goal), Crumb(f"Kolada: {indicator.name}")],
        },
    )


class ComparisonForm(forms.Form):
    municipality = forms.CharField(label="Egen kommun (Kolada-id, t.ex. 0180)", max_length=4)
    peers = forms.CharField(
        label="Jämförelsekommuner (Kolada-id, kommaseparerade)",
        required=False,
        help_text="Riket (0000) visas alltid.",
    )

    def peer_ids(self) -> list[str]:
        return [p.strip() for p in self.cleaned_data["peers"].split(",") if p.strip()]


@login_required
def organisation_kolada(request: HttpRequest, code: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("parent__parent__parent"), code=code)
    context = authorise(request, organisation, EDIT_PLAN if request.method == "POST" else Role.READER)
    current = kolada.comparison_of(organisation)
    form = ComparisonForm(
        request.POST or None,
        initial={"municipality": current.municipality, "peers": ", ".join(current.peers)} if current else {},
    )
    if request.method == "POST" and form.is_valid():
        try:
            kolada.set_comparison(
                organisation, form.cleaned_data["municipality"], form.peer_ids(), by=request.user
            )
        except ValidationError as exc:
            form.add_error("peers", " ".join(exc.messages))
        else:
            messages.success(request, "Jämförelsen är sparad.")
            return redirect("organisation_kolada", organisation.code)
    titles = dict(KoladaArea.objects.values_list("id", "title"))
    return render(
        request,
        "exchange/organisation_kolada.html",
        {
            **context,
            "organisation": organisation,
            "form": form,
            "current": current,
            "own_title": titles.get(current.municipality, "") if current else "",
            "peers": [(p, titles.get(p, p)) for p in (current.peers if current else [])],
            "breadcrumbs": [*organisation_crumbs(organisation), Crumb("Kolada-jämförelse")],
            "organisation_url": reverse("organisation", args=[organisation.code]),
        },
    )
