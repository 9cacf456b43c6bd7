"""Swedish numbers and dates: the one parser (`parse_number`) and the one formatter (`format_number` and
the helpers built on it) for pages, forms, files, messages, history, checks, reports and exports; and the
one date formatter (`format_date_iso`, `format_datetime`, `format_date_long`).

Formatting goes through Babel: `1 393,1`, `-45,0`, `75,28 %`, `485 st`, `7,3 mån`.

- An indicator's value (`format_indicator_value`): with the indicator's decimals, and never fewer than the
  value holds (a one-decimal indicator prints `86,0 %` beside `90,1 %`, `6,0 mån` beside `5,2 mån`).
- Money (`format_mnkr`): mnkr with one decimal everywhere, `426,0` and `-60,0`.
- Any other stored number (`format_exact`): the decimals it holds, `9 796`, `72,5`.
- Dates: ISO in pages, tables, history and exports (`2021-05-03`, `2021-05-03 14:05`), the long form in
  running text (`3 maj 2021`).

Babel's sv locale uses U+2212 for minus and U+00A0 for grouping; the committee's documents print a
hyphen-minus and a (non-breaking) space. We keep the non-breaking space (a number must not wrap) and
print the hyphen-minus, as the documents do.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel.dates import format_date, get_month_names
from babel.numbers import format_decimal

LOCALE = "sv_SE"
UNIT_SUFFIX = {
    "percent": " %",
    "count": " st",
    "months": " mån",
    "mnkr": "",
    "index": "",
    "scale": "",
    "ratio": "",
    "per_100000": "",
    "days": " dagar",
    "sek": " kr",
    "rank": "",
}


# Spaces people type, paste or print between digit groups: space, no-break space, narrow no-break space.
_SPACES = re.compile(r"[ \u00a0\u202f]+")
# The minus signs in use: hyphen-minus, U+2212 (Babel's, typesetting's), the en dash (Word's).
_MINUS = str.maketrans({"\u2212": "-", "\u2013": "-"})
_GROUPED = r"[+-]?(?:\d{1,3}(?: \d{3})+|\d+)"
_WITH_POINT = re.compile(rf"^{_GROUPED}(?:[,.]\d+)?$")
_COMMA_ONLY = re.compile(rf"^{_GROUPED}(?:,\d+)?$")


def parse_number(text: str, *, decimal_point: bool = True) -> Decimal | None:
    """A number as Swedes write it, exact: `1 393,1` → Decimal('1393.1'), `-45,0`, `−12`, `+ 5`, `9 000`;
    None for anything else (never NaN or infinity).

    Digit groups, when spaced, are groups of three; the decimal mark is a comma, or a point (numbers
    pasted from other systems carry one) unless `decimal_point=False` (printed documents, where `1.1` is a
    goal's number, not a number)."""
    cleaned = _SPACES.sub(" ", text.strip()).translate(_MINUS)
    cleaned = re.sub(r"^([+-]) ", r"\1", cleaned)
    if not (_WITH_POINT if decimal_point else _COMMA_ONLY).match(cleaned):
        return None
    try:
        return Decimal(cleaned.replace(" ", "").replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the patterns admit only valid numbers
        return None


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def format_number(value: Decimal | int | None, decimals: int = 0) -> str:
    if value is None:
        return ""
    number = Decimal(value)
    if not number.is_finite():
        return _formatted.__wrapped__(number, decimals, True)
    return _formatted(number, decimals, number.is_signed())


@lru_cache(maxsize=8192)
def _formatted(value: Decimal, decimals: int, signed: bool) -> str:
    """Babel's formatting, kept per value: a report prints the same numbers many times, and Babel takes
    a tenth of a millisecond each. Equal values with different exponents (72 and 72.0000) print alike once
    quantized to `decimals`, so they share an entry; zero and minus zero do not (`signed`)."""
    text = format_decimal(value, format=_pattern(decimals), locale=LOCALE, decimal_quantization=True)
    return text.replace("\u2212", "-")


def format_mnkr(value: Decimal | None) -> str:
    """Money in mnkr with one decimal: `1 393,1`, `-45,0`."""
    return format_number(value, 1)


def format_value(value: Decimal | None, unit: str, decimals: int = 0, suffix: str | None = None) -> str:
    """A value with its unit, with exactly `decimals` decimals (`suffix`: a profile's, instead of the
    default). An indicator's value goes through `format_indicator_value`."""
    if value is None:
        return ""
    return format_number(value, decimals) + (UNIT_SUFFIX.get(unit, "") if suffix is None else suffix)


def format_indicator_value(
    value: Decimal | None, unit: str, decimals: int = 0, suffix: str | None = None
) -> str:
    """An indicator's value as every page, message, report and export prints it: `75,28 %`, `485 st`,
    `7,3 mån`, with the indicator's `decimals` and never fewer than the value holds (75.2800 with none →
    `75,28 %`, 86 with one → `86,0 %`); a no-break space before the unit, so that they stay on one line.
    Empty for None."""
    if value is None:
        return ""
    text = format_at_least(value, decimals) + (UNIT_SUFFIX.get(unit, "") if suffix is None else suffix)
    return text.replace(" ", "\u00a0")


def format_at_least(value: Decimal | None, decimals: int = 0) -> str:
    """An indicator's number without its unit: `decimals` decimals, never fewer than it holds (`9,0`)."""
    if value is None:
        return ""
    return format_number(value, max(decimals, natural_decimals(value, None)))


def plural(count: int, one: str, many: str) -> str:
    """`1 decimal`, `2 decimaler`, `0 decimaler`: the count and the word in its Swedish number."""
    return f"{format_number(count)} {one if count == 1 else many}"


def decimals_phrase(places: int) -> str:
    """`högst en decimal`, `högst 2 decimaler`; `inga decimaler` for a whole number."""
    if places <= 0:
        return "inga decimaler"
    return "högst en decimal" if places == 1 else f"högst {plural(places, 'decimal', 'decimaler')}"


_PRINTED_NUMBER = re.compile(r"-?\d[\d\u00a0\u202f ]*(?:,(\d+))?")


def printed_decimals(text: str | None) -> int | None:
    """The number of decimals of the first number in a printed cell (`75,28 %` → 2, `485 st` → 0), or None
    when the cell holds no number (`Tas fram av nämnd`, empty)."""
    if not text:
        return None
    match = _PRINTED_NUMBER.search(text)
    if match is None:
        return None
    return len(match.group(1)) if match.group(1) else 0


def natural_decimals(value: Decimal | None, limit: int | None = 2) -> int:
    """The decimals a value needs to be shown exactly (trailing zeros dropped), at most `limit`."""
    if value is None:
        return 0
    exponent = value.normalize().as_tuple().exponent
    if not isinstance(exponent, int):
        return 0
    needed = max(-exponent, 0)
    return needed if limit is None else min(needed, limit)


def format_exact(value: Decimal | int | None) -> str:
    """A number with the decimals it has, as the documents print it: `1 393,1`, `75,28`, `12 000`."""
    if value is None:
        return "–"
    return format_number(Decimal(value), natural_decimals(Decimal(value), None))


def format_count(value: int | Decimal | None) -> str:
    """A whole number without unit: `1 234`."""
    return format_number(value, 0)


def format_date_long(value: dt.date | None) -> str:
    """`18 maj 2021`."""
    if value is None:
        return ""
    return format_date(value, "d MMMM y", locale=LOCALE)


def format_date_iso(value: dt.date | None) -> str:
    """`2021-05-18`, as the documents print activity dates, and as pages, history and exports show every
    date."""
    if isinstance(value, dt.datetime):
        value = value.date()
    return value.isoformat() if value is not None else ""


def format_datetime(value: dt.datetime | None) -> str:
    """`2021-05-18 14:05`: a moment, in the time zone it carries (the caller's local time)."""
    return value.strftime("%Y-%m-%d %H:%M") if value is not None else ""


def month_name(month: int) -> str:
    """`Januari` (capitalised, as the complaints tables print it)."""
    name: str = get_month_names("wide", locale=LOCALE)[month]
    return name.capitalize()
