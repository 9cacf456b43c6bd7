"""`styrkedja profile import FILE` and `styrkedja profile export --organisation CODE --format yaml|json`: a
municipality's profile (docs/profile-format.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from styrkedja.commands import files, lookup
from styrkedja.followup.profiles import store_profile
from styrkedja.organisations.profiles import profile_of
from styrkedja.profiles import Profile, dump_profile


class Command(BaseCommand):
    help = "Import or export a municipality's profile: goal levels, rating scales and rules, words, units."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="store a profile file (YAML or JSON) for the kommun it names")
        imp.add_argument("file", type=Path)
        exp = sub.add_parser("export", help="print the profile an organisation works under")
        exp.add_argument("--organisation", required=True, help="organisation code, e.g. stockholm or amn")
        exp.add_argument("--format", choices=["yaml", "json"], default="yaml")
        exp.add_argument("-o", "--output", type=Path, help="write to this file instead of standard output")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options["file"])
        else:
            self._export(options["organisation"], options["format"], options["output"])

    def _import(self, path: Path) -> None:
        profile = files.read(path, Profile).data
        try:
            row = store_profile(profile, by=None, reason=f"profile import {path.name}")
        except ValidationError as exc:
            raise CommandError(f"{path}: refused, nothing was stored: {'; '.join(exc.messages)}") from exc
        self.stdout.write(
            f"stored the profile of {row.organisation.code} ({profile.name}): {len(profile.levels)} goal levels, "
            f"{len(profile.ratings.scale)} ratings, {len(profile.indicator_ratings.scale)} indicator ratings"
        )

    def _export(self, code: str, fmt: str, output: Path | None) -> None:
        text = dump_profile(profile_of(lookup.organisation(code)), fmt)
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
