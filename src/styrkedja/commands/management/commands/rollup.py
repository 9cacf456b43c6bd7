"""`styrkedja rollup --organisation KOMMUN --period P --format json|text`: the city-wide roll-up of a
period (docs/city.md): per council goal the committees' ratings and the indicators counted per rating,
the council's assessment and the suggestion from the counts; the economy per committee with its total;
the investments per committee and area."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from styrkedja.commands import lookup
from styrkedja.followup.city_rollup import NoCouncilPlan, city_rollup
from styrkedja.lib.numbers import format_mnkr
from styrkedja.lib.vocabulary import OrganisationKind
from styrkedja.profiles.counts import MISSING, NO_OUTCOME
from styrkedja.reports.city import ECONOMY_FIELDS, CityRollup, rollup_json


class Command(BaseCommand):
    help = "The city-wide roll-up of a follow-up period, as JSON or text."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--organisation", required=True, help="the municipality's code, e.g. stockholm")
        parser.add_argument("--period", required=True, help="e.g. 2021-T1, 2021-T2, 2021")
        parser.add_argument("--format", choices=["json", "text"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        city = lookup.organisation(options["organisation"])
        if city.kind != OrganisationKind.CITY:
            raise CommandError(
                f"{city.code} is not a municipality (kind {city.kind}); the roll-up is the city's"
            )
        try:
            rollup = city_rollup(city, lookup.period(options["period"]))
        except NoCouncilPlan as exc:
            raise CommandError(str(exc)) from exc
        if options["format"] == "json":
            self.stdout.write(json.dumps(rollup_json(rollup), ensure_ascii=False, indent=2))
        else:
            self._text(rollup)

    def _text(self, rollup: CityRollup) -> None:
        keys = rollup.scale.keys
        label = {k: rollup.scale.labels.get(k, k).lower() for k in keys}
        indicator_label = {k: rollup.indicators_by.label(k).lower() for k in rollup.indicators_by.keys}
        self.stdout.write(f"{rollup.organisation_name} {rollup.period}: {rollup.committees} nämnder")
        for g in rollup.goals:
            counts = ", ".join(f"{label[k]} {g.committee_ratings.get(k, 0)}" for k in keys)
            inds = ", ".join(f"{word} {g.indicator_counts.get(k, 0)}" for k, word in indicator_label.items())
            self.stdout.write(f"{g.ref} {g.title}")
            self.stdout.write(
                f"    KF: {label.get(g.assessment, '–')}; förslag: {label.get(g.suggested or '', '–')}"
            )
            self.stdout.write(f"    nämnder: {counts}, saknas {g.committee_ratings.get(MISSING, 0)}")
            self.stdout.write(f"    indikatorer: {inds}, utan värde {g.indicator_counts.get(NO_OUTCOME, 0)}")
        self.stdout.write("Driftredovisning (mnkr): " + " | ".join(ECONOMY_FIELDS))
        total = rollup.economy_total
        for r in [*rollup.economy]:
            cells = " | ".join(format_mnkr(getattr(r, f)) for f in ECONOMY_FIELDS)
            self.stdout.write(f"  {r.committee:<12} {cells}")
        self.stdout.write(
            "  " + f"{'totalt':<12} " + " | ".join(format_mnkr(total.sum(f)) for f in ECONOMY_FIELDS)
        )
        for i in rollup.investments:
            self.stdout.write(
                f"  investering {i.committee} {i.area}: utgifter {format_mnkr(i.expenditure)}, inkomster "
                f"{format_mnkr(i.income)}, budget {format_mnkr(i.budget)}"
            )
