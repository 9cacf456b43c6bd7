"""Approved means archived: the report of a round rendered and stored at its approval, and served from the
archive while the round stays locked.

`render_for_approval(round_)` builds the round's report document (as locked) and renders it in every
format; a failure is a ValidationError naming the format and the cause, so that `workflow.approve_round`
refuses the approval and locks nothing. `store_archive` writes the archive (`followup/report_archive.py`)
in the approval's transaction. `current_archive(round_)` is the archive a locked round's report is served
from (None for an open round, or for one locked before archives existed: that report is built from the
locked data). `archived_report` gives a stored file's bytes and manifest, checked against its sha256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Max

from styrkedja.followup.documents import build_followup_document
from styrkedja.followup.models import Round
from styrkedja.followup.report_archive import ARCHIVED_FORMATS, ArchivedFile, ReportArchive
from styrkedja.reports.build import build, filename
from styrkedja.reports.document import ReportDocument
from styrkedja.reports.serial import document_from_json, document_json


@dataclass
class RenderedReport:
    document: bytes  # the report document as JSON
    files: dict[str, tuple[bytes, dict[str, Any]]]  # format → (bytes, manifest)
    names: dict[str, str]  # format → file name


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def render_for_approval(round_: Round) -> RenderedReport:
    """The round's report in every format, as it will be archived; ValidationError naming the format
    and the cause when a renderer fails."""
    try:
        doc = build_followup_document(round_)
    except Exception as exc:
        raise ValidationError(f"Rapporten kan inte byggas av uppgifterna: {exc}") from exc
    doc.locked = True
    files = {}
    for fmt in ARCHIVED_FORMATS:
        try:
            files[fmt] = build(doc, fmt)
        except Exception as exc:
            raise ValidationError(
                f"Rapporten kan inte skapas som {fmt.upper()}, så den kan inte godkännas: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
    return RenderedReport(document_json(doc), files, {fmt: filename(doc, fmt) for fmt in ARCHIVED_FORMATS})


def _name(user: Any) -> str:
    if user is None:
        return "systemet"
    return str(user.get_full_name() or user.get_username())


def store_archive(round_: Round, report: RenderedReport, *, by: Any) -> ReportArchive:
    """The approval's archive, numbered after the round's earlier ones."""
    last = ReportArchive.objects.filter(round=round_).aggregate(last=Max("number"))["last"] or 0
    archive = ReportArchive(
        round=round_,
        number=last + 1,
        approved_by=by,
        approved_by_name=_name(by),
        document=report.document,
        document_sha256=sha256(report.document),
    )
    archive.save()
    for fmt, (content, manifest) in report.files.items():
        ArchivedFile(
            archive=archive,
            format=fmt,
            name=report.names[fmt],
            content=content,
            sha256=sha256(content),
            size=len(content),
            manifest=manifest,
        ).save()
    return archive


def current_archive(round_: Round) -> ReportArchive | None:
    """The archive of the approval a locked round stands on: its latest."""
    if not round_.is_locked:
        return None
    return ReportArchive.objects.defer("document").filter(round=round_).order_by("-number").first()


@dataclass
class ArchiveSummary:
    """What the round page says of the archive its report is served from."""

    number: int
    approved_at: dt.datetime
    approved_by_name: str
    sha256s: dict[str, str]  # format → sha256 of the archived file


def served_archive(round_: Round) -> ArchiveSummary | None:
    archive = current_archive(round_)
    if archive is None:
        return None
    sha256s = dict(archive.files.values_list("format", "sha256"))
    return ArchiveSummary(archive.number, archive.approved_at, archive.approved_by_name, sha256s)


class ArchiveDamaged(Exception):
    """Archived bytes that no longer match their sha256."""


@dataclass
class ArchivedReport:
    archive: ReportArchive
    format: str
    filename: str
    content: bytes
    sha256: str
    manifest: dict[str, Any]


def archived_report(archive: ReportArchive, fmt: str) -> ArchivedReport:
    """The archived file of the format, its bytes checked against the sha256 stored with them."""
    stored = archive.files.get(format=fmt)
    content = bytes(stored.content)
    if sha256(content) != stored.sha256:
        raise ArchiveDamaged(f"the archived {fmt} of {archive} does not match its sha256")
    return ArchivedReport(archive, fmt, stored.name, content, stored.sha256, dict(stored.manifest))


def archived_document(archive: ReportArchive) -> ReportDocument:
    """The report document the archive holds, read from its JSON (not from the live data)."""
    return document_from_json(bytes(archive.document))
