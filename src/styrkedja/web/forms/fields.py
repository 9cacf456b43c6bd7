"""Form fields for numbers as Swedes write them: `1 393,1`, `-45,0`, `5,5`."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from styrkedja.lib.numbers import format_number, natural_decimals, parse_number


def parse_swedish_decimal(text: str) -> Decimal:
    """`1 393,1` → Decimal('1393.1'); raises ValueError for anything that is not a number (the rules are
    `lib.numbers.parse_number`'s, the one parser of files, checks and forms)."""
    value = parse_number(text)
    if value is None:
        raise ValueError(text)
    return value


class SwedishDecimalInput(forms.TextInput):
    """A text input (a number input would reject the comma) that shows its value the Swedish way."""

    def __init__(self, attrs=None, decimals: int | None = None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})
        self.decimals = decimals

    def format_value(self, value):
        if isinstance(value, Decimal | int):
            decimals = self.decimals if self.decimals is not None else natural_decimals(Decimal(value), None)
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
