"""Reading text extracted from printed Swedish documents, whatever their layout (no Django).

Lines keep their 1-based number in the source so that anything the importers cannot place can be
reported where it stands. A `Ledger` records what became of every line: consumed into a structure,
captured as text, recognised as section prose or page noise, or reported as unplaced. Swedish numbers
("1 393,1", "-58,4", "72 %") and dates ("2021-05-24", "den 18 maj 2021") are read here too; what a
layout prints around them (headings, tables, page headers) belongs to its folder under `layouts/`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from styrkedja.lib import numbers
from styrkedja.lib.periods import MONTHS_SV

__all__ = [
    "MONEY",
    "MONTHS",
    "NUMBER",
    "Block",
    "DocumentError",
    "Ledger",
    "Line",
    "Quantity",
    "Unplaced",
    "decimals_of",
    "join_wrapped",
    "paragraphs",
    "parse_date",
    "parse_number",
    "parse_quantity",
    "split_lines",
    "swedish_date",
    "text_width",
]

# An unsigned Swedish number: 0, 72, 5,5, 9 000, 1 393,1, 1051,7 (no leading zeros but "0").
_UNSIGNED = r"(?:0|[1-9]\d{0,2}(?: \d{3})+|[1-9]\d*)(?:,\d+)?"
NUMBER = rf"[-−–+]?{_UNSIGNED}"
# Money in the economy tables always carries decimals: 1 393,1  -58,4  1051,7.
MONEY = r"[-−–]?(?:\d{1,3}(?: \d{3})+|\d+),\d+"

_QUANTITY_RE = re.compile(rf"^(?P<band>±|\+/-|\+/−|\+-)?\s?(?P<num>{NUMBER})(?:\s?(?P<unit>%|st|mån))?$")
_SPACES = str.maketrans({"\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": " ", "\f": " ", "\r": " "})
_DATE_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
MONTHS = {name: number for number, name in enumerate(MONTHS_SV, start=1)}
_SWEDISH_DATE = re.compile(
    r"\b(?P<day>\d{1,2})\s+(?P<month>" + "|".join(MONTHS) + r")\s+(?P<year>\d{4})\b", re.IGNORECASE
)


class DocumentError(Exception):
    """The text is not a document of the expected kind at all (e.g. no goals in a verksamhetsplan)."""

    def __init__(self, source: str, line: int, message: str) -> None:
        super().__init__(f"{source}:{line}: {message}")
        self.source = source
        self.line = line
        self.message = message


@dataclass
class Unplaced:
    """A piece of the source that could not be placed in the structure."""

    line: int  # 1-based line number in the source text
    text: str  # the text that could not be placed (trimmed, at most ~200 characters)
    reason: str  # short English reason


@dataclass(frozen=True)
class Line:
    """One source line: its 1-based number and its text as extracted (spaces normalised)."""

    no: int
    raw: str

    @property
    def text(self) -> str:
        """The line with surrounding space removed and inner runs of space collapsed."""
        return " ".join(self.raw.split())

    @property
    def ends_mid_word(self) -> bool:
        """The extraction ends word-final lines with a space; a line without one was broken mid-word."""
        return bool(self.raw) and not self.raw[-1].isspace()


def split_lines(text: str) -> list[Line]:
    """The source split at newlines only (a form feed stays inside its line as a space), numbered from 1."""
    return [
        Line(no, raw.removesuffix("\r").translate(_SPACES))
        for no, raw in enumerate(text.split("\n"), start=1)
    ]


class Ledger:
    """What became of every source line. Later marks win; `unplace` records a report as well.

    `noise` tells the layout's repeated page headers and footers, which are marked as noise from the
    start."""

    CONSUMED = "consumed"  # part of a structure: heading, table row, bullet, amount
    TEXT = "text"  # captured into a text field (introduction, description, comment)
    PROSE = "prose"  # recognised section prose, deliberately not stored
    NOISE = "noise"  # page header/footer
    BLANK = "blank"
    UNPLACED = "unplaced"

    def __init__(self, lines: Sequence[Line], *, noise: Callable[[Line], bool] = lambda line: False) -> None:
        self.status: dict[int, str] = {}
        self.unplaced: list[Unplaced] = []
        for line in lines:
            if not line.text:
                self.status[line.no] = self.BLANK
            elif noise(line):
                self.status[line.no] = self.NOISE

    def mark(self, lines: Line | Iterable[Line], status: str) -> None:
        for line in [lines] if isinstance(lines, Line) else lines:
            self.status[line.no] = status

    def unplace(self, lines: Line | Sequence[Line], reason: str, *, at: int | None = None) -> None:
        """Report the lines as one unplaced piece, at line `at` (default: the first line)."""
        group = [lines] if isinstance(lines, Line) else list(lines)
        if not group:
            return
        text = " ".join(line.text for line in group if line.text)
        if len(text) > 200:
            text = text[:197].rstrip() + "…"
        self.unplaced.append(Unplaced(at if at is not None else group[0].no, text, reason))
        self.mark(group, self.UNPLACED)

    def report(self, line: int, text: str, reason: str) -> None:
        """Report a problem that is not a line of its own (e.g. a printed total that does not add up)."""
        self.unplaced.append(Unplaced(line, text[:200], reason))

    def counts(self) -> dict[str, int]:
        result: dict[str, int] = {}
        for status in self.status.values():
            result[status] = result.get(status, 0) + 1
        return result


def parse_number(text: str) -> Decimal | None:
    """A printed Swedish number ("1 393,1", "-58,4", "9 000", "1051,7") as Decimal, or None. A point is no
    decimal mark in print ("1.1" is a goal's number)."""
    return numbers.parse_number(text, decimal_point=False)


def decimals_of(text: str) -> int:
    """How many decimals a printed number shows: "5,5 mån" → 1, "72 %" → 0."""
    match = re.search(r",(\d+)", text)
    return len(match.group(1)) if match else 0


@dataclass(frozen=True)
class Quantity:
    """A printed table value: "72 %", "550 st", "5,5 mån", "100", "+/-1 %"."""

    value: Decimal
    unit: str  # "", "%", "st" or "mån" as printed
    decimals: int
    band: bool = False  # printed as a ± tolerance


def parse_quantity(cell: str) -> Quantity | None:
    text = " ".join(cell.split())
    match = _QUANTITY_RE.match(text)
    if match is None:
        return None
    value = parse_number(match["num"])
    if value is None:
        return None
    band = match["band"] is not None
    if band and value < 0:
        return None
    return Quantity(value, match["unit"] or "", decimals_of(match["num"]), band)


def parse_date(text: str) -> dt.date | None:
    match = _DATE_RE.match(text.strip())
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def swedish_date(text: str) -> dt.date | None:
    """ "den 18 maj 2021" → 2021-05-18."""
    match = _SWEDISH_DATE.search(text)
    if match is None:
        return None
    try:
        return dt.date(int(match["year"]), MONTHS[match["month"].lower()], int(match["day"]))
    except ValueError:
        return None


def join_wrapped(lines: Sequence[Line], *, mid_word: bool = True) -> str:
    """Join wrapped lines with single spaces; a line broken mid-word ("nämnd/styrel" + "se",
    "16-" + "19") is joined without one when `mid_word` is set (the document marks word ends)."""
    out = ""
    previous: Line | None = None
    for line in lines:
        text = line.text
        if not text:
            continue
        if previous is None:
            out = text
        elif mid_word and previous.ends_mid_word:
            out += text
        else:
            out += " " + text
        previous = line
    return out


def paragraphs(lines: Sequence[Line], *, width: int, mid_word: bool = True) -> str:
    """Prose as paragraphs separated by blank lines. A paragraph ends at a blank line, or after a line
    clearly shorter than the text width (a paragraph's last line, or a heading) when the next line
    does not go on in lower case."""
    result: list[str] = []
    current: list[Line] = []
    for index, line in enumerate(lines):
        if not line.text:
            if current:
                result.append(join_wrapped(current, mid_word=mid_word))
                current = []
            continue
        current.append(line)
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        goes_on = following[:1].islower()
        if len(line.text) < width * 0.72 and not (mid_word and line.ends_mid_word) and not goes_on:
            result.append(join_wrapped(current, mid_word=mid_word))
            current = []
    if current:
        result.append(join_wrapped(current, mid_word=mid_word))
    return "\n\n".join(result)


def text_width(lines: Iterable[Line]) -> int:
    """The usual width of a full prose line (90th percentile of the line lengths)."""
    lengths = sorted(len(line.text) for line in lines if len(line.text) >= 20)
    if not lengths:
        return 80
    return max(40, lengths[int(len(lengths) * 0.9) - 1 if len(lengths) > 1 else 0])


@dataclass
class Block:
    """Consecutive lines joined into one string, with the offset where each line starts."""

    lines: list[Line] = field(default_factory=list)
    text: str = ""
    starts: list[int] = field(default_factory=list)

    def add(self, line: Line) -> None:
        if self.text:
            self.text += " "
        self.starts.append(len(self.text))
        self.lines.append(line)
        self.text += line.text

    def line_at(self, offset: int) -> Line:
        index = 0
        for i, start in enumerate(self.starts):
            if start <= offset:
                index = i
        return self.lines[index]
