"""The tertialrapport: the follow-up of T1 (January–April) or T2 (January–August), goals assessed by the
full-year forecasts."""

from styrkedja.lib.periods import PeriodKind
from styrkedja.profiles import stockholm
from styrkedja.reports.kinds.followup_parts import FOLLOWUP_PARTS
from styrkedja.reports.kinds.kind import Kind

TERTIAL = Kind(
    key="tertial",
    family="followup",
    slug="tertialrapport",
    parts=FOLLOWUP_PARTS,
    wording=stockholm().wording("tertial"),
    goals_on_new_page=True,
    periods=frozenset({PeriodKind.TERTIAL}),
)
