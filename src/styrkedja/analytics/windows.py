"""Measurement windows: the follow-up periods (2021-T1, 2021-H1, 2021-T2, 2021, months, quarters) and any
date range (`2021-03-15..2021-06-30`). A window is inclusive at both ends."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from styrkedja.lib.periods import Period, PeriodError, PeriodKind, parse_period

_RANGE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})\s*$")


@dataclass(frozen=True, order=True)
class Window:
    start: dt.date
    end: dt.date
    code: str

    @property
    def from_new_year(self) -> bool:
        """Starts on 1 January and ends on the last day of a month of the same year (T1, H1, T2, the year,
        January, Q1): the shared month sums answer it without another pass over the data."""
        return (
            self.start.month == 1
            and self.start.day == 1
            and self.end.year == self.start.year
            and (self.end + dt.timedelta(days=1)).day == 1
        )


def window_of(period: Period) -> Window:
    return Window(period.start, period.end, period.code)


def parse_window(text: str) -> Window:
    """A period code (`2021-T1`, `2021-H1`, `2021-T2`, `2021`, `2021-03`, `2021-Q1`) or a date range
    `YYYY-MM-DD..YYYY-MM-DD`."""
    match = _RANGE.match(text)
    if match is None:
        return window_of(parse_period(text))
    try:
        start, end = dt.date.fromisoformat(match[1]), dt.date.fromisoformat(match[2])
    except ValueError as exc:
        raise PeriodError(f"'{text}': {exc}") from exc
    if end < start:
        raise PeriodError(f"'{text}': the range ends before it starts")
    return Window(start, end, f"{start.isoformat()}..{end.isoformat()}")


def report_periods(first_year: int, last_year: int) -> list[Window]:
    """T1, H1, T2 and the full year of every year in the range: what follow-up reports use."""
    return [
        window_of(Period(year, kind, number))
        for year in range(first_year, last_year + 1)
        for kind, number in (
            (PeriodKind.TERTIAL, 1),
            (PeriodKind.HALF_YEAR, 1),
            (PeriodKind.TERTIAL, 2),
            (PeriodKind.YEAR, 0),
        )
    ]


__all__ = ["PeriodError", "Window", "parse_window", "report_periods", "window_of"]
