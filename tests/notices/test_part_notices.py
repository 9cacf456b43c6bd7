"""A part returned or approved is told to its reporter by e-mail, after the change is committed, once."""

from __future__ import annotations

import datetime as dt

import pytest

from styrkedja.followup.workflow import approve_part, assign_part, mark_ready, open_round, return_part
from styrkedja.lib.vocabulary import NoticeKind
from styrkedja.notices.choices import save_choice


@pytest.fixture
def assigned(world):
    reporter = world.users["reporter"]
    reporter.email = "rapportor@example.se"
    reporter.save()
    controller = world.users["controller"]
    controller.first_name, controller.last_name = "Karl", "Kontroll"
    controller.save()
    round_ = open_round(world.committee, "2022-T1", by=controller, deadline=dt.date(2022, 5, 10))
    part = round_.parts.get(goal=world.goals["1.1.1"])
    assign_part(part, reporter, by=controller)
    return part


@pytest.mark.django_db(transaction=True)
def test_a_return_and_an_approval_reach_the_reporter(world, assigned, smtp_server):
    controller = world.users["controller"]
    mark_ready(assigned, by=world.users["reporter"])
    assert smtp_server.messages == []  # ready is the reporter's own step
    return_part(assigned, by=controller, comment="Prognosen för feriejobb verkar låg.")
    assert len(smtp_server.messages) == 1
    returned = smtp_server.messages[0]
    assert returned["To"] == "rapportor@example.se" and "Skickad tillbaka" in returned["Subject"]
    assert "av Karl Kontroll" in returned.get_content()
    assert "Kommentar: Prognosen för feriejobb verkar låg." in returned.get_content()

    mark_ready(assigned, by=world.users["reporter"])
    approve_part(assigned, by=controller)
    assert len(smtp_server.messages) == 2 and "Godkänd" in smtp_server.messages[1]["Subject"]


@pytest.mark.django_db(transaction=True)
def test_a_second_return_is_told_again_and_a_reporter_may_say_no(world, assigned, smtp_server):
    controller, reporter = world.users["controller"], world.users["reporter"]
    for _ in range(2):
        mark_ready(assigned, by=reporter)
        return_part(assigned, by=controller, comment="Se över analysen.")
    assert len(smtp_server.messages) == 2
    save_choice(reporter, {kind: kind != NoticeKind.APPROVED for kind in NoticeKind}, expected_version=0)
    mark_ready(assigned, by=reporter)
    approve_part(assigned, by=controller)
    assert len(smtp_server.messages) == 2
