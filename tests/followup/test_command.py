"""`styrkedja followup import|assign|deadline`: importing a follow-up file, assigning a round's parts, setting its deadline."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from styrkedja.followup.models import Round, RoundEvent, RoundStatus
from styrkedja.organisations.models import Membership, Organisation, Role

pytestmark = pytest.mark.django_db
WHERE = ("--organisation", "testnamnd", "--period", "2022-T1")


@pytest.fixture
def reporter(round_):
    user = get_user_model().objects.create_user("rasmus", password="x" * 12)
    Membership.objects.create(user=user, organisation=round_.organisation, role=Role.REPORTER)
    return user


def test_a_goal_part_and_the_economics_are_assigned_and_cleared(round_, reporter, capsys):
    call_command("followup", "assign", *WHERE, "--goal", "1.1.1", "--user", "rasmus")
    assert (
        "Nämndmål 1.1.1 Kvinnor och män studerar eller arbetar: assigned to rasmus" in capsys.readouterr().out
    )
    assert round_.parts.get(goal__number="1.1.1").assignee == reporter
    call_command("followup", "assign", *WHERE, "--economics", "--user", "rasmus")
    assert round_.parts.get(goal__isnull=True).assignee == reporter
    call_command("followup", "assign", *WHERE, "--goal", "1.1.1", "--user", "-")
    assert round_.parts.get(goal__number="1.1.1").assignee is None
    event = RoundEvent.objects.filter(action="part_assigned").last()
    assert event.by is None and event.comment.endswith(": alla rapportörer")


def test_the_deadline_is_set_and_cleared(round_, capsys):
    call_command("followup", "deadline", *WHERE, "--date", "2022-05-10")
    round_.refresh_from_db()
    assert round_.deadline == dt.date(2022, 5, 10)
    assert "deadline 2022-05-10" in capsys.readouterr().out
    call_command("followup", "deadline", *WHERE, "--date", "-")
    round_.refresh_from_db()
    assert round_.deadline is None
    assert RoundEvent.objects.filter(action="deadline_set").count() == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--organisation", "ingen", "--period", "2022-T1", "--goal", "1.1.1", "--user", "rasmus"),
            "no organisation 'ingen'",
        ),
        (
            ("--organisation", "testnamnd", "--period", "2022-T2", "--goal", "1.1.1", "--user", "rasmus"),
            "has no follow-up for 2022-T2",
        ),
        (
            ("--organisation", "testnamnd", "--period", "2022-X9", "--goal", "1.1.1", "--user", "rasmus"),
            "2022-X9",
        ),
        ((*WHERE, "--goal", "9.9", "--user", "rasmus"), "no part for goal 9.9 (goals with a part: 1.1.1)"),
        ((*WHERE, "--goal", "1.1.1", "--user", "ingen"), "no user 'ingen'"),
        ((*WHERE, "--goal", "1.1.1", "--user", "nils"), "nils är inte rapportör i Testnämnden"),
    ],
)
def test_unknown_organisation_period_goal_or_user_is_a_clear_error(round_, reporter, args, message):
    get_user_model().objects.create_user("nils", password="x" * 12)  # a user without a role here
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("followup", "assign", *args)
    assert not RoundEvent.objects.filter(action="part_assigned").exists()


def test_a_bad_date_is_a_clear_error(round_):
    with pytest.raises(CommandError, match="'3 maj' is not a date; write YYYY-MM-DD"):
        call_command("followup", "deadline", *WHERE, "--date", "3 maj")


def test_a_locked_round_is_refused_with_its_message(round_, reporter):
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.LOCKED)
    locked = "Uppföljningen 2022-T1 för Testnämnden är godkänd och låst"
    with pytest.raises(CommandError, match=locked):
        call_command("followup", "assign", *WHERE, "--goal", "1.1.1", "--user", "rasmus")
    with pytest.raises(CommandError, match=locked):
        call_command("followup", "deadline", *WHERE, "--date", "2022-05-10")
    assert Organisation.objects.get(code="testnamnd").rounds.get().deadline is None


DEMO = Path(__file__).resolve().parents[2] / "src" / "styrkedja" / "demo"


def test_a_follow_up_file_is_imported_once_and_a_bad_one_changes_nothing(tmp_path, capsys):
    call_command("plan", "import", str(DEMO / "amn-2021.yaml"))
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        (DEMO / "amn-2021-T1.yaml").read_text(encoding="utf-8").replace("period: 2021-T1", "period: 2021-T9")
    )
    with pytest.raises(CommandError, match=rf"{re.escape(str(bad))}:\d+: period"):
        call_command("followup", "import", str(bad))
    assert not Round.objects.exists()
    call_command("followup", "import", str(DEMO / "amn-2021-T1.yaml"))
    assert "stored the follow-up 2021-T1 for amn" in capsys.readouterr().out
    round_ = Round.objects.get()
    assert (round_.outcomes.count(), round_.signatures.count(), round_.complaints.count()) == (48, 8, 12)
    with pytest.raises(CommandError, match="use --replace"):
        call_command("followup", "import", str(DEMO / "amn-2021-T1.yaml"))
