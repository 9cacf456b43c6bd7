"""Caching of rendered page fragments, keyed by the revision of the data they show.

The key comes from the caller: a revision read from the data itself (e.g. `followup/revision.py`), so
a fragment built from older data is never served again, and nothing is written to make it so. The cache
is the process's own (Django's default); every server process builds a fragment once per revision.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache

TIMEOUT = 600


def fragment(name: str, *key: object, build: Callable[[], str]) -> str:
    """A rendered fragment for this key, built once per server process and key."""
    cache_key = ":".join(["fragment", name, *map(str, key)])
    html = cache.get(cache_key)
    if html is None:
        html = build()
        cache.set(cache_key, html, TIMEOUT)
    return str(html)
