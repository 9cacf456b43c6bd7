"""Open data (docs/open-data.md) through the API: an organisation's Fiscal Data Package — the descriptor
(`datapackage.json`) and its CSV resources (`budget.csv`, `indicators.csv`) — as the public page serves
them once switched on; here for anyone with a role in the organisation, switched on or not (the files
hold only adopted plans and approved rounds)."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Router

from styrkedja.api.conditional import conditional
from styrkedja.api.endpoints import common
from styrkedja.api.problems import Problem
from styrkedja.exchange import opendata

router = Router(tags=["Öppna data"])
READ = {304: None, 401: Problem, 403: Problem, 404: Problem, 422: Problem}
CSV = {
    200: {
        "description": "CSV (UTF-8, komma, punkt som decimaltecken).",
        "content": {"text/csv": {"schema": {"type": "string"}}},
    }
}


@router.get(
    "/organisations/{code}/open-data/datapackage.json",
    response={200: dict[str, Any], **READ},
    summary="Öppna data: Fiscal Data Package",
)
def get_datapackage(request: HttpRequest, code: str):
    """Beskrivningen (`profile: fiscal-data-package`) av `budget.csv` och `indicators.csv`."""
    org, _ = common.organisation(request, code)
    return opendata.datapackage(org)


@router.get(
    "/organisations/{code}/open-data/{resource}.csv",
    response={**READ},
    openapi_extra={"responses": CSV},
    summary="Öppna data: budget.csv eller indicators.csv",
)
def get_open_data_csv(request: HttpRequest, code: str, resource: Literal["budget", "indicators"]):
    org, _ = common.organisation(request, code)
    body = opendata.budget_csv(org) if resource == "budget" else opendata.indicators_csv(org)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{resource}.csv"'
    return conditional(request, response)


__all__ = ["router"]
