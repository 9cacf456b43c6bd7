"""Creates that happen once: a form that creates something carries a token (a UUID made when the form was
shown); the first request with the token creates, any later one with the same token gets what the first
created. The token is claimed first, in the creating transaction, and the database's unique index settles
a race: a parallel second request waits for the first to commit, then finds its result."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction

from styrkedja.edits.models import Submission

M = TypeVar("M", bound=models.Model)


class AlreadyDone(Exception):
    """The form was sent before and its create was undone since (the row is gone)."""


def new_token() -> uuid.UUID:
    return uuid.uuid4()


def once(token: uuid.UUID | None, by: Any, create: Callable[[], M]) -> tuple[M, bool]:
    """(the row, whether this call created it). Without a token (a command, an import) it simply creates."""
    if token is None:
        return create(), True
    with transaction.atomic():
        try:
            with transaction.atomic():
                submission = Submission.objects.create(token=token, by=by if _is_user(by) else None)
        except IntegrityError:
            earlier = Submission.objects.get(token=token)
            if earlier.created is None:
                raise AlreadyDone(
                    "Formuläret har redan skickats en gång, och det som skapades då har tagits bort sedan. "
                    "Ladda om sidan för att lägga till på nytt."
                ) from None
            return earlier.created, False
        created = create()
        submission.content_type = ContentType.objects.get_for_model(type(created))
        submission.object_id = created.pk
        submission.save(update_fields=["content_type", "object_id"])
        return created, True


def _is_user(by: Any) -> bool:
    return by is not None and getattr(by, "pk", None) is not None


def earlier_result(token: object) -> Any:
    """What an earlier sending of the form with this token created (None when it has not been sent)."""
    try:
        parsed = uuid.UUID(str(token))
    except ValueError:
        return None
    submission = Submission.objects.filter(token=parsed).first()
    return submission.created if submission is not None else None
