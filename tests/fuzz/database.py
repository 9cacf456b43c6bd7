"""The database around one fuzzed example: its row counts, and the example rolled back afterwards so
that every example starts from the same state."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.apps import apps
from django.db import transaction


def row_counts() -> dict[str, int]:
    """Rows of every table of the project's models (their histories too)."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__module__.startswith("styrkedja")
    }


@contextmanager
def rolled_back() -> Iterator[None]:
    """Run an example in a savepoint that is undone whatever happens."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
