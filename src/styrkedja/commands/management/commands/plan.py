"""`styrkedja plan import FILE` and `styrkedja plan export --organisation CODE --year YEAR --format yaml|json`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styrkedja.commands import files, lookup
from styrkedja.interchange.plan_export import dump, export_data
from styrkedja.interchange.plan_import import PlanExists, PlanRefused, Unresolved, load_plan
from styrkedja.planfiles.schema import PlanFile
from styrkedja.plans.locking import Locked


class Command(BaseCommand):
    help = "Import or export a whole verksamhetsplan as a plan file (docs/plan-format.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="store a plan file (YAML or JSON)")
        imp.add_argument("file", type=Path)
        imp.add_argument("--replace", action="store_true", help="replace an existing plan for the same year")
        exp = sub.add_parser("export", help="print a plan as YAML or JSON")
        exp.add_argument("--organisation", required=True, help="organisation code, e.g. amn")
        exp.add_argument("--year", required=True, type=int)
        exp.add_argument("--format", choices=["yaml", "json"], default="yaml")
        exp.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options["file"], options["replace"])
        else:
            self._export(options["organisation"], options["year"], options["format"], options["output"])

    def _import(self, path: Path, replace: bool) -> None:
        located = files.read(path, PlanFile)
        try:
            plan = load_plan(located.data, replace=replace, reason=f"plan import {path.name}")
        except PlanRefused as exc:
            raise files.refused(located.lines.error(exc.problems)) from exc
        except (PlanExists, Locked) as exc:
            raise CommandError(f"{path}: {exc}") from exc
        except Unresolved as exc:
            raise CommandError(f"{path}: refused, nothing was stored: {exc}") from exc
        self.stdout.write(
            f"imported {plan.organisation.code} {plan.year}: {plan.goals.count()} goals, "
            f"{plan.targets.count()} indicators, {plan.activities.count()} activities"
        )

    def _export(self, code: str, year: int, fmt: str, output: Path | None) -> None:
        plan = lookup.plan_of(lookup.organisation(code), year)
        text = dump(export_data(plan), fmt)
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
