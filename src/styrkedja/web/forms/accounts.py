"""Forms of logging in and of one's account; Django's own for passwords (the rules are the validators in
settings.AUTH_PASSWORD_VALIDATORS)."""

from __future__ import annotations

from django import forms

from styrkedja.accounts.models import EventKind


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Engångskod",
        max_length=12,
        help_text="Sex siffror från autentiseringsappen.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_code(self) -> str:
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError("Ange koden som sex siffror.")
        return code


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(label="Händelse", choices=[("", "Alla"), *EventKind.choices], required=False)
    username = forms.CharField(label="Användarnamn", max_length=150, required=False)
