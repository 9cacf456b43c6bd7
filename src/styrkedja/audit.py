"""Writes that the audit trail (django-simple-history) attributes to a person.

Every change to a value, a text or a status goes through these, so the history row of the change names
who made it (and, for imports, why). `assign` lets callers save only rows that really changed, so a
history lists real changes and not re-saves.
"""

from __future__ import annotations

from typing import Any, TypeVar

M = TypeVar("M")


def save_by(instance: M, by: Any, reason: str | None = None) -> M:
    """Save the row; the history records `by` as the author and `reason` as the change reason."""
    instance._history_user = by  # type: ignore[attr-defined]
    if reason is not None:
        instance._change_reason = reason  # type: ignore[attr-defined]
    instance.save()  # type: ignore[attr-defined]
    return instance


def delete_by(instance: Any, by: Any) -> None:
    """Delete the row; the history's deletion entry records `by` as the author."""
    instance._history_user = by
    instance.delete()


def assign(instance: Any, values: dict[str, Any]) -> bool:
    """Set the values on the row; whether any of them differed from what it held."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed
