"""The entry workbook through the API: download, fill in with openpyxl, upload (a dry run that stores
nothing), confirm (stored in one transaction with history); a stale workbook shows its conflict, and its
confirmation is 409 and stores nothing."""

from __future__ import annotations

import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from styrkedja.exchange import excel
from styrkedja.followup.models import Outcome
from styrkedja.followup.values import OutcomeInput, save_outcome
from tests.api.conftest import Multipart


def _fill(data: bytes, target, total) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    for sheet, row, target_id, _ in wb[excel.META_SHEET].iter_rows(min_row=3, values_only=True):
        if target_id == target.pk:
            wb[sheet].cell(row, excel.ENTRY["total"], total)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _upload(client, round_, data: bytes):
    return client.request(
        "POST", f"/rounds/{round_.pk}/workbook-uploads", Multipart(file=SimpleUploadedFile("t1.xlsx", data))
    )


def test_download_fill_in_upload_dry_run_and_confirm(world, api_as, round_):
    client, target = api_as("controller"), world.targets["feriejobb"]
    download = client.get(f"/rounds/{round_.pk}/workbook")
    assert download.status_code == 200 and download["Content-Type"] == excel_type()
    review = _upload(client, round_, _fill(download.content, target, 41))
    assert review.status_code == 201
    body = review.json()
    assert body["can_store"] and body["conflicts"] == [] and body["refusals"] == []
    [row] = body["changes"]
    assert row["target_id"] == target.pk and row["changes"][0]["field"] == "total"
    assert not Outcome.objects.filter(round=round_, target=target).exists()  # the dry run stored nothing
    stored = client.request("POST", f"/workbook-uploads/{body['upload_id']}/confirm")
    assert stored.status_code == 200 and stored.json()["stored"] == 1 and stored.json()["status"] == "stored"
    outcome = Outcome.objects.get(round=round_, target=target)
    assert outcome.total == Decimal(41) and outcome.history.first().history_user == world.users["controller"]
    again = client.request("POST", f"/workbook-uploads/{body['upload_id']}/confirm")
    assert again.status_code == 409


def test_a_stale_workbook_shows_its_conflict_and_stores_nothing(world, api_as, round_):
    client, target = api_as("controller"), world.targets["feriejobb"]
    download = client.get(f"/rounds/{round_.pk}/workbook").content
    review = _upload(client, round_, _fill(download, target, 41)).json()
    save_outcome(round_, target, OutcomeInput(total=Decimal(39)), by=None)  # someone else, since
    stale = _upload(client, round_, _fill(download, target, 41)).json()
    assert [c["target_id"] for c in stale["conflicts"]] == [target.pk] and not stale["can_store"]
    refused = client.request("POST", f"/workbook-uploads/{review['upload_id']}/confirm")
    assert refused.status_code == 409
    assert refused.json()["current"]["conflicts"][0]["target_id"] == target.pk
    assert Outcome.objects.get(round=round_, target=target).total == Decimal(39)


def test_a_file_that_is_no_workbook_is_refused_naming_the_file_and_anothers_upload_is_404(
    world, api_as, round_
):
    client = api_as("controller")
    bad = _upload(client, round_, b"not a workbook")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.file"
    review = _upload(client, round_, excel.build_workbook(round_, by=None)).json()
    assert (
        api_as("director").request("POST", f"/workbook-uploads/{review['upload_id']}/confirm").status_code
        == 404
    )


def excel_type() -> str:
    return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
