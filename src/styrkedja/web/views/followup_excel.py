"""Entry workbooks (docs/excel.md): download a round's or a part's workbook, upload it filled in, look at
the dry run (every change old → new, the conflicts, the refusals) and store it, or throw it away. The
uploaded workbook waits in the database (`exchange.WorkbookUpload`), so the dry run and the confirmation
may be served by any server."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from styrkedja.exchange import excel
from styrkedja.exchange.models import WorkbookUpload
from styrkedja.followup.models import Part, check_open
from styrkedja.lib.vocabulary import Role, UploadStatus
from styrkedja.web.forms.excel import WorkbookForm
from styrkedja.web.views.common import Crumb, authorise
from styrkedja.web.views.followup_common import get_round, period_label, round_crumbs, round_title

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _part_of(round_, request: HttpRequest) -> Part | None:
    pk = request.GET.get("del")
    if not pk:
        return None
    if not pk.isdigit():
        raise Http404("Sidan finns inte.")
    part = round_.parts.filter(pk=int(pk), goal__isnull=False).select_related("goal").first()
    if part is None:
        raise Http404("Sidan finns inte.")
    part.round = round_
    return part


@login_required
def workbook(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round(pk)
    authorise(request, round_.organisation)
    part = _part_of(round_, request)
    data = excel.build_workbook(round_, by=request.user, part=part)
    name = f"{round_.organisation.code}-{round_.period}"
    if part is not None and part.goal is not None:
        name += f"-mal-{part.goal.number}"
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def excel_page(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round(pk)
    context = authorise(request, round_.organisation)
    form = WorkbookForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        authorise(request, round_.organisation, Role.REPORTER)
        check_open(round_)
        if form.is_valid():
            data = form.cleaned_data["file"].read()
            user = request.user
            assert user.is_authenticated
            upload = WorkbookUpload.objects.create(
                round=round_,
                user=user,
                filename=form.cleaned_data["file"].name[:255],
                sha256=hashlib.sha256(data).hexdigest(),
                content=data,
            )
            return redirect("workbook_review", upload.pk)
    parts = list(round_.parts.filter(goal__isnull=False).select_related("goal").order_by("position"))
    return render(
        request,
        "followup/excel.html",
        {
            **context,
            "round": round_,
            "title": f"Excel – {round_title(round_)}",
            "label": period_label(round_),
            "parts": parts,
            "form": form,
            "may_upload": context["role"] is not None and not round_.is_locked,
            "breadcrumbs": [*round_crumbs(round_), Crumb("Excel")],
        },
        status=400 if request.method == "POST" else 200,
    )


def _upload(request: HttpRequest, pk: int) -> WorkbookUpload:
    """The user's own upload (another's, or none, is 404)."""
    upload = get_object_or_404(WorkbookUpload.objects.select_related("round"), pk=pk, user_id=request.user.pk)
    round_ = get_round(upload.round_id)
    authorise(request, round_.organisation, Role.REPORTER)
    upload.round = round_
    return upload


@login_required
def workbook_review(request: HttpRequest, pk: int) -> HttpResponse:
    upload = _upload(request, pk)
    round_ = upload.round
    status = 200
    error = ""
    result = None
    if request.method == "POST" and upload.status == UploadStatus.PENDING:
        if "kasta" in request.POST:
            upload.status, upload.finished = UploadStatus.DISCARDED, timezone.now()
            upload.save(update_fields=["status", "finished"])
            messages.info(request, "Arbetsboken kastades; inget sparades.")
            return redirect("round_excel", round_.pk)
        check_open(round_)
        try:
            result = excel.store(round_, bytes(upload.content), by=request.user)
        except excel.NotStored as exc:
            result, status = exc.review, 409
            error = "Inget sparades: arbetsboken har konflikter eller fel (se nedan)."
        except excel.WorkbookError as exc:
            error, status = str(exc), 400
        else:
            upload.status, upload.finished = UploadStatus.STORED, timezone.now()
            upload.stored_rows = len(result.rows)
            upload.save(update_fields=["status", "finished", "stored_rows"])
            messages.success(request, f"{len(result.rows)} rader från {upload.filename} sparades.")
            return redirect("round", round_.pk)
    if result is None and not error:
        try:
            result = excel.review(round_, bytes(upload.content), by=request.user)
        except excel.WorkbookError as exc:
            error, status = str(exc), 400
    return render(
        request,
        "followup/excel_review.html",
        {
            "round": round_,
            "upload": upload,
            "review": result,
            "error": error,
            "pending": upload.status == UploadStatus.PENDING and not round_.is_locked,
            "title": f"Granska {upload.filename}",
            "breadcrumbs": [
                *round_crumbs(round_),
                Crumb("Excel", reverse("round_excel", args=[round_.pk])),
                Crumb("Granska"),
            ],
        },
        status=status,
    )
