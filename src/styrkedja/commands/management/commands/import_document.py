"""`styrkedja import-document FILE --organisation CODE`: read a printed verksamhetsplan or follow-up report
(text extracted from its PDF) with the layout that fits it, or the one `--layout` names. A report whose
year has no plan yet creates the plan from the report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from pydantic import ValidationError

from styrkedja.commands import files
from styrkedja.importers import (
    DocumentError,
    NoLayoutFits,
    ReportParseResult,
    UnknownLayout,
    Unplaced,
    known_layouts,
    read_document,
)
from styrkedja.interchange.followup_import import FileRefused, RoundExists, import_followup
from styrkedja.interchange.plan_import import PlanExists, load_plan
from styrkedja.lib.vocabulary import OrganisationKind
from styrkedja.organisations.models import Organisation
from styrkedja.planfiles.reader import FileLines, RowProblem
from styrkedja.planfiles.schema import OrganisationRef
from styrkedja.plans.locking import Locked


class Command(BaseCommand):
    help = (
        "Import a verksamhetsplan from the text of its PDF; prints a summary and whatever it could not place."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", required=True, help="organisation code, e.g. amn")
        parser.add_argument("--name", help="organisation name when the organisation does not exist yet")
        parser.add_argument("--year", type=int, help="the plan's year when the document does not say")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace an existing plan (or follow-up round) for the year",
        )
        parser.add_argument("--dry-run", action="store_true", help="parse and report, store nothing")
        parser.add_argument("--skip-unmatched", action="store_true", help=files.SKIP_HELP)
        parser.add_argument(
            "--layout",
            help="read the document as printed in this layout instead of detecting it: "
            + ", ".join(layout.name for layout in known_layouts()),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        text = files.text_of(path)
        code = options["organisation"]
        existing = Organisation.objects.filter(code=code).first()
        ref = OrganisationRef(
            code=code,
            name=existing.name if existing else (options["name"] or code),
            kind=OrganisationKind(existing.kind) if existing else OrganisationKind.COMMITTEE,
        )
        try:
            result = read_document(
                text, organisation=ref, year=options["year"], source=str(path), layout=options["layout"]
            )
        except NoLayoutFits as exc:
            raise CommandError(f"{exc}\nname the layout with --layout NAME if you know it") from exc
        except (DocumentError, UnknownLayout) as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            # What a layout read but the schema refuses (a title longer than the database holds, a number
            # that does not fit): the document's line is not known, the field is.
            problems = [RowProblem(tuple(e["loc"]), e["msg"]) for e in exc.errors()]
            raise files.refused(FileLines(str(path)).error(problems)) from exc
        if isinstance(result, ReportParseResult):
            self._report(path, result, ref, options)
            return
        self._print(path, f"verksamhetsplan {result.plan.year} for {code}", result.summary(), result.unplaced)
        if options["dry_run"]:
            self.stdout.write("dry run: nothing stored")
            return
        try:
            load_plan(result.plan, replace=options["replace"], reason=f"import-document {path.name}")
        except (PlanExists, Locked) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        self.stdout.write(self.style.SUCCESS("stored"))

    def _report(
        self, path: Path, result: ReportParseResult, ref: OrganisationRef, options: dict[str, Any]
    ) -> None:
        title = f"follow-up {result.followup.period} for {ref.code}"
        self._print(path, title, result.summary(), result.unplaced)
        if options["dry_run"]:
            self.stdout.write("dry run: nothing stored")
            return
        lines = FileLines(str(path))  # the rows of a report read from its text have no line of their own
        try:
            imported = import_followup(
                result.followup,
                result.plan,
                replace=options["replace"],
                reason=f"import-document {path.name}",
                skip_unmatched=options["skip_unmatched"],
            )
        except FileRefused as exc:
            raise files.refused(lines.error(exc.problems)) from exc
        except (RoundExists, Locked) as exc:
            raise CommandError(f"{path}: refused, nothing was stored: {exc}") from exc
        files.report_skipped(self, lines, imported.skipped)
        created = f" and the plan {imported.round.plan.year}" if imported.plan_created else ""
        self.stdout.write(self.style.SUCCESS(f"stored the follow-up {imported.round.period}{created}"))
        files.skipped_status(path, imported.skipped)

    def _print(self, path: Path, title: str, summary: dict[str, int], unplaced: list[Unplaced]) -> None:
        width = max(len(k) for k in summary)
        self.stdout.write(f"{path.name}: {title}")
        for key, value in summary.items():
            self.stdout.write(f"  {key.ljust(width)}  {value}")
        if unplaced:
            self.stdout.write(f"could not place {len(unplaced)} item(s):")
            for item in unplaced:
                self.stdout.write(f"  {path.name}:{item.line}: {item.reason}: {item.text}")
        else:
            self.stdout.write("everything in the document was placed")
