"""Kolada (docs/kolada.md) through the API: search the stored KPI catalogue, and sync one indicator's KPI —
its values for Riket, the own municipality and the peers (`exchange/kolada.sync_values`, incremental), then
copied into the indicators' series (`import_series`). Kolada unreachable answers 503."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router

from styrkedja.api.endpoints import common
from styrkedja.api.problems import Problem, problem
from styrkedja.api.schemas import KoladaSynced, KpiOut
from styrkedja.exchange import kolada
from styrkedja.organisations.permissions import EDIT_PLAN

router = Router(tags=["Kolada"])
READ = {304: None, 401: Problem, 403: Problem, 404: Problem, 422: Problem}
WRITE = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem, 503: Problem}


def client() -> kolada.Client:
    """The client the API asks Kolada with (tests give it recorded answers)."""
    return kolada.Client()


@router.get("/kolada/kpis", response={200: list[KpiOut], **READ}, summary="Sök i Koladas nyckeltal")
def search_kpis(request: HttpRequest, q: str = "", limit: int = 25):
    """Nyckeltalen i den lagrade katalogen vars id eller titel har varje ord i `q` (högst `limit`, 1–100)."""
    if not 1 <= limit <= 100:
        raise ValidationError({"query.limit": "ska vara 1–100"})
    return [
        {"id": k.id, "title": k.title, "operating_area": k.operating_area, "gender_split": k.gender_split}
        for k in kolada.search_kpis(q[:200], limit)
    ]


@router.post(
    "/targets/{target_id}/kolada-sync",
    response={200: KoladaSynced, **WRITE},
    summary="Hämta en indikators värden från Kolada",
)
def sync_indicator(request: HttpRequest, target_id: int):
    """Indikatorns Kolada-nyckeltal (`kolada_kpi`) för Riket, den egna kommunen och jämförelsekommunerna
    (controller och uppåt): bara det som ändrats sedan förra hämtningen; sedan kopieras den egna kommunens
    värden till indikatorernas serier (källa Kolada, med historik)."""
    target = common.target(request, target_id)
    org = target.plan.organisation
    common.organisation(request, org.code, EDIT_PLAN)
    kpi = target.indicator.kolada_kpi
    if not kpi:
        raise ValidationError({"kolada_kpi": "Indikatorn är inte kopplad till något nyckeltal i Kolada."})
    areas = kolada.areas_to_sync(org)
    try:
        values = kolada.sync_values(client(), kpi, areas)
    except kolada.KoladaError as exc:
        return problem(503, str(exc), instance=request.path)
    changed = kolada.import_series(org, by=request.user)
    return {"kpi": kpi, "areas": areas, "values": values, "series_changed": changed}


__all__ = ["router"]
