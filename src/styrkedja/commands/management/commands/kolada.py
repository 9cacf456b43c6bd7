"""`styrkedja kolada sync [--organisation CODE] [--kpi ID …] [--years 2019,2020] [--full] [--no-catalogue]`:
Kolada's catalogue, then the values of the organisations' linked indicators for their municipality, Riket
and peers (only what changed since the last sync unless --full), copied into the indicators' series.
`styrkedja kolada search WORDS` searches the stored catalogue (docs/kolada.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styrkedja.commands import lookup
from styrkedja.exchange import kolada
from styrkedja.organisations.models import Organisation
from styrkedja.plans.models import Indicator


class Command(BaseCommand):
    help = "Fetch Kolada's KPI catalogue and the values of linked indicators; search the catalogue."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("sync", help="fetch the catalogue and the linked indicators' values")
        p.add_argument("--organisation", help="only this organisation (code); default every one with links")
        p.add_argument("--kpi", action="append", default=[], help="only this KPI (repeatable)")
        p.add_argument("--years", help="only these years, e.g. 2019,2020,2021")
        p.add_argument("--full", action="store_true", help="fetch everything again, not only what changed")
        p.add_argument("--no-catalogue", action="store_true", help="leave the catalogue as it is")
        p = sub.add_parser("search", help="search the stored catalogue")
        p.add_argument("words", nargs="+")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "search":
            for kpi in kolada.search_kpis(" ".join(options["words"])):
                self.stdout.write(f"{kpi.id}  {kpi.title}")
            return
        client = kolada.Client()
        try:
            if not options["no_catalogue"]:
                kpis, areas = kolada.sync_catalogue(client)
                self.stdout.write(f"catalogue: {kpis} KPIs, {areas} municipalities and regions")
            years = [int(y) for y in options["years"].split(",")] if options["years"] else None
            orgs = (
                [lookup.organisation(options["organisation"])]
                if options["organisation"]
                else list(
                    Organisation.objects.filter(indicator_series__definitions__kolada_kpi__gt="").distinct()
                )
            )
            for org in orgs:
                linked = set(
                    Indicator.objects.filter(series__organisation=org)
                    .exclude(kolada_kpi="")
                    .values_list("kolada_kpi", flat=True)
                )
                kpis_wanted = sorted(set(options["kpi"]) & linked if options["kpi"] else linked)
                areas_wanted = kolada.areas_to_sync(org)
                for kpi in kpis_wanted:
                    n = kolada.sync_values(client, kpi, areas_wanted, years, full=options["full"])
                    self.stdout.write(f"{org.code} {kpi}: {n} values for {', '.join(areas_wanted)}")
                changed = kolada.import_series(org, by=None)
                self.stdout.write(f"{org.code}: {changed} values of its indicator series changed")
        except kolada.KoladaError as exc:
            raise CommandError(str(exc)) from exc
        except ValueError as exc:
            raise CommandError(f"--years: {exc}") from exc
        self.stdout.write(f"{client.requests} requests to {client.base_url}")
