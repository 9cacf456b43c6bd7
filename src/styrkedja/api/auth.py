"""Who calls: a personal access token (`Authorization: Bearer sdk_…`, exchange/tokens.py) for programs, or
the browser's session (with Django's CSRF check on writes) for pages that call the API. Either way the
caller acts as their user, with the user's roles in each organisation; a read token cannot write."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from styrkedja.accounts.security_log import record_token_use
from styrkedja.exchange import tokens

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class ReadOnlyToken(Exception):
    """A write with a token whose scope is read."""


class TokenAuth(HttpBearer):
    openapi_description = "En personlig åtkomsttoken (Konto → API-nycklar): `Authorization: Bearer sdk_…`."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = tokens.find_token(token)
        if found is None:
            record_token_use(request, user=None, token=token[: len(tokens.PREFIX) + 6], accepted=False)
            return None
        if request.method not in SAFE_METHODS and not tokens.allows_write(found):
            raise ReadOnlyToken
        if tokens.note_use(found):
            record_token_use(request, user=found.user, token=found.prefix)
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


class BrowserSession(SessionAuth):
    """The logged-in browser; writes must carry the CSRF token (header `X-CSRFToken`)."""

    openapi_description = "Inloggad webbläsare (sessionskaka); ändringar kräver CSRF-token i X-CSRFToken."

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if user.is_authenticated and user.is_active:
            return user
        return None


AUTH = [TokenAuth(), BrowserSession(csrf=True)]
