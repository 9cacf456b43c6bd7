"""The input rule in the forms: every text field holds text (lib/text.py), and says which character it
refuses and where, under the field."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError

from styrkedja.lib.text import refusal


@dataclass(frozen=True)
class TextValidator:
    """Text by the input rule; line breaks and tabs only in a multi-line field (a text area)."""

    multiline: bool

    def __call__(self, value: object) -> None:
        reason = refusal(str(value), multiline=self.multiline)
        if reason is not None:
            raise ValidationError(f"Texten {reason}.", code="not_text")


class TextForm(forms.Form):
    """A form whose text fields, those it declares and those it adds, are checked by the input rule."""

    def full_clean(self) -> None:
        for field in self.fields.values():
            if isinstance(field, forms.CharField) and not any(
                isinstance(v, TextValidator) for v in field.validators
            ):
                field.validators.append(TextValidator(multiline=isinstance(field.widget, forms.Textarea)))
        super().full_clean()
