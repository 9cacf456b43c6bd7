"""Every date field shows and takes the date the one way, 2021-05-03, whatever the browser's language: no
date input (which shows 05/03/2021 in an English browser)."""

from __future__ import annotations

import datetime as dt

import pytest

from styrkedja.web.forms.cover import CoverForm
from styrkedja.web.forms.fields import DateInput
from styrkedja.web.forms.followup import DeadlineForm
from styrkedja.web.forms.plans import ActivityForm


@pytest.mark.parametrize(
    ("form", "name"),
    [(DeadlineForm, "deadline"), (ActivityForm, "start"), (ActivityForm, "end"), (CoverForm, "meeting_date")],
)
def test_a_date_field_is_a_text_field_in_iso_form(form, name):
    field = form.base_fields[name]
    assert isinstance(field.widget, DateInput)
    html = field.widget.render(name, dt.date(2021, 5, 3))
    assert 'type="text"' in html and 'value="2021-05-03"' in html and 'placeholder="ÅÅÅÅ-MM-DD"' in html
    assert field.clean("2021-05-03") == dt.date(2021, 5, 3)


def test_no_form_renders_a_date_input():
    from django import forms

    from styrkedja.web.forms import cover, followup, plans

    for module in (cover, followup, plans):
        for form in vars(module).values():
            if isinstance(form, type) and issubclass(form, forms.BaseForm):
                for field in form.base_fields.values():
                    assert getattr(field.widget, "input_type", "") != "date", (form, field)
