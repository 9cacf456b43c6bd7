"""The parts every follow-up report of a committee has, and its Stockholm wording; the tertial report,
the verksamhetsberättelse and the follow-up of another period start from these."""

from styrkedja.reports.kinds.kind import Part, Wording

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

FOLLOWUP_WORDING = Wording(
    title="Uppföljning",
    name="Uppföljning",
    short_title="{period_label}",
    subtitle="{organisation} · {period_label}",
    goals="Uppföljning av kommunfullmäktiges inriktningsmål",
    economy="Uppföljning av ekonomi",
)
