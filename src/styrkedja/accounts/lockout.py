"""Lockouts (django-axes counts the failures): the ones in force, and an administrator's unlock."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from styrkedja.accounts.models import EventKind
from styrkedja.accounts.security_log import record

#: Set on a request whose login was refused because a lockout was already in force.
REFUSED_WHILE_LOCKED = "styrkedja_refused_while_locked"


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' backend, first in AUTHENTICATION_BACKENDS: an account or address that is locked out is
    refused before any password is hashed. Marks the request so the security log tells such attempts from
    the failure that caused the lockout."""

    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> Any:
        try:
            return super().authenticate(request, username, password, **kwargs)
        except AxesBackendPermissionDenied:
            setattr(request, REFUSED_WHILE_LOCKED, True)
            raise


@dataclass(frozen=True)
class Lockout:
    pk: int
    username: str
    address: str
    failures: int
    last_attempt: Any


def active_lockouts() -> list[Lockout]:
    attempts = AccessAttempt.objects.filter(failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return [
        Lockout(a.pk, a.username or "", a.ip_address or "", a.failures_since_start, a.attempt_time)
        for a in attempts.order_by("-attempt_time")
    ]


@transaction.atomic
def unlock(pk: int, *, by: Any, request: Any = None) -> Lockout | None:
    """Lift the lockout: the failures of that account and of that address are forgotten."""
    attempt = AccessAttempt.objects.filter(pk=pk).first()
    if attempt is None:
        return None
    lifted = Lockout(
        attempt.pk,
        attempt.username or "",
        attempt.ip_address or "",
        attempt.failures_since_start,
        attempt.attempt_time,
    )
    AccessAttempt.objects.filter(username=attempt.username).delete()
    AccessAttempt.objects.filter(ip_address=attempt.ip_address).delete()
    record(
        EventKind.UNLOCKED,
        request=request,
        user=by,
        unlocked_username=lifted.username,
        unlocked_address=lifted.address,
    )
    return lifted


def forget_account(username: str) -> None:
    """After a reset of the password by e-mail: the account's failures no longer count ."""
    AccessAttempt.objects.filter(username=username).delete()
