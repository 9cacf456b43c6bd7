"""The plan's texts: its title and its chapters, in the safe text format (lib/markup.py). The form only
parses; `plans.editing.update_plan_texts` saves."""

from __future__ import annotations

from django import forms

from styrkedja.lib.validation import LENGTH
from styrkedja.web.forms.fields import version_field
from styrkedja.web.forms.text import TextForm

FORMAT_HELP = (
    "Ett tomt radavstånd mellan stycken. # Rubrik börjar ett nytt kapitel, ## Rubrik en underrubrik. "
    "Rader som börjar med - blir en punktlista, 1. en numrerad lista. **fet**, *kursiv*, "
    "[text](https://adress). En tabell skrivs med lodstreck: en rubrikrad, raden |---|---:| och en rad per "
    "rad. HTML visas som text."
)


class PlanTextsForm(TextForm):
    version = version_field()
    title = forms.CharField(label="Titel", max_length=LENGTH["plans.Plan.title"], required=False)
    introduction = forms.CharField(
        label="Kapitel",
        required=False,
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=FORMAT_HELP,
    )
