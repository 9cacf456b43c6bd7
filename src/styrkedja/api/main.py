"""The API itself: `/api/v1/`, its OpenAPI 3.1 document at `/api/v1/openapi.json` and the browsable
documentation at `/api/v1/docs`. Every refusal is a problem document (problems.py); every GET an ETag
(conditional.py)."""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.docs import Swagger, _csrf_needed

from styrkedja.accounts.models import EventKind
from styrkedja.accounts.security_log import record
from styrkedja.api import conditional
from styrkedja.api.auth import AUTH, ReadOnlyToken
from styrkedja.api.problems import document_problems, field_name, problem
from styrkedja.edits.versions import Conflict, MissingVersion
from styrkedja.followup.values import Invalid
from styrkedja.lib.outcomes import FIELDS_SV
from styrkedja.plans.locking import Locked

DESCRIPTION = """\
styrkedjas API: organisationer, verksamhetsplaner (målträd, indikatorer, målvärden, aktiviteter, budget),
uppföljningar med delar, utfall, bedömningar, aktivitetsrapporter, ekonomiska prognoser, avstämningsfynd,
sammanställningar och rapporter.

Samma roller och regler som webben: en annan organisations objekt svarar 404, en för låg roll 403, en
godkänd och låst uppföljning 409. Varje ändring anger versionen av raden den bygger på; en inaktuell
version ger 409 med det sparade värdet (`current`). Fel beskrivs som RFC 9457 problem details.
"""


class OwnSwagger(Swagger):
    """Swagger UI from our own static files, always: django-ninja would fetch it from a CDN (which the
    site's Content-Security-Policy, rightly, refuses) unless "ninja" is an installed app, and it is not
    one here (settings.py: its templates and static files are found by path, to keep start-up fast)."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            "add_csrf": _csrf_needed(api),
        }
        return render(request, self.template, context)


class Api(NinjaAPI):
    def create_response(
        self,
        request: HttpRequest,
        data: Any,
        *,
        status: int | None = None,
        temporal_response: HttpResponse | None = None,
    ) -> HttpResponse:
        response = super().create_response(request, data, status=status, temporal_response=temporal_response)
        return conditional.conditional(request, response)

    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        return document_problems(super().get_openapi_schema(*args, **kwargs))


api = Api(
    title="styrkedja",
    version="1",
    description=DESCRIPTION,
    auth=AUTH,
    urls_namespace="api",
    docs=OwnSwagger(),
)


#: pydantic's error types in Swedish; others keep pydantic's own words.
MESSAGES = {
    "missing": "saknas",
    "int_parsing": "ska vara ett heltal",
    "int_type": "ska vara ett heltal",
    "int_from_float": "ska vara ett heltal",
    "decimal_parsing": 'ska vara ett tal med punkt som decimaltecken, till exempel "72.5"',
    "decimal_type": 'ska vara ett tal med punkt som decimaltecken, till exempel "72.5"',
    "decimal_max_digits": "har för många siffror",
    "decimal_max_places": "har för många decimaler",
    "decimal_whole_digits": "har för många siffror före decimaltecknet",
    "finite_number": "ska vara ett ändligt tal",
    "date_from_datetime_parsing": "ska vara ett datum som 2022-05-10",
    "date_parsing": "ska vara ett datum som 2022-05-10",
    "date_type": "ska vara ett datum som 2022-05-10",
    "enum": "ska vara ett av de tillåtna värdena",
    "literal_error": "ska vara ett av de tillåtna värdena",
    "string_type": "ska vara text",
    "string_too_short": "får inte vara tomt",
    "string_too_long": "är för långt",
    "greater_than_equal": "är för litet",
    "less_than_equal": "är för stort",
    "bool_parsing": "ska vara true eller false",
    "bool_type": "ska vara true eller false",
    "list_type": "ska vara en lista",
    "model_attributes_type": "ska vara ett JSON-objekt",
    "dict_type": "ska vara ett JSON-objekt",
    "json_invalid": "är inte giltig JSON",
}


def _message(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    if kind == "enum" and "expected" in error.get("ctx", {}):
        return f"ska vara ett av {error['ctx']['expected']}"
    if kind in ("greater_than_equal", "less_than_equal") and "ctx" in error:
        limit = next(iter(error["ctx"].values()), "")
        return f"{MESSAGES[kind]} (gräns {limit})"
    if kind == "value_error":
        return str(error.get("msg", "")).removeprefix("Value error, ")
    return MESSAGES.get(kind, str(error.get("msg", "ogiltigt värde")))


@api.exception_handler(NinjaValidationError)
def _invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        loc = error.get("loc", ())
        message = _message(error)
        # A model validator's message names its field first ("end: …").
        if error.get("type") == "value_error" and ": " in message and " " not in message.split(": ")[0]:
            name, _, message = message.partition(": ")
            loc = (*loc, name)
        errors.append({"field": field_name(loc), "message": message})
    names = ", ".join(dict.fromkeys(e["field"] for e in errors))
    return problem(422, f"Ogiltiga uppgifter: {names}.", errors=errors, instance=request.path)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return problem(
        401,
        "Logga in, eller ange en giltig åtkomsttoken: Authorization: Bearer sdk_…",
        instance=request.path,
        headers={"WWW-Authenticate": 'Bearer realm="styrkedja"'},
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    detail = str(exc)
    if "CSRF" in detail:
        detail = "CSRF-kontrollen misslyckades: skicka sidans CSRF-token i X-CSRFToken."
    elif exc.status_code == 400:
        detail = "Begärans innehåll går inte att läsa: skicka giltig JSON i UTF-8."
    return problem(exc.status_code, detail, instance=request.path)


@api.exception_handler(ReadOnlyToken)
def _read_only(request: HttpRequest, exc: ReadOnlyToken) -> HttpResponse:
    return problem(
        403, "Åtkomsttoken får bara läsa; skapa en med behörigheten att ändra.", kind="read-only-token"
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    if request.user.is_authenticated:
        record(EventKind.NOT_FOUND, request=request, method=request.method)
    return problem(404, "Finns inte.", instance=request.path)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    record(EventKind.PERMISSION_DENIED, request=request, method=request.method)
    return problem(403, str(exc) or "Din roll räcker inte för detta.", instance=request.path)


@api.exception_handler(Locked)
def _locked(request: HttpRequest, exc: Locked) -> HttpResponse:
    return problem(409, str(exc), kind="locked", title="Låst", instance=request.path)


@api.exception_handler(Conflict)
def _conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
    from styrkedja.api.endpoints.serialize import current_of

    return problem(
        409,
        "Någon annan har ändrat raden sedan du läste den; ditt värde sparades inte. Det sparade står i "
        "`current`; skicka igen med dess version för att ersätta det.",
        kind="stale-version",
        title="Inaktuell version",
        instance=request.path,
        current=current_of(exc.current),
    )


@api.exception_handler(Invalid)
def _invalid_values(request: HttpRequest, exc: Invalid) -> HttpResponse:
    errors = [
        {"field": f"body.{name}", "message": message}
        for name, messages in exc.verdict.errors.items()
        for message in messages
    ]
    names = ", ".join(FIELDS_SV.get(name, name) for name in exc.verdict.errors)
    return problem(422, f"Ogiltiga värden: {names}.", errors=errors, instance=request.path)


@api.exception_handler(DjangoValidationError)
def _refused(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = [
            {"field": name if "." in name else f"body.{name}", "message": message}
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    else:
        errors = [{"field": "body", "message": message} for message in exc.messages]
    return problem(422, " ".join(e["message"] for e in errors), errors=errors, instance=request.path)


@api.exception_handler(MissingVersion)
def _missing_version(request: HttpRequest, exc: MissingVersion) -> HttpResponse:
    return problem(
        422, str(exc), errors=[{"field": "body.version", "message": str(exc)}], instance=request.path
    )


@api.exception_handler(IntegrityError)
def _integrity(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
    return problem(
        422, "Värdena bryter mot en regel för sparade data; kontrollera dem.", instance=request.path
    )


def _register() -> None:
    from styrkedja.api.endpoints import (
        cover,
        economy,
        kolada,
        opendata,
        organisations,
        plans,
        reports,
        rounds,
        tables,
        tokens,
        workbooks,
        workflow,
    )

    for module in (
        organisations, plans, rounds, workflow, cover, economy, reports, workbooks, tables, kolada, opendata,
        tokens,
    ):  # fmt: skip
        api.add_router("/", module.router)


_register()
