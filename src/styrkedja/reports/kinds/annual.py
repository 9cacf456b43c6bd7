"""The verksamhetsberättelse: the follow-up of the full year, goals assessed by the outcomes."""

import dataclasses

from styrkedja.lib.periods import PeriodKind
from styrkedja.reports.kinds.followup_parts import FOLLOWUP_PARTS, FOLLOWUP_WORDING
from styrkedja.reports.kinds.kind import Kind

ANNUAL = Kind(
    key="annual",
    family="followup",
    slug="verksamhetsberattelse",
    parts=FOLLOWUP_PARTS,
    wording=dataclasses.replace(
        FOLLOWUP_WORDING, title="Verksamhetsberättelse", short_title="{title} {year}"
    ),
    assesses_outcomes=True,
    goals_on_new_page=True,
    periods=frozenset({PeriodKind.YEAR}),
)
