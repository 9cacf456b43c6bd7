"""What an authenticator app computes: the current TOTP code (RFC 6238) from a key."""

from __future__ import annotations

from base64 import b32decode

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


def code_from(secret: str, offset: int = 0) -> str:
    """From the key as the enrolment page shows it (base32 in groups of four)."""
    key = secret.replace(" ", "")
    return f"{totp(b32decode(key + '=' * (-len(key) % 8)), t0=0, step=30, digits=6, drift=offset):06d}"


def device_code(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=offset):06d}"
