"""The input rule at the database's door: whatever writes a row of the plans, the budget, the follow-up or
the organisations — a service, an import, a command, the admin — its texts are text (lib/text.py).

The forms and the file schemas refuse first, under the field or naming the file's line; this is the rule
for every other way in, so that the services enforce it themselves. A text field (`TextField`) may hold
line breaks and tabs, a field of one line (`CharField`) not. A refused text is a ValidationError naming
the field. A value stored before the rule existed is let through unchanged (the reports print it,
`reports/printable.py`), so that an old text does not block other changes to its row.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_save
from django.utils.text import capfirst

from styrkedja.lib.text import refusal

GUARDED_APPS = frozenset({"organisations", "plans", "budget", "followup"})


@cache
def _text_fields(model: type[models.Model]) -> tuple[tuple[models.Field, bool], ...]:
    """(field, multi-line) of the model's free-text fields: not codes of a fixed set."""
    return tuple(
        (field, isinstance(field, models.TextField))
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.choices
    )


def check_row_text(sender: type[models.Model], instance: models.Model, raw: bool = False, **_: Any) -> None:
    if raw or sender._meta.app_label not in GUARDED_APPS or getattr(sender, "instance_type", None):
        return  # fixtures as stored; other apps; the history's copies of rows already checked
    for field, multiline in _text_fields(sender):
        value = getattr(instance, field.attname)
        if not isinstance(value, str) or not value:
            continue
        reason = refusal(value, multiline=multiline)
        if reason is None or _stored_unchanged(sender, instance, field, value):
            continue
        raise ValidationError(f"{capfirst(str(field.verbose_name))}: {reason}.", code="not_text")


def _stored_unchanged(
    model: type[models.Model], instance: models.Model, field: models.Field, value: str
) -> bool:
    if instance.pk is None or instance._state.adding:
        return False
    stored = model._base_manager.filter(pk=instance.pk).values_list(field.attname, flat=True).first()
    return stored == value


def connect() -> None:
    pre_save.connect(check_row_text, dispatch_uid="styrkedja.text_rule")
