"""`styrkedja plan import FILE`, `styrkedja plan export --organisation CODE --year YEAR --format yaml|json`,
and the plan's life cycle (plans/lifecycle.py): `styrkedja plan adopt --organisation CODE --year YEAR
--date YYYY-MM-DD --reference "AMN 2021/123 § 5"` (a draft adopted, or a plan under revision adopted as
revised, printing what changed) and `styrkedja plan revise --organisation CODE --year YEAR` (an adopted
plan opened for revision)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from styrkedja.commands import files, lookup
from styrkedja.interchange.plan_export import dump, export_data
from styrkedja.interchange.plan_import import PlanExists, PlanRefused, Unresolved, load_plan
from styrkedja.planfiles.schema import PlanFile
from styrkedja.plans import lifecycle
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
        adopt = sub.add_parser("adopt", help="record the committee's adoption of a plan or of its revision")
        adopt.add_argument("--organisation", required=True, help="organisation code, e.g. amn")
        adopt.add_argument("--year", required=True, type=int)
        adopt.add_argument("--date", required=True, help="the decision's date, YYYY-MM-DD")
        adopt.add_argument("--reference", required=True, help='the decision, e.g. "AMN 2021/123 § 5"')
        revise = sub.add_parser("revise", help="open an adopted plan for revision")
        revise.add_argument("--organisation", required=True, help="organisation code, e.g. amn")
        revise.add_argument("--year", required=True, type=int)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options["file"], options["replace"])
        elif options["action"] == "export":
            self._export(options["organisation"], options["year"], options["format"], options["output"])
        else:
            self._life_cycle(options)

    def _life_cycle(self, options: dict[str, Any]) -> None:
        plan = lookup.plan_of(lookup.organisation(options["organisation"]), options["year"])
        try:
            if options["action"] == "revise":
                lifecycle.open_revision(plan, by=None)
                self.stdout.write(f"{plan.organisation.code} {plan.year}: opened for revision")
                return
            try:
                decided_on = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"--date {options['date']!r}: write the date as YYYY-MM-DD") from None
            decision = lifecycle.adopt(plan, decided_on=decided_on, reference=options["reference"], by=None)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        except Locked as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{plan.organisation.code} {plan.year}: {decision.kind} {decision.decided_on.isoformat()}, "
            f"{decision.reference} (version {decision.number}, {len(decision.changes)} changes)"
        )
        for change in decision.changes:
            self.stdout.write(f"  {change['change']}: {change['section']}: {change['item']}")
            for name, before, after in change["fields"]:
                self.stdout.write(f"    {name}: {before or '–'} → {after or '–'}")

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
