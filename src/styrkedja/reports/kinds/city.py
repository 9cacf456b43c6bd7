"""The city's documents, rolled up from every committee's round: the tertialrapport of T1, the
delårsrapport of T2 (with the closing of the books at 31 August) and the årsredovisning of the year."""

from styrkedja.lib.periods import PeriodKind
from styrkedja.reports.kinds.kind import Kind, Part, Wording

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

CITY_WORDING = Wording(
    title="Tertialrapport",
    name="Stadens uppföljning",
    short_title="{title} {number} {year}",
    subtitle="{organisation} · {period_label}",
    summary_analysis="Sammanfattning",
    goals="Kommunfullmäktiges mål",
    economy="Ekonomi",
)

CITY_TERTIAL = Kind(
    key="city_tertial",
    family="followup",
    slug="stadens-tertialrapport",
    parts=CITY_PARTS,
    wording=CITY_WORDING,
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
    wording=Wording(
        title="Delårsrapport",
        name="Stadens uppföljning",
        short_title="{title} {year}",
        subtitle="{organisation} · januari–augusti {year}",
        summary_analysis="Sammanfattning",
        goals="Kommunfullmäktiges mål",
        economy="Delårsbokslut per 31 augusti",
    ),
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
    wording=Wording(
        title="Årsredovisning",
        name="Stadens uppföljning",
        short_title="{title} {year}",
        subtitle="{organisation} · {year}",
        summary_analysis="Förvaltningsberättelse",
        goals="Kommunfullmäktiges mål",
        economy="Ekonomi",
    ),
    assesses_outcomes=True,
    goals_on_new_page=True,
    periods=frozenset({PeriodKind.YEAR}),
    city=True,
)
