"""Optimistic locking, one mechanism for every row people edit.

A `Versioned` row counts its saves: every save (by a form, a command, an import, the API) raises its
`version` by one. Whoever changes it names the version they read (`expected`; 0 for a row that did not
exist when they read), and the service compares it with the stored row, read under a row lock in the
same transaction (`locked`), before writing. A difference is a `Conflict` carrying the stored row, so the
page shows it beside the user's own value; nothing is overwritten silently. Reads for a check lock only
the row itself (no joined rows: locking a plan's goals along with an outcome is how deadlocks start).

Under parallel writers (docs/concurrency.md):

- A row that did not exist when it was read (version 0) is inserted in a savepoint (`save_checked`): when
  a parallel writer inserted the same row first, the unique constraint refuses the second insert, and that
  is a `Conflict` with the first writer's row, as though it had been there when read.
- A list without such a constraint (the cover's case officers, the forecasts per investment) is written
  by one writer at a time per round: `lock_parent` takes the round's row lock first, before the list is
  read, so the second writer reads the first one's rows and their versions.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction

from styrkedja.audit import save_by

M = TypeVar("M", bound=models.Model)


class Conflict(Exception):
    """Someone else saved the same row since it was read; nothing was overwritten."""

    def __init__(self, current: Any):
        self.current = current
        super().__init__("Någon annan har ändrat värdet sedan du öppnade det. Ditt värde sparades inte.")


class Versioned(models.Model):
    """A row whose every save raises its version (see the module's docstring)."""

    version = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.version = (self.version or 0) + 1
        super().save(*args, **kwargs)


def stored_version(row: Any) -> int:
    """The version a reader of the row saw: 0 for a row not stored."""
    return row.version if row is not None and row.pk is not None else 0


def check_version(row: Any, expected: int) -> None:
    """Refuse the edit when the stored row is not at the version the user read."""
    if stored_version(row) != expected:
        raise Conflict(row)


def locked(queryset: models.QuerySet[M]) -> models.QuerySet[M]:
    """The rows, to be locked until the transaction ends: only themselves, in primary-key order, so two
    writers never lock the same rows in a different order."""
    return queryset.select_for_update(of=("self",)).order_by("pk")


def relock(row: M, *fields: str) -> M:
    """Read the row's `fields` again under its lock (until the transaction ends), so that a step which
    depends on them (a part's status, a round's) decides on what is stored now, not on what a page read
    before someone else's step."""
    row.refresh_from_db(fields=fields or None, from_queryset=locked(type(row)._default_manager.all()))
    return row


def lock_parent(model: type[models.Model], pk: Any) -> None:
    """Make writers of one parent's list of children (a round's case officers, say) wait for each other
    until the transaction ends. PostgreSQL: `FOR NO KEY UPDATE` of the parent's row alone, which lets
    anyone else insert a child meanwhile (an insert only takes a key-share lock on the parent) and so
    makes no one else wait. SQLite: every transaction writes alone already (`BEGIN IMMEDIATE`)."""
    list(
        model._default_manager.filter(pk=pk)
        .select_for_update(no_key=True, of=("self",))
        .order_by()
        .values_list("pk", flat=True)
    )


def save_checked(row: M, by: Any, same: models.QuerySet[M], reason: str | None = None) -> M:
    """Save a row whose version was checked. A row new to the database is inserted in a savepoint: if a
    parallel writer inserted the same row (`same` finds it) after this one was read, the unique constraint
    refuses this insert and it is a `Conflict` carrying that writer's row; nothing is overwritten."""
    if row.pk is not None:
        return save_by(row, by, reason)
    try:
        with transaction.atomic():
            return save_by(row, by, reason)
    except IntegrityError:
        current = locked(same).first()
        if current is None:
            raise
        raise Conflict(current) from None


class MissingVersion(ValueError):
    """A person's edit that does not name the version it was based on."""

    def __init__(self) -> None:
        super().__init__(
            "Ändringen saknar uppgift om vilken version den bygger på; ladda om sidan och försök igen."
        )


def check_edit(row: Any, expected: int | None, by: Any) -> None:
    """A person (`by`) must name the version they read; the system (`by=None`: an import or a command
    replacing content in one transaction) may write without one."""
    if expected is None:
        if by is not None:
            raise MissingVersion
        return
    check_version(row, expected)
