"""Open data (docs/open-data.md): the public page of an organisation's budget and indicator files, shown
to anyone — without logging in — once an administrator of the organisation has switched it on, and the
administrators' switch. While it is off, the public addresses answer 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from styrkedja.audit import save_by
from styrkedja.exchange import opendata
from styrkedja.exchange.models import OpenData
from styrkedja.organisations.models import Organisation, Role
from styrkedja.web.views.common import Crumb, authorise, organisation_crumbs

FILES = {
    "datapackage.json": ("application/json", opendata.datapackage_json),
    "budget.csv": ("text/csv; charset=utf-8", opendata.budget_csv),
    "indicators.csv": ("text/csv; charset=utf-8", opendata.indicators_csv),
}


def _published(code: str) -> Organisation:
    organisation = get_object_or_404(Organisation, code=code)
    if not opendata.is_published(organisation):
        raise Http404("Sidan finns inte.")
    return organisation


@require_GET
def public_page(request: HttpRequest, code: str) -> HttpResponse:
    organisation = _published(code)
    return render(
        request,
        "exchange/open_data.html",
        {
            "organisation": organisation,
            "files": list(FILES),
            "budget_rows": opendata.budget_rows(organisation),
            "indicator_rows": len(opendata.indicator_rows(organisation)),
        },
    )


@require_GET
def public_file(request: HttpRequest, code: str, name: str) -> HttpResponse:
    organisation = _published(code)
    if name not in FILES:
        raise Http404("Sidan finns inte.")
    content_type, build = FILES[name]
    response = HttpResponse(build(organisation), content_type=content_type)
    response["Content-Disposition"] = f'inline; filename="{organisation.code}-{name}"'
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=3600"
    return response


@login_required
def switch(request: HttpRequest, code: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("parent__parent__parent"), code=code)
    context = authorise(request, organisation, Role.ADMIN)
    setting = OpenData.objects.filter(organisation=organisation).first() or OpenData(
        organisation=organisation
    )
    if request.method == "POST":
        setting.enabled = request.POST.get("enabled") == "1"
        save_by(setting, request.user)
        messages.success(
            request, "Öppna data publiceras nu." if setting.enabled else "Öppna data publiceras inte längre."
        )
        return redirect("open_data_switch", organisation.code)
    return render(
        request,
        "exchange/open_data_switch.html",
        {
            **context,
            "organisation": organisation,
            "setting": setting,
            "breadcrumbs": [*organisation_crumbs(organisation), Crumb("Öppna data")],
        },
    )
