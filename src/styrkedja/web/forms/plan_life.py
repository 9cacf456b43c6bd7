"""Forms of a plan's life cycle: the committee's decision (date and reference) and opening the plan for
revision. They only parse; `plans.lifecycle` checks and saves."""

from __future__ import annotations

from django import forms

from styrkedja.plans.lifecycle import REFERENCE_MAX
from styrkedja.web.forms.fields import DateInput, version_field
from styrkedja.web.forms.text import TextForm


class DecisionForm(TextForm):
    version = version_field()
    decided_on = forms.DateField(
        label="Beslutsdatum",
        widget=DateInput,
        error_messages={"invalid": "Skriv datumet som 2021-12-14.", "required": "Ange beslutsdatum."},
    )
    reference = forms.CharField(
        label="Beslut",
        max_length=REFERENCE_MAX,
        help_text="Nämndens beslut som det står i protokollet, t.ex. AMN 2021/123 § 5.",
        error_messages={"required": "Ange beslutets referens, t.ex. AMN 2021/123 § 5."},
    )


class RevisionForm(forms.Form):
    version = version_field()
