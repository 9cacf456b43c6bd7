"""A user's choice of notices, and the notices sent (so that each is sent once, by whichever server)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from styrkedja.edits.versions import Versioned
from styrkedja.lib.vocabulary import NoticeKind


class NoticeChoice(Versioned):
    """What the user wants by e-mail; a user without a row gets everything."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_choice"
    )
    before_deadline = models.BooleanField(NoticeKind.BEFORE_DEADLINE.label, default=True)
    after_deadline = models.BooleanField(NoticeKind.AFTER_DEADLINE.label, default=True)
    returned = models.BooleanField(NoticeKind.RETURNED.label, default=True)
    approved = models.BooleanField(NoticeKind.APPROVED.label, default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "val av meddelanden"

    def __str__(self) -> str:
        return f"Meddelanden för {self.user}"

    def wants(self, kind: NoticeKind) -> bool:
        return bool(getattr(self, str(kind)))


class SentNotice(models.Model):
    """A notice sent (or being sent): one per user, part, kind and occasion (`key`: the deadline of a
    reminder, the history entry of a return or an approval). Its unique key is what keeps two servers, or
    a command run twice, from sending it twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    part = models.ForeignKey("followup.Part", on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    key = models.CharField(max_length=40)
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "part", "kind", "key"], name="notice_sent_once"),
            models.CheckConstraint(condition=models.Q(kind__in=NoticeKind.values), name="notice_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{NoticeKind.label_of(self.kind)} ({self.key})"
