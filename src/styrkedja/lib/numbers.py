"""Swedish number formatting through Babel: `1 393,1`, `-45,0`, `75,28 %`, `485 st`, `7,3 mån`.

Babel's sv locale uses U+2212 for minus and U+00A0 for grouping; the committee's documents print a
hyphen-minus and a (non-breaking) space. We keep the non-breaking space (a number must not wrap) and
print the hyphen-minus, as the documents do.
"""

from __future__ import annotations

from decimal import Decimal

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
