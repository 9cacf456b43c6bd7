"""The texts of an economy section: on the whole budget, on the intäktskrav, and (in the plan) on each
area of operation — each guarded by the version of the row it is stored on."""

from __future__ import annotations

from typing import Any

from django import forms

from styrkedja.edits.versions import stored_version
from styrkedja.web.forms.fields import version_field
from styrkedja.web.forms.text import TextForm


def _text(label: str, rows: int) -> forms.CharField:
    return forms.CharField(label=label, required=False, widget=forms.Textarea(attrs={"rows": rows}))


class EconomyTextsForm(TextForm):
    version = version_field()
    summary = _text("Kommentar till ekonomin som helhet", 8)
    requirement_commentary = _text("Kommentar till intäktskravet", 5)

    def __init__(self, *args: Any, texts: Any, areas: list[Any] = (), **kwargs: Any):  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        self.areas = list(areas)
        self.fields["version"].initial = stored_version(texts)
        self.fields["summary"].initial = getattr(texts, "summary", "")
        self.fields["requirement_commentary"].initial = getattr(texts, "requirement_commentary", "")
        for area in self.areas:
            self.fields[f"area_{area.pk}"] = _text(f"Kommentar till {area.name}", 4)
            self.fields[f"area_{area.pk}"].initial = area.commentary
            self.fields[f"area_{area.pk}_version"] = version_field()
            self.fields[f"area_{area.pk}_version"].initial = area.version

    def area_fields(self) -> list[forms.BoundField]:
        return [self[f"area_{area.pk}"] for area in self.areas]

    def area_commentary(self) -> dict[Any, str]:
        return {area: self.cleaned_data[f"area_{area.pk}"].strip() for area in self.areas}

    def area_versions(self) -> dict[Any, int]:
        return {area: self.cleaned_data[f"area_{area.pk}_version"] for area in self.areas}
