"""Conditional reads: every successful GET carries an ETag (the SHA-256 of the body it sends), and a GET
whose `If-None-Match` names the current one is answered 304 Not Modified with no body. The tag is of the
representation, so it changes exactly when anything the client would see changes (a value, a version, a
role), and costs no stored state."""

from __future__ import annotations

import hashlib

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified


def etag_of(content: bytes) -> str:
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    tags = {t.strip().removeprefix("W/") for t in header.split(",")}
    return etag in tags


def conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Tag a successful GET's response; 304 when the client already has it."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200 or response.streaming:
        return response
    etag = etag_of(response.content)
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    response["Vary"] = "Authorization, Cookie"
    header = request.headers.get("If-None-Match")
    if header and matches(header, etag):
        not_modified = HttpResponseNotModified()
        for name in ("ETag", "Cache-Control", "Vary"):
            not_modified[name] = response[name]
        return not_modified
    return response
