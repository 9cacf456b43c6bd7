"""The data revision: one number that changes with every saved or deleted domain object, so that pages
built from the data can be cached across server processes and are never served stale."""

from __future__ import annotations

from django.db import models


class Revision(models.Model):
    counter = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"revision {self.counter}"
