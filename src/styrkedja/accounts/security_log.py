"""The security log: every event as a database row (the administrators' page and the admin show them) and
as one JSON line on standard output (logger `styrkedja.security`) for the municipality's log collection."""

from __future__ import annotations

import json
import logging
from typing import Any

from django.http import HttpRequest

from styrkedja.accounts.addresses import client_address
from styrkedja.accounts.models import EventKind, SecurityEvent

logger = logging.getLogger("styrkedja.security")


def record(
    kind: EventKind,
    *,
    request: HttpRequest | None = None,
    user: Any = None,
    username: str = "",
    **detail: Any,
) -> SecurityEvent:
    """Write one event. `user` defaults to the request's user when logged in; `username` to the user's."""
    request_user = getattr(request, "user", None)
    if user is None and request_user is not None and request_user.is_authenticated:
        user = request_user
    if user is not None and not username:
        username = user.get_username()
    event = SecurityEvent.objects.create(
        kind=kind,
        user=user,
        username=(username or "")[:150],
        address=client_address(request) if request is not None else None,
        path=request.get_full_path()[:500] if request is not None else "",
        detail=detail,
    )
    logger.info(
        json.dumps(
            {
                "event": str(kind),
                "at": event.at.isoformat(),
                "user": event.username,
                "user_id": user.pk if user is not None else None,
                "address": event.address,
                "path": event.path,
                **detail,
            },
            ensure_ascii=False,
            default=str,
            sort_keys=False,
        )
    )
    return event


def record_token_use(request: HttpRequest, *, user: Any, token: str, accepted: bool = True) -> SecurityEvent:
    """For the API's personal access tokens: `token` names the token (its id or prefix, never the secret)."""
    kind = EventKind.TOKEN_USED if accepted else EventKind.TOKEN_REFUSED
    return record(kind, request=request, user=user, token=token)
