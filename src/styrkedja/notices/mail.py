"""The notices' texts and their sending: each notice is reserved in the database first (`SentNotice`, unique
per user, part, kind and occasion), then sent; a notice that cannot be sent gives its reservation back, so
the next run tries again, and is logged."""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from styrkedja.followup.models import Part
from styrkedja.lib.numbers import format_date_long
from styrkedja.lib.vocabulary import NoticeKind
from styrkedja.notices.models import NoticeChoice, SentNotice

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notice:
    user: Any
    part: Part
    kind: NoticeKind
    key: str
    comment: str = ""
    by_name: str = ""


def wants(user: Any, kind: NoticeKind) -> bool:
    """Whether the user gets this kind of notice: an active account with an address that has not said no."""
    if not user.is_active or not user.email:
        return False
    choice = NoticeChoice.objects.filter(user=user).first()
    return choice is None or choice.wants(kind)


def part_url(part: Part) -> str:
    return settings.PUBLIC_URL.rstrip("/") + reverse("part", args=[part.pk])


def subject(notice: Notice) -> str:
    round_ = notice.part.round
    what = {
        NoticeKind.BEFORE_DEADLINE: "Påminnelse",
        NoticeKind.AFTER_DEADLINE: "Sista dagen har passerat",
        NoticeKind.RETURNED: "Skickad tillbaka",
        NoticeKind.APPROVED: "Godkänd",
    }[notice.kind]
    return f"styrkedja: {what} – {notice.part.title} ({round_})"


def body(notice: Notice) -> str:
    part, round_ = notice.part, notice.part.round
    deadline = format_date_long(round_.deadline) if round_.deadline else ""
    name = notice.user.get_full_name() or notice.user.get_username()
    lines = [f"Hej {name},", ""]
    if notice.kind == NoticeKind.BEFORE_DEADLINE:
        lines.append(
            f"Delen {part.title} i {round_} ska vara klar senast {deadline} och är ännu inte markerad som klar."
        )
    elif notice.kind == NoticeKind.AFTER_DEADLINE:
        lines.append(
            f"Sista dagen för {round_} var {deadline}. Delen {part.title} är ännu inte markerad som klar."
        )
    elif notice.kind == NoticeKind.RETURNED:
        who = f" av {notice.by_name}" if notice.by_name else ""
        lines.append(f"Delen {part.title} i {round_} har skickats tillbaka till dig{who}.")
        if notice.comment:
            lines += ["", f"Kommentar: {notice.comment}"]
    else:
        who = f" av {notice.by_name}" if notice.by_name else ""
        lines.append(f"Delen {part.title} i {round_} har godkänts{who}. Tack!")
    lines += [
        "",
        f"Delen: {part_url(part)}",
        "",
        "Vilka meddelanden du får väljer du under Mitt konto → Meddelanden i styrkedja.",
    ]
    return "\n".join(lines) + "\n"


def send(notice: Notice) -> bool:
    """Send the notice once: False when it was sent before (by this or another server) or could not be
    sent now."""
    try:
        with transaction.atomic():
            sent = SentNotice.objects.create(
                user=notice.user, part=notice.part, kind=notice.kind, key=notice.key
            )
    except IntegrityError:
        return False
    try:
        send_mail(subject(notice), body(notice), None, [notice.user.email])
    except (OSError, smtplib.SMTPException) as exc:
        logger.error(
            "notice %s of part %s to user %s not sent: %s", notice.kind, notice.part.pk, notice.user.pk, exc
        )
        sent.delete()
        return False
    return True
