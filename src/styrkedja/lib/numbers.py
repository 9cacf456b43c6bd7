"""Swedish numbers: the one parser (`parse_number`) and the one formatter (`format_number` and the
helpers built on it) for pages, forms, files, messages, checks and reports.

Formatting goes through Babel: `1 393,1`, `-45,0`, `75,28 %`, `485 st`, `7,3 mån`.

Babel's sv locale uses U+2212 for minus and U+00A0 for grouping; the committee's documents print a
hyphen-minus and a (non-breaking) space. We keep the non-breaking space (a number must not wrap) and
print the hyphen-minus, as the documents do.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

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
    text = format_decimal(Decimal(value), format=_pattern(decimals), locale=LOCALE, decimal_quantization=True)
    return text.replace("\u2212", "-")


def format_mnkr(value: Decimal | None) -> str:
    """Money in mnkr with one decimal: `1 393,1`, `-45,0`."""
    return format_number(value, 1)


def format_value(value: Decimal | None, unit: str, decimals: int = 0, suffix: str | None = None) -> str:
    """A value with its unit as the documents print it (`suffix`: a profile's, instead of the default)."""
    if value is None:
        return ""
    return format_number(value, decimals) + (UNIT_SUFFIX.get(unit, "") if suffix is None else suffix)


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
    """`2021-05-18`, as the documents print activity dates."""
    return value.isoformat() if value is not None else ""


def month_name(month: int) -> str:
    """`Januari` (capitalised, as the complaints tables print it)."""
    name: str = get_month_names("wide", locale=LOCALE)[month]
    return name.capitalize()
