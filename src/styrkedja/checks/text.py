"""Reading what the documents print: Swedish numbers and units, words, sentences and month ranges."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from functools import lru_cache

from styrkedja.lib.numbers import format_exact, format_mnkr, parse_number

# 1 393,1 · -45,0 · 75,28 · 12 000 (spaces may be no-break spaces; the minus may be U+2212)
NUMBER = r"[-−]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?|[-−]?\d+(?:,\d+)?"
_NUMBER = re.compile(rf"(?<![\d,.])(?:{NUMBER})(?![\d]|,\d)")
_CELL = re.compile(rf"^\s*(?:\+/-\s*)?(?P<n>{NUMBER})\s*(?P<unit>[^\d\s].*?)?\s*$")
_WORD = re.compile(r"[0-9a-zåäöéü]+(?:[-:][0-9a-zåäöéü]+)*")
_SENTENCE = re.compile(r"(?<=[.!?:])\s+(?=[A-ZÅÄÖ0-9\"”«(])|\n+")

UNIT_WORDS = {
    "%": "%",
    "procent": "%",
    "mån": "mån",
    "månader": "mån",
    "st": "st",
    "stycken": "st",
    "mnkr": "mnkr",
    "tkr": "tkr",
    "kr": "kr",
    "dagar": "dagar",
    "år": "år",
}
# The unit an indicator's cells should carry, by the indicator's unit (none: printed bare).
EXPECTED_SUFFIX = {"percent": "%", "months": "mån", "count": "st", "mnkr": "mnkr"}


@dataclass(frozen=True)
class Cell:
    """A printed cell of an indicator row: its number and the unit printed after it ("" when bare)."""

    value: Decimal
    unit: str
    decimals: int


def read_cell(text: str) -> Cell | None:
    """`"6,6 %"` → 6.6 with unit `%`; `"Tas fram av nämnd"` and empty cells → None."""
    match = _CELL.match(text or "")
    if not match:
        return None
    value = parse_number(match["n"])
    if value is None:
        return None
    raw_unit = (match["unit"] or "").strip().rstrip(".").lower()
    unit = UNIT_WORDS.get(raw_unit, raw_unit)
    decimals = len(match["n"].split(",")[1]) if "," in match["n"] else 0
    return Cell(value, unit, decimals)


def numbers_in(text: str) -> list[tuple[Decimal, int, int, int]]:
    """(value, decimals, start, end) of every number in a text."""
    out = []
    for match in _NUMBER.finditer(text):
        value = parse_number(match.group(0))
        if value is not None:
            decimals = len(match.group(0).split(",")[1]) if "," in match.group(0) else 0
            out.append((value, decimals, match.start(), match.end()))
    return out


fmt = format_exact


def fmt_mnkr(value: Decimal | None) -> str:
    return "–" if value is None else format_mnkr(value)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def normalise(text: str) -> str:
    """Case, dashes, underscores, quotes and spacing do not count as a different spelling."""
    text = text.casefold().replace("_", " ")
    text = re.sub(r"[\"'”“«»]", "", text)
    text = re.sub(r"\s*[-–—]\s*", " - ", text)
    return re.sub(r"[\s,.;:]+", " ", text).strip()


def clear_caches() -> None:
    """Forget the memoised words and sentences (for measuring a cold run)."""
    same_word.cache_clear()
    sentences.cache_clear()
    dated_sentences.cache_clear()


@lru_cache(maxsize=65536)
def same_word(a: str, b: str) -> bool:
    """Two forms of one word: equal, one an inflection or abbreviation of the other (a long common
    beginning), or a near spelling of a long word (same first letter)."""
    if a == b:
        return True
    if not a or not b or a[0] != b[0]:
        return False
    short = min(len(a), len(b))
    common = 0
    while common < short and a[common] == b[common]:
        common += 1
    if common >= 5 and common >= 0.8 * short:
        return True
    return short >= 8 and SequenceMatcher(None, a, b).ratio() >= 0.75


def is_abbreviation(short: str, long: str) -> bool:
    """`gem.` of `gemensam`, `adm` of `administration`."""
    stem = short.rstrip(".")
    return len(stem) >= 2 and long.startswith(stem) and len(long) > len(stem)


@lru_cache(maxsize=4096)
def sentences(text: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in _SENTENCE.split(text) if s and s.strip())


@lru_cache(maxsize=4096)
def dated_sentences(text: str) -> tuple[tuple[str, tuple[MonthRange, ...]], ...]:
    """The sentences of a text that name a month range, with the ranges."""
    out = []
    for sentence in sentences(text):
        ranges = month_ranges(sentence)
        if ranges:
            out.append((sentence, tuple(ranges)))
    return tuple(out)


MONTHS = {
    "januari": 1,
    "jan": 1,
    "februari": 2,
    "feb": 2,
    "mars": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "maj": 5,
    "juni": 6,
    "jun": 6,
    "juli": 7,
    "jul": 7,
    "augusti": 8,
    "aug": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_RANGE = re.compile(
    rf"\b(?P<a>{_MONTH})\.?\s*(?:[-–—]|till\s+och\s+med|t\.?\s?o\.?\s?m\.?)\s*(?P<b>{_MONTH})\b\.?(?:\s+(?P<y>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
_FIRST = re.compile(
    r"\bårets\s+första\s+(?P<n>två|tre|fyra|fem|sex|sju|åtta|nio|tio|elva|\d{1,2})\s+månader", re.IGNORECASE
)
_COUNT_WORDS = {
    "två": 2,
    "tre": 3,
    "fyra": 4,
    "fem": 5,
    "sex": 6,
    "sju": 7,
    "åtta": 8,
    "nio": 9,
    "tio": 10,
    "elva": 11,
}


@dataclass(frozen=True)
class MonthRange:
    first: int
    last: int
    year: int | None
    start: int
    end: int
    phrase: str

    def window(self, year: int) -> tuple[dt.date, dt.date]:
        y = self.year or year
        return dt.date(y, self.first, 1), dt.date(y, self.last, calendar.monthrange(y, self.last)[1])


def month_ranges(text: str) -> list[MonthRange]:
    """ "januari – mars 2021", "jan-mars", "årets första tre månader" → month ranges."""
    out = []
    for m in _RANGE.finditer(text):
        first, last = MONTHS[m["a"].lower()], MONTHS[m["b"].lower()]
        if first <= last:
            out.append(
                MonthRange(first, last, int(m["y"]) if m["y"] else None, m.start(), m.end(), m.group(0))
            )
    for m in _FIRST.finditer(text):
        n = _COUNT_WORDS.get(m["n"].lower()) or int(m["n"])
        if 1 <= n <= 12:
            out.append(MonthRange(1, n, None, m.start(), m.end(), m.group(0)))
    return out
