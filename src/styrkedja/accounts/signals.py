"""The security log's receivers: logins, logouts, failed logins and lockouts, whichever view they came
from (our login page, the admin's, single sign-on)."""

from __future__ import annotations

import time
from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from styrkedja.accounts.lockout import REFUSED_WHILE_LOCKED
from styrkedja.accounts.models import EventKind
from styrkedja.accounts.security_log import record

#: Session keys: when the user logged in, and when the last request came (web/session_lifetime.py).
LOGGED_IN_AT = "styrkedja_logged_in_at"
SEEN_AT = "styrkedja_seen_at"


def login_method(request: Any) -> str:
    backend = request.session.get(BACKEND_SESSION_KEY, "") if request is not None else ""
    return "oidc" if backend.endswith("OIDCBackend") else "password"


@receiver(user_logged_in, dispatch_uid="styrkedja_security_login")
def logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is None:
        return
    now = int(time.time())
    request.session[LOGGED_IN_AT] = request.session[SEEN_AT] = now
    record(EventKind.LOGIN, request=request, user=user, method=login_method(request))


@receiver(user_logged_out, dispatch_uid="styrkedja_security_logout")
def logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and user is not None:
        record(EventKind.LOGOUT, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="styrkedja_security_login_failed")
def login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username") or "")
    detail = {"locked_out": True} if getattr(request, REFUSED_WHILE_LOCKED, False) else {}
    record(EventKind.LOGIN_FAILED, request=request, username=username, **detail)


@receiver(user_locked_out, dispatch_uid="styrkedja_security_locked_out")
def locked_out(
    sender: Any, request: Any, username: str | None, ip_address: str | None, **kwargs: Any
) -> None:
    """Once, when the failures reach the limit: django-axes signals again at each attempt while locked,
    and those attempts are in the log as failures marked `locked_out`."""
    if getattr(request, REFUSED_WHILE_LOCKED, False):
        return
    record(EventKind.LOCKED_OUT, request=request, username=username or "", locked_address=ip_address)
