"""`styrkedja followup open|import|export|assign|deadline …`: follow-up rounds from the command line."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from styrkedja.commands import files, lookup
from styrkedja.followup.city import open_city_round
from styrkedja.followup.models import Part, Round, RoundLocked
from styrkedja.followup.workflow import assign_part, open_round, set_deadline
from styrkedja.interchange.followup_export import followup_data
from styrkedja.interchange.followup_import import FileRefused, RoundExists, import_followup
from styrkedja.interchange.plan_export import dump
from styrkedja.lib.vocabulary import OrganisationKind
from styrkedja.organisations.models import Organisation
from styrkedja.planfiles.followup_schema import FollowUpFile
from styrkedja.plans.locking import Locked

#: `--user -` and `--date -`: no one in particular (all reporters), no deadline.
CLEAR = "-"


class Command(BaseCommand):
    help = (
        "Open a follow-up round, import one from a follow-up file, export one as JSON/YAML, assign its parts "
        "or set its deadline."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("import", help="store a follow-up file (styrkedja.followup/1, YAML or JSON)")
        p.add_argument("file", type=Path)
        p.add_argument("--replace", action="store_true", help="replace a round nobody has worked in yet")
        p.add_argument(
            "--skip-unmatched",
            action="store_true",
            help=files.SKIP_HELP,
        )
        for name in ("open", "export", "assign", "deadline"):
            p = sub.add_parser(name)
            p.add_argument("--organisation", required=True)
            p.add_argument(
                "--period",
                required=True,
                help="e.g. 2021-T1, 2021-T2, 2021; opening the municipality's opens every committee's too",
            )
            if name == "export":
                p.add_argument("--format", choices=["json", "yaml"], default="json")
                p.add_argument("-o", "--output", type=Path)
            if name == "assign":
                which = p.add_mutually_exclusive_group(required=True)
                which.add_argument("--goal", help="the nämndmål's number, e.g. 1.1.1")
                which.add_argument("--economics", action="store_true", help="the economics part")
                p.add_argument("--user", required=True, help=f"a username, or '{CLEAR}' for all reporters")
            if name == "deadline":
                p.add_argument("--date", required=True, help=f"YYYY-MM-DD, or '{CLEAR}' for none")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options["file"], options["replace"], options["skip_unmatched"])
            return
        organisation = lookup.organisation(options["organisation"])
        if options["action"] == "open" and organisation.kind == OrganisationKind.CITY:
            self._open_city(organisation, lookup.period(options["period"]))
            return
        if options["action"] == "open":
            try:
                round_ = open_round(organisation, lookup.period(options["period"]), by=None)
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
            self.stdout.write(f"opened {round_} with {round_.parts.count()} parts")
            return
        round_ = lookup.round_of(organisation, options["period"])
        if options["action"] == "assign":
            self._assign(round_, options)
        elif options["action"] == "deadline":
            self._deadline(round_, options["date"])
        else:
            text = dump(followup_data(round_), options["format"])
            if options["output"]:
                options["output"].write_text(text, encoding="utf-8")
            else:
                sys.stdout.write(text)

    def _open_city(self, city: Organisation, period: str) -> None:
        """The municipality: the city's round and every committee's, in one transaction."""
        try:
            opened = open_city_round(city, period, by=None)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        if opened.city_round is not None:
            self.stdout.write(f"opened {opened.city_round} with {opened.city_round.parts.count()} parts")
        for round_ in opened.opened:
            self.stdout.write(f"opened {round_}")
        if opened.already_open:
            self.stdout.write(f"already open: {', '.join(opened.already_open)}")
        if opened.without_plan:
            self.stdout.write(f"no plan for {period[:4]}, not opened: {', '.join(opened.without_plan)}")
        self.stdout.write(f"{period}: {len(opened.opened)} committees' rounds opened")

    def _assign(self, round_: Round, options: dict[str, Any]) -> None:
        parts = round_.parts.select_related("round__organisation", "assignee")
        part: Part | None
        if options["economics"]:
            part = parts.filter(goal__isnull=True).first()
            what = "economics part"
        else:
            part = parts.filter(goal__number=options["goal"]).first()
            what = f"part for goal {options['goal']}"
        if part is None:
            numbers = ", ".join(parts.filter(goal__isnull=False).values_list("goal__number", flat=True))
            raise CommandError(
                f"{round_.organisation.code} {round_.period} has no {what} (goals with a part: {numbers or 'none'})"
            )
        assignee = None
        if options["user"] != CLEAR:
            assignee = get_user_model().objects.filter(username=options["user"]).first()
            if assignee is None:
                raise CommandError(f"no user '{options['user']}'")
        self._run(lambda: assign_part(part, assignee, by=None))
        who = assignee.get_username() if assignee is not None else "all reporters"
        self.stdout.write(f"{part.title}: assigned to {who}")

    def _deadline(self, round_: Round, text: str) -> None:
        deadline = None
        if text != CLEAR:
            try:
                deadline = dt.date.fromisoformat(text)
            except ValueError as exc:
                raise CommandError(f"'{text}' is not a date; write YYYY-MM-DD, e.g. 2021-05-03") from exc
        self._run(lambda: set_deadline(round_, deadline, by=None))
        self.stdout.write(f"{round_}: deadline {deadline.isoformat() if deadline else 'none'}")

    def _import(self, path: Path, replace: bool, skip_unmatched: bool) -> None:
        """A bad file or a refused round leaves the database as it was (import_followup is one transaction)."""
        located = files.read(path, FollowUpFile)
        try:
            imported = import_followup(
                located.data,
                None,
                replace=replace,
                reason=f"followup import {path.name}",
                skip_unmatched=skip_unmatched,
            )
        except FileRefused as exc:
            raise files.refused(located.lines.error(exc.problems)) from exc
        except (RoundExists, Locked, ValueError) as exc:
            raise CommandError(f"{path}: refused, nothing was stored: {exc}") from exc
        files.report_skipped(self, located.lines, imported.skipped)
        self.stdout.write(
            f"stored the follow-up {imported.round.period} for {imported.round.organisation.code}"
        )
        files.skipped_status(path, imported.skipped)

    @staticmethod
    def _run(action: Any) -> None:
        try:
            action()
        except RoundLocked as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
