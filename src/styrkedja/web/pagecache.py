"""Caching of rendered page fragments keyed by the data revision.

Every save and delete of a model in the domain apps bumps the single Revision row (signals below), so a
fragment cached under an older revision is never served again. Writes through `QuerySet.update()` do not
send signals; the domain code does not use them for data (history needs `save()`), and a test guards that.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from styrkedja.web.models import Revision

DOMAIN_APPS = {"organisations", "plans", "budget", "followup"}
TIMEOUT = 600


def current_revision() -> int:
    value = Revision.objects.filter(pk=1).values_list("counter", flat=True).first()
    return int(value or 0)


def bump(sender: Any, **kwargs: Any) -> None:
    if sender._meta.app_label not in DOMAIN_APPS or sender.__name__.startswith("Historical"):
        return  # a history row always accompanies a save that has already bumped
    if not Revision.objects.filter(pk=1).update(counter=F("counter") + 1):
        Revision.objects.get_or_create(pk=1, defaults={"counter": 1})


def fragment(name: str, *parts: object, build: Callable[[], str]) -> str:
    """A rendered fragment for this data revision, built once per server process and revision."""
    key = ":".join(["fragment", name, *map(str, parts), str(current_revision())])
    html = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, html, TIMEOUT)
    return str(html)


post_save.connect(bump, dispatch_uid="styrkedja-revision-save")
post_delete.connect(bump, dispatch_uid="styrkedja-revision-delete")
