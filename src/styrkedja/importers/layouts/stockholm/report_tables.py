"""The indicator (outcome) and activity tables of a printed follow-up report (no Django).

Both are tab-separated. An indicator table has the header `Indikator | Periodens utfall | Utfall män/
pojkar | Utfall kvinnor/flickor | Periodens utfall VB Y−1 | Prognos helår | Årsmål | KF:s årsmål |
Period` (the extraction garbles the header text, so columns are known by key words and position); a row
may begin with a `♀` mark (in the name cell or a cell of its own) and then lacks one leading cell. A row
`Analys` holds (or announces on the next line) the analysis of the indicator above. An activity table
has `Aktivitet | Startdatum | Slutdatum | Avvikelse`; an `Analys` row under an activity is its deviation
note, and may go on after a page break. A row that cannot be read is reported with its line number.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pydantic import ValidationError

from styrkedja.importers.text import Ledger, Line, parse_date, parse_quantity
from styrkedja.lib.vocabulary import ActivityKind, Periodicity
from styrkedja.planfiles.followup_schema import ActivityReport, Outcome
from styrkedja.planfiles.schema import Activity, Indicator

from .plan_tables import PERIODS, TableKind, indicator_from_cells, strip_gender_marks
from .report_source import Source

__all__ = ["ActivityReader", "OutcomeReader", "is_activity_header", "is_indicator_header", "period_window"]

VALUES = ("total", "men", "women", "previous", "forecast")
_KEYS = (*VALUES, "target", "kf_target", "period")
_PERIOD = re.compile(r"^(?:(?P<word>[A-ZÅÄÖ][a-zåäö]+)\s+(?P<n>\d)\s+)?(?P<year>\d{4})$")
_ANALYSIS = re.compile(r"^(?:Analys|Kommentar)(?::|\s|$)")
_MARKS = {"", "♀", "♂", "♀♂"}
_KF_TEXT = re.compile(r"^Tas fram av\b")


def _squash(cell: str) -> str:
    return cell.replace(" ", "").lower()


def is_indicator_header(cells: list[str]) -> bool:
    named = [c for c in cells if c]
    return bool(named) and named[0] == "Indikator" and any("utfall" in _squash(c) for c in named)


def is_activity_header(cells: list[str]) -> bool:
    named = [_squash(c) for c in cells if c]
    return len(named) >= 3 and named[:3] == ["aktivitet", "startdatum", "slutdatum"]


def _columns(cells: list[str]) -> list[str]:
    """The key of each column after the name: total, men, women, previous, forecast, target,
    kf_target, period, or "" for a column not understood."""
    keys: list[str] = []
    sexes = iter(("men", "women"))
    for cell in cells:
        low = _squash(cell)
        if low == "period":
            keys.append("period")
        elif low.startswith("kf"):
            keys.append("kf_target")
        elif "årsmål" in low or "arsmål" in low:
            keys.append("target")
        elif "prognos" in low:
            keys.append("forecast")
        elif "vb" in low or re.search(r"\d{4}", low):
            keys.append("previous")
        elif low.startswith("periodensutfall"):
            keys.append("total")
        elif low.startswith("utfall"):
            keys.append(next(sexes, ""))
        else:
            keys.append("")
    return keys


def period_window(label: str) -> tuple[Periodicity, dt.date | None, dt.date | None] | None:
    """ "Tertial 1 2021" → (tertial, 2021-01-01, 2021-04-30); windows run from the start of the year."""
    match = _PERIOD.match(label)
    if match is None:
        return None
    year = int(match["year"])
    word = match["word"]
    if word is None:
        return Periodicity.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31)
    if word not in PERIODS:
        return None
    periodicity, n = PERIODS[word], int(match["n"])
    months = {Periodicity.TERTIAL: 4, Periodicity.HALF_YEAR: 6, Periodicity.QUARTER: 3}.get(periodicity, 1)
    last = n * months
    if not 1 <= last <= 12:
        return None
    end = dt.date(year, 12, 31) if last == 12 else dt.date(year, last + 1, 1) - dt.timedelta(days=1)
    return periodicity, dt.date(year, 1, 1), end


@dataclass
class _Row:
    line: Line
    indicator: Indicator
    outcome: dict[str, object]
    comment: list[str] = field(default_factory=list)


class OutcomeReader:
    """Collects the rows of the indicator tables of one goal."""

    def __init__(self, source: Source, goal: str, table: TableKind) -> None:
        self.source = source
        self.goal = goal
        self.table: TableKind = table
        self.keys: list[str] = []
        self.lead = 0  # empty cells before "Indikator" in the header
        self.rows: list[_Row] = []
        self.analysis: _Row | None = None  # the row whose analysis goes on on the next line

    def header(self, line: Line) -> None:
        cells = self.source.cells(line)
        self.lead = next(i for i, c in enumerate(cells) if c)
        self.keys = _columns(cells[self.lead + 1 :])
        self.analysis = None
        self.source.mark(line, Ledger.CONSUMED)
        missing = {"period", "target"} - set(self.keys)
        if missing or "" in self.keys:
            self.source.report(line.no, line.text, f"indicator table header not understood ({self.keys})")

    def feed(self, line: Line) -> None:
        cells = self.source.cells(line)
        marked = False
        while len(cells) > 1 and cells[0] in _MARKS:
            marked = marked or bool(cells[0])
            cells = cells[1:]
        name, data = cells[0], cells[1:]
        while len(data) > len(self.keys) and data[-1] == "":
            data = data[:-1]
        if _ANALYSIS.match(name) and not any(data):
            self._analysis(line, _ANALYSIS.sub("", name, count=1).strip())
            return
        if self.analysis is not None and not any(data):
            self._comment(self.analysis, line, name)
            return
        self.analysis = None
        if len(data) > len(self.keys):
            self.source.unplace(line, f"indicator row with {len(data)} cells for {len(self.keys)} columns")
            return
        # A row with a mark of its own lacks a leading cell: the cells stand right-aligned.
        data = [""] * (len(self.keys) - len(data)) + data
        printed = dict(zip(self.keys, data, strict=True))
        printed.pop("", None)
        self._row(line, name, marked, printed)

    def _row(self, line: Line, name_cell: str, marked: bool, printed: dict[str, str]) -> None:
        name, mark = strip_gender_marks(name_cell)
        period = period_window(printed.get("period", ""))
        if not name or period is None:
            reason = "indicator row without a name" if not name else "indicator row: cannot read the Period"
            self.source.unplace(line, reason)
            return
        quantities = {key: parse_quantity(printed.get(key, "")) for key in VALUES}
        for key in VALUES:
            if printed.get(key) and quantities[key] is None:
                self.source.report(
                    line.no, f"{name}: {printed[key]}", f"outcome cell '{key}' is not a number"
                )
        target, kf = printed.get("target", ""), printed.get("kf_target", "")
        if target and parse_quantity(target) is None:
            self.source.report(line.no, f"{name}: {target}", "Årsmål is not a number")
        if kf and parse_quantity(kf) is None and not _KF_TEXT.match(kf):
            self.source.report(line.no, f"{name}: {kf}", "KF:s årsmål is not a number nor 'Tas fram av …'")
        values = ("target", "kf_target", "forecast", "total", "previous", "men", "women")
        indicator = indicator_from_cells(
            name,
            target=target,
            kf=kf,
            periodicity=period[0],
            table=self.table,
            gender_split=marked or mark or "kvinnor och män" in name.lower() or bool(quantities["men"]),
            as_printed={"target": target, "kf_target": kf, "periodicity": printed.get("period", "")},
            also=[parse_quantity(printed.get(key, "")) for key in values],
        )
        if isinstance(indicator, str):
            self.source.unplace(line, indicator)
            return
        outcome: dict[str, object] = {
            key: (q.value if (q := quantities[key]) is not None else None) for key in VALUES
        }
        outcome.update(
            goal=self.goal,
            indicator=name,
            period_label=printed.get("period", ""),
            window_start=period[1],
            window_end=period[2],
            as_printed={key: printed.get(key, "") for key in _KEYS},
        )
        self.rows.append(_Row(line, indicator, outcome))
        self.source.mark(line, Ledger.CONSUMED)

    def _analysis(self, line: Line, text: str) -> None:
        if not self.rows:
            self.source.unplace(line, "indicator analysis without an indicator row above")
            return
        row = self.rows[-1]
        self.source.mark(line, Ledger.TEXT)
        if text:
            row.comment.append(text)
        self.analysis = row

    def _comment(self, row: _Row, line: Line, text: str) -> None:
        row.comment.append(text)
        self.source.mark(line, Ledger.TEXT)

    def results(self) -> list[tuple[Indicator, Outcome]]:
        result: list[tuple[Indicator, Outcome]] = []
        for row in self.rows:
            try:
                outcome = Outcome.model_validate({**row.outcome, "comment": " ".join(row.comment)})
            except ValidationError as error:
                self.source.unplace(row.line, f"outcome row rejected: {error.errors()[0]['msg']}")
                continue
            result.append((row.indicator, outcome))
        return result


@dataclass
class _Activity:
    line: Line
    title: str
    start: dt.date | None
    end: dt.date | None
    deviation: list[str] = field(default_factory=list)


class ActivityReader:
    """Collects the rows of the activity tables of one goal."""

    def __init__(self, source: Source, goal: str, kind: ActivityKind) -> None:
        self.source = source
        self.goal = goal
        self.kind = kind
        self.lead = 0
        self.rows: list[_Activity] = []
        self.open: _Activity | None = None  # the activity whose deviation note may go on

    def header(self, line: Line) -> None:
        cells = self.source.cells(line)
        self.lead = next(i for i, c in enumerate(cells) if c)
        self.source.mark(line, Ledger.CONSUMED)  # a repeated header keeps a note open across the page

    def feed(self, line: Line) -> None:
        cells = self.source.cells(line)
        for _ in range(self.lead):
            if len(cells) > 1 and not cells[0]:
                cells = cells[1:]
        cells += [""] * (4 - len(cells))
        title, start, end, deviation = cells[0], cells[1], cells[2], " ".join(c for c in cells[3:] if c)
        if _ANALYSIS.match(title) and not (start or end):
            if not self.rows:
                self.source.unplace(line, "activity analysis without an activity row above")
                return
            self.open = self.rows[-1]
            text = " ".join([_ANALYSIS.sub("", title, count=1).strip(), deviation]).strip()
            if text:
                self.open.deviation.append(text)
            self.source.mark(line, Ledger.TEXT)
            return
        if not (start or end):
            if self.open is not None and title:
                self.open.deviation.append(" ".join([title, deviation]).strip())
                self.source.mark(line, Ledger.TEXT)
            else:
                self.source.unplace(line, "activity row without Startdatum/Slutdatum")
            return
        self.open = None
        start_date, end_date = parse_date(start), parse_date(end)
        if not title:
            self.source.unplace(line, "activity dates without a title")
        elif (start and start_date is None) or (end and end_date is None):
            self.source.unplace(line, "activity row with an invalid date")
        else:
            self.rows.append(_Activity(line, title, start_date, end_date, [deviation] if deviation else []))
            self.source.mark(line, Ledger.CONSUMED)

    def results(self) -> list[tuple[Activity, ActivityReport]]:
        result: list[tuple[Activity, ActivityReport]] = []
        for row in self.rows:
            try:
                activity = Activity(title=row.title, start=row.start, end=row.end, kind=self.kind)
                report = ActivityReport(
                    goal=self.goal,
                    title=row.title,
                    start=row.start,
                    end=row.end,
                    deviation=" ".join(row.deviation),
                )
            except ValidationError as error:
                self.source.unplace(row.line, f"activity row rejected: {error.errors()[0]['msg']}")
                continue
            result.append((activity, report))
        return result
