"""Follow-up periods and their windows: 2021-T1 (Jan–Apr), 2021-H1, 2021-T2 (Jan–Aug), 2021 (full year / VB),
plus months (2021-03) and quarters (2021-Q1). Windows are cumulative from 1 January, as the reports are."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum


class PeriodKind(StrEnum):
    TERTIAL = "tertial"
    HALF_YEAR = "half_year"
    YEAR = "year"
    MONTH = "month"
    QUARTER = "quarter"


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: PeriodKind
    number: int  # 1–3 for tertials, 1 for H1, 1–12 for months, 1–4 for quarters, 0 for the year

    @property
    def code(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return str(self.year)
        if self.kind is PeriodKind.MONTH:
            return f"{self.year}-{self.number:02d}"
        prefix = {PeriodKind.TERTIAL: "T", PeriodKind.HALF_YEAR: "H", PeriodKind.QUARTER: "Q"}[self.kind]
        return f"{self.year}-{prefix}{self.number}"

    @property
    def last_month(self) -> int:
        return {
            PeriodKind.TERTIAL: 4 * self.number,
            PeriodKind.HALF_YEAR: 6 * self.number,
            PeriodKind.YEAR: 12,
            PeriodKind.MONTH: self.number,
            PeriodKind.QUARTER: 3 * self.number,
        }[self.kind]

    @property
    def start(self) -> dt.date:
        if self.kind is PeriodKind.MONTH:
            return dt.date(self.year, self.number, 1)
        if self.kind is PeriodKind.QUARTER:
            return dt.date(self.year, 3 * self.number - 2, 1)
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        month = self.last_month
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def label(self) -> str:
        """As the reports print it: "Tertial 1 2021", "Halvår 1 2021", "2021", "Kvartal 1 2021", "mars 2021"."""
        if self.kind is PeriodKind.YEAR:
            return str(self.year)
        if self.kind is PeriodKind.MONTH:
            return f"{MONTHS_SV[self.number - 1]} {self.year}"
        word = {PeriodKind.TERTIAL: "Tertial", PeriodKind.HALF_YEAR: "Halvår", PeriodKind.QUARTER: "Kvartal"}
        return f"{word[self.kind]} {self.number} {self.year}"

    def previous_year(self) -> Period:
        return Period(self.year - 1, self.kind, self.number)

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


MONTHS_SV = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]  # fmt: skip

_CODE = re.compile(r"^(?P<year>\d{4})(?:-(?:(?P<kind>[THQ])(?P<n>\d)|(?P<month>\d{2})|(?P<vb>VB)))?$")
_LIMITS = {"T": (PeriodKind.TERTIAL, 3), "H": (PeriodKind.HALF_YEAR, 2), "Q": (PeriodKind.QUARTER, 4)}


class PeriodError(ValueError):
    pass


def parse_period(code: str) -> Period:
    """`2021-T1`, `2021-H1`, `2021-T2`, `2021` or `2021-VB`, `2021-03`, `2021-Q1`."""
    match = _CODE.match(code.strip())
    if match is None:
        raise PeriodError(
            f"'{code}' is not a period; use e.g. 2021-T1, 2021-H1, 2021-T2, 2021, 2021-03, 2021-Q1"
        )
    year = int(match["year"])
    if match["kind"]:
        kind, limit = _LIMITS[match["kind"]]
        number = int(match["n"])
        if not 1 <= number <= limit:
            raise PeriodError(f"'{code}': {kind.value} number must be 1–{limit}")
        return Period(year, kind, number)
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise PeriodError(f"'{code}': month must be 01–12")
        return Period(year, PeriodKind.MONTH, month)
    return Period(year, PeriodKind.YEAR, 0)


def report_period(code: str) -> Period:
    """The period a follow-up round reports: as `parse_period`, except that the third tertial ends the year
    and is reported in the verksamhetsberättelse, so `2021-T3` is the year `2021` (one full-year round)."""
    period = parse_period(code)
    if period.kind is PeriodKind.TERTIAL and period.number == 3:
        return Period(period.year, PeriodKind.YEAR, 0)
    return period


def measured_in(year: int, first_year: int | None) -> bool:
    """Whether an indicator measured every other year is measured in the year: the years `first_year`,
    `first_year` ± 2, ± 4 …; without a first year, every year."""
    return first_year is None or (year - first_year) % 2 == 0


def period_for_periodicity(
    periodicity: str, report_period: Period, first_year: int | None = None
) -> Period | None:
    """The measurement period an indicator of this periodicity reports in a round, or None if it has no
    value yet (a half-year indicator in T1; a yearly indicator before the VB). An indicator measured every
    other year (a survey) is reported in the annual report like a yearly one, in the years it is measured
    (`first_year` and every second year from it, `measured_in`); in the years between, none is expected,
    and a value given is older than the report (`data_period`)."""
    end = report_period.last_month
    year = report_period.year
    if periodicity == "every_other_year" and not measured_in(year, first_year):
        return None
    if periodicity in ("year", "every_other_year"):
        return Period(year, PeriodKind.YEAR, 0) if end == 12 else None
    if periodicity == "half_year":
        return Period(year, PeriodKind.HALF_YEAR, end // 6) if end >= 6 else None
    if periodicity == "tertial":
        return Period(year, PeriodKind.TERTIAL, end // 4) if end >= 4 else None
    if periodicity == "quarter":
        return Period(year, PeriodKind.QUARTER, end // 3) if end >= 3 else None
    if periodicity == "month":
        return Period(year, PeriodKind.MONTH, end)
    raise PeriodError(f"unknown periodicity '{periodicity}'")
