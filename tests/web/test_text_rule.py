"""The input rule in the web forms: a text field refuses a character that is not text, under the field,
naming the character and where it stands; nothing is saved. Any script and emoji are text."""

from __future__ import annotations

import pytest
from django.urls import reverse

from styrkedja.followup.models import Assessment


def goal_data(**values: str) -> dict[str, str]:
    return {
        "title": "Kvinnor och män arbetar",
        "description": "",
        "comment": "",
        "expected_results": "",
        **values,
    }


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("title", "Kvinnor\x01 och män", "styrtecken (U+0001) på plats 8"),
        ("title", "Rad ett\nrad två", "radbrytning (U+000A) på plats 8; fältet har bara en rad"),
        ("description", "Bra\ufeff", "BOM-tecken (U+FEFF) på plats 4"),
        ("comment", "Logga \ue000", "tecken för privat bruk (U+E000) på plats 7"),
    ],
)
def test_a_goal_field_with_a_character_that_is_not_text_is_refused_under_the_field(
    world, client_as, field, value, reason
):
    goal = world.goals["1.1.1"]
    before = goal.title
    response = client_as("controller").post(
        reverse("goal_edit", args=[goal.pk]), goal_data(version=str(goal.version), **{field: value})
    )
    html = response.content.decode()
    assert response.status_code == 200 and f'id="id_{field}_error"' in html and reason in html
    goal.refresh_from_db()
    assert goal.title == before


def test_any_script_emoji_and_line_breaks_in_a_text_area_are_saved(world, client_as):
    goal = world.goals["1.1.1"]
    text = "Bra 👍\n中文 ภาษาไทย\tעברית"
    response = client_as("controller").post(
        reverse("goal_edit", args=[goal.pk]),
        goal_data(version=str(goal.version), title="Mål 🎯 för alla", description=text),
    )
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Mål 🎯 för alla" and goal.description == text


def test_an_assessment_with_a_control_character_is_refused_and_not_saved(world, client_as, round_, part):
    url = reverse("assessment", args=[round_.pk, world.goals["1.1.1"].pk])
    data = {"value": "", "analysis": "Bra\x07 gjort", "justification": "", "version": "0"}
    response = client_as("reporter").post(url, data)
    html = response.content.decode()
    assert response.status_code == 200 and 'id="id_analysis_error"' in html and "U+0007" in html
    assert not Assessment.objects.exists()
