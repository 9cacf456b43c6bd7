"""The report buttons: the verksamhetsplan or a follow-up round's report as PDF, DOCX or HTML.

Readers and above of the organisation may download; another organisation's plan or round answers 404.
A locked round's report is built from its locked data (a locked round cannot change). The response
carries the output's sha256 (`X-Report-SHA256`); the manifest is what the command writes beside a file.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from styrkedja.followup.documents import build_followup_document, build_plan_document
from styrkedja.followup.models import Round
from styrkedja.reports.build import FormatUnavailable, build, filename
from styrkedja.reports.document import ReportDocument
from styrkedja.reports.renderers import CONTENT_TYPES
from styrkedja.web.csp import document_header
from styrkedja.web.views.common import ORG_CHAIN, authorise, get_plan


def _respond(doc: ReportDocument, fmt: str) -> HttpResponse:
    try:
        output, manifest = build(doc, fmt)
    except FormatUnavailable as exc:
        raise Http404(str(exc)) from exc
    response = HttpResponse(output, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt in ("html", "pdf") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename(doc, fmt)}"'
    response["X-Report-SHA256"] = manifest["sha256"]["output"]
    response["Cache-Control"] = "private, no-store"
    if fmt == "html":
        response["Content-Security-Policy"] = document_header(output)
    return response


@login_required
def plan_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    plan = get_plan(pk)
    authorise(request, plan.organisation)
    return _respond(build_plan_document(plan), fmt)


@login_required
def round_report(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    round_ = get_object_or_404(Round.objects.select_related("plan", ORG_CHAIN), pk=pk)
    authorise(request, round_.organisation)
    return _respond(build_followup_document(round_), fmt)
