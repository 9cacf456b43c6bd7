"""`styrkedja check --organisation CODE --period PERIOD|--plan YEAR [--format json|text]`: the consistency
checks of a follow-up round or a plan (docs/checks.md). Exit status 1 when an error remains (for a round:
an error without a controller's override).

Without `--organisation` it is Django's own `check`: the system checks, `--deploy` for the deployment
checklist (docs/deploy.md)."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.core.management.commands.check import Command as SystemCheckCommand

from styrkedja.checks import Finding, Severity
from styrkedja.commands import lookup
from styrkedja.followup.checking import check_round, plan_findings
from styrkedja.followup.models import FindingOverride


class Command(SystemCheckCommand):
    help = (
        "Run the consistency checks on a follow-up round (--period) or a plan (--plan). JSON: the findings "
        "that remain (overridden ones left out); text: every finding, overridden ones marked. Without "
        "--organisation: Django's system checks (--deploy for the deployment checks)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--organisation", help="organisation code, e.g. amn")
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--period", help="a follow-up round, e.g. 2021-T1, 2021-T2, 2021")
        which.add_argument("--plan", type=int, help="a plan's year, e.g. 2022")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["organisation"] is None:
            if options["period"] or options["plan"]:
                raise CommandError("--period and --plan need --organisation")
            return super().handle(*args, **options)
        if not (options["period"] or options["plan"]):
            raise CommandError("one of the arguments --period --plan is required")
        organisation = lookup.organisation(options["organisation"])
        overrides: dict[str, FindingOverride] = {}
        if options["period"]:
            round_ = lookup.round_of(organisation, options["period"])
            check = check_round(round_)
            findings, overrides, title = check.findings, check.overrides, str(round_)
        else:
            plan = lookup.plan_of(organisation, options["plan"])
            findings, title = plan_findings(plan), f"Verksamhetsplan {plan.year} – {organisation.name}"
        remaining = [f for f in findings if f.key not in overrides]
        if options["format"] == "json":
            self.stdout.write(json.dumps([f.to_json() for f in remaining], ensure_ascii=False, indent=2))
        else:
            self._text(title, findings, overrides)
        errors = sum(1 for f in remaining if f.severity is Severity.ERROR)
        if errors:
            raise CommandError(f"{errors} error(s) remain", returncode=1)

    def _text(self, title: str, findings: list[Finding], overrides: dict[str, FindingOverride]) -> None:
        self.stdout.write(f"Avstämning: {title}")
        for f in findings:
            self.stdout.write(f"{f.severity.label.upper():<11} {f.rule:<42} {f.kind}: {f.ref[:70]}")
            self.stdout.write(f"    {f.message}")
            override = overrides.get(f.key)
            if override is not None:
                who = override.by.get_username() if override.by else "–"
                self.stdout.write(f"    godtagen {override.at:%Y-%m-%d} av {who}: {override.justification}")
        counts = {s: sum(1 for f in findings if f.severity is s) for s in Severity}
        self.stdout.write(
            f"{counts[Severity.ERROR]} fel, {counts[Severity.WARNING]} varningar, "
            f"{counts[Severity.INFO]} information; {len(overrides)} godtagna"
        )
