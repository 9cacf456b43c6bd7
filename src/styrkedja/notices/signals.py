"""A part returned or approved is told to its reporter, after the change is committed. The part's history
(django-simple-history) is what is listened to: every way of returning or approving a part (the web, the
API, a command) writes it, and its entry is the occasion that makes the notice unique."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.dispatch import receiver
from simple_history.signals import post_create_historical_record

from styrkedja.followup.models import Part
from styrkedja.lib.vocabulary import NoticeKind, PartStatus
from styrkedja.notices.mail import Notice, send, wants

TOLD = {PartStatus.RETURNED: NoticeKind.RETURNED, PartStatus.APPROVED: NoticeKind.APPROVED}


@receiver(post_create_historical_record)
def tell_the_reporter(sender: Any, instance: Any, history_instance: Any, **kwargs: Any) -> None:
    if not isinstance(instance, Part) or history_instance.history_type != "~":
        return
    kind = TOLD.get(PartStatus(instance.status)) if instance.status in PartStatus.values else None
    if kind is None or instance.assignee_id is None:
        return
    previous = history_instance.prev_record
    if previous is not None and previous.status == instance.status:
        return
    by = history_instance.history_user
    by_name = (by.get_full_name() or by.get_username()) if by is not None else ""
    part_pk, comment, key = instance.pk, instance.comment, f"history-{history_instance.history_id}"

    def after_commit() -> None:
        part = Part.objects.select_related("round__organisation", "assignee").get(pk=part_pk)
        if part.assignee is not None and wants(part.assignee, kind):
            send(Notice(part.assignee, part, kind, key, comment=comment, by_name=by_name))

    transaction.on_commit(after_commit)
