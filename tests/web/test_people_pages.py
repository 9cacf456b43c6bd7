"""The people page: an administrator invites and changes roles in the browser's forms; the page is the
administrators' only."""

from __future__ import annotations

from django.urls import reverse

from styrkedja.organisations.models import Membership, Role


def test_an_administrator_invites_a_person_and_changes_a_role(world, client_as):
    client = client_as("admin")
    url = reverse("people", args=["amn"])
    page = client.get(url).content.decode()
    assert "Personer och roller" in page and "Bjud in" in page
    bad = client.post(url, {"invite-email": "inte en adress", "invite-role": "reporter"})
    assert bad.status_code == 400 and "e-postadress" in bad.content.decode()
    done = client.post(url, {"invite-email": "anna@example.se", "invite-role": "reporter"})
    assert done.status_code == 302
    assert Membership.objects.get(user__email="anna@example.se").role == Role.REPORTER

    reader = world.users["reader"]
    membership = Membership.objects.get(user=reader, organisation=world.committee)
    prefix = f"p{reader.pk}"
    post = {
        f"{prefix}-version": membership.version,
        f"{prefix}-role": "controller",
        f"{prefix}-action": "set",
    }
    client.post(reverse("person_role", args=["amn", reader.pk]), post)
    membership.refresh_from_db()
    assert membership.role == Role.CONTROLLER
    stale = client.post(reverse("person_role", args=["amn", reader.pk]), post, follow=True)
    assert "ingenting ändrades" in stale.content.decode()


def test_the_organisation_page_links_the_people_page_for_administrators_only(world, client_as):
    link = reverse("people", args=["amn"])
    assert link in client_as("admin").get(reverse("organisation", args=["amn"])).content.decode()
    assert link not in client_as("controller").get(reverse("organisation", args=["amn"])).content.decode()
