"""A user's choice of notices: their own to change, with the version they read, in the history."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from styrkedja.audit import assign
from styrkedja.edits.versions import check_edit, locked, save_checked
from styrkedja.lib.vocabulary import NoticeKind
from styrkedja.notices.models import NoticeChoice


def choice_of(user: Any) -> NoticeChoice:
    """The stored choice, or the default (everything) not yet stored."""
    return NoticeChoice.objects.filter(user=user).first() or NoticeChoice(user=user)


@transaction.atomic
def save_choice(user: Any, wanted: dict[NoticeKind, bool], *, expected_version: int | None) -> NoticeChoice:
    same = NoticeChoice.objects.filter(user=user)
    stored = locked(same).first()
    check_edit(stored, expected_version, user)
    choice = stored or NoticeChoice(user=user)
    if assign(choice, {str(kind): bool(wanted.get(kind, False)) for kind in NoticeKind}) or choice.pk is None:
        save_checked(choice, user, same)
    return choice
