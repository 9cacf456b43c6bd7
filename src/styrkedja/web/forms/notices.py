"""The user's choice of notices by e-mail (notices/choices.py)."""

from __future__ import annotations

from django import forms

from styrkedja.edits.versions import stored_version
from styrkedja.lib.vocabulary import NoticeKind
from styrkedja.notices.models import NoticeChoice
from styrkedja.web.forms.fields import version_field


class NoticeChoiceForm(forms.Form):
    version = version_field()

    def __init__(self, *args, choice: NoticeChoice, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in NoticeKind:
            self.fields[str(kind)] = forms.BooleanField(label=kind.label, required=False)
            self.fields[str(kind)].initial = choice.wants(kind)
        self.fields["version"].initial = stored_version(choice)

    def wanted(self) -> dict[NoticeKind, bool]:
        return {kind: bool(self.cleaned_data.get(str(kind))) for kind in NoticeKind}
