"""Reminders of a round's deadline to the reporter a part is assigned to, while the part is not ready:
once in the days before the deadline, and once after it has passed. A changed deadline is a new occasion.
Run daily (`styrkedja notices send`, e.g. from cron or a systemd timer on one or several servers: each
reminder is sent once)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings

from styrkedja.followup.models import Part
from styrkedja.lib.vocabulary import NoticeKind, PartStatus, RoundStatus
from styrkedja.notices.mail import Notice, send, wants


@dataclass
class Outcome:
    sent: list[Notice] = field(default_factory=list)
    skipped: int = 0  # already sent, not wanted, or not sendable now


def due(today: dt.date, days_before: int | None = None) -> list[Notice]:
    """The reminders due today, one query."""
    days = settings.NOTICE_DAYS_BEFORE if days_before is None else days_before
    parts = (
        Part.objects.filter(
            round__status=RoundStatus.OPEN,
            round__deadline__isnull=False,
            round__deadline__lte=today + dt.timedelta(days=days),
            status__in=[PartStatus.TODO, PartStatus.RETURNED],
            assignee__isnull=False,
        )
        .select_related("round__organisation", "assignee")
        .order_by("round__deadline", "round_id", "position")
    )
    notices = []
    for part in parts:
        deadline = part.round.deadline
        assert deadline is not None
        kind = NoticeKind.BEFORE_DEADLINE if today <= deadline else NoticeKind.AFTER_DEADLINE
        notices.append(Notice(part.assignee, part, kind, deadline.isoformat()))
    return notices


def send_reminders(today: dt.date, days_before: int | None = None, *, dry_run: bool = False) -> Outcome:
    outcome = Outcome()
    for notice in due(today, days_before):
        if not wants(notice.user, notice.kind):
            outcome.skipped += 1
        elif dry_run or send(notice):
            outcome.sent.append(notice)
        else:
            outcome.skipped += 1
    return outcome
