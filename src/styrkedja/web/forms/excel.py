"""Uploading a file: an entry workbook sent back, or a table to import."""

from __future__ import annotations

from django import forms

from styrkedja.exchange.excel import MAX_BYTES


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
