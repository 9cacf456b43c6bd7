"""Pages for a signed-in person carry `Cache-Control: no-store` (web/nostore.py): Back fetches them again."""

from __future__ import annotations

from django.urls import reverse


def test_a_signed_in_persons_pages_and_forms_are_not_stored(world, client_as, round_):
    client = client_as("controller")
    for url in (
        reverse("rounds", args=["amn"]),
        reverse("round", args=[round_.pk]),
        reverse("round_cover", args=[round_.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"], url
        assert "private" in response["Cache-Control"], url
