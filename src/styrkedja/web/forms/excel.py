"""Uploading a file: an entry workbook sent back, or a table to import."""

from __future__ import annotations

from django import forms

from styrkedja.exchange.excel import MAX_BYTES
from styrkedja.exchange.tables import BUDGET_COLUMN_VERSION, FIELDS
from styrkedja.exchange.tables import MAX_BYTES as TABLE_MAX_BYTES
from styrkedja.lib.vocabulary import ImportKind, VersionKind


class WorkbookForm(forms.Form):
    file = forms.FileField(
        label="Ifylld arbetsbok (.xlsx)",
        error_messages={"required": "Välj en arbetsbok att ladda upp.", "empty": "Filen är tom."},
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_BYTES:
            raise forms.ValidationError(f"Filen är större än {MAX_BYTES // (1024 * 1024)} MB.")
        return file


class TableUploadForm(forms.Form):
    kind = forms.ChoiceField(label="Vad tabellen innehåller", choices=ImportKind.choices)
    source = forms.CharField(
        label="Källa",
        max_length=100,
        help_text="Namnet som kolumnmappningen sparas under, till exempel ”Kolada-export” eller ”Ekonomisystemet”.",
    )
    file = forms.FileField(
        label="Tabell (.csv eller .xlsx)",
        error_messages={"required": "Välj en fil att ladda upp.", "empty": "Filen är tom."},
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > TABLE_MAX_BYTES:
            raise forms.ValidationError(f"Filen är större än {TABLE_MAX_BYTES // (1024 * 1024)} MB.")
        return file


#: The mapping's options beside its columns.
OPTIONS = ("year", "version", "budget_column")


class MappingForm(forms.Form):
    """A select per field, offering the file's column headings."""

    def __init__(self, *args, kind: str, headers: list[str], initial_columns: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "– ingen kolumn –"), *((h, h) for h in headers if h)]
        for name, label in FIELDS[kind].items():
            self.fields[name] = forms.ChoiceField(
                label=label, choices=choices, required=False, initial=initial_columns.get(name, "")
            )
        if kind == ImportKind.BUDGET:
            self.fields["year"] = forms.IntegerField(
                label="År för alla rader (utan kolumn för år)", required=False, min_value=1990, max_value=2100
            )
            self.fields["version"] = forms.ChoiceField(
                label="Budgetversion", choices=VersionKind.choices, initial=VersionKind.OUTCOME
            )
            self.fields["budget_column"] = forms.ChoiceField(
                label="Budgetversion för kolumnen Budget",
                choices=VersionKind.choices,
                initial=BUDGET_COLUMN_VERSION,
                required=False,
            )

    def columns(self) -> dict[str, str]:
        return {
            name: self.cleaned_data[name]
            for name in self.fields
            if name not in OPTIONS and self.cleaned_data.get(name)
        }

    def options(self) -> dict:
        return {k: self.cleaned_data[k] for k in OPTIONS if self.cleaned_data.get(k)}
