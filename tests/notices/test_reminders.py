"""Deadline reminders by e-mail through a real SMTP server: to the reporter a part is assigned to, while
the part is not ready, once before the deadline and once after, each sent once; the user's choice holds."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from styrkedja.followup.workflow import assign_part, mark_ready, open_round
from styrkedja.lib.vocabulary import NoticeKind
from styrkedja.notices.choices import save_choice
from styrkedja.notices.models import SentNotice
from styrkedja.notices.reminders import send_reminders

DEADLINE = dt.date(2022, 5, 10)


@pytest.fixture
def assigned(world):
    """An open round with its goal part assigned to the reporter (who has an address)."""
    reporter = world.users["reporter"]
    reporter.email, reporter.first_name, reporter.last_name = "rapportor@example.se", "Rut", "Rapportör"
    reporter.save()
    round_ = open_round(world.committee, "2022-T1", by=world.users["controller"], deadline=DEADLINE)
    part = round_.parts.get(goal=world.goals["1.1.1"])
    assign_part(part, reporter, by=world.users["controller"])
    return part


def test_a_reminder_before_the_deadline_reaches_the_reporter_once(world, assigned, smtp_server, settings):
    settings.PUBLIC_URL = "https://styrkedja.example.se"
    assert send_reminders(DEADLINE - dt.timedelta(days=5)).sent == []  # too early
    outcome = send_reminders(DEADLINE - dt.timedelta(days=2))
    assert [n.kind for n in outcome.sent] == [NoticeKind.BEFORE_DEADLINE]
    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert mail["To"] == "rapportor@example.se"
    assert "Påminnelse" in mail["Subject"] and "Nämndmål 1.1.1" in mail["Subject"]
    text = mail.get_content()
    assert "Hej Rut Rapportör" in text and "senast 10 maj 2022" in text
    assert f"https://styrkedja.example.se/delar/{assigned.pk}/" in text

    # The next day, or a second server running the same command: nothing more.
    assert send_reminders(DEADLINE - dt.timedelta(days=1)).sent == []
    assert len(smtp_server.messages) == 1


def test_after_the_deadline_one_reminder_and_none_for_a_ready_part(world, assigned, smtp_server):
    outcome = send_reminders(DEADLINE + dt.timedelta(days=1))
    assert [n.kind for n in outcome.sent] == [NoticeKind.AFTER_DEADLINE]
    assert "Sista dagen har passerat" in smtp_server.messages[0]["Subject"]
    assert send_reminders(DEADLINE + dt.timedelta(days=2)).sent == []

    mark_ready(assigned, by=world.users["reporter"])
    assigned.round.deadline = DEADLINE + dt.timedelta(days=7)  # a new deadline is a new occasion …
    assigned.round.save()
    assert send_reminders(DEADLINE + dt.timedelta(days=6)).sent == []  # … but the part is ready
    assert len(smtp_server.messages) == 1


def test_a_reporter_who_said_no_gets_no_reminder(world, assigned, smtp_server):
    reporter = world.users["reporter"]
    save_choice(
        reporter, {kind: kind != NoticeKind.BEFORE_DEADLINE for kind in NoticeKind}, expected_version=0
    )
    outcome = send_reminders(DEADLINE - dt.timedelta(days=1))
    assert outcome.sent == [] and outcome.skipped == 1
    assert smtp_server.messages == [] and not SentNotice.objects.exists()


def test_a_reminder_that_cannot_be_sent_is_tried_again_the_next_run(world, assigned, settings, smtp_server):
    port, settings.EMAIL_PORT = settings.EMAIL_PORT, 1  # nothing listens on port 1
    assert send_reminders(DEADLINE - dt.timedelta(days=1)).sent == []
    assert not SentNotice.objects.exists()
    settings.EMAIL_PORT = port
    assert len(send_reminders(DEADLINE - dt.timedelta(days=1)).sent) == 1
    assert len(smtp_server.messages) == 1


def test_the_command_sends_lists_and_refuses_a_bad_date(world, assigned, smtp_server):
    out = StringIO()
    call_command("notices", "send", "--date", "2022-05-09", "--dry-run", stdout=out)
    assert "1 reminder(s) due" in out.getvalue() and smtp_server.messages == []
    out = StringIO()
    call_command("notices", "send", "--date", "2022-05-09", "--format", "json", stdout=out)
    sent = json.loads(out.getvalue())
    assert sent["date"] == "2022-05-09" and sent["sent"][0]["kind"] == "before_deadline"
    assert sent["sent"][0]["organisation"] == "amn" and len(smtp_server.messages) == 1
    with pytest.raises(CommandError, match="--date: '9 maj' is not a date"):
        call_command("notices", "send", "--date", "9 maj")
