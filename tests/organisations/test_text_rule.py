"""The input rule at the database's door: every way of writing a row of the plans, the budget, the
follow-up or the organisations refuses a text that is not text, naming the field; a text stored before the
rule does not block other changes to its row."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from styrkedja.audit import save_by
from styrkedja.followup.models import RoundEvent
from styrkedja.followup.workflow import open_round, reopen_round
from styrkedja.plans.editing import update_goal
from styrkedja.plans.models import Goal


def test_a_service_refuses_a_control_character_naming_the_field(world):
    goal = world.goals["1.1.1"]
    with pytest.raises(ValidationError) as refused:
        update_goal(
            goal,
            {"title": goal.title, "description": "Bra\x01"},
            by=world.users["controller"],
            expected_version=goal.version,
        )
    assert "Beskrivning: innehåller ett styrtecken (U+0001) på plats 4" in refused.value.messages[0]
    assert Goal.objects.get(pk=goal.pk).description != "Bra\x01"


def test_a_field_of_one_line_refuses_a_line_break_and_a_text_field_takes_it(world):
    goal = world.goals["1.1.1"]
    goal.description = "Rad ett\nrad två\tmed tabb"
    save_by(goal, None)
    goal.title = "Rad ett\nrad två"
    with pytest.raises(ValidationError) as refused:
        save_by(goal, None)
    assert "radbrytning (U+000A)" in refused.value.messages[0]


def test_every_way_of_writing_is_checked_a_create_too(world):
    with pytest.raises(ValidationError):
        Goal.objects.create(plan=world.plan, number="9", title="Privat \ue000", level="direction", position=9)
    round_ = open_round(world.committee, "2022-T1", by=None)
    with pytest.raises(ValidationError):
        RoundEvent.objects.create(round=round_, action="opened", comment="Skäl\x1b[31m")


def test_reopening_with_a_reason_that_is_not_text_is_refused(world):
    round_ = open_round(world.committee, "2022-T1", by=None)
    type(round_).objects.filter(pk=round_.pk).update(status="locked")
    with pytest.raises(ValidationError):
        reopen_round(round_, by=world.users["director"], reason="Fel\x00")


def test_a_text_stored_before_the_rule_does_not_block_a_change_to_another_field(world):
    goal = world.goals["1.1.1"]
    Goal.objects.filter(pk=goal.pk).update(comment="Inklistrat ur en PDF\x0c")  # as stored before the rule
    goal.refresh_from_db()
    goal.description = "En ny beskrivning."
    save_by(goal, None)
    goal.refresh_from_db()
    assert goal.description == "En ny beskrivning." and goal.comment.endswith("\x0c")
