"""Swedish number formatting through Babel: `1 393,1`, `-45,0`, `75,28 %`, `485 st`, `7,3 mån`.

Babel's sv locale uses U+2212 for minus and U+00A0 for grouping; the committee's documents print a
hyphen-minus and a (non-breaking) space. We keep the non-breaking space (a number must not wrap) and
print the hyphen-minus, as the documents do.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

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
}


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


def format_value(value: Decimal | None, unit: str, decimals: int = 0) -> str:
    """A value with its unit as the documents print it."""
    if value is None:
        return ""
    return format_number(value, decimals) + UNIT_SUFFIX.get(unit, "")


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


def natural_decimals(value: Decimal | None, limit: int = 2) -> int:
    """The decimals a value needs to be shown exactly (trailing zeros dropped), at most `limit`."""
    if value is None:
        return 0
    exponent = value.normalize().as_tuple().exponent
    if not isinstance(exponent, int):
        return 0
    return min(max(-exponent, 0), limit)


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
