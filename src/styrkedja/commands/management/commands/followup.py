"""`styrkedja followup open|import|export|assign|deadline|excel …`: follow-up rounds from the command line."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from styrkedja.commands import files, lookup
from styrkedja.exchange import excel
from styrkedja.followup.city import open_city_round
from styrkedja.followup.models import Part, Round, RoundLocked
from styrkedja.followup.workflow import assign_part, open_round, set_deadline
from styrkedja.interchange.followup_export import followup_data
from styrkedja.interchange.followup_import import FileRefused, RoundExists, import_followup
from styrkedja.interchange.plan_export import dump
from styrkedja.lib.numbers import format_exact
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
        excel = sub.add_parser("excel", help="entry workbooks: export one, or import one filled in")
        excel_sub = excel.add_subparsers(dest="excel_action", required=True)
        p = excel_sub.add_parser("export", help="the round's (or a part's) entry workbook")
        p.add_argument("--organisation", required=True)
        p.add_argument("--period", required=True, help="e.g. 2021-T1, 2021-T2, 2021")
        p.add_argument("--goal", help="only the part of this nämndmål, e.g. 1.1.1")
        p.add_argument("-o", "--output", type=Path, required=True)
        p = excel_sub.add_parser("import", help="store a filled-in entry workbook (all of it, or nothing)")
        p.add_argument("file", type=Path)
        p.add_argument("--dry-run", action="store_true", help="list the changes, conflicts and refusals only")
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
        if options["action"] == "excel":
            self._excel(options)
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

    def _excel(self, options: dict[str, Any]) -> None:
        if options["excel_action"] == "export":
            round_ = lookup.round_of(lookup.organisation(options["organisation"]), options["period"])
            part = None
            if options["goal"]:
                part = round_.parts.filter(goal__number=options["goal"]).select_related("goal").first()
                if part is None:
                    raise CommandError(
                        f"{round_.organisation.code} {round_.period} has no part for {options['goal']}"
                    )
            options["output"].write_bytes(excel.build_workbook(round_, by=None, part=part))
            self.stdout.write(f"wrote {options['output']}")
            return
        path: Path = options["file"]
        try:
            data = path.read_bytes()
            found = (
                Round.objects.select_related("organisation", "plan")
                .filter(pk=excel.round_id_of(data))
                .first()
            )
            if found is None:
                raise excel.WorkbookError("the workbook's round no longer exists")
            round_ = found
            if options["dry_run"]:
                result = excel.review(round_, data, by=None)
            else:
                result = excel.store(round_, data, by=None)
        except OSError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        except excel.WorkbookError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        except excel.NotStored as exc:
            self._print_review(exc.review)
            raise CommandError(f"{path}: refused, nothing was stored") from exc
        except RoundLocked as exc:
            raise CommandError(str(exc)) from exc
        self._print_review(result)
        verb = "would store" if options["dry_run"] else "stored"
        self.stdout.write(f"{verb} {len(result.rows)} rows of {round_.organisation.code} {round_.period}")

    def _print_review(self, result: excel.Review) -> None:
        for row in result.rows:
            for change in row.changes:
                self.stdout.write(
                    f"  change {row.sheet}!{row.row} {row.target.indicator.name}: {change.label} "
                    f"{_shown(change.old)} -> {_shown(change.new)}"
                )
        for conflict in result.conflicts:
            self.stdout.write(
                f"  conflict {conflict.sheet}!{conflict.row} {conflict.target.indicator.name}: saved by someone "
                "else since the download"
            )
        for refusal in result.refusals:
            self.stdout.write(f"  refused {refusal.sheet}!{refusal.cell}: {refusal.message}")

    @staticmethod
    def _run(action: Any) -> None:
        try:
            action()
        except RoundLocked as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "-"
    return format_exact(value) if isinstance(value, Decimal) else str(value)
