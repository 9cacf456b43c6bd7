"""The city office's page of a period: every committee's round with its status, parts, deadline and open
findings; the city's roll-up per council goal; links to the city's report. A fixed number of queries
whatever the number of committees (followup/city.py, followup/city_rollup.py)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from styrkedja.followup.city import city_office, office_revision
from styrkedja.followup.city_rollup import NoCouncilPlan, city_rollup
from styrkedja.lib.periods import Period, PeriodError, report_period
from styrkedja.lib.vocabulary import OrganisationKind, RoundStatus
from styrkedja.organisations.models import Organisation
from styrkedja.profiles.counts import MISSING, NO_OUTCOME
from styrkedja.reports.city import ECONOMY_FIELDS
from styrkedja.reports.city_tables import ECONOMY_HEADERS
from styrkedja.web.pagecache import fragment
from styrkedja.web.views.common import Crumb, authorise, organisation_crumbs


@login_required
def city_office_page(request: HttpRequest, code: str, period: str) -> HttpResponse:
    city = get_object_or_404(Organisation.objects.select_related("parent__parent"), code=code)
    context = authorise(request, city)
    if city.kind != OrganisationKind.CITY:
        raise Http404("Sidan finns bara för kommunen.")
    try:
        p = report_period(period)
    except PeriodError as exc:
        raise Http404("Ingen sådan period.") from exc
    body = fragment(
        "city-office", city.pk, p.code, office_revision(city, p.code), build=lambda: _body(request, city, p)
    )
    return render(
        request,
        "city/office.html",
        {
            **context,
            "city": city,
            "period": p,
            "body": mark_safe(body),
            "breadcrumbs": [*organisation_crumbs(city), Crumb(f"Stadens uppföljning {p.label}")],
        },
    )


def _body(request: HttpRequest, city: Organisation, p: Period) -> str:
    """The page's tables: the same for every reader, cached per revision of the data they show."""
    city_round, committees = city_office(city, p.code)
    try:
        rollup = city_rollup(city, p.code)
    except NoCouncilPlan:
        rollup = None
    keys = rollup.scale.keys if rollup else ()
    labels = rollup.scale.labels if rollup else {}
    indicator_keys = rollup.indicators_by.keys if rollup else ()
    indicator_labels = rollup.indicators_by.labels if rollup else {}
    goals = [
        {
            "goal": g,
            "counts": [g.committee_ratings.get(k, 0) for k in keys],
            "missing": g.committee_ratings.get(MISSING, 0),
            "indicators": [g.indicator_counts.get(k, 0) for k in indicator_keys],
            "no_outcome": g.indicator_counts.get(NO_OUTCOME, 0),
            "assessment": labels.get(g.assessment, "–"),
            "suggested": labels.get(g.suggested or "", "–"),
            "differs": bool(g.assessment and g.suggested and g.assessment != g.suggested),
        }
        for g in (rollup.goals if rollup else [])
    ]
    return render_to_string(
        "city/_office_body.html",
        {
            "city": city,
            "period": p,
            "city_round": city_round,
            "committees": committees,
            "rollup": rollup,
            "keys": [labels.get(k, k) for k in keys],
            "indicator_keys": [indicator_labels.get(k, k) for k in indicator_keys],
            "goals": goals,
            "economy_total": [
                (ECONOMY_HEADERS[name], rollup.economy_total.sum(name)) for name in ECONOMY_FIELDS
            ]
            if rollup
            else [],
            "open_rounds": sum(1 for c in committees if c.status == RoundStatus.OPEN),
            "locked_rounds": sum(1 for c in committees if c.status == RoundStatus.LOCKED),
            "without_round": sum(1 for c in committees if not c.status),
        },
    )
