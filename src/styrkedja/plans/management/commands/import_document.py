"""`styrkedja import-document FILE --organisation CODE`: read a printed plan (text extracted from its PDF)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styrkedja.importers.textutil import DocumentError
from styrkedja.importers.vp_text import parse_plan_text
from styrkedja.organisations.models import Organisation
from styrkedja.planfiles.load import PlanExists, load_plan
from styrkedja.planfiles.schema import OrganisationKind, OrganisationRef


class Command(BaseCommand):
    help = (
        "Import a verksamhetsplan from the text of its PDF; prints a summary and whatever it could not place."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--organisation", required=True, help="organisation code, e.g. amn")
        parser.add_argument("--name", help="organisation name when the organisation does not exist yet")
        parser.add_argument("--year", type=int, help="the plan's year when the document does not say")
        parser.add_argument("--replace", action="store_true", help="replace an existing plan for the year")
        parser.add_argument("--dry-run", action="store_true", help="parse and report, store nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: cannot read the file: {exc}") from exc
        code = options["organisation"]
        existing = Organisation.objects.filter(code=code).first()
        ref = OrganisationRef(
            code=code,
            name=existing.name if existing else (options["name"] or code),
            kind=OrganisationKind(existing.kind) if existing else OrganisationKind.COMMITTEE,
        )
        try:
            result = parse_plan_text(text, organisation=ref, year=options["year"], source=str(path))
        except DocumentError as exc:
            raise CommandError(str(exc)) from exc
        summary = result.summary()
        width = max(len(k) for k in summary)
        self.stdout.write(f"{path.name}: verksamhetsplan {result.plan.year} for {code}")
        for key, value in summary.items():
            self.stdout.write(f"  {key.ljust(width)}  {value}")
        if result.unplaced:
            self.stdout.write(f"could not place {len(result.unplaced)} item(s):")
            for item in result.unplaced:
                self.stdout.write(f"  {path.name}:{item.line}: {item.reason}: {item.text}")
        else:
            self.stdout.write("everything in the document was placed")
        if options["dry_run"]:
            self.stdout.write("dry run: nothing stored")
            return
        try:
            load_plan(result.plan, replace=options["replace"], reason=f"import-document {path.name}")
        except PlanExists as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS("stored"))
