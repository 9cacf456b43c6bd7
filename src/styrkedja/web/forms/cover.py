"""Forms of a round's report cover: the cover's fields and the repeated rows of its lists (formsets with a
few empty rows to add to). Forms only parse input; `followup.cover_editing` saves.

A decision proposal has no amount field: the amounts of turnover and adjustment decisions are computed
from the economics, never typed.
"""

from __future__ import annotations

from typing import Any

from django import forms

from styrkedja.followup import cover_editing as editing
from styrkedja.followup.models import DecisionKind
from styrkedja.web.forms.followup import DateInput, version_field
from styrkedja.web.forms.text import TextForm

EXTRA_ROWS = 2
DATE_ERRORS = {"invalid": "Skriv datumet som 2022-05-10."}


def _id_field() -> forms.IntegerField:
    """The stored row a form changes; empty for a new row."""
    return forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


def _row_version_field() -> forms.IntegerField:
    """The version of the stored row the form shows (empty for a new row)."""
    return forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class CoverForm(TextForm):
    version = version_field()
    title = forms.CharField(label="Rubrik", max_length=300, required=False)
    addressee = forms.CharField(
        label="Till", max_length=200, required=False, help_text="Till exempel nämndens namn."
    )
    meeting_date = forms.DateField(
        label="Sammanträdesdag", required=False, widget=DateInput, error_messages=DATE_ERRORS
    )
    agenda_number = forms.CharField(label="Ärende (nummer på dagordningen)", max_length=20, required=False)
    summary_analysis = forms.CharField(
        label="Sammanfattande analys", required=False, widget=forms.Textarea(attrs={"rows": 8})
    )


class CaseOfficerForm(TextForm):
    id = _id_field()
    version = _row_version_field()
    name = forms.CharField(
        label="Namn", max_length=200, error_messages={"required": "Skriv handläggarens namn."}
    )
    phone = forms.CharField(label="Telefon", max_length=40, required=False)

    def row(self) -> editing.CaseOfficerRow:
        d = self.cleaned_data
        return editing.CaseOfficerRow(id=d["id"], name=d["name"].strip(), phone=d["phone"].strip())


class DecisionForm(TextForm):
    id = _id_field()
    version = _row_version_field()
    kind = forms.ChoiceField(
        label="Typ",
        choices=DecisionKind.choices,
        initial=DecisionKind.OTHER,
        help_text="Beloppet för att godkänna omslutning eller begära budgetjustering beräknas från ekonomin.",
    )
    text = forms.CharField(
        label="Förslag till beslut",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Skriv beslutsförslagets text."},
    )

    def row(self) -> editing.DecisionRow:
        d = self.cleaned_data
        return editing.DecisionRow(id=d["id"], kind=d["kind"], text=d["text"].strip())


class AttachmentForm(TextForm):
    id = _id_field()
    version = _row_version_field()
    number = forms.IntegerField(
        label="Bilaga nummer",
        min_value=1,
        max_value=999,
        error_messages={
            "required": "Skriv bilagans nummer.",
            "invalid": "Skriv bilagans nummer med siffror.",
        },
    )
    title = forms.CharField(
        label="Titel", max_length=300, error_messages={"required": "Skriv bilagans titel."}
    )

    def row(self) -> editing.AttachmentRow:
        d = self.cleaned_data
        return editing.AttachmentRow(id=d["id"], number=d["number"], title=d["title"].strip())


class SignatureForm(TextForm):
    id = _id_field()
    version = _row_version_field()
    name = forms.CharField(label="Namn", max_length=200, error_messages={"required": "Skriv namnet."})
    title = forms.CharField(label="Titel", max_length=200, required=False)
    date = forms.DateField(label="Datum", required=False, widget=DateInput, error_messages=DATE_ERRORS)
    signed_as = forms.CharField(
        label="Namn i den digitala signaturen",
        max_length=200,
        required=False,
        help_text="Lämna tomt när den digitala signaturen har samma namn som underskriftsblocket.",
    )

    def row(self) -> editing.SignatureRow:
        d = self.cleaned_data
        return editing.SignatureRow(
            id=d["id"],
            name=d["name"].strip(),
            title=d["title"].strip(),
            date=d["date"],
            signed_as=d["signed_as"].strip(),
        )


class SpecialReportForm(TextForm):
    id = _id_field()
    version = _row_version_field()
    title = forms.CharField(label="Rubrik", max_length=300, error_messages={"required": "Skriv en rubrik."})
    text = forms.CharField(label="Text", required=False, widget=forms.Textarea(attrs={"rows": 5}))

    def row(self) -> editing.SpecialReportRow:
        d = self.cleaned_data
        return editing.SpecialReportRow(id=d["id"], title=d["title"].strip(), text=d["text"].strip())


class RowsFormSet(forms.BaseFormSet):
    """Rows of a list; an untouched new row is skipped, a row marked "Ta bort" is removed."""

    deletion_widget = forms.CheckboxInput

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Ta bort raden"

    def read(self) -> dict[int, int]:
        """The stored rows the form showed, with the version of each (id → version)."""
        read = {}
        for form in self.forms:
            value = form["id"].value()
            if value not in (None, ""):
                read[int(value)] = int(form["version"].value() or 0)
        return read

    def rows(self) -> list[Any]:
        """What to store, in the order of the form."""
        return [
            form.row()
            for form in self.forms
            # An untouched new row is not cleaned (empty cleaned_data); a stored row always is.
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


class AttachmentFormSet(RowsFormSet):
    def clean(self) -> None:
        super().clean()
        if any(self.errors):
            return
        numbers = [row.number for row in self.rows()]
        if len(numbers) != len(set(numbers)):
            raise forms.ValidationError("Två bilagor har samma nummer.")


def formset(form: type[forms.Form], base: type[RowsFormSet] = RowsFormSet) -> type[forms.BaseFormSet]:
    return forms.formset_factory(form, formset=base, extra=EXTRA_ROWS, can_delete=True)


CaseOfficerFormSet = formset(CaseOfficerForm)
DecisionFormSet = formset(DecisionForm)
AttachmentsFormSet = formset(AttachmentForm, AttachmentFormSet)
SignatureFormSet = formset(SignatureForm)
SpecialReportFormSet = formset(SpecialReportForm)
