"""Table imports (docs/table-import.md) through the API: a CSV or XLSX file read with a saved mapping (the
source's, made on the page or with `styrkedja import-table`), a dry run that lists what would be stored
and what matches nothing and why, and the import itself — in one transaction at the versions the dry run
read, logged with the file's SHA-256 (`exchange/tables.py`). Controllers and above of the organisation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import File, Form, Router
from ninja.files import UploadedFile

from styrkedja.api.endpoints import common
from styrkedja.api.problems import Problem, problem
from styrkedja.api.schemas import MappingOut, TableImportOut
from styrkedja.exchange import tables
from styrkedja.exchange.models import TableMapping
from styrkedja.lib.vocabulary import Role

router = Router(tags=["Tabellimport"])
READ = {304: None, 401: Problem, 403: Problem, 404: Problem, 422: Problem}
WRITE = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}


def _mapping(m: TableMapping) -> dict:
    return {"name": m.name, "kind": m.kind, "columns": m.columns, "options": m.options}


@router.get("/table-mappings", response={200: list[MappingOut], **READ}, summary="Sparade kolumnmappningar")
def list_mappings(request: HttpRequest):
    """Källornas sparade mappningar: fält → kolumnrubrik, och inställningar (år, budgetversion)."""
    return [_mapping(m) for m in TableMapping.objects.order_by("name")]


@router.post(
    "/organisations/{code}/table-import",
    response={200: TableImportOut, **WRITE},
    summary="Importera en tabell med en sparad mappning",
)
def import_table(
    request: HttpRequest,
    code: str,
    file: File[UploadedFile],
    mapping: Form[str],
    dry_run: Form[bool] = True,
):
    """`mapping`: den sparade mappningens namn (källan). Med `dry_run` (förvalt) sparas inget: svaret listar
    raderna som skulle sparas (gammalt och nytt värde) och raderna som inte passar, med varför. Utan
    `dry_run` sparas allt i en transaktion, eller inget (409 när något har ändrats sedan)."""
    org, _ = common.organisation(request, code, Role.CONTROLLER)
    saved = TableMapping.objects.filter(name=mapping).first()
    if saved is None:
        raise ValidationError({"body.mapping": f"Ingen sparad mappning heter ”{mapping[:100]}”."})
    data = file.read(tables.MAX_BYTES + 1)
    filename = (file.name or "tabell.csv")[:255]
    try:
        review = tables.review_table(org, saved.kind, data, filename, saved.columns, saved.options)
        stored = 0
        if not dry_run:
            _, log = tables.store_table(
                org, saved.kind, data, filename, saved, by=request.user, planned=review
            )
            stored = log.stored
    except tables.TableError as exc:
        raise ValidationError({"body.file": str(exc)}) from None
    except tables.NotStored as exc:
        return problem(409, str(exc), kind="not-stored", instance=request.path)
    return {
        "mapping": saved.name,
        "kind": saved.kind,
        "dry_run": dry_run,
        "rows": [
            {"line": r.line, "what": r.what, "period": r.period, "old": r.old, "new": r.new, "note": r.note}
            for r in review.rows
        ],
        "skipped": [{"line": s.line, "reason": s.reason} for s in review.skipped],
        "unchanged": review.unchanged,
        "stored": stored,
        "sha256": tables.sha256(data),
    }


__all__ = ["router"]
