"""What a kind of report is: its key, the parts it has, how it is worded, and how its file is named.

A `Kind` is plain data. The table builders, the renderers and the checks ask it (`kind.has(Part.X)`,
`kind.assesses_outcomes`, `kind.wording.goals`) instead of comparing names, so a new kind of document is a
new module in this package and a line in the registry (`styrkedja.reports.kinds`). The wording is the
municipality's profile's (`styrkedja.profiles.Wording`): a kind starts with Stockholm's, the default
profile's, and a document is built with its municipality's (`kind.worded(profile)`). No Django here.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from styrkedja.lib.periods import MONTHS_SV, Period, PeriodError, PeriodKind, parse_period
from styrkedja.profiles import Profile, Wording


class Part(StrEnum):
    """A part a kind of report may have; the content leaves out what its kind lacks."""

    TITLE_PAGE = "title_page"  # a title page before the table of contents
    COVER_MEMO = "cover_memo"  # the tjänsteutlåtande before the contents: facts and förslag till beslut
    ATTACHMENTS = "attachments"  # the list of bilagor
    INTRODUCTION = "introduction"  # the introduction (the plan's Inledning)
    SUMMARY_ANALYSIS = "summary_analysis"  # the follow-up's Sammanfattande analys
    GOAL_COMMENTS = "goal_comments"  # a comment per goal (the plan's Kommentar)
    # Goal tables with outcome columns (women, men, last year, forecast, period) and activity tables with
    # a deviation column, with the indicators' analyses and charts; without it the tables have the plan's
    # columns (targets, KF:s årsmål, periodicity; start and end dates).
    OUTCOME_TABLES = "outcome_tables"
    ASSESSMENTS = "assessments"  # a fulfilment rating, analysis and justification per goal
    PLAN_ECONOMY = "plan_economy"  # net budget per area and version, a table per area, revenue requirement
    FOLLOWUP_ECONOMY = "followup_economy"  # budget, forecast, deviation per area; deviation chart; commentary
    VOLUMES = "volumes"  # performance volumes (helårsplatser)
    INVESTMENTS = "investments"
    TURNOVER = "turnover"  # omslutningsförändringar
    ADJUSTMENTS = "adjustments"  # begärda budgetjusteringar
    SPECIAL_REPORTS = "special_reports"  # särskilda redovisningar
    COMPLAINTS = "complaints"  # synpunkter och klagomål per department and month
    SIGNATURES = "signatures"
    # The city's documents: per council goal the counts of the committees' ratings written as sentences,
    # the council's indicators with the city's values, the committees' analyses gathered under the goal;
    # the driftredovisning (operating statement per committee) and investeringsredovisning.
    CITY_GOALS = "city_goals"
    CITY_OPERATIONS = "city_operations"
    CITY_INVESTMENTS = "city_investments"


@dataclass(frozen=True)
class Kind:
    key: str  # the registry's key: "tertial"
    # What the build manifest and the data snapshot call the document: "plan" or "followup" (the names
    # published manifests carry; a verksamhetsberättelse is a "followup" too).
    family: str
    slug: str  # the file name's word: amn-2021-T1-tertialrapport.pdf
    parts: frozenset[Part]
    wording: Wording
    assesses_outcomes: bool = False  # the goals are judged by outcomes (a full year), not by forecasts
    goals_on_new_page: bool = False  # the goal chapter starts a page of its own
    periods: frozenset[PeriodKind] = frozenset()  # the follow-up periods it reports (`kinds.for_period`)
    period_numbers: frozenset[int] = frozenset()  # of those, only these numbers (T2: {2}); empty: all
    city: bool = False  # the municipality's document (the roll-up of every committee), not a committee's

    def has(self, part: Part) -> bool:
        return part in self.parts

    @property
    def assesses_forecasts(self) -> bool:
        """The goals are assessed, and by the full-year forecasts (T1, T2)."""
        return self.has(Part.ASSESSMENTS) and not self.assesses_outcomes

    def reworded(self, **changes: Any) -> Kind:
        """The same kind with some of its wording replaced."""
        return dataclasses.replace(self, wording=dataclasses.replace(self.wording, **changes))

    def worded(self, profile: Profile) -> Kind:
        """The same kind worded by a municipality's profile."""
        return dataclasses.replace(self, wording=profile.wording(self.key))

    def period_label(self, period: Period) -> str:
        """The period's name in this kind of document: the wording's `period_label`, else the calendar's."""
        if not self.wording.period_label:
            return period.label
        return self.wording.period_label.format(**self._fields(period.year, period.code, period.label))

    def _fields(self, year: int, period: str, period_label: str) -> dict[str, Any]:
        try:
            parsed: Period | None = parse_period(period)
        except PeriodError:
            parsed = None
        return {
            "title": self.wording.title,
            "year": year,
            "number": (parsed.number if parsed else "") or "",
            "period_label": period_label,
            "first_month": MONTHS_SV[parsed.start.month - 1] if parsed else "",
            "last_month": MONTHS_SV[parsed.end.month - 1] if parsed else "",
        }

    def short_title(self, year: int, period: str, period_label: str) -> str:
        return self.wording.short_title.format(**self._fields(year, period, period_label))

    def subtitle(self, organisation: str, year: int, period: str, period_label: str) -> str:
        return self.wording.subtitle.format(
            organisation=organisation, **self._fields(year, period, period_label)
        )
