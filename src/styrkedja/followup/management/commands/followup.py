"""`styrkedja followup open|export …`: follow-up rounds from the command line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from styrkedja.followup.export import followup_data
from styrkedja.followup.models import Round
from styrkedja.followup.workflow import open_round
from styrkedja.lib.periods import PeriodError, parse_period
from styrkedja.organisations.models import Organisation
from styrkedja.planfiles.export import dump


class Command(BaseCommand):
    help = "Open a follow-up round, or export one as JSON/YAML."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        for name in ("open", "export"):
            p = sub.add_parser(name)
            p.add_argument("--organisation", required=True)
            p.add_argument("--period", required=True, help="e.g. 2021-T1, 2021-T2, 2021")
            if name == "export":
                p.add_argument("--format", choices=["json", "yaml"], default="json")
                p.add_argument("-o", "--output", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            period = parse_period(options["period"]).code
        except PeriodError as exc:
            raise CommandError(str(exc)) from exc
        organisation = Organisation.objects.filter(code=options["organisation"]).first()
        if organisation is None:
            raise CommandError(f"no organisation '{options['organisation']}'")
        if options["action"] == "open":
            try:
                round_ = open_round(organisation, period, by=None)
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
            self.stdout.write(f"opened {round_} with {round_.parts.count()} parts")
            return
        round_ = Round.objects.filter(organisation=organisation, period=period).first()
        if round_ is None:
            raise CommandError(f"{organisation.code} has no follow-up for {period}")
        text = dump(followup_data(round_), options["format"])
        if options["output"]:
            options["output"].write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
