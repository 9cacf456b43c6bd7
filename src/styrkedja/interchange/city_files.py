"""A folder of a city's plan and follow-up files (as `styrkedja city generate` writes it) into the
database: the plans first (the council's before the committees'), then the follow-ups in the order of
their names (the committees' rounds of a period before the city's). Each file is one transaction, as
`plan import` and `followup import` have it; a file already stored is skipped, so loading again only
adds what is missing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from styrkedja.followup.models import Round
from styrkedja.interchange.followup_import import FileRefused, import_followup
from styrkedja.interchange.plan_import import load_plan
from styrkedja.lib.periods import report_period
from styrkedja.planfiles.followup_schema import FollowUpFile
from styrkedja.planfiles.reader import read_file, read_plan_file
from styrkedja.plans.models import Plan


class CityFileRefused(ValueError):
    """A follow-up file of the folder that the plan or the rules refuse (the files before it are stored)."""


@dataclass
class Loaded:
    plans: int = 0
    rounds: int = 0
    skipped: int = 0


def load_city(
    directory: Path, *, periods: set[str] | None = None, say: Callable[[str], None] | None = None
) -> Loaded:
    """Every file of the folder (with `periods`, only the follow-ups of those period codes, e.g. {"T1"})."""
    out = Loaded()
    for path in sorted((directory / "plans").glob("*.yaml")):
        planfile = read_plan_file(path)
        if Plan.objects.filter(organisation__code=planfile.organisation.code, year=planfile.year).exists():
            out.skipped += 1
            continue
        load_plan(planfile, reason=f"plan import {path.name}")
        out.plans += 1
        if say:
            say(f"plan {planfile.organisation.code} {planfile.year}")
    for path in sorted((directory / "followups").glob("*.yaml")):
        f = read_file(path, FollowUpFile)
        code = report_period(f.period).code
        if periods is not None and code.split("-")[-1] not in periods and code not in periods:
            continue
        if Round.objects.filter(organisation__code=f.organisation.code, period=code).exists():
            out.skipped += 1
            continue
        try:
            import_followup(f, None, reason=f"followup import {path.name}")
        except FileRefused as exc:
            raise CityFileRefused(f"{path}: refused, that file was not stored:\n{exc}") from exc
        out.rounds += 1
        if say:
            say(f"follow-up {f.organisation.code} {code}")
    return out
