"""Single sign-on with OpenID Connect (mozilla-django-oidc): just-in-time accounts keyed by the provider's
subject, names and e-mail from its claims, roles from its groups (accounts/roles.py), logout at the
provider."""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from styrkedja.accounts.models import ExternalAccount
from styrkedja.accounts.roles import sync_roles

#: Seconds of clock difference tolerated between the provider and us.
LEEWAY = 60


def check_id_token(payload: dict[str, Any], client_id: str, now: float) -> None:
    """What mozilla-django-oidc leaves unchecked after the signature and the nonce: the ID token was issued
    for this client and has not expired (OpenID Connect Core 3.1.3.7)."""
    audience = payload.get("aud")
    audiences = [audience] if isinstance(audience, str) else list(audience or [])
    if client_id not in audiences:
        raise SuspiciousOperation("The ID token was issued for another client.")
    try:
        expires = float(payload["exp"])
    except (KeyError, TypeError, ValueError):
        raise SuspiciousOperation("The ID token has no valid expiry.") from None
    if expires < now - LEEWAY:
        raise SuspiciousOperation("The ID token has expired.")


def claimed_groups(claims: dict[str, Any]) -> list[str]:
    groups = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    if isinstance(groups, str):
        groups = [groups]
    return [str(group) for group in groups]


class MunicipalityOIDCBackend(OIDCAuthenticationBackend):
    def verify_token(self, token: str, **kwargs: Any) -> dict[str, Any]:
        payload: dict[str, Any] = super().verify_token(token, **kwargs)
        check_id_token(payload, settings.OIDC_RP_CLIENT_ID, time.time())
        return payload

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> dict[str, Any]:
        """The ID token's claims with the userinfo endpoint's on top (groups may come in either)."""
        return {**payload, **super().get_userinfo(access_token, id_token, payload)}

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        return get_user_model().objects.filter(external_account__subject=claims["sub"])

    def _free_username(self, claims: dict[str, Any]) -> str:
        """The provider's user name when no local account has it, else one made from the subject: an
        account from the provider never takes over a local account of the same name."""
        User = get_user_model()
        wanted = str(claims.get(settings.OIDC_USERNAME_CLAIM) or "").strip()[:150]
        if wanted and not User.objects.filter(username=wanted).exists():
            return wanted
        return f"oidc-{claims['sub']}"[:150]

    @transaction.atomic
    def create_user(self, claims: dict[str, Any]) -> Any:
        user = get_user_model().objects.create_user(self._free_username(claims))
        user.set_unusable_password()
        user.save()
        ExternalAccount.objects.create(user=user, subject=claims["sub"])
        return self.update_user(user, claims)

    @transaction.atomic
    def update_user(self, user: Any, claims: dict[str, Any]) -> Any:
        user.first_name = str(claims.get("given_name", user.first_name))[:150]
        user.last_name = str(claims.get("family_name", user.last_name))[:150]
        user.email = str(claims.get("email", user.email))[:254]
        user.save()
        groups = claimed_groups(claims)
        ExternalAccount.objects.filter(user=user).update(groups=groups, last_login=timezone.now())
        sync_roles(user, groups, settings.OIDC_GROUP_ROLES, request=getattr(self, "request", None))
        return user


def provider_logout_url(request: HttpRequest) -> str:
    """Where logging out sends the browser: the provider's end-session endpoint, which ends the sign-on
    there too and comes back to the login page; the login page when the provider has none."""
    back = request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL))
    endpoint = settings.OIDC_OP_END_SESSION_ENDPOINT
    if not endpoint:
        return back
    params = {"post_logout_redirect_uri": back, "client_id": settings.OIDC_RP_CLIENT_ID}
    id_token = request.session.get("oidc_id_token")
    if id_token:
        params["id_token_hint"] = id_token
    return f"{endpoint}?{urlencode(params)}"
