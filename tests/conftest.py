"""Test infrastructure shared by the whole suite.

Keep this file about infrastructure (environment, browser, accessibility checks, shared
data); fixtures for one area belong in a conftest.py in that area's folder.

Django is configured here, not in pyproject: the settings module refuses to load without
a secret key, so the test defaults below must be in the environment *before* Django
imports it. pytest-django imports the settings before any conftest when
DJANGO_SETTINGS_MODULE is known early, so it is set here instead, together with the
defaults, and Django is set up at once (so conftest files in subfolders may import
models at the top).

Fixtures:
- ``seeds_dir``: the ``shared/seeds`` folder beside the repository (skips if absent).
- ``browser``: a headless Debian Chromium driven by Playwright, one per test process.
  Skips when Chromium is missing, except under CI (``CI=true``), where it fails.
- ``page``: a fresh browser context and page for each test (screenshot on failure in
  ``.cache/test-artifacts/``).
- New passwords are hashed with MD5 (fast), not Argon2; see below.
- ``axe``: ``axe(page)`` runs axe-core (WCAG 2.0/2.1 A and AA) on the page and returns
  the violations; ``axe.format(violations)`` makes them readable in an assert message.

Browser tests use pytest-django's ``live_server`` for the app and carry
``@pytest.mark.browser``.
"""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

# Property tests (tests/fuzz/, tests/reports/test_any_text.py) draw new examples on every run on a
# developer's machine, to keep finding things; under CI (`CI=true`) they draw the same examples every run,
# so a landing never depends on luck. `--hypothesis-seed` reproduces a local failure.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI") == "true":
    hypothesis_settings.load_profile("ci")

REPO_ROOT = Path(__file__).resolve().parents[1]

# --- Environment, before Django loads --------------------------------------------------
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styrkedja.settings")
os.environ.setdefault("STYRKEDJA_INSECURE_DEV", "1")
# Playwright's sync API runs an event loop in the test thread; Django's ORM would
# otherwise refuse to run there ("You cannot call this from an async context").
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
if not os.environ.get("STYRKEDJA_DATA_DIR"):
    _data_dir = tempfile.mkdtemp(prefix="styrkedja-test-data-")
    atexit.register(shutil.rmtree, _data_dir, ignore_errors=True)
    Path(_data_dir, "static").mkdir()  # STATIC_ROOT; WhiteNoise warns when it is missing
    os.environ["STYRKEDJA_DATA_DIR"] = _data_dir

import django  # noqa: E402
from django.conf import settings  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from tests.factories import World, build_world  # noqa: E402

# Argon2 takes about 0.4 s per password here; tests create and log in many users. New
# passwords are hashed with MD5 in tests, Argon2 hashes still verify. A test about the
# production hasher overrides PASSWORD_HASHERS with pytest-django's `settings` fixture.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *settings.PASSWORD_HASHERS]


# --- A small world: organisations, users with roles, a plan with its budget -----------------------
@pytest.fixture
def world(db: Any) -> World:
    return build_world()


@pytest.fixture
def client_as(world: World) -> Callable[[str], Client]:
    """`client_as("controller")`: a test client logged in as that user of the world."""

    def login(name: str) -> Client:
        client = Client()
        client.force_login(world.users[name])  # type: ignore[arg-type]
        return client

    return login


# --- Shared data ----------------------------------------------------------------------
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The ``shared/seeds`` folder beside the repository; skips the test if it is absent."""
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed documents not available: no folder {SEEDS_DIR} beside the repository")
    return SEEDS_DIR


# --- Browser --------------------------------------------------------------------------
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS_DIR = REPO_ROOT / ".cache" / "test-artifacts"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def chromium_path() -> str | None:
    found = shutil.which("chromium") or "/usr/bin/chromium"
    return found if os.access(found, os.X_OK) else None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium, shared by the tests of one test process."""
    executable = chromium_path()
    if executable is None:
        message = "Chromium not found: install Debian's package `chromium` (make setup does)"
        if in_ci():
            pytest.fail(message + " -- browser tests must run in CI", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A new browser context and page for this test, Swedish locale and time zone."""
    context = browser.new_context(
        locale="sv-SE", timezone_id="Europe/Stockholm", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        yield page
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
            try:
                shot = ARTIFACTS_DIR / f"{name}.png"
                page.screenshot(path=str(shot), full_page=True)
                print(f"\nscreenshot of the failed test: {shot.relative_to(REPO_ROOT)}")
            except Exception as exc:  # a broken page must not hide the real failure
                print(f"\nno screenshot: {exc}")
        context.close()


# --- Accessibility --------------------------------------------------------------------
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class Axe:
    """``axe(page)`` returns axe-core's violations (a list of dicts) for the page."""

    def __init__(self, source: str) -> None:
        self.source = source

    def __call__(self, page: Any, context: str | dict[str, Any] | None = None) -> list[dict[str, Any]]:
        if not page.evaluate("() => typeof window.axe === 'object'"):
            # Evaluated through the DevTools protocol: not blocked by the page's CSP.
            page.evaluate(self.source + "\n;undefined")
        results: dict[str, Any] = page.evaluate(
            """async ([context, tags]) => await window.axe.run(context ?? document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            })""",
            [context, AXE_TAGS],
        )
        violations: list[dict[str, Any]] = results["violations"]
        return violations

    @staticmethod
    def format(violations: list[dict[str, Any]]) -> str:
        """A readable summary for an assert message."""
        lines = []
        for violation in violations:
            lines.append(f"[{violation.get('impact')}] {violation['id']}: {violation['help']}")
            for node in violation.get("nodes", [])[:5]:
                lines.append(f"    {json.dumps(node.get('target'))}: {node.get('html', '')[:200]}")
        return "\n".join(lines)


@pytest.fixture(scope="session")
def axe() -> Callable[..., list[dict[str, Any]]]:
    if not AXE_JS.is_file():
        message = f"{AXE_JS.relative_to(REPO_ROOT)} missing: run `make setup` (npm ci)"
        if in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return Axe(AXE_JS.read_text(encoding="utf-8"))


# --- Which tests run on PostgreSQL ------------------------------------------------------
# `make test` runs the suite twice, on SQLite and on PostgreSQL. A test that never touches the database
# (a renderer, a parser, a check, a command against its own SQLite file) answers the same on both, so
# the PostgreSQL run keeps only the tests that use the database: those marked `django_db` or asking,
# directly or through other fixtures, for one of these.
DATABASE_FIXTURES = frozenset(
    {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback", "live_server"}
)


def uses_database(item: pytest.Item) -> bool:
    return item.get_closest_marker("django_db") is not None or bool(
        DATABASE_FIXTURES & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        return
    kept = [item for item in items if uses_database(item)]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if not uses_database(item)])
        items[:] = kept
