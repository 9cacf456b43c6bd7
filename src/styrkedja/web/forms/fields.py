"""Form fields for numbers as Swedes write them: `1 393,1`, `-45,0`, `5,5`.

A number is judged by lib/validation.py, the rules every way in applies (files, importers, the API): it
must fit the field's digits and decimals, and pass the field's `check` (a sign, say), with the same words.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import DecimalValidator

from styrkedja.edits.once import new_token
from styrkedja.lib.numbers import format_number, natural_decimals, parse_number
from styrkedja.lib.validation import Digits, number_problem

Check = Callable[[Decimal], str | None]


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

    default_error_messages = {"invalid": "Skriv ett tal, till exempel 1 393,1 eller -45,0."}

    def __init__(self, *, shown_decimals: int | None = None, check: Check | None = None, **kwargs):
        """`check`: a rule of lib/validation.py the value must also pass (`costs_problem`, …)."""
        kwargs.setdefault("widget", SwedishDecimalInput(decimals=shown_decimals))
        super().__init__(**kwargs)
        rules: list[Check] = []
        if self.max_digits is not None and self.decimal_places is not None:
            digits = Digits(self.max_digits, self.decimal_places)
            rules.append(lambda value: number_problem(value, digits))
        if check is not None:
            rules.append(check)
        self.validators = [v for v in self.validators if not isinstance(v, DecimalValidator)]
        self.validators.append(_Rules(rules))

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


class _Rules:
    """Django validator of lib/validation.py's rules: the first problem, in its own words."""

    def __init__(self, rules: list[Check]):
        self.rules = rules

    def __call__(self, value: Decimal) -> None:
        for rule in self.rules:
            problem = rule(value)
            if problem:
                raise forms.ValidationError(problem, code="styrkedja")


def money_field(label: str, **kwargs) -> SwedishDecimalField:
    """An mnkr amount with at most one decimal, as the budget tables hold it."""
    return SwedishDecimalField(label=label, max_digits=14, decimal_places=1, shown_decimals=1, **kwargs)


# --- Guarded edits (edits/versions.py, edits/once.py) ---------------------------------------------------

STALE_PAGE = "Sidan saknar uppgift om vilken version du utgick från; ladda om sidan och försök igen."


def version_field() -> forms.IntegerField:
    """The version of the row the user read (0 for a row not yet stored); a save based on an older one is
    refused as a conflict, a post without one is refused."""
    return forms.IntegerField(
        min_value=0, widget=forms.HiddenInput, error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE}
    )


def token_field() -> forms.UUIDField:
    """The id of a form that creates something, made when the form is shown: sent twice, it creates once."""
    return forms.UUIDField(
        widget=forms.HiddenInput, error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE}
    )


def guard(form: forms.Form, row: Any = None, *, name: str = "version") -> None:
    """Give a form what guards its save: the version of the row it edits (`name`), or — with no row, for a
    create — a token, so that sending it twice creates once."""
    if row is None:
        form.fields["token"] = token_field()
        form.initial.setdefault("token", new_token())
    else:
        form.fields[name] = version_field()
        form.initial.setdefault(name, row.version)
