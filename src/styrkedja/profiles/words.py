"""How a kind of document is worded: its title, its headings, its table columns, how it names its period.

A `Wording` is plain data, every word of it from a profile: the City of Stockholm's profile
(`stockholm.yaml`) words every kind of document in full, and is the default of every other profile, which
replaces any of its words for all kinds (`words.common`) or for one (`words.tertial` …); see
docs/profile-format.md. The renderers, the table builders and the pages ask the wording, never a kind's
name.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

#: The kinds of document a profile words (the keys of `reports.kinds.KINDS`), and `common` for all.
DOCUMENT_KINDS = ("plan", "tertial", "annual", "followup", "city_tertial", "city_interim", "city_annual")
COMMON = "common"


@dataclass(frozen=True)
class Wording:
    """`short_title`, `subtitle` and `period_label` are format strings: `{title}`, `{year}`, `{number}` (the
    period's number, 1 in 2021-T1), `{period_label}` (the period's name), `{first_month}` and
    `{last_month}` (the period's first and last month, "januari", "april") and, in the subtitle,
    `{organisation}`. `previous` and `budget` take `{year}` (last year's, this year's)."""

    title: str  # the document's word
    name: str  # what kind of document it is, in keywords and above the title
    short_title: str  # the running head; empty: the document's title
    subtitle: str
    period_label: str  # the period's name; empty: the calendar's ("Tertial 1 2021", "Halvår 1 2021")
    memo_heading: str  # the cover memo before the contents
    introduction: str
    summary_analysis: str
    goals: str  # the goal chapter's heading
    economy: str  # the economy chapter's heading
    prints_forecasts: bool  # the indicator tables have a forecast column
    # The goal tables.
    council_indicators: str
    committee_indicators: str
    council_activities: str
    committee_activities: str
    indicator: str
    outcome: str
    men: str
    women: str
    previous: str
    forecast: str
    target: str
    council_target: str
    periodicity: str
    period: str
    rating: str
    # The economy tables.
    budget: str
    economy_forecast: str

    def replaced(self, changes: dict[str, Any]) -> Wording:
        return dataclasses.replace(self, **changes) if changes else self


#: The words a profile may set, with their type.
FIELDS: dict[str, type] = {
    f.name: (bool if f.type in ("bool", bool) else str) for f in dataclasses.fields(Wording)
}
