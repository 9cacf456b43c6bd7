"""`styrkedja city generate --committees N --seed S -o DIR`: a synthetic city (the council's plan, N
committees' plans, their rounds and the city's for T1 and T2, with a few planted inconsistencies listed
in DIR/planted.json); `styrkedja city load DIR`: store such a folder (docs/city.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styrkedja.interchange.city_files import load_city
from styrkedja.planfiles.reader import PlanFileError
from styrkedja.synthetic.city import MONTHS, generate, write


class Command(BaseCommand):
    help = "Generate a synthetic city as plan and follow-up files, or load such a folder."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        gen = sub.add_parser("generate", help="write a synthetic city's files")
        gen.add_argument("--committees", type=int, default=30)
        gen.add_argument("--seed", type=int, default=1)
        gen.add_argument("--year", type=int, default=2021)
        gen.add_argument("--periods", default="T1,T2", help="T1, T2 and VB (the year), e.g. T1,T2,VB")
        gen.add_argument("-o", "--output", type=Path, required=True)
        load = sub.add_parser("load", help="store a folder written by generate")
        load.add_argument("directory", type=Path)
        load.add_argument(
            "--periods", default="", help="only these periods' follow-ups, e.g. T1 (default all)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "generate":
            if options["committees"] < 3:
                raise CommandError("--committees: a city needs at least three committees")
            periods = [p.strip() for p in options["periods"].split(",") if p.strip()]
            unknown = sorted(set(periods) - set(MONTHS))
            if unknown or not periods:
                raise CommandError(f"--periods: use T1, T2, VB (not {', '.join(unknown) or 'nothing'})")
            generated = generate(options["committees"], options["seed"], options["year"], periods)
            files = write(generated, options["output"])
            self.stdout.write(
                f"wrote {len(files)} files to {options['output']}: the council's plan, "
                f"{len(generated.plans)} committees' plans, {len(generated.followups)} follow-ups; "
                f"{len(generated.planted)} planted inconsistencies in planted.json"
            )
            return
        directory: Path = options["directory"]
        if not (directory / "plans").is_dir():
            raise CommandError(f"{directory}: no plans/ folder; write one with `styrkedja city generate`")
        chosen = {p.strip() for p in options["periods"].split(",") if p.strip()} or None
        try:
            loaded = load_city(directory, periods=chosen)
        except PlanFileError as exc:
            raise CommandError(f"refused, that file was not stored:\n{exc}") from exc
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"stored {loaded.plans} plans and {loaded.rounds} follow-ups ({loaded.skipped} already there)"
        )
