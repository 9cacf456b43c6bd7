"""Personal access tokens of the API: made and revoked by their user, stored as SHA-256 only, with an
expiry and a scope (read, or read and write).

A token is `sdk_` and 43 random characters (256 bits), so a plain SHA-256 is enough to store it: there is
nothing to guess. `authenticate` answers the user of a valid token, or None; the API refuses a write with
a read token (`allows_write`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from styrkedja.exchange.models import ApiToken
from styrkedja.lib.vocabulary import TokenScope

PREFIX = "sdk_"
#: The longest a token may live.
MAX_DAYS = 366
#: How often a token's use is written down (its `last_used`, and the security log).
USE_RECORDED_EVERY = dt.timedelta(minutes=5)


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def create_token(user: Any, *, name: str, scope: str, days: int) -> tuple[ApiToken, str]:
    """A new token for the user: (the stored row, the token itself, to be shown once)."""
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Ge nyckeln ett namn."
    if scope not in TokenScope.values:
        errors["scope"] = f"Behörigheten måste vara en av {', '.join(TokenScope.values)}."
    if not 1 <= days <= MAX_DAYS:
        errors["days"] = f"Giltighetstiden är 1–{MAX_DAYS} dagar."
    if errors:
        raise ValidationError(errors)
    raw = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        prefix=raw[: len(PREFIX) + 6],
        digest=digest(raw),
        scope=scope,
        expires=timezone.now() + dt.timedelta(days=days),
    )
    return token, raw


def revoke_token(user: Any, pk: int) -> ApiToken:
    """Revoke one of the user's own tokens (another's answers DoesNotExist, as if it did not exist)."""
    token = ApiToken.objects.get(pk=pk, user=user)
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
    return token


def find_token(raw: str) -> ApiToken | None:
    """The token's row when it is valid now (known, not revoked, not expired, its user active)."""
    if not raw.startswith(PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(digest=digest(raw)).first()
    if token is None or token.revoked is not None or token.expires <= timezone.now():
        return None
    if not token.user.is_active:
        return None
    return token


def note_use(token: ApiToken) -> bool:
    """Write the token's use down at most every few minutes; whether it was written now."""
    now = timezone.now()
    if token.last_used is not None and now - token.last_used < USE_RECORDED_EVERY:
        return False
    ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    token.last_used = now
    return True


def allows_write(token: ApiToken) -> bool:
    return token.scope == TokenScope.WRITE
