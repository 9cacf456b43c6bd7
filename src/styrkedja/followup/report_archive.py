"""The archive of approved reports: what a round's report was when the director approved it, kept unchanged.

At each approval (`followup/archiving.py`, called by `workflow.approve_round` in the transaction that
locks the round) one `ReportArchive` is written: the report document as JSON (`reports/serial.py`) with
its sha256, who approved and when, and an `ArchivedFile` per format (PDF, DOCX, HTML) with the bytes, their
sha256 and the build manifest. The rows are immutable: saving a stored row again, deleting one, or
updating or deleting them through a query is refused (`ArchiveImmutable`), and the database refuses an
update of their contents too (a trigger, migration 0007). Reopening a round leaves its archives as they
are; the next approval adds one with the next number. The bytes live in the database (several
application servers share it), not in a folder.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from styrkedja.lib.vocabulary import ReportFormat

ARCHIVED_FORMATS = tuple(ReportFormat.values)


class ArchiveImmutable(Exception):
    """A change to an archived report."""

    def __init__(self, what: str = "Ett arkiverat godkännande ändras aldrig."):
        super().__init__(what)


class ImmutableQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise ArchiveImmutable()

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ArchiveImmutable()


class Immutable(models.Model):
    """A row that is written once: saved when new, never saved again, never deleted."""

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ArchiveImmutable()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ArchiveImmutable()


class ReportArchive(Immutable):
    """One approval of a round's report: the document as it was approved, and who approved it, when."""

    round = models.ForeignKey("followup.Round", on_delete=models.PROTECT, related_name="archives")
    number = models.PositiveIntegerField("godkännande nummer")  # 1, then 2 after a reopening …
    approved_at = models.DateTimeField("godkänd", default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by_name = models.CharField("godkänd av", max_length=300)
    document = models.BinaryField("rapportdokumentet (JSON)")
    document_sha256 = models.CharField("sha256 av rapportdokumentet", max_length=64)

    class Meta:
        ordering = ["round", "number"]
        constraints = [models.UniqueConstraint(fields=["round", "number"], name="one_archive_per_approval")]
        verbose_name = "arkiverad rapport"
        verbose_name_plural = "arkiverade rapporter"

    def __str__(self) -> str:
        return f"Godkännande {self.number} ({self.approved_at:%Y-%m-%d %H:%M})"


class ArchivedFile(Immutable):
    """The report in one format as it was approved: its bytes, their sha256 and the build manifest."""

    archive = models.ForeignKey(ReportArchive, on_delete=models.PROTECT, related_name="files")
    format = models.CharField("format", max_length=10, choices=ReportFormat.choices)
    name = models.CharField("filnamn", max_length=300)
    content = models.BinaryField("filen")
    sha256 = models.CharField("sha256", max_length=64)
    size = models.PositiveBigIntegerField("storlek i byte")
    manifest = models.JSONField("byggmanifest")

    class Meta:
        ordering = ["archive", "format"]
        constraints = [
            models.UniqueConstraint(fields=["archive", "format"], name="one_archived_file_per_format"),
            models.CheckConstraint(
                condition=models.Q(format__in=ARCHIVED_FORMATS), name="archived_file_format_valid"
            ),
        ]
        verbose_name = "arkiverad fil"
        verbose_name_plural = "arkiverade filer"

    def __str__(self) -> str:
        return f"{self.archive} {self.format.upper()}"
