"""The Content-Security-Policy: no inline script or style anywhere, so the policy needs no 'unsafe-inline';
the HTML report allows exactly its own styles by their hashes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from styrkedja.web import csp

TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "styrkedja" / "templates"
INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)[^>]*>"), "an inline script"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "an event handler attribute"),
    (re.compile(r"\bhx-on"), "an htmx hx-on handler (evaluated as script)"),
    (re.compile(r"javascript:", re.I), "a javascript: address"),
    (re.compile(r"\sstyle\s*=", re.I), "a style attribute"),
]


def page_templates() -> list[Path]:
    return [p for p in TEMPLATES.rglob("*.html") if "reports" not in p.parts]


@pytest.mark.parametrize("template", page_templates(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_page_template_has_inline_script_or_style(template):
    text = template.read_text(encoding="utf-8")
    found = [what for pattern, what in INLINE if pattern.search(text)]
    assert not found, f"{template.name} has {', '.join(found)}"
    assert "<style" not in text


def test_every_page_carries_the_policy_without_unsafe_inline(client_as):
    response = client_as("controller").get("/")
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_login_page_carries_it_too(client):
    assert "default-src 'self'" in client.get("/logga-in/")["Content-Security-Policy"]


def test_a_report_allows_exactly_its_own_styles(client_as, world):
    response = client_as("reader").get(f"/rapporter/plan/{world.plan.pk}.html")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'none'" in policy
    assert "'unsafe-inline'" not in policy
    body = response.content
    style = re.search(rb"<style[^>]*>(.*?)</style>", body, re.S).group(1)
    assert csp._hash(style) in policy
    assert len(policy) < 8000, "the header must fit a reverse proxy's buffer"


def test_a_nonce_is_added_only_when_a_template_uses_one():
    assert "nonce" not in csp.header()
    assert "script-src 'self' 'nonce-abc'" in csp.header("abc")
