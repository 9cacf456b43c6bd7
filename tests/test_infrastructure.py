"""The test infrastructure itself: the PostgreSQL wrapper, the database each run uses, the browser."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

REPO_ROOT = Path(__file__).resolve().parents[1]


def test_with_postgres_script_is_executable() -> None:
    script = REPO_ROOT / "scripts" / "with-postgres"
    assert script.is_file()
    assert os.access(script, os.X_OK), "scripts/with-postgres must be executable (git mode 100755)"


@pytest.mark.django_db
def test_runs_on_the_database_that_database_url_names() -> None:
    """Each of `make test`'s two runs proves which database it ran on."""
    url = os.environ.get("DATABASE_URL", "")
    with connection.cursor() as cursor:
        if url.startswith(("postgres:", "postgresql:")):
            assert connection.vendor == "postgresql"
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
            assert version.startswith("15"), version
            print(f"database: PostgreSQL {version}")
        else:
            assert connection.vendor == "sqlite"
            cursor.execute("SELECT sqlite_version()")
            print(f"database: SQLite {cursor.fetchone()[0]}")


@pytest.mark.django_db
def test_on_postgresql_only_the_tests_that_use_the_database_run(request: pytest.FixtureRequest) -> None:
    from tests.conftest import uses_database

    items = request.session.items
    this = [item for item in items if item.name == request.node.name]
    assert this and uses_database(this[0])
    without = "test_with_postgres_script_is_executable"  # in this module, it needs no database
    if connection.vendor == "postgresql":
        assert all(uses_database(item) for item in items)
        assert without not in {item.name for item in items}
    else:  # on SQLite every test runs, with the database or without
        assert all(not uses_database(item) for item in items if item.name == without)


@pytest.mark.browser
def test_chromium_and_axe_work(page: Any, axe: Callable[..., list[dict[str, Any]]]) -> None:
    page.set_content(
        '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Prov</title></head>'
        "<body><main><h1>Hej</h1><p>Styrkedja</p></main></body></html>"
    )
    assert page.locator("h1").inner_text() == "Hej"
    violations = axe(page)
    assert violations == [], axe.format(violations)  # type: ignore[attr-defined]


@pytest.mark.browser
def test_axe_reports_violations(page: Any, axe: Callable[..., list[dict[str, Any]]]) -> None:
    """The check can fail: a page without lang, title and image text has violations."""
    page.set_content("<html><body><img src='x.png'></body></html>")
    ids = {violation["id"] for violation in axe(page)}
    assert {"html-has-lang", "document-title", "image-alt"} <= ids, ids
