"""The Content-Security-Policy of every page: scripts and styles from our own files only (htmx is vendored
under static/vendor, our script is static/js/styrkedja.js), no inline script or style, no eval, nothing
framed, forms posted only to ourselves. A page that really needs an inline script gets the request's nonce
(`request.csp_nonce`, `{{ request.csp_nonce }}` in templates), which is added to script-src when used.

A response that sets its own Content-Security-Policy keeps it (the HTML reports, reports/…)."""

from __future__ import annotations

import base64
import hashlib
import html as html_module
import re
import secrets
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}


def header(nonce: str | None = None) -> str:
    policy = dict(POLICY)
    if nonce:
        policy["script-src"] += f" 'nonce-{nonce}'"
    return "; ".join(f"{name} {value}" for name, value in policy.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        used: list[str] = []

        def make_nonce() -> str:
            used.append(secrets.token_urlsafe(18))
            return used[0]

        request.csp_nonce = SimpleLazyObject(make_nonce)  # type: ignore[attr-defined]
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = header(used[0] if used else None)
        return response


_STYLE_ELEMENT = re.compile(rb"<style[^>]*>(.*?)</style>", re.S)
_STYLE_ATTRIBUTE = re.compile(rb"""\sstyle="([^"]*)\"""")


def _hash(source: bytes) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source).digest()).decode() + "'"


def document_header(html: bytes) -> str:
    """The policy of a standalone HTML document (a report): no script at all, and exactly its own styles,
    named by their hashes (the style elements; the charts' style attributes with 'unsafe-hashes', which
    allows those attribute values and no other)."""
    elements = sorted({_hash(m) for m in _STYLE_ELEMENT.findall(html)})
    attributes = sorted(
        {_hash(html_module.unescape(m.decode()).encode()) for m in _STYLE_ATTRIBUTE.findall(html)}
    )
    styles = " ".join([*elements, *(["'unsafe-hashes'", *attributes] if attributes else [])]) or "'none'"
    return (
        f"default-src 'none'; script-src 'none'; style-src {styles}; img-src 'self' data:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
