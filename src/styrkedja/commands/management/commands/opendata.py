"""`styrkedja opendata export --organisation CODE -o DIR`: the organisation's open data (docs/open-data.md)
— `datapackage.json` and `budget.csv` (a Fiscal Data Package) and `indicators.csv` — written to a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from styrkedja.commands import lookup
from styrkedja.exchange import opendata


class Command(BaseCommand):
    help = "Write an organisation's budget (Fiscal Data Package) and indicator outcomes as open data."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("export", help="write datapackage.json, budget.csv and indicators.csv")
        p.add_argument("--organisation", required=True)
        p.add_argument("-o", "--output", type=Path, required=True, help="a folder (made when missing)")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = lookup.organisation(options["organisation"])
        folder: Path = options["output"]
        folder.mkdir(parents=True, exist_ok=True)
        files = {
            "datapackage.json": opendata.datapackage_json(organisation),
            "budget.csv": opendata.budget_csv(organisation),
            "indicators.csv": opendata.indicators_csv(organisation),
        }
        for name, data in files.items():
            (folder / name).write_bytes(data)
            rows = len(data.splitlines()) - 1
            self.stdout.write(f"wrote {folder / name}" + (f" ({rows} rows)" if name.endswith(".csv") else ""))
