"""The access matrices are complete: every named address of the web interface has a row in one of them
(tests/web/test_access_matrix.py, tests/web/test_followup_access.py), so a new page cannot go without its
answer for every role being tested."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver, resolve

from styrkedja.followup.workflow import open_round
from tests.web import test_access_matrix as plan_matrix
from tests.web import test_followup_access as followup_matrix


def _names(patterns, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":  # Django's own admin, behind its own permissions
                continue
            if pattern.namespace == "api":  # the API's own matrix covers it (tests/api/test_access_matrix.py)
                continue
            names |= _names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
    return names


def covered(world) -> set[str]:
    round_ = open_round(world.committee, "2022-T1", by=None)
    addresses = [url for url, _ in plan_matrix.urls(world).values()]
    addresses += [str(url) for _, url, *_ in plan_matrix.ACCOUNT_URLS.values()]
    addresses += [url for url, _ in plan_matrix.people_posts(world).values()]
    addresses += [url for url, _ in followup_matrix.pages(world, round_).values()]
    addresses += [url for url, *_ in followup_matrix.posts(world, round_).values()]
    addresses += list(followup_matrix.deletes(world, round_).values())
    addresses += list(plan_matrix.city_urls(world).values())
    addresses += list(followup_matrix.own_pages(world, round_).values())
    return {resolve(url.split("?")[0]).url_name for url in addresses}


def test_every_named_address_has_a_row_in_an_access_matrix(world):
    missing = _names(get_resolver().url_patterns) - covered(world)
    assert not missing, f"addresses without a row in an access matrix: {sorted(missing)}"
