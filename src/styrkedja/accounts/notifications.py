"""A notice by e-mail when what protects an account changes (password, second factor), so that its owner
notices a change they did not make. The change stands when the mail cannot be sent; that is logged."""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.core.mail import send_mail
from django.utils import timezone

logger = logging.getLogger(__name__)

SUBJECT = "styrkedja: en ändring av ditt konto"
CHANGES = {
    "password_changed": "Lösenordet till ditt konto har bytts",
    "password_reset": "Lösenordet till ditt konto har återställts via e-post",
    "second_factor_added": "Tvåstegsverifiering har slagits på för ditt konto (en ny autentiseringsapp)",
    "second_factor_removed": "Tvåstegsverifieringen har stängts av för ditt konto",
}


def notify_change(user: Any, change: str, address: str | None = None) -> bool:
    """Send the notice of `change` (a key of CHANGES) to the user's address, if there is one."""
    if not user.email:
        return False
    when = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    text = (
        f"Hej {user.get_full_name() or user.get_username()},\n\n"
        f"{CHANGES[change]} ({user.get_username()}) i styrkedja, {when}"
        f"{f' från adressen {address}' if address else ''}.\n\n"
        "Var det du behöver du inte göra något. Var det inte du: kontakta kommunens administratör för "
        "styrkedja genast.\n"
    )
    try:
        send_mail(SUBJECT, text, None, [user.email])
    except (OSError, smtplib.SMTPException) as exc:
        logger.error("notice %s to user %s not sent: %s", change, user.pk, exc)
        return False
    return True
