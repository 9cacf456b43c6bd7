"""Mitt konto → Meddelanden: each user chooses the notices they get, with the version they read."""

from __future__ import annotations

from django.urls import reverse

from styrkedja.notices.models import NoticeChoice


def test_a_user_turns_a_notice_off_and_the_change_is_in_the_history(world, client_as):
    client = client_as("reporter")
    page = client.get(reverse("notice_choices")).content.decode()
    assert "Påminnelse före sista dag" in page and "checked" in page
    response = client.post(
        reverse("notice_choices"),
        {"version": "0", "before_deadline": "on", "returned": "on", "approved": "on"},
    )
    assert response.status_code == 302
    choice = NoticeChoice.objects.get(user=world.users["reporter"])
    assert choice.before_deadline and not choice.after_deadline
    assert choice.history.first().history_user == world.users["reporter"]


def test_a_stale_page_is_a_conflict_and_changes_nothing(world, client_as):
    client = client_as("reporter")
    client.post(reverse("notice_choices"), {"version": "0", "returned": "on"})
    response = client.post(reverse("notice_choices"), {"version": "0", "approved": "on"})
    assert response.status_code == 409
    choice = NoticeChoice.objects.get(user=world.users["reporter"])
    assert choice.returned and not choice.approved
    assert "har ändrat detta sedan du öppnade sidan" in response.content.decode()
