"""`styrkedja notices send [--date YYYY-MM-DD] [--days-before N] [--dry-run]`: the deadline reminders due
today, by e-mail (notices/reminders.py). Run it daily; each reminder is sent once, however often and on
however many servers it runs. `--format json` lists what was sent."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from styrkedja.notices.reminders import send_reminders


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date: {value!r} is not a date such as 2022-05-10") from None


class Command(BaseCommand):
    help = "Send the deadline reminders due today by e-mail (each once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["send"])
        parser.add_argument("--date", help="the day to remind as of (default: today)")
        parser.add_argument("--days-before", type=int, help="remind this many days before the deadline")
        parser.add_argument("--dry-run", action="store_true", help="list what is due, send nothing")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        today = _date(options["date"]) if options["date"] else timezone.localdate()
        days = options["days_before"]
        if days is not None and days < 0:
            raise CommandError("--days-before: expected 0 or more")
        outcome = send_reminders(today, days, dry_run=options["dry_run"])
        rows = [
            {
                "user": n.user.get_username(),
                "email": n.user.email,
                "organisation": n.part.round.organisation.code,
                "period": n.part.round.period,
                "part": n.part.title,
                "kind": str(n.kind),
            }
            for n in outcome.sent
        ]
        if options["format"] == "json":
            self.stdout.write(
                json.dumps({"date": today.isoformat(), "sent": rows, "skipped": outcome.skipped})
            )
            return
        verb = "due" if options["dry_run"] else "sent"
        for row in rows:
            self.stdout.write(
                f"{row['kind']}: {row['user']} <{row['email']}> {row['organisation']} {row['period']} {row['part']}"
            )
        self.stdout.write(
            f"{len(rows)} reminder(s) {verb}, {outcome.skipped} skipped (sent before or not wanted)"
        )
