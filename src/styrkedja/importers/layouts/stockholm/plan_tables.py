"""The indicator and activity tables of a printed verksamhetsplan (no Django).

An indicator row is a possibly wrapped name followed by the cells `Årsmål`, `KF:s årsmål` and
`Periodicitet`; the cells may wrap ("Tas fram av" / "nämnd/styrel" / "se"), may be empty, and may stand
on the name's line when the name fits on one line. An activity row is a wrapped title followed by
`Startdatum Slutdatum`. A row that cannot be read is reported in the ledger with its line number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from pydantic import ValidationError

from styrkedja.importers.text import Ledger, Line, Quantity, join_wrapped, parse_date, parse_quantity
from styrkedja.lib.vocabulary import ActivityKind, Direction, KfTargetMode, Periodicity, Unit
from styrkedja.planfiles.schema import Activity, Indicator

INDICATOR_HEADER = re.compile(r"^Indikator\s+Årsmål\s+KF:s\s+årsmål\s+Periodicitet$")
ACTIVITY_HEADER = re.compile(r"^Aktivitet\s+Startdatum\s+Slutdatum$")

PERIODS = {
    "Tertial": Periodicity.TERTIAL,
    "Halvår": Periodicity.HALF_YEAR,
    "År": Periodicity.YEAR,
    "Månad": Periodicity.MONTH,
    "Kvartal": Periodicity.QUARTER,
}
_PERIOD_TAIL = re.compile(r"(?:^|\s)(?:" + "|".join(PERIODS) + r")$")
_EMPTY_CELL_BEFORE_PERIOD = re.compile(r"\S {2,}(?:" + "|".join(PERIODS) + r")\s*$")
_KF_TEXT = re.compile(r"^Tas fram av (?P<who>nämnd(?:/styrelse)?|styrelse)$")
_KF_WRAPPED = re.compile(r"nämnd\s*/\s*styrel\s+se\b")
_KF_FRAGMENTS = {"nämnd", "nämnd/", "nämnd/styrel", "nämnd/styrelse", "styrel", "se", "styrelse", "/styrelse"}
_UNIT_OF = {"%": Unit.PERCENT, "st": Unit.COUNT, "mån": Unit.MONTHS}
_LOWER_IS_BETTER = re.compile(
    r"inskrivningstid|sjukfrånvaro|väntetid|handläggningstid|kötid|ledtid|\btid (?:till|från)\b"
    r"|arbetskraftsbrist",
    re.IGNORECASE,
)
_DATES_TAIL = re.compile(r"(?:^|\s)(?P<start>\d{4}-\d{1,2}-\d{1,2})(?:\s+(?P<end>\d{4}-\d{1,2}-\d{1,2}))?$")
_GENDER_MARKS = "♀♂"

TableKind = Literal["council", "committee"]


def _normalise_cells(text: str) -> str:
    return _KF_WRAPPED.sub("nämnd/styrelse", " ".join(text.split()))


def _cell_ok(cell: str) -> bool:
    return cell == "" or parse_quantity(cell) is not None or _KF_TEXT.match(cell) is not None


def _splits(cells: str) -> list[tuple[str, str]]:
    """Every way to read `cells` as (Årsmål, KF:s årsmål), either possibly empty."""
    tokens = cells.split()
    result = []
    for k in range(len(tokens) + 1):
        target, kf = " ".join(tokens[:k]), " ".join(tokens[k:])
        if _cell_ok(target) and _cell_ok(kf):
            result.append((target, kf))
    return result


def _in_range(quantity: Quantity | None) -> bool:
    return quantity is None or quantity.band or quantity.unit != "%" or Decimal(0) <= quantity.value <= 100


def _score(split: tuple[str, str], kf_printed_empty: bool) -> tuple[int, int, int, int, int]:
    target, kf = split
    tq = parse_quantity(target) if target else None
    kq = parse_quantity(kf) if kf else None
    return (
        int(_in_range(tq) and _in_range(kq)),  # a percentage lies within 0–100 ("100 100 %" is two cells)
        int(not _KF_TEXT.match(target)),  # "Tas fram av …" belongs to KF's column
        int(not (kf_printed_empty and kq is not None)),  # "45 %  Tertial": the KF cell is empty
        (1 if target else 0) + (1 if kf else 0),
        int(bool(target)),
    )


def _looks_like_values(text: str) -> bool:
    """The line holds only cells (or a wrapped part of one) and perhaps Periodicitet, no indicator name."""
    text = _PERIOD_TAIL.sub("", text).strip()
    if text in _KF_FRAGMENTS:
        return True
    rest = re.sub(r"(?:^|\s)Tas fram av$", "", text).strip()
    return rest == "" or bool(_splits(rest))


def _starts_with_cell(text: str) -> bool:
    if text.startswith("Tas fram av"):
        return True
    tokens = text.split()
    for n in (1, 2, 3):
        if n <= len(tokens) and parse_quantity(" ".join(tokens[:n])) is not None:
            rest = tokens[n:]
            follow = rest[0] if rest else ""
            if not rest or follow in PERIODS or follow == "Tas" or parse_quantity(follow) is not None:
                return True
    return False


def _value_line(lines: list[Line]) -> int:
    """The line where a row's cells begin, for reporting a row that cannot be read."""
    for line in lines[1:]:
        if _starts_with_cell(line.text):
            return line.no
    return lines[-1].no


@dataclass(frozen=True)
class _Reading:
    name: str
    printed_name: str
    target: str
    kf: str
    period: str


def _read_row(lines: list[Line], mid_word: bool) -> _Reading | None:
    """Split the row into name and cells: either within the first line (the name fits on one line)
    or at the start of a later line (a wrapped name stands above its cells). Of all readings the most
    plausible wins (see `_score`), the shortest name among equals."""
    kf_printed_empty = bool(_EMPTY_CELL_BEFORE_PERIOD.search(lines[-1].raw))
    first = lines[0].text.split(" ")
    tail = "" if lines[0].ends_mid_word else " "
    candidates: list[tuple[str, str, str]] = []
    for j in range(1, len(first)):
        head = Line(lines[0].no, " ".join(first[j:]) + tail)
        candidates.append(
            (" ".join(first[:j]), " ".join(first[:j]), join_wrapped([head, *lines[1:]], mid_word=mid_word))
        )
    for i in range(1, len(lines)):
        printed = " ".join(line.text for line in lines[:i])
        candidates.append(
            (join_wrapped(lines[:i], mid_word=mid_word), printed, join_wrapped(lines[i:], mid_word=mid_word))
        )
    best: tuple[tuple[int, int, int, int, int], int, _Reading] | None = None
    for order, (name, printed, cells) in enumerate(candidates):
        cells = _normalise_cells(cells)
        period = cells.rsplit(" ", 1)[-1]
        if period not in PERIODS:
            continue
        for split in _splits(cells[: -len(period)].strip()):
            score = _score(split, kf_printed_empty)
            if best is None or (score, -order) > (best[0], -best[1]):
                best = (score, order, _Reading(name, printed, split[0], split[1], period))
    return None if best is None else best[2]


def _unit(name: str, *quantities: Quantity | None) -> Unit:
    for quantity in quantities:
        if quantity is not None and quantity.unit:
            return _UNIT_OF[quantity.unit]
    low = name.lower()
    if low.startswith("andel") or re.search(r"\bandel\b", low):
        return Unit.PERCENT
    if low.startswith("antal"):
        return Unit.COUNT
    if re.search(r"tid\b", low) and ("genomsnittlig" in low or "inskrivningstid" in low):
        return Unit.MONTHS
    if "skala" in low or "medelvärde" in low:
        return Unit.SCALE
    if "index" in low or low.startswith("nöjd"):
        return Unit.INDEX
    return Unit.COUNT


_SCALE = re.compile(r"\bskala\s+(\d+(?:,\d+)?)\s*[-–]\s*(\d+(?:,\d+)?)", re.IGNORECASE)


def scale_of(name: str) -> tuple[Decimal, Decimal] | None:
    """The range a name states: "Medelvärde skala 1-5" → (1, 5)."""
    match = _SCALE.search(name)
    if match is None:
        return None
    low, high = (Decimal(g.replace(",", ".")) for g in match.groups())
    return (low, high) if low < high else None


def kf_target_mode(cell: str) -> KfTargetMode:
    """The mode of a `KF:s årsmål` cell: a value, "Tas fram av nämnd[/styrelse]", or empty."""
    if not cell:
        return KfTargetMode.NONE
    if parse_quantity(cell) is not None:
        return KfTargetMode.VALUE
    who = _KF_TEXT.match(cell)
    if who is not None and "styrelse" in who["who"]:
        return KfTargetMode.DELEGATED_COMMITTEE_OR_BOARD
    return KfTargetMode.DELEGATED_COMMITTEE


def strip_gender_marks(name: str) -> tuple[str, bool]:
    """The name without its ♀/♂ marks, and whether it had one."""
    marked = any(mark in name for mark in _GENDER_MARKS)
    return " ".join(name.translate({ord(m): " " for m in _GENDER_MARKS}).split()), marked


def indicator_from_cells(
    name: str,
    *,
    target: str,
    kf: str,
    periodicity: Periodicity,
    table: TableKind,
    gender_split: bool,
    as_printed: dict[str, str],
    also: Sequence[Quantity | None] = (),
) -> Indicator | str:
    """The indicator of a row whose cells are known: unit (from the cells' units, then from `also`,
    e.g. outcome cells, then from the name), direction, band, KF target mode. A string is the reason
    why the row cannot be an indicator."""
    tq = parse_quantity(target) if target else None
    kq = parse_quantity(kf) if kf else None
    direction = Direction.LOWER if _LOWER_IS_BETTER.search(name) else Direction.HIGHER
    band: Decimal | None = None
    banded = tq if tq is not None and tq.band else kq if tq is None and kq is not None and kq.band else None
    if banded is not None:
        # "+/-1 %": a deviation that must stay within ±1 of zero.
        direction, band = Direction.BAND, banded.value
    shown = tq or kq
    unit = _unit(name, tq, kq, *also)
    try:
        return Indicator(
            name=name,
            unit=unit,
            scale=scale_of(name) if unit is Unit.SCALE else None,
            direction=direction,
            periodicity=periodicity,
            gender_split=gender_split,
            decimals=min(shown.decimals, 4) if shown else 0,
            target=None if tq is None else Decimal(0) if tq.band else tq.value,
            band=band,
            kf_target=None if kq is None else Decimal(0) if kq.band else kq.value,
            kf_target_mode=kf_target_mode(kf),
            table=table,
            as_printed=as_printed,
        )
    except ValidationError as error:
        return f"indicator row rejected: {error.errors()[0]['msg']}"


def parse_indicator_row(lines: list[Line], table: TableKind, *, mid_word: bool = True) -> Indicator | str:
    """The indicator of one table row, or the reason why the row cannot be read."""
    reading = _read_row(lines, mid_word)
    if reading is None:
        return "indicator row: cannot read Årsmål / KF:s årsmål / Periodicitet"
    name, marked = strip_gender_marks(reading.name)
    if not name:
        return "indicator row without a name"
    as_printed = {"target": reading.target, "kf_target": reading.kf, "periodicity": reading.period}
    if reading.printed_name != name:
        as_printed["name"] = reading.printed_name
    return indicator_from_cells(
        name,
        target=reading.target,
        kf=reading.kf,
        periodicity=PERIODS[reading.period],
        table=table,
        gender_split=table == "committee" or marked or "kvinnor och män" in name.lower(),
        as_printed=as_printed,
    )


class IndicatorTable:
    """Collects the rows of one indicator table (which may continue over several pages)."""

    def __init__(self, table: TableKind, ledger: Ledger, *, mid_word: bool = True) -> None:
        self.table: TableKind = table
        self.ledger = ledger
        self.mid_word = mid_word
        self.rows: list[Indicator] = []
        self.pending: list[Line] = []
        self.has_values = False

    def feed(self, line: Line) -> None:
        text = line.text
        ends_row = bool(_PERIOD_TAIL.search(text))
        values = _looks_like_values(text)
        if self.pending and self.has_values and not values:  # a new name: the row before never ended
            self._fail("indicator row without Periodicitet")
        self.pending.append(line)
        if values or text.endswith("Tas fram av") or _starts_with_cell(text):
            self.has_values = True
        if ends_row:
            lines, self.pending, self.has_values = self.pending, [], False
            result = parse_indicator_row(lines, self.table, mid_word=self.mid_word)
            if isinstance(result, str):
                self.ledger.unplace(lines, result, at=_value_line(lines))
            else:
                self.rows.append(result)
                self.ledger.mark(lines, Ledger.CONSUMED)

    def _fail(self, reason: str) -> None:
        self.ledger.unplace(self.pending, reason, at=_value_line(self.pending))
        self.pending, self.has_values = [], False

    def close(self) -> None:
        if self.pending:
            self._fail("indicator row incomplete at the end of the table")


class ActivityTable:
    """Collects the rows of one activity table: title lines, then `Startdatum Slutdatum`."""

    def __init__(self, kind: ActivityKind, ledger: Ledger, *, mid_word: bool = True) -> None:
        self.kind = kind
        self.ledger = ledger
        self.mid_word = mid_word
        self.rows: list[Activity] = []
        self.pending: list[Line] = []

    def feed(self, line: Line) -> None:
        match = _DATES_TAIL.search(line.text)
        if match is None:
            self.pending.append(line)
            return
        head = line.text[: match.start()].strip()
        title_lines = self.pending + ([Line(line.no, head + " ")] if head else [])
        row, self.pending = [*self.pending, line], []
        title = join_wrapped(title_lines, mid_word=self.mid_word)
        start = parse_date(match["start"])
        end = parse_date(match["end"]) if match["end"] else None
        if not title:
            self.ledger.unplace(row, "activity dates without a title", at=line.no)
        elif start is None or (match["end"] and end is None):
            self.ledger.unplace(row, "activity row with an invalid date", at=line.no)
        else:
            try:
                self.rows.append(Activity(title=title, start=start, end=end, kind=self.kind))
            except ValidationError as error:
                self.ledger.unplace(row, f"activity row rejected: {error.errors()[0]['msg']}", at=line.no)
                return
            self.ledger.mark(row, Ledger.CONSUMED)

    def close(self) -> None:
        if self.pending:
            self.ledger.unplace(self.pending, "activity row without Startdatum/Slutdatum")
            self.pending = []
