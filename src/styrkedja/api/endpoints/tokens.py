"""The caller's own personal access tokens (exchange/tokens.py): listed, made and revoked. Another user's
token answers 404, as if it did not exist. The token itself is in the answer that makes it, and nowhere
else: only its SHA-256 is stored."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Router, Status

from styrkedja.api.problems import Problem
from styrkedja.api.schemas import TokenCreated, TokenNew, TokenOut
from styrkedja.exchange import tokens
from styrkedja.exchange.models import ApiToken

router = Router(tags=["Åtkomsttoken"])
READ = {304: None, 401: Problem, 403: Problem, 404: Problem, 422: Problem}
WRITE = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}


def _out(token: ApiToken) -> dict:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "scope": token.scope,
        "created": token.created,
        "expires": token.expires,
        "last_used": token.last_used,
        "revoked": token.revoked,
    }


@router.get("/tokens", response={200: list[TokenOut], **READ}, summary="Dina åtkomsttoken")
def list_tokens(request: HttpRequest):
    """Dina egna åtkomsttoken, även återkallade och utgångna (utan själva nyckeln)."""
    return [_out(t) for t in ApiToken.objects.filter(user_id=request.user.pk or 0).order_by("-created", "pk")]


@router.post("/tokens", response={201: TokenCreated, **WRITE}, summary="Skapa en åtkomsttoken")
def create_token(request: HttpRequest, data: TokenNew):
    """En ny åtkomsttoken för dig, med namn, behörighet (`read` eller `write`) och giltighet i dagar (1–366).
    Nyckeln (`token`) visas bara i detta svar."""
    token, raw = tokens.create_token(request.user, name=data.name, scope=data.scope, days=data.days)
    return Status(201, {**_out(token), "token": raw})


@router.delete("/tokens/{token_id}", response={200: TokenOut, **WRITE}, summary="Återkalla en åtkomsttoken")
def revoke_token(request: HttpRequest, token_id: int):
    """Återkalla en av dina token; den slutar gälla genast. En annans token svarar 404."""
    try:
        return _out(tokens.revoke_token(request.user, token_id))
    except ApiToken.DoesNotExist:
        raise Http404("Finns inte.") from None


__all__ = ["router"]
