"""Optimistic locking, one mechanism for every row people edit.

A `Versioned` row counts its saves: every save (by a form, a command, an import, the API) raises its
`version` by one. Whoever changes it names the version they read (`expected`; 0 for a row that did not
exist when they read), and the service compares it with the stored row, read under a row lock in the
same transaction (`locked`), before writing. A difference is a `Conflict` carrying the stored row, so the
page shows it beside the user's own value; nothing is overwritten silently. Reads for a check lock only
the row itself (no joined rows: locking a plan's goals along with an outcome is how deadlocks start).
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

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
