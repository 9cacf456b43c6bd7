"""`styrkedja microdata generate|check`: synthetic microdata, and checking a folder of microdata files."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styrkedja.analytics.files import MicrodataError
from styrkedja.analytics.generate import SCALES, generate
from styrkedja.analytics.loader import open_microdata
from styrkedja.analytics.schema import TABLES
from styrkedja.analytics.units import UNITS_FILE, UnitsError, read_units


class Command(BaseCommand):
    help = "Generate synthetic microdata (Parquet), or check a folder of microdata files against the schema."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        gen = sub.add_parser("generate", help="write synthetic microdata for ten years")
        gen.add_argument("--scale", choices=list(SCALES), default="small")
        gen.add_argument("--seed", type=int, default=1)
        gen.add_argument(
            "--last-year", type=int, default=2022, help="the last of the ten years (default 2022)"
        )
        gen.add_argument("-o", "--output", type=Path, required=True, help="folder to write the files to")
        check = sub.add_parser("check", help="check every table's files; nothing is computed")
        check.add_argument("directory", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "generate":
            started = time.perf_counter()
            counts = generate(
                options["output"],
                scale=options["scale"],
                seed=options["seed"],
                last_year=options["last_year"],
            )
            rows = ", ".join(f"{table} {count:,}".replace(",", " ") for table, count in counts.items())
            self.stdout.write(
                f"wrote {options['scale']} microdata to {options['output']}: {rows} rows "
                f"({time.perf_counter() - started:.1f} s)"
            )
            return
        try:
            microdata = open_microdata(options["directory"], list(TABLES))
            tree = read_units(options["directory"])
        except (MicrodataError, UnitsError) as exc:
            raise CommandError(str(exc)) from exc
        for files in microdata.files.values():
            for item in files:
                self.stdout.write(f"ok {item.name}: {item.rows} rows, sha256 {item.sha256[:12]}…")
        if tree.parents:
            self.stdout.write(f"ok {UNITS_FILE}: {len(tree.parents)} organisations")
