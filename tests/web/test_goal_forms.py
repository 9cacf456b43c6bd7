"""Adding and editing goals through the web, with validation and history."""

from __future__ import annotations

import pytest
from django.urls import reverse

from styrkedja.plans.models import Goal
from tests.factories import as_read


def test_it_updates_a_goal_and_its_expected_results_and_records_who_did_it(world, client_as):
    goal = world.goals["1.1.1"]
    response = client_as("controller").post(
        reverse("goal_edit", args=[goal.pk]),
        as_read(
            client_as("controller"),
            reverse("goal_edit", args=[goal.pk]),
            {
                "title": "Kvinnor och män arbetar eller studerar",
                "description": "Ny beskrivning.",
                "comment": "",
                "expected_results": "• Minst 65 procent arbetar eller studerar efter avslut.\n\nNy rad om samverkan.",
            },
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("goal", args=[goal.pk])
    goal.refresh_from_db()
    assert goal.title == "Kvinnor och män arbetar eller studerar"
    assert goal.comment == ""
    assert [r.text for r in goal.expected_results.all()] == [
        "Minst 65 procent arbetar eller studerar efter avslut.",
        "Ny rad om samverkan.",
    ]
    latest = goal.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == world.users["controller"]
    assert goal.expected_results.first().history.first().history_user == world.users["controller"]


def test_it_keeps_the_history_clean_when_nothing_changed(world, client_as):
    goal = world.goals["1.1"]
    before = goal.history.count()
    client_as("controller").post(
        reverse("goal_edit", args=[goal.pk]),
        as_read(
            client_as("controller"),
            reverse("goal_edit", args=[goal.pk]),
            {
                "title": goal.title,
                "description": goal.description,
                "comment": goal.comment,
                "expected_results": "",
            },
        ),
    )
    assert goal.history.count() == before


def test_it_requires_a_title(world, client_as):
    goal = world.goals["1.1.1"]
    response = client_as("controller").post(
        reverse("goal_edit", args=[goal.pk]),
        as_read(client_as("controller"), reverse("goal_edit", args=[goal.pk]), {"title": "  "}),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in html
    assert 'id="id_title_error"' in html
    assert 'aria-describedby="id_title_error"' in html
    assert "Formuläret kunde inte sparas" in html


def test_it_adds_a_child_goal_one_level_down_with_a_suggested_number(world, client_as):
    parent = world.goals["1.1"]
    client = client_as("director")
    form = client.get(reverse("goal_create_child", args=[parent.pk])).content.decode()
    assert 'value="1.1.2"' in form
    response = client.post(
        reverse("goal_create_child", args=[parent.pk]),
        as_read(
            client,
            reverse("goal_create_child", args=[parent.pk]),
            {
                "number": "1.1.2",
                "title": "Unga får feriejobb",
                "expected_results": "Minst 9 000 unga får feriejobb.",
            },
        ),
    )
    goal = Goal.objects.get(plan=world.plan, number="1.1.2")
    assert response["Location"] == reverse("goal", args=[goal.pk])
    assert goal.parent == parent
    assert goal.level == "committee"
    assert goal.history.first().history_user == world.users["director"]


def test_it_adds_a_direction_goal_to_the_plan(world, client_as):
    response = client_as("controller").post(
        reverse("goal_create", args=[world.plan.pk]),
        as_read(
            client_as("controller"),
            reverse("goal_create", args=[world.plan.pk]),
            {"number": "2", "title": "En hållbar stad"},
        ),
    )
    assert response.status_code == 302
    assert Goal.objects.get(plan=world.plan, number="2").level == "direction"


def test_it_refuses_a_taken_or_malformed_goal_number(world, client_as):
    client = client_as("controller")
    url = reverse("goal_create", args=[world.plan.pk])
    taken = client.post(url, as_read(client, url, {"number": "1", "title": "Dubblett"})).content.decode()
    assert "Planen har redan ett mål med nummer 1." in taken
    malformed = client.post(url, as_read(client, url, {"number": "1.a", "title": "Fel"})).content.decode()
    assert "Skriv numret som siffror med punkt emellan" in malformed
    dotted = client.post(url, as_read(client, url, {"number": "2.1", "title": "Fel nivå"})).content.decode()
    assert "Ett mål på nivån KF:s inriktningsmål numreras utan punkt" in dotted
    child_url = reverse("goal_create_child", args=[world.goals["1.1"].pk])
    elsewhere = client.post(
        child_url, as_read(client, child_url, {"number": "2.1.1", "title": "Fel gren"})
    ).content.decode()
    assert "Ett mål under 1.1 numreras 1.1.1, …" in elsewhere
    assert Goal.objects.filter(plan=world.plan).count() == 4


def test_it_saves_a_goal_and_its_expected_results_all_or_nothing(world, monkeypatch):
    from styrkedja.plans import editing
    from styrkedja.plans.models import ExpectedResult

    goal = world.goals["1.1.1"]

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ExpectedResult, "save", broken_save)
    data = {"title": "Ny rubrik", "description": "", "comment": "", "expected_results": ["Ny rad"]}
    with pytest.raises(RuntimeError):
        editing.update_goal(goal, data, by=world.users["controller"], expected_version=goal.version)
    goal = Goal.objects.get(pk=goal.pk)
    assert goal.title == "Kvinnor och män studerar eller arbetar"
    assert goal.history.count() == 1
