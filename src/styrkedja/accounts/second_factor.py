"""The second factor: a time-based one-time code (TOTP, django-otp) from an authenticator app.

Optional for everyone; required at a password login for administrators (superusers, staff and anyone with
the Administratör role somewhere) while STYRKEDJA_ADMIN_TOTP is on. Sign-on through the identity provider
leaves the second factor to the provider.
"""

from __future__ import annotations

from base64 import b32encode
from typing import Any

import segno
from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from styrkedja.accounts.models import EventKind
from styrkedja.accounts.notifications import notify_change
from styrkedja.accounts.security_log import record
from styrkedja.organisations.models import Membership, Role

DEVICE_NAME = "Autentiseringsapp"


def is_administrator(user: Any) -> bool:
    return bool(
        user.is_superuser or user.is_staff or Membership.objects.filter(user=user, role=Role.ADMIN).exists()
    )


def confirmed_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def required_for(user: Any) -> bool:
    return settings.ADMIN_TOTP_REQUIRED and is_administrator(user)


def needs_code(user: Any) -> bool:
    """Whether a password login must be followed by a code (or, without an app yet, by enrolling one)."""
    return confirmed_device(user) is not None or required_for(user)


def unconfirmed_device(user: Any, pk: int | None) -> TOTPDevice | None:
    """The device the user is setting up (its id kept in the session), while it is not confirmed."""
    return TOTPDevice.objects.filter(pk=pk, user=user, confirmed=False).first() if pk else None


def new_device(user: Any) -> TOTPDevice:
    """A fresh, unconfirmed device; counts only once a code from it has been given (`confirm`)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as an SVG QR code (data URI) for the authenticator app."""
    return str(segno.make(device.config_url, error="m").svg_data_uri(scale=4, border=2))


def secret(device: TOTPDevice) -> str:
    """The key in base32, in groups of four, for typing into an app by hand."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def check(device: TOTPDevice, token: str, *, request: Any = None) -> bool:
    """Whether the code is right; a wrong one is logged (django-otp slows repeated failures down)."""
    token = "".join(token.split())
    allowed, _ = device.verify_is_allowed()
    ok = bool(allowed and token.isdigit() and device.verify_token(token))
    if not ok:
        record(EventKind.SECOND_FACTOR_FAILED, request=request, user=device.user)
    return ok


@transaction.atomic
def confirm(device: TOTPDevice, token: str, *, request: Any = None) -> bool:
    if not check(device, token, request=request):
        return False
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    event = record(EventKind.SECOND_FACTOR_ADDED, request=request, user=device.user)
    notify_change(device.user, EventKind.SECOND_FACTOR_ADDED.value, event.address)
    return True


@transaction.atomic
def remove(user: Any, *, request: Any = None) -> None:
    TOTPDevice.objects.filter(user=user).delete()
    event = record(EventKind.SECOND_FACTOR_REMOVED, request=request, user=user)
    notify_change(user, EventKind.SECOND_FACTOR_REMOVED.value, event.address)
