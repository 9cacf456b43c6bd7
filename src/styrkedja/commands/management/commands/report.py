"""`styrkedja report --organisation CODE (--period P | --plan YEAR) --format pdf|docx|html -o FILE`.

Builds the tertialrapport (or verksamhetsberättelse) of a follow-up round, or the verksamhetsplan of a
year, and writes `FILE.manifest.json` beside it (sha256 of data, templates and output; program version).
For a locked round it writes the report archived at the approval (followup/archiving.py), with the
manifest archived with it, and says so: the approved report does not change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from styrkedja.commands import lookup
from styrkedja.followup.archiving import ArchiveDamaged, archived_report, current_archive
from styrkedja.followup.documents import build_followup_document, build_plan_document
from styrkedja.followup.models import ReportArchive
from styrkedja.reports.build import UnknownFormat, write
from styrkedja.reports.manifest import write_manifest
from styrkedja.reports.renderers import FORMATS


class Command(BaseCommand):
    help = (
        "Build a report (tertialrapport or verksamhetsplan) as PDF, DOCX or HTML, with a manifest beside it."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="the organisation's code, e.g. amn")
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--period", help="the follow-up period, e.g. 2021-T1, 2021-T2, 2021")
        which.add_argument("--plan", type=int, metavar="YEAR", help="the year of the verksamhetsplan")
        parser.add_argument("--format", required=True, choices=FORMATS)
        parser.add_argument("-o", "--output", required=True, type=Path, help="the file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = lookup.organisation(options["organisation"])
        output: Path = options["output"]
        if not output.parent.is_dir():
            raise CommandError(f"{output.parent} is not a folder")
        if options["period"]:
            round_ = lookup.round_of(organisation, options["period"])
            archive = current_archive(round_)
            if archive is not None:
                self._write_archived(archive, options["format"], output)
                return
            doc = build_followup_document(round_)
        else:
            doc = build_plan_document(lookup.plan_of(organisation, options["plan"]))
        try:
            manifest_path, data = write(doc, options["format"], output)
        except UnknownFormat as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"wrote {output} ({data['size']} bytes, sha256 {data['sha256']['output'][:12]}…) and {manifest_path.name}"
        )

    def _write_archived(self, archive: ReportArchive, fmt: str, output: Path) -> None:
        try:
            report = archived_report(archive, fmt)
        except ArchiveDamaged as exc:
            raise CommandError(str(exc)) from exc
        output.write_bytes(report.content)
        manifest_path = write_manifest(output, report.manifest)
        approved = timezone.localtime(archive.approved_at).strftime("%Y-%m-%d %H:%M")
        self.stdout.write(
            f"wrote {output}: the archived report of {approved} (approval {archive.number}, by "
            f"{archive.approved_by_name}), {len(report.content)} bytes, sha256 {report.sha256}, "
            f"and {manifest_path.name}"
        )
