"""The parts every follow-up report of a committee has; the tertial report, the verksamhetsberättelse and
the follow-up of another period start from these."""

from styrkedja.reports.kinds.kind import Part

FOLLOWUP_PARTS = frozenset(
    {
        Part.COVER_MEMO,
        Part.ATTACHMENTS,
        Part.SUMMARY_ANALYSIS,
        Part.OUTCOME_TABLES,
        Part.ASSESSMENTS,
        Part.FOLLOWUP_ECONOMY,
        Part.VOLUMES,
        Part.INVESTMENTS,
        Part.TURNOVER,
        Part.ADJUSTMENTS,
        Part.SPECIAL_REPORTS,
        Part.COMPLAINTS,
        Part.SIGNATURES,
    }
)
