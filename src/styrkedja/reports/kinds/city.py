"""The city's documents, rolled up from every committee's round: the tertialrapport of T1, the
delårsrapport of T2 (with the closing of the books at 31 August) and the årsredovisning of the year."""

from styrkedja.lib.periods import PeriodKind
from styrkedja.profiles import stockholm
from styrkedja.reports.kinds.kind import Kind, Part

CITY_PARTS = frozenset(
    {
        Part.TITLE_PAGE,
        Part.SUMMARY_ANALYSIS,
        Part.ASSESSMENTS,
        Part.CITY_GOALS,
        Part.CITY_OPERATIONS,
        Part.CITY_INVESTMENTS,
    }
)

CITY_TERTIAL = Kind(
    key="city_tertial",
    family="followup",
    slug="stadens-tertialrapport",
    parts=CITY_PARTS,
    wording=stockholm().wording("city_tertial"),
    goals_on_new_page=True,
    periods=frozenset({PeriodKind.TERTIAL}),
    period_numbers=frozenset({1}),
    city=True,
)

CITY_INTERIM = Kind(
    key="city_interim",
    family="followup",
    slug="delarsrapport",
    parts=CITY_PARTS,
    wording=stockholm().wording("city_interim"),
    goals_on_new_page=True,
    periods=frozenset({PeriodKind.TERTIAL}),
    period_numbers=frozenset({2}),
    city=True,
)

CITY_ANNUAL = Kind(
    key="city_annual",
    family="followup",
    slug="arsredovisning",
    parts=CITY_PARTS,
    wording=stockholm().wording("city_annual"),
    assesses_outcomes=True,
    goals_on_new_page=True,
    periods=frozenset({PeriodKind.YEAR}),
    city=True,
)
