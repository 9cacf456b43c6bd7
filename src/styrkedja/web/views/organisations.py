"""The start page and an organisation's page."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from styrkedja.lib.vocabulary import OrganisationKind
from styrkedja.organisations.models import ROLE_RANK, Membership, Organisation, Role
from styrkedja.organisations.permissions import has_role, visible_organisations
from styrkedja.plans.models import Plan
from styrkedja.web.table_download import offers_xlsx
from styrkedja.web.views.common import Crumb, authorise, organisation_crumbs


@dataclass
class OrganisationRow:
    organisation: Organisation
    depth: int
    role: Role | None
    plans: list[Plan] = field(default_factory=list)


def _rows(user) -> list[OrganisationRow]:
    """The visible organisations depth first, each with the user's role and its plans (newest first)."""
    organisations = visible_organisations(user)
    by_id = {org.pk: org for org in organisations}
    own = dict(Membership.objects.filter(user=user).values_list("organisation_id", "role"))
    plans: dict[int, list[Plan]] = {}
    for plan in Plan.objects.filter(organisation__in=organisations).order_by("-year"):
        plans.setdefault(plan.organisation_id, []).append(plan)
    children: dict[int | None, list[Organisation]] = {}
    for org in organisations:
        children.setdefault(org.parent_id if org.parent_id in by_id else None, []).append(org)

    rows: list[OrganisationRow] = []

    def walk(org: Organisation, depth: int, inherited: Role | None) -> None:
        role = inherited
        if org.pk in own and (role is None or ROLE_RANK[Role(own[org.pk])] > ROLE_RANK[role]):
            role = Role(own[org.pk])
        if user.is_superuser:
            role = Role.ADMIN
        rows.append(OrganisationRow(org, depth, role, plans.get(org.pk, [])))
        for child in children.get(org.pk, []):
            walk(child, depth + 1, role)

    for root in children.get(None, []):
        walk(root, 0, None)
    return rows


@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", {"rows": _rows(request.user), "breadcrumbs": [Crumb("Start")]})


@login_required
@offers_xlsx
def organisation_detail(request: HttpRequest, code: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("parent__parent__parent"), code=code)
    context = authorise(request, organisation)
    crumbs = organisation_crumbs(organisation)
    return render(
        request,
        "organisations/detail.html",
        {
            **context,
            "organisation": organisation,
            "plans": list(organisation.plans.select_related("organisation").order_by("-year")),
            "children": list(organisation.children.all()),
            "is_admin": has_role(context["role"], Role.ADMIN),
            "city_periods": sorted(set(organisation.rounds.values_list("period", flat=True)), reverse=True)
            if organisation.kind == OrganisationKind.CITY
            else [],
            "breadcrumbs": crumbs,
        },
    )
