"""Form fields for numbers as Swedes write them: `1 393,1`, `-45,0`, `5,5`."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms

from styrkedja.lib.numbers import format_number

# Spaces people type or paste between digit groups: space, no-break space, narrow no-break space.
_SPACES = re.compile(r"[ \u00a0\u202f]+")
_NUMBER = re.compile(r"^[+-]?(?:\d{1,3}(?: \d{3})+|\d+)(?:[,.]\d+)?$")


def parse_swedish_decimal(text: str) -> Decimal:
    """`1 393,1` → Decimal('1393.1'); raises ValueError for anything that is not a number.

    Digit groups must be groups of three; the decimal mark is a comma (a point is accepted too, as
    numbers pasted from other systems carry one). The minus may be a hyphen or U+2212.
    """
    cleaned = _SPACES.sub(" ", text.strip()).replace("\u2212", "-").replace("\u2013", "-")
    cleaned = re.sub(r"^([+-]) ", r"\1", cleaned)
    if not _NUMBER.match(cleaned):
        raise ValueError(text)
    try:
        return Decimal(cleaned.replace(" ", "").replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only valid numbers
        raise ValueError(text) from exc


def _decimals_of(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


class SwedishDecimalInput(forms.TextInput):
    """A text input (a number input would reject the comma) that shows its value the Swedish way."""

    def __init__(self, attrs=None, decimals: int | None = None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})
        self.decimals = decimals

    def format_value(self, value):
        if isinstance(value, Decimal | int):
            decimals = self.decimals if self.decimals is not None else _decimals_of(Decimal(value))
            return format_number(Decimal(value), decimals).replace("\u00a0", " ")
        return super().format_value(value)


class SwedishDecimalField(forms.DecimalField):
    """A decimal field that reads `1 393,1` and `-45,0`, and answers bad input in Swedish."""

    default_error_messages = {
        "invalid": "Skriv ett tal, till exempel 1 393,1 eller -45,0.",
        "max_decimal_places": "Högst %(max)s decimal(er).",
        "max_digits": "Talet är för stort.",
        "max_whole_digits": "Talet är för stort.",
    }

    def __init__(self, *, shown_decimals: int | None = None, **kwargs):
        kwargs.setdefault("widget", SwedishDecimalInput(decimals=shown_decimals))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        # DecimalField would add step/min/max for a number input; this is a text input.
        return {}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_swedish_decimal(str(value))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


def money_field(label: str, **kwargs) -> SwedishDecimalField:
    """An mnkr amount with at most one decimal, as the budget tables hold it."""
    return SwedishDecimalField(label=label, max_digits=14, decimal_places=1, shown_decimals=1, **kwargs)
