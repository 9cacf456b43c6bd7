"""The verksamhetsberättelse: the follow-up of the full year, goals assessed by the outcomes."""

from styrkedja.lib.periods import PeriodKind
from styrkedja.profiles import stockholm
from styrkedja.reports.kinds.followup_parts import FOLLOWUP_PARTS
from styrkedja.reports.kinds.kind import Kind

ANNUAL = Kind(
    key="annual",
    family="followup",
    slug="verksamhetsberattelse",
    parts=FOLLOWUP_PARTS,
    wording=stockholm().wording("annual"),
    assesses_outcomes=True,
    goals_on_new_page=True,
    periods=frozenset({PeriodKind.YEAR}),
)
