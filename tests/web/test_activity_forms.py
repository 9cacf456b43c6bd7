"""Adding and editing activities."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from styrkedja.plans.models import Activity, ActivityKind
from tests.factories import as_read


def test_it_refuses_an_end_before_the_start_next_to_the_end_field(world, client_as):
    goal = world.goals["1.1.1"]
    response = client_as("controller").post(
        reverse("activity_create", args=[goal.pk]),
        as_read(
            client_as("controller"),
            reverse("activity_create", args=[goal.pk]),
            {"title": "Ny aktivitet", "start": "2022-06-30", "end": "2022-01-01", "kind": "committee"},
        ),
    )
    html = response.content.decode()
    assert 'id="id_end_error"' in html
    assert "Slutdatum kan inte ligga före startdatum." in html
    assert not Activity.objects.filter(title="Ny aktivitet").exists()


def test_it_adds_and_edits_an_activity(world, client_as):
    goal = world.goals["1.1.1"]
    client = client_as("controller")
    client.post(
        reverse("activity_create", args=[goal.pk]),
        as_read(
            client,
            reverse("activity_create", args=[goal.pk]),
            {
                "title": "Ny aktivitet",
                "start": "2022-01-01",
                "end": "2022-12-31",
                "kind": "council_assignment",
            },
        ),
    )
    activity = Activity.objects.get(title="Ny aktivitet")
    assert activity.kind == ActivityKind.COUNCIL_ASSIGNMENT
    assert activity.position == 3
    response = client.post(
        reverse("activity_edit", args=[activity.pk]),
        as_read(
            client,
            reverse("activity_edit", args=[activity.pk]),
            {"title": "Ny aktivitet", "start": "2022-02-01", "end": "2022-12-31", "kind": "committee"},
        ),
    )
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.start == date(2022, 2, 1)
    assert activity.history.first().history_user == world.users["controller"]
