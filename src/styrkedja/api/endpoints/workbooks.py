"""Entry workbooks (docs/excel.md) through the API: download a round's or a part's workbook, upload it
filled in for a dry run (every change old → new, the conflicts, the refusals; nothing stored), and confirm
the upload, which stores every change through `followup/values.save_outcome` in one transaction, or
nothing (409 with the review). The upload waits in the database (`exchange.WorkbookUpload`), as the web's."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import File, Router, Status
from ninja.files import UploadedFile

from styrkedja.api.conditional import conditional
from styrkedja.api.endpoints import common
from styrkedja.api.problems import Problem, problem
from styrkedja.api.schemas import WorkbookReview
from styrkedja.exchange import excel
from styrkedja.exchange.models import WorkbookUpload
from styrkedja.followup.models import check_open
from styrkedja.lib.vocabulary import Role, UploadStatus

router = Router(tags=["Excel"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ERRORS = {401: Problem, 403: Problem, 404: Problem, 422: Problem}
WRITE = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}
FILE = {
    200: {
        "description": "Inmatningsfilen.",
        "content": {XLSX: {"schema": {"type": "string", "format": "binary"}}},
    }
}


@router.get(
    "/rounds/{round_id}/workbook",
    response=ERRORS,
    openapi_extra={"responses": FILE},
    summary="Uppföljningens inmatningsfil (.xlsx)",
)
def get_workbook(request: HttpRequest, round_id: int, part: int | None = None):
    """Ett blad per del med indikatorraderna; cellerna du får fylla i är olåsta. `part`: bara den delens."""
    round_, _ = common.round_(request, round_id)
    chosen = None
    if part is not None:
        chosen = round_.parts.filter(pk=part, goal__isnull=False).select_related("goal").first()
        if chosen is None:
            raise Http404("Finns inte.")
        chosen.round = round_
    response = HttpResponse(excel.build_workbook(round_, by=request.user, part=chosen), content_type=XLSX)
    name = f"{round_.organisation.code}-{round_.period}"
    if chosen is not None and chosen.goal is not None:
        name += f"-mal-{chosen.goal.number}"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return conditional(request, response)


def _review(upload: WorkbookUpload, result: excel.Review | None, stored: int = 0) -> dict:
    def row(r: excel.RowChange | excel.RowConflict) -> dict:
        return {
            "sheet": r.sheet,
            "row": r.row,
            "target_id": r.target.pk if r.target is not None else None,
            "area_id": r.area.pk if r.area is not None else None,
            "name": r.name,
            "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in r.changes],
        }

    return {
        "upload_id": upload.pk,
        "round_id": upload.round_id,
        "status": upload.status,
        "changes": [row(r) for r in result.rows] if result else [],
        "conflicts": [row(c) for c in result.conflicts] if result else [],
        "refusals": [{"sheet": r.sheet, "cell": r.cell, "message": r.message} for r in result.refusals]
        if result
        else [],
        "unchanged": result.unchanged if result else 0,
        "can_store": bool(result and result.can_store and upload.status == UploadStatus.PENDING),
        "stored": stored,
    }


def _refused(exc: excel.WorkbookError) -> ValidationError:
    return ValidationError({"file": str(exc)})


@router.post(
    "/rounds/{round_id}/workbook-uploads",
    response={201: WorkbookReview, **WRITE},
    summary="Skicka in en ifylld inmatningsfil (torrkörning)",
)
def upload_workbook(request: HttpRequest, round_id: int, file: File[UploadedFile]):
    """Arbetsboken sparas för granskning och svaret är torrkörningen: ändringar, konflikter och fel. Inget
    värde sparas förrän du bekräftar med `/workbook-uploads/{upload_id}/confirm`."""
    round_, _ = common.round_(request, round_id, Role.REPORTER)
    check_open(round_)
    data = file.read(excel.MAX_BYTES + 1)
    if len(data) > excel.MAX_BYTES:
        raise _refused(excel.WorkbookError("Filen är större än 5 MB."))
    try:
        result = excel.review(round_, data, by=request.user)
    except excel.WorkbookError as exc:
        raise _refused(exc) from None
    user = request.user
    assert user.is_authenticated  # the API's authentication let only a user in
    upload = WorkbookUpload.objects.create(
        round=round_,
        user=user,
        filename=(file.name or "arbetsbok.xlsx")[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        content=data,
    )
    return Status(201, _review(upload, result))


def _own_upload(request: HttpRequest, upload_id: int) -> WorkbookUpload:
    upload = WorkbookUpload.objects.filter(pk=upload_id, user_id=request.user.pk or 0).first()
    if upload is None:
        raise Http404("Finns inte.")
    upload.round, _ = common.round_(request, upload.round_id, Role.REPORTER)
    return upload


@router.post(
    "/workbook-uploads/{upload_id}/confirm",
    response={200: WorkbookReview, **WRITE},
    summary="Spara en granskad inmatningsfil",
)
def confirm_workbook(request: HttpRequest, upload_id: int):
    """Sparar varje ändring i en transaktion, med historik, eller ingenting: en arbetsbok med konflikter
    eller fel svarar 409 med granskningen i `current`. Bara din egen uppladdning."""
    upload = _own_upload(request, upload_id)
    round_ = upload.round
    check_open(round_)
    if upload.status != UploadStatus.PENDING:
        return problem(
            409, "Arbetsboken är redan sparad eller kastad.", kind="not-pending", instance=request.path
        )
    try:
        result = excel.store(round_, bytes(upload.content), by=request.user)
    except excel.NotStored as exc:
        return problem(
            409,
            "Inget sparades: arbetsboken har konflikter eller fel (se `current`).",
            kind="workbook-not-stored",
            instance=request.path,
            current=WorkbookReview(**_review(upload, exc.review)).model_dump(mode="json"),
        )
    except excel.WorkbookError as exc:
        raise _refused(exc) from None
    upload.status, upload.finished = UploadStatus.STORED, timezone.now()
    upload.stored_rows = len(result.rows)
    upload.save(update_fields=["status", "finished", "stored_rows"])
    return _review(upload, result, stored=len(result.rows))


__all__ = ["router"]
