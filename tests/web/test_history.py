"""History pages list who changed what, newest first."""

from __future__ import annotations

import re

from django.urls import reverse


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_it_lists_a_target_change_with_old_and_new_value_and_the_user(world, client_as):
    target = world.targets["inskrivningstid"]
    client = client_as("controller")
    client.post(
        reverse("target_edit", args=[target.pk]),
        {
            "name": target.indicator.name,
            "unit": "months",
            "direction": "lower",
            "periodicity": "year",
            "decimals": "1",
            "table": "committee",
            "value": "5,0",
            "kf_mode": "none",
        },
    )
    text = text_of(client_as("reader").get(reverse("history", args=["indikator", target.pk])))
    assert "Ändrad: Årsmål 2022" in text
    assert "Årsmål: 5,5 → 5" in text
    assert "Ändrad: Indikator" in text
    assert "Periodicitet: Tertial → År" in text
    assert "av controller" in text
    assert text.index("Ändrad: Årsmål") < text.index("Skapad: Årsmål")  # newest first


def test_it_lists_expected_result_changes_on_the_goal_history(world, client_as):
    goal = world.goals["1.1.1"]
    client_as("controller").post(
        reverse("goal_edit", args=[goal.pk]),
        {
            "title": goal.title,
            "description": goal.description,
            "comment": goal.comment,
            "expected_results": "En rad.",
        },
    )
    text = text_of(client_as("reader").get(reverse("history", args=["mal", goal.pk])))
    assert "Ändrad: Förväntat resultat" in text
    assert "Borttagen: Förväntat resultat" in text
    assert "→ En rad." in text
    assert "Skapad: Mål 1.1.1" in text
    assert "Nivå: Nämndmål Nummer: 1.1.1" in text  # a new object lists its values, without arrows


def test_it_lists_budget_changes_per_version(world, client_as):
    area = world.areas["Jobbtorg Stockholm"]
    budget = area.budgets.get(version=world.versions[0])
    budget.costs = "430.0"
    budget._history_user = world.users["director"]
    budget.save()
    text = text_of(client_as("reader").get(reverse("history", args=["omrade", area.pk])))
    assert "Ändrad: Budget VP 2022" in text
    assert "Kostnader: 425,9 → 430" in text
    assert "av director" in text


def test_it_answers_404_for_an_unknown_kind_of_history(world, client_as):
    assert client_as("admin").get(reverse("history", args=["okand", 1])).status_code == 404
