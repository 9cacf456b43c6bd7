"""Organisations the caller has a role in (and those below them)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from styrkedja.api.endpoints import common
from styrkedja.api.problems import Problem
from styrkedja.api.schemas import OrganisationOut, OrganisationPage
from styrkedja.lib.vocabulary import OrganisationKind
from styrkedja.organisations.models import Organisation
from styrkedja.organisations.permissions import role_in, visible_organisations

router = Router(tags=["Organisationer"])
ERRORS = {304: None, 401: Problem, 403: Problem, 404: Problem, 422: Problem}


def _out(org, role) -> dict:
    parent = org.parent
    return {
        "code": org.code,
        "name": org.name,
        "kind": org.kind,
        "parent": parent.code if parent is not None else None,
        "role": role,
    }


@router.get("/organisations", response={200: OrganisationPage, **ERRORS}, summary="Organisationer")
def list_organisations(
    request: HttpRequest,
    window: Query[common.Window],
    kind: OrganisationKind | None = None,
    parent: str | None = None,
):
    """Organisationerna där du har en roll, och de under dem; filtrera med `kind` och `parent` (kod)."""
    orgs = visible_organisations(request.user)
    codes: dict[int | None, str] = {o.pk: o.code for o in orgs}
    by_pk: dict[int | None, Organisation] = {o.pk: o for o in orgs}
    rows = []
    for org in sorted(orgs, key=lambda o: o.code):
        if kind is not None and org.kind != kind:
            continue
        if parent is not None and codes.get(org.parent_id) != parent:
            continue
        org.parent = by_pk.get(org.parent_id)
        rows.append(_out(org, role_in(request.user, org)))
    return common.page(rows, window)


@router.get("/organisations/{code}", response={200: OrganisationOut, **ERRORS}, summary="En organisation")
def get_organisation(request: HttpRequest, code: str):
    org, role = common.organisation(request, code)
    return _out(org, role)


__all__ = ["router"]
