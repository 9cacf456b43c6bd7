"""The report buttons: the verksamhetsplan or a follow-up round's report as PDF, DOCX or HTML.

Readers and above of the organisation may download; another organisation's plan or round answers 404.
A locked round's report is the one archived when it was approved (followup/archiving.py): the same bytes,
whatever has changed since, with `X-Report-Archived` saying when it was approved. A round locked before
archives existed has its report built from its locked data. The response carries the output's sha256
(`X-Report-SHA256`); the manifest is what the command writes beside a file. The round's archives, each
approval's files, are listed on a page of their own.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from styrkedja.followup.archiving import archived_report, current_archive
from styrkedja.followup.documents import build_followup_document, build_plan_document
from styrkedja.followup.models import ArchivedFile, ReportArchive, Round
from styrkedja.reports.build import FormatUnavailable, build, filename
from styrkedja.reports.document import ReportDocument
from styrkedja.reports.renderers import CONTENT_TYPES, FORMATS
from styrkedja.web.csp import document_header
from styrkedja.web.views.common import ORG_CHAIN, authorise, get_plan
from styrkedja.web.views.followup_common import get_round, period_label, round_title


def _file_response(output: bytes, fmt: str, name: str, sha256: str) -> HttpResponse:
    response = HttpResponse(output, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt in ("html", "pdf") else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{name}"'
    response["X-Report-SHA256"] = sha256
    response["Cache-Control"] = "private, no-store"
    if fmt == "html":
        response["Content-Security-Policy"] = document_header(output)
    return response


def _respond(doc: ReportDocument, fmt: str) -> HttpResponse:
    try:
        output, manifest = build(doc, fmt)
    except FormatUnavailable as exc:
        raise Http404(str(exc)) from exc
    return _file_response(output, fmt, filename(doc, fmt), manifest["sha256"]["output"])


def _archived(archive: ReportArchive, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404(fmt)
    report = archived_report(archive, fmt)
    response = _file_response(report.content, fmt, report.filename, report.sha256)
    approved = timezone.localtime(archive.approved_at).isoformat(timespec="seconds")
    response["X-Report-Archived"] = f"{approved}; approval {archive.number}"
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
    archive = current_archive(round_)
    if archive is not None:
        return _archived(archive, fmt)
    return _respond(build_followup_document(round_), fmt)


@login_required
def round_archives(request: HttpRequest, pk: int) -> HttpResponse:
    """Every approval of the round, newest first, with who approved it, when, and its files."""
    round_ = get_round(pk)
    context = authorise(request, round_.organisation)
    current = current_archive(round_)
    archives = list(
        ReportArchive.objects.filter(round=round_)
        .defer("document")
        .prefetch_related(Prefetch("files", queryset=ArchivedFile.objects.defer("content")))
        .order_by("-number")
    )
    return render(
        request,
        "followup/round_archives.html",
        {
            **context,
            "round": round_,
            "title": round_title(round_),
            "label": period_label(round_),
            "archives": archives,
            "current": current,
        },
    )


@login_required
def round_archive_file(request: HttpRequest, pk: int, number: int, fmt: str) -> HttpResponse:
    """One file of one approval of the round, as it was archived."""
    round_ = get_round(pk)
    authorise(request, round_.organisation)
    archive = get_object_or_404(ReportArchive.objects.defer("document"), round=round_, number=number)
    return _archived(archive, fmt)
