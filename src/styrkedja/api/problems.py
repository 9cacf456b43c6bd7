"""Errors as RFC 9457 problem details (`application/problem+json`): a type, a title, the status, a detail in
Swedish, and for bad input the fields named (`errors`: [{"field": "body.total", "message": …}]). A write
refused as stale carries the stored row (`current`), so the client can show it beside its own value."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpResponse
from ninja import Schema

MEDIA_TYPE = "application/problem+json"
TYPES = "https://styrkedja.se/problem/"


class FieldError(Schema):
    field: str
    message: str


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldError] | None = None
    current: dict[str, Any] | None = None


#: status → (type slug, title)
KINDS: dict[int, tuple[str, str]] = {
    400: ("bad-request", "Felaktig begäran"),
    401: ("unauthenticated", "Inloggning krävs"),
    403: ("forbidden", "Åtkomst nekad"),
    404: ("not-found", "Finns inte"),
    405: ("method-not-allowed", "Metoden stöds inte"),
    409: ("conflict", "Konflikt"),
    412: ("precondition-failed", "Villkoret uppfylls inte"),
    422: ("invalid", "Ogiltiga uppgifter"),
    503: ("unavailable", "Inte tillgängligt"),
}


def problem(
    status: int,
    detail: str,
    *,
    kind: str | None = None,
    title: str | None = None,
    instance: str | None = None,
    errors: list[dict[str, str]] | None = None,
    current: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    slug, default_title = KINDS.get(status, ("error", "Fel"))
    body: dict[str, Any] = {
        "type": TYPES + (kind or slug),
        "title": title or default_title,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = errors
    if current is not None:
        body["current"] = current
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, default=str), status=status, content_type=MEDIA_TYPE
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def field_name(loc: list[Any] | tuple[Any, ...]) -> str:
    """A pydantic location as a dotted field name: ("body", "data", "total") → "body.total"."""
    parts = [str(p) for p in loc if p not in ("data", "payload")]
    return ".".join(parts) or "body"


def document_problems(schema: dict[str, Any]) -> dict[str, Any]:
    """The OpenAPI document with every error response's body as `application/problem+json`."""
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content") or {}
                if str(status).startswith(("4", "5")) and "application/json" in content:
                    response["content"] = {MEDIA_TYPE: content["application/json"]}
    return schema
