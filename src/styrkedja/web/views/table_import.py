"""Table imports (docs/table-import.md): upload a CSV or XLSX table of indicator values or budget figures,
map its columns to fields (the source's saved mapping comes preselected), look at the dry run, import.
Controllers and above of the organisation; the upload waits in the database."""

from __future__ import annotations

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from styrkedja.exchange import tables
from styrkedja.exchange.models import ImportLog, TableMapping, TableUpload
from styrkedja.lib.vocabulary import ImportKind, Role, UploadStatus
from styrkedja.organisations.models import Organisation
from styrkedja.web.forms.excel import MappingForm, TableUploadForm
from styrkedja.web.table_download import offers_xlsx
from styrkedja.web.views.common import Crumb, authorise, organisation_crumbs


def _crumbs(organisation: Organisation, *more: Crumb) -> list[Crumb]:
    return [*organisation_crumbs(organisation), *more]


@login_required
@offers_xlsx
def table_import(request: HttpRequest, code: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("parent__parent__parent"), code=code)
    context = authorise(request, organisation, Role.CONTROLLER)
    form = TableUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        user = request.user
        assert user.is_authenticated
        upload = TableUpload.objects.create(
            organisation=organisation,
            kind=form.cleaned_data["kind"],
            user=user,
            filename=form.cleaned_data["file"].name[:255],
            sha256=hashlib.sha256(data).hexdigest(),
            content=data,
        )
        return redirect(reverse("table_mapping", args=[upload.pk]) + f"?kalla={form.cleaned_data['source']}")
    return render(
        request,
        "exchange/table_import.html",
        {
            **context,
            "organisation": organisation,
            "form": form,
            "mappings": TableMapping.objects.all(),
            "logs": ImportLog.objects.filter(organisation=organisation).select_related("by")[:20],
            "breadcrumbs": _crumbs(organisation, Crumb("Tabellimport")),
        },
    )


@login_required
def table_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    upload = get_object_or_404(
        TableUpload.objects.select_related("organisation"), pk=pk, user_id=request.user.pk
    )
    organisation = upload.organisation
    authorise(request, organisation, Role.CONTROLLER)
    source = (request.POST.get("kalla") or request.GET.get("kalla") or "").strip()[:100] or upload.filename
    saved = TableMapping.objects.filter(name=source, kind=upload.kind).first()
    data = bytes(upload.content)
    status, error, review = 200, "", None
    try:
        headers, _ = tables.read_table(data, upload.filename)
    except tables.TableError as exc:
        headers, error, status = [], str(exc), 400
    form = MappingForm(
        request.POST or None,
        kind=upload.kind,
        headers=headers,
        initial_columns=saved.columns if saved else {},
        initial=(saved.options if saved else {}),
    )
    if request.method == "POST" and upload.status == UploadStatus.PENDING and not error and form.is_valid():
        try:
            review = tables.review_table(
                organisation, upload.kind, data, upload.filename, form.columns(), form.options()
            )
            if "importera" in request.POST:
                mapping = tables.save_mapping(
                    source, upload.kind, form.columns(), form.options(), by=request.user
                )
                _, log = tables.store_table(
                    organisation, upload.kind, data, upload.filename, mapping, by=request.user, planned=review
                )
                upload.status = UploadStatus.STORED
                upload.save(update_fields=["status"])
                messages.success(
                    request,
                    f"{log.stored} rader från {upload.filename} importerades ({log.skipped} hoppades över).",
                )
                return redirect("table_import", organisation.code)
        except tables.TableError as exc:
            error, status = str(exc), 400
        except tables.NotStored as exc:
            error, status = str(exc), 409
    return render(
        request,
        "exchange/table_mapping.html",
        {
            "organisation": organisation,
            "upload": upload,
            "source": source,
            "saved": saved,
            "form": form,
            "headers": headers,
            "review": review,
            "error": error,
            "is_budget": upload.kind == ImportKind.BUDGET,
            "breadcrumbs": _crumbs(
                organisation,
                Crumb("Tabellimport", reverse("table_import", args=[organisation.code])),
                Crumb(upload.filename),
            ),
        },
        status=status,
    )
