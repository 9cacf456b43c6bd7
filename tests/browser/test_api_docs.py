"""The API's browsable documentation (Swagger UI, served from our own static files) works under the
site's Content-Security-Policy: a logged-in user sees the operations and reads one with the session."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_the_browsable_docs_load_and_call_the_api(live_server, live_world, page, log_in):
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(page, "reader")
    page.goto(f"{live_server.url}/api/v1/docs")
    page.get_by_text("/api/v1/organisations", exact=True).first.wait_for()
    assert page.locator(".opblock").count() >= 20
    assert not [e for e in errors if "Content Security Policy" in e], errors
    answer = page.evaluate("fetch('/api/v1/organisations').then(r => r.json())")
    assert [o["code"] for o in answer["items"]] == ["amn", "jobbtorg"]
