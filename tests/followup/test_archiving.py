"""Approved means archived: the approval renders the report in every format and stores it, immutably, with
its sha256, manifest and document JSON; the locked round's report is then the archived one, whatever
changes afterwards; reopening keeps it as history and the next approval adds another."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse

from styrkedja.audit import save_by
from styrkedja.followup import archiving
from styrkedja.followup.cover_editing import save_cover
from styrkedja.followup.documents import build_followup_document
from styrkedja.followup.models import ArchivedFile, ReportArchive, ReportCover, Round, RoundEvent
from styrkedja.followup.report_archive import ArchiveImmutable
from styrkedja.followup.workflow import approve_part, approve_round, mark_ready, reopen_round
from styrkedja.organisations.models import Organisation
from styrkedja.reports import build as report_build
from styrkedja.reports.manifest import sha256 as manifest_sha256
from styrkedja.reports.serial import document_json


def approve(round_: Round, controller, director) -> ReportArchive:
    for part in round_.parts.all():
        if part.status != "approved":
            if part.status != "ready":
                mark_ready(part, by=controller)
            approve_part(part, by=controller)
    approve_round(round_, by=director)
    round_.refresh_from_db()
    return ReportArchive.objects.filter(round=round_).order_by("-number").first()


def served(client: Client, round_: Round, fmt: str):
    return client.get(reverse("round_report", kwargs={"pk": round_.pk, "fmt": fmt}))


@pytest.fixture
def client(director) -> Client:
    c = Client()
    c.force_login(director)
    return c


def test_the_approval_archives_the_report_in_every_format_with_its_sha256_and_manifest(
    round_, controller, director
):
    archive = approve(round_, controller, director)
    assert round_.is_locked and archive.number == 1
    assert archive.approved_by == director and archive.approved_by_name == "dir"
    files = {f.format: f for f in archive.files.all()}
    assert set(files) == {"pdf", "docx", "html"}
    for fmt, f in files.items():
        content = bytes(f.content)
        assert f.sha256 == hashlib.sha256(content).hexdigest() == f.manifest["sha256"]["output"]
        assert f.size == len(content) and f.manifest["format"] == fmt
        assert f.manifest["document"]["locked"] is True
        assert f.name == f"testnamnd-2022-T1-tertialrapport.{fmt}"
    assert bytes(files["pdf"].content).startswith(b"%PDF") and bytes(files["docx"].content).startswith(b"PK")
    document = bytes(archive.document)
    assert archive.document_sha256 == hashlib.sha256(document).hexdigest()
    doc = build_followup_document(round_)
    assert document == document_json(doc)  # the document as locked, readable without the live data
    assert archiving.archived_document(archive) == doc
    assert RoundEvent.objects.filter(round=round_, action="approved_and_locked").count() == 1


def test_the_locked_rounds_report_is_the_archived_one_and_says_so(round_, controller, director, client):
    archive = approve(round_, controller, director)
    for fmt in ("pdf", "docx", "html"):
        response = served(client, round_, fmt)
        stored = archive.files.get(format=fmt)
        assert response.status_code == 200 and response.content == bytes(stored.content)
        assert response["X-Report-SHA256"] == stored.sha256
        assert response["X-Report-Archived"].endswith("; approval 1")
    page = client.get(reverse("round", args=[round_.pk])).content.decode()
    assert "Den arkiverade rapporten: godkänd" in page and archive.files.get(format="pdf").sha256 in page


def test_an_approved_report_does_not_change_when_the_live_data_do(round_, controller, director, client):
    approve(round_, controller, director)
    before = {fmt: served(client, round_, fmt).content for fmt in ("pdf", "docx", "html")}
    # The plan is locked with the round, but the organisation's name stays editable and is printed.
    organisation = Organisation.objects.get(code="testnamnd")
    organisation.name = "Den omdöpta nämnden"
    save_by(organisation, None)
    live = report_build.build(build_followup_document(Round.objects.get(pk=round_.pk)), "html")[0]
    assert "Den omdöpta nämnden".encode() in live  # the live data did change
    for fmt, content in before.items():
        response = served(client, round_, fmt)
        assert response.content == content, fmt
        assert response["X-Report-SHA256"] == hashlib.sha256(content).hexdigest()


def test_the_command_writes_the_archived_report_and_says_so(round_, controller, director, tmp_path):
    archive = approve(round_, controller, director)
    organisation = Organisation.objects.get(code="testnamnd")
    organisation.name = "Ändrat efter godkännandet"
    save_by(organisation, None)
    out = tmp_path / "t1.pdf"
    stdout = io.StringIO()
    call_command(
        "report", "--organisation", "testnamnd", "--period", "2022-T1", "--format", "pdf", "-o", str(out),
        stdout=stdout,
    )  # fmt: skip
    stored = archive.files.get(format="pdf")
    assert out.read_bytes() == bytes(stored.content)
    manifest = json.loads(Path(f"{out}.manifest.json").read_text(encoding="utf-8"))
    assert manifest == stored.manifest and manifest["sha256"]["output"] == manifest_sha256(out.read_bytes())
    said = stdout.getvalue()
    assert "the archived report of" in said and "approval 1, by dir" in said and stored.sha256 in said


def test_reopening_keeps_the_archive_and_the_next_approval_adds_one(round_, controller, director, client):
    first = approve(round_, controller, director)
    reopen_round(round_, by=director, reason="Fel i analysen")
    round_.refresh_from_db()
    assert ReportArchive.objects.filter(round=round_).count() == 1
    response = served(client, round_, "html")  # open again: built from the live data
    assert "X-Report-Archived" not in response
    save_cover(
        round_, title="Tertialrapport 1 2022, rättad", addressee="", meeting_date=None, agenda_number="",
        summary_analysis="", by=controller,
        expected_version=ReportCover.objects.filter(round=round_).values_list("version", flat=True).first() or 0,
    )  # fmt: skip
    second = approve(round_, controller, director)
    assert [a.number for a in ReportArchive.objects.filter(round=round_)] == [1, 2]
    assert second.files.get(format="pdf").sha256 != first.files.get(format="pdf").sha256
    assert served(client, round_, "pdf").content == bytes(second.files.get(format="pdf").content)
    page = client.get(reverse("round_archives", args=[round_.pk])).content.decode()
    assert "Godkännande 2 (gäller)" in page and "Godkännande 1" in page and page.count("av dir") == 2
    old = client.get(reverse("round_archive_file", kwargs={"pk": round_.pk, "number": 1, "fmt": "pdf"}))
    assert old.content == bytes(first.files.get(format="pdf").content)


def test_an_archived_report_cannot_be_changed_or_deleted(round_, controller, director):
    archive = approve(round_, controller, director)
    stored = archive.files.get(format="pdf")
    stored.content = b"%PDF-1.7 forged"
    with pytest.raises(ArchiveImmutable):
        stored.save()
    with pytest.raises(ArchiveImmutable):
        stored.delete()
    with pytest.raises(ArchiveImmutable):
        archive.delete()
    with pytest.raises(ArchiveImmutable):
        ArchivedFile.objects.filter(archive=archive).update(sha256="0" * 64)
    with pytest.raises(ArchiveImmutable):
        ReportArchive.objects.filter(round=round_).delete()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE followup_archivedfile SET content = %s WHERE id = %s", [b"forged", stored.pk])
    assert bytes(ArchivedFile.objects.get(pk=stored.pk).content).startswith(b"%PDF")


def test_an_approval_that_cannot_render_the_report_is_refused_and_locks_nothing(
    round_, controller, director, monkeypatch
):
    real_build = report_build.build

    def docx_fails(doc, fmt):
        if fmt == "docx":
            raise ValueError("All strings must be XML compatible")
        return real_build(doc, fmt)

    monkeypatch.setattr(archiving, "build", docx_fails)
    with pytest.raises(ValidationError) as refused:
        approve(round_, controller, director)
    assert "kan inte skapas som DOCX" in str(refused.value) and "XML compatible" in str(refused.value)
    round_.refresh_from_db()
    assert not round_.is_locked
    assert not ReportArchive.objects.exists() and not ArchivedFile.objects.exists()
    assert not RoundEvent.objects.filter(round=round_, action="approved_and_locked").exists()
