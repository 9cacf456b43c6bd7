"""Assigning a round's parts to reporters and setting its deadline on the round page, and the reporters'
to-do lists that follow from it."""

from __future__ import annotations

import re
from datetime import date

from django.test import Client
from django.urls import reverse

from styrkedja.followup.models import Round, RoundEvent, RoundStatus
from styrkedja.organisations.models import Role
from tests.factories import make_user, text_of


def assign(client, part, user_pk):
    return client.post(reverse("part_assign", args=[part.pk]), {f"tilldela{part.pk}-assignee": str(user_pk)})


def test_the_controller_sees_an_assignment_form_per_part_and_a_deadline_form(world, client_as, round_, part):
    html = client_as("controller").get(reverse("round", args=[round_.pk])).content.decode()
    assert f'action="{reverse("part_assign", args=[part.pk])}"' in html
    assert f'<label for="id_tilldela{part.pk}-assignee">Rapportör</label>' in html
    select = re.search(rf'<select name="tilldela{part.pk}-assignee".*?</select>', html, re.S).group(0)
    options = re.findall(r"<option[^>]*>([^<]*)</option>", select)
    # Reporters and above of the committee, with "all reporters" first; readers and outsiders are not there.
    assert options == ["Alla rapportörer", "admin", "controller", "director", "reporter"]
    assert '<option value="" selected>Alla rapportörer</option>' in select
    assert '<label for="id_sistadag-deadline">Sista dag för rapportörerna</label>' in html
    assert 'value="2022-05-10"' in html
    for name in ("reporter", "reader"):
        other = client_as(name).get(reverse("round", args=[round_.pk])).content.decode()
        assert "tilldela" not in other and "sistadag" not in other


def test_a_controller_assigns_a_part_and_the_event_is_shown(world, client_as, round_, part):
    reporter, client = world.users["reporter"], client_as("controller")
    response = assign(client, part, reporter.pk)
    assert response.status_code == 302
    part.refresh_from_db()
    assert part.assignee == reporter
    page = client.get(response.url)
    text = text_of(page)
    assert f"{part.title} är tilldelad reporter." in text
    assert re.search(rf"{re.escape(part.title)} Att fylla i Försenad reporter", text)  # the reporter's column
    assert f"Del tilldelad controller {part.title}: reporter" in text
    assert f'<option value="{reporter.pk}" selected>reporter</option>' in page.content.decode()

    assert assign(client, part, "").status_code == 302
    part.refresh_from_db()
    assert part.assignee is None


def test_a_reporter_gets_403_an_outsider_404_and_a_get_405(world, client_as, part):
    assert assign(client_as("reporter"), part, world.users["reporter"].pk).status_code == 403
    assert assign(client_as("outsider"), part, world.users["reporter"].pk).status_code == 404
    assert client_as("controller").get(reverse("part_assign", args=[part.pk])).status_code == 405
    deadline = reverse("round_deadline", args=[part.round_id])
    assert client_as("reporter").post(deadline, {"sistadag-deadline": "2022-06-01"}).status_code == 403
    assert client_as("outsider").post(deadline, {"sistadag-deadline": "2022-06-01"}).status_code == 404
    part.refresh_from_db()
    assert part.assignee is None
    assert Round.objects.get().deadline == date(2022, 5, 10)


def test_a_user_who_is_not_eligible_is_refused_next_to_the_select(world, client_as, part):
    response = assign(client_as("controller"), part, world.users["reader"].pk)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_tilldela{part.pk}-assignee_error"' in html
    assert "Välj en rapportör i listan." in html
    part.refresh_from_db()
    assert part.assignee is None
    assert not RoundEvent.objects.filter(action="part_assigned").exists()


def test_a_locked_round_answers_409(world, client_as, round_, part):
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.LOCKED)
    response = assign(client_as("controller"), part, world.users["reporter"].pk)
    assert response.status_code == 409
    assert "godkänd och låst" in response.content.decode()
    deadline = reverse("round_deadline", args=[round_.pk])
    assert client_as("controller").post(deadline, {"sistadag-deadline": "2022-06-01"}).status_code == 409
    page = client_as("controller").get(reverse("round", args=[round_.pk])).content.decode()
    assert "tilldela" not in page and "sistadag" not in page


def test_a_controller_sets_and_clears_the_deadline(world, client_as, round_):
    client = client_as("controller")
    url = reverse("round_deadline", args=[round_.pk])
    response = client.post(url, {"sistadag-deadline": "2022-06-01"}, follow=True)
    assert "Sista dag för rapportörerna är 2022-06-01." in text_of(response)
    round_.refresh_from_db()
    assert round_.deadline == date(2022, 6, 1)
    bad = client.post(url, {"sistadag-deadline": "första juni"})
    assert bad.status_code == 200 and "Skriv datumet som 2022-05-10." in bad.content.decode()
    client.post(url, {"sistadag-deadline": ""})
    round_.refresh_from_db()
    assert round_.deadline is None
    assert list(RoundEvent.objects.filter(action="deadline_set").values_list("comment", flat=True)) == [
        "2022-06-01",
        "Ingen sista dag",
    ]


def test_the_assigned_reporters_todo_list_has_the_part_and_another_reporters_does_not(
    world, client_as, round_, part
):
    other = Client()
    other.force_login(make_user("rebecka", role=Role.REPORTER, organisation=world.committee))
    # Before the assignment, the part is for any reporter of the committee.
    for client in (client_as("reporter"), other):
        assert part.title in text_of(client.get(reverse("todo")))
    assert assign(client_as("controller"), part, world.users["reporter"].pk).status_code == 302
    mine = text_of(client_as("reporter").get(reverse("todo")))
    assert part.title in mine and "2022-05-10" in mine
    assert "Du har inget att fylla i just nu." in text_of(other.get(reverse("todo")))
