"""Reports to download: the verksamhetsplan and a round's report as PDF, DOCX or HTML, the same bytes as
the web's report buttons (`reports/build.py`), with the output's SHA-256 in `X-Report-SHA256`."""

from __future__ import annotations

from typing import Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router

from styrkedja.api.conditional import conditional
from styrkedja.api.endpoints import common
from styrkedja.api.problems import Problem
from styrkedja.followup.documents import build_followup_document, build_plan_document
from styrkedja.reports.build import FormatUnavailable, build, filename
from styrkedja.reports.document import ReportDocument
from styrkedja.reports.renderers import CONTENT_TYPES

router = Router(tags=["Rapporter"])
Format = Literal["pdf", "docx", "html"]
ERRORS = {401: Problem, 403: Problem, 404: Problem, 422: Problem}
FILE = {
    200: {
        "description": "Rapporten.",
        "content": {
            CONTENT_TYPES[fmt]: {"schema": {"type": "string", "format": "binary"}} for fmt in CONTENT_TYPES
        },
    }
}


def _respond(request: HttpRequest, doc: ReportDocument, fmt: str) -> HttpResponse:
    try:
        output, manifest = build(doc, fmt)
    except FormatUnavailable as exc:
        raise Http404(str(exc)) from exc
    response = HttpResponse(output, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename(doc, fmt)}"'
    response["X-Report-SHA256"] = manifest["sha256"]["output"]
    return conditional(request, response)


@router.get(
    "/plans/{plan_id}/report/{fmt}",
    response=ERRORS,
    openapi_extra={"responses": FILE},
    summary="Verksamhetsplanen som PDF, DOCX eller HTML",
)
def plan_report(request: HttpRequest, plan_id: int, fmt: Format):
    return _respond(request, build_plan_document(common.plan(request, plan_id)), fmt)


@router.get(
    "/rounds/{round_id}/report/{fmt}",
    response=ERRORS,
    openapi_extra={"responses": FILE},
    summary="Uppföljningens rapport som PDF, DOCX eller HTML",
)
def round_report(request: HttpRequest, round_id: int, fmt: Format):
    round_, _ = common.round_(request, round_id)
    return _respond(request, build_followup_document(round_), fmt)


__all__ = ["router"]
