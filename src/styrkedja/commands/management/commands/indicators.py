"""`styrkedja indicators compute|list`: indicator values from microdata, optionally stored in a follow-up.

    styrkedja indicators compute --microdata DIR --period 2022-T1 [--organisation amn] [--format json|text] [--store]

Without --store nothing is written. With --store the values go into the organisation's follow-up round of
that period (it must be open), each indicator in its own measurement period (a half-year indicator gets
H1 in a T2 round), with source "microdata" and the provenance.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styrkedja.analytics.engine import compute
from styrkedja.analytics.files import MicrodataError
from styrkedja.analytics.loader import find_files
from styrkedja.analytics.registry import RegistryError, load_registry
from styrkedja.analytics.report import period_json, period_text
from styrkedja.analytics.units import UnitsError
from styrkedja.analytics.windows import PeriodError, parse_window
from styrkedja.followup.microdata import (
    StoreError,
    organisation_codes,
    organisation_tree,
    policy_for,
    store_microdata,
)
from styrkedja.followup.models import RoundLocked
from styrkedja.organisations.models import Organisation


class Command(BaseCommand):
    help = "Compute indicators from microdata (DuckDB), with disclosure control and provenance."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("compute", help="compute every definition for a period")
        run.add_argument("--microdata", type=Path, required=True, help="folder of microdata files")
        run.add_argument(
            "--period",
            required=True,
            help="2022-T1, 2022-H1, 2022-T2, 2022, 2022-03, 2022-Q1 or 2022-03-01..2022-06-30",
        )
        run.add_argument("--organisation", help="code of an organisation: its rows and its units' rows only")
        run.add_argument("--format", choices=["json", "text"], default="json")
        run.add_argument("--store", action="store_true", help="write the values into the follow-up round")
        run.add_argument(
            "--threshold",
            type=int,
            default=None,
            help="suppress counts from 1 to this − 1 (default: STYRKEDJA_DISCLOSURE_THRESHOLD, 5)",
        )
        sub.add_parser("list", help="list the definitions and the plan indicators they answer")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            registry = load_registry()
        except RegistryError as exc:
            raise CommandError(str(exc)) from exc
        if options["action"] == "list":
            for d in registry:
                self.stdout.write(f"{d.id}  [{d.unit}, {d.kind.value}, {d.table}]  sha256 {d.sha256[:12]}")
                for name in d.indicators:
                    self.stdout.write(f"    answers: {name}")
            return
        try:
            window = parse_window(options["period"])
        except PeriodError as exc:
            raise CommandError(str(exc)) from exc
        organisation = None
        codes = None
        if options["organisation"]:
            organisation = Organisation.objects.filter(code=options["organisation"]).first()
            codes = organisation_codes(organisation) if organisation else [options["organisation"]]
        try:
            if options["store"]:
                if organisation is None:
                    raise CommandError(
                        "--store needs --organisation with the code of an organisation in the database"
                    )
                stored = store_microdata(
                    organisation,
                    window.code,
                    options["microdata"],
                    by=None,
                    threshold=options["threshold"],
                    registry=registry,
                    also=[window],
                )
                for line in stored.summary():
                    self.stderr.write(line)
                computation = stored.computation
            else:
                # Definitions whose table the folder lacks are left out (and named), not an error.
                present = [d.id for d in registry if find_files(options["microdata"], d.table)]
                for d in registry:
                    if d.id not in present:
                        self.stderr.write(f"skipped {d.id}: no {d.table} files in {options['microdata']}")
                if not present:
                    raise CommandError(
                        f"no microdata files in {options['microdata']} (see docs/microdata.md)"
                    )
                computation = compute(
                    options["microdata"],
                    [window],
                    registry=registry,
                    definitions=present,
                    organisations=codes,
                    policy=policy_for("json", options["threshold"]),
                    units=organisation_tree(),
                )
                for text in computation.at_risk:
                    self.stderr.write(f"at risk: {text}")
        except (MicrodataError, StoreError, RoundLocked, UnitsError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        if options["format"] == "json":
            sys.stdout.write(
                json.dumps(period_json(computation, window), ensure_ascii=False, indent=2) + "\n"
            )
        else:
            sys.stdout.write(period_text(computation, window))
