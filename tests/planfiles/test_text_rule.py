"""The plan and follow-up files hold text by the input rule (lib/text.py): a control character, a byte order
mark inside a text or a private-use character is refused naming the line and the field, and nothing is
written; a byte order mark at the very start of the file is not text and is read past."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pydantic import ValidationError

from styrkedja.planfiles.followup_schema import Cover, Outcome
from styrkedja.planfiles.reader import parse_text
from styrkedja.planfiles.schema import PlanFile
from styrkedja.plans.models import Plan

SMALL = Path(__file__).parent / "data" / "small.yaml"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("old", "new", "field", "reason"),
    [
        ("title: En stad för alla", 'title: "En stad för alla\\a"', "goals[0].title", "styrtecken (U+0007)"),
        ("name: Antal som fått jobb", 'name: "Antal\\ufeffsom fått jobb"', ".name", "BOM-tecken (U+FEFF)"),
        ("title: Verksamhetsplan 2022", 'title: "Verksamhetsplan \\ue000"', "title", "privat bruk (U+E000)"),
    ],
)
def test_a_plan_file_with_a_character_that_is_not_text_is_refused_naming_line_and_field(
    old, new, field, reason, tmp_path
):
    text = SMALL.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "bad.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("plan", "import", str(path))
    message = str(refused.value)
    assert f"{path}:" in message and field in message and reason in message
    assert not Plan.objects.exists()


def test_a_byte_order_mark_at_the_start_of_a_file_is_read_past():
    plan = parse_text("\ufeff" + SMALL.read_text(encoding="utf-8"), "bom.yaml", PlanFile)
    assert plan.year == 2022


def test_any_script_and_emoji_and_line_breaks_are_text_in_a_file():
    outcome = Outcome(goal="1.1", indicator="Antal 👍", comment="Bra 👍\n中文 ภาษาไทย\tעברית")
    assert outcome.comment.endswith("עברית")


@pytest.mark.parametrize(
    ("model", "values", "field"),
    [
        (Outcome, {"goal": "1.1", "indicator": "Antal", "comment": "Bra\x0cmer"}, "comment"),
        (Outcome, {"goal": "1.1", "indicator": "Antal", "as_printed": {"total": "7\x00"}}, "as_printed"),
        (Cover, {"case_officers": [], "title": "Rubrik\U0010fffd"}, "title"),
    ],
)
def test_every_string_of_every_field_of_a_follow_up_file_is_checked(model, values, field):
    with pytest.raises(ValidationError) as refused:
        model.model_validate(values)
    error = refused.value.errors()[0]
    assert error["loc"][0] == field and "innehåller" in error["msg"]
