"""The main menu: Start and Att göra for everyone; one organisation's plans, follow-ups and (for its
administrators) people for a user whose roles are in that organisation; every link answers."""

from __future__ import annotations

import re

from django.test import Client

from styrkedja.organisations.models import Membership, Role


def menu(client: Client, path: str = "/") -> list[tuple[str, str, bool]]:
    page = client.get(path).content.decode()
    nav = re.search(r'<nav class="site-nav"[^>]*>(.*?)</nav>', page, re.S)
    assert nav is not None
    return [
        (label, href, "aria-current" in attrs)
        for href, attrs, label in re.findall(r'<a href="([^"]+)"([^>]*)>([^<]+)</a>', nav.group(1))
    ]


def test_a_reporter_gets_the_plans_and_follow_ups_of_the_organisation(world, client_as):
    client = client_as("reporter")
    items = menu(client)
    assert [label for label, _, _ in items] == ["Start", "Att göra", "Verksamhetsplaner", "Uppföljningar"]
    assert items[0][2] and not any(current for _, _, current in items[1:])  # the page it is on
    assert (
        dict((label, href) for label, href, _ in items)["Uppföljningar"]
        == "/organisationer/amn/uppfoljningar/"
    )
    for _, href, _ in items:
        assert client.get(href).status_code == 200, href


def test_an_administrator_also_gets_the_people(world, client_as):
    client = client_as("admin")
    items = menu(client, "/organisationer/amn/personer/")
    assert ("Personer", "/organisationer/amn/personer/", True) in items
    for _, href, _ in items:
        assert client.get(href).status_code == 200, href


def test_someone_with_roles_in_two_organisations_gets_start_and_todo(world, client_as):
    Membership.objects.create(
        user=world.users["reader"], organisation=world.other_committee, role=Role.READER
    )
    assert [label for label, _, _ in menu(client_as("reader"))] == ["Start", "Att göra"]


def test_no_menu_before_logging_in(world):
    page = Client().get("/logga-in/").content.decode()
    assert 'class="site-nav"' not in page
