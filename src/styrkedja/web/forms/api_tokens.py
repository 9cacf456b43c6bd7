"""The form of a new personal access token of the API."""

from __future__ import annotations

from django import forms

from styrkedja.exchange.tokens import MAX_DAYS
from styrkedja.lib.vocabulary import TokenScope


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Namn", max_length=100, help_text="Vad nyckeln används till, till exempel ”Rapportskript”."
    )
    scope = forms.ChoiceField(label="Behörighet", choices=TokenScope.choices, initial=TokenScope.READ)
    days = forms.IntegerField(
        label="Giltig i dagar",
        min_value=1,
        max_value=MAX_DAYS,
        initial=90,
        error_messages={"invalid": "Skriv ett antal dagar, till exempel 90."},
    )
