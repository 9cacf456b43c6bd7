"""The follow-up of another period (a half year, a quarter, a month): the tertial report's parts, named
by its period."""

from styrkedja.lib.periods import PeriodKind
from styrkedja.profiles import stockholm
from styrkedja.reports.kinds.followup_parts import FOLLOWUP_PARTS
from styrkedja.reports.kinds.kind import Kind

FOLLOWUP = Kind(
    key="followup",
    family="followup",
    slug="uppfoljning",
    parts=FOLLOWUP_PARTS,
    wording=stockholm().wording("followup"),
    goals_on_new_page=True,
    periods=frozenset({PeriodKind.HALF_YEAR, PeriodKind.QUARTER, PeriodKind.MONTH}),
)
