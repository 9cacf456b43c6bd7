"""The caller's own tokens through the API: listed, made (shown once), revoked; another's is 404."""

from __future__ import annotations

from tests.api.conftest import ApiClient


def test_a_token_is_made_listed_used_and_revoked(world, api_as):
    client = api_as("reader", scope="write")
    made = client.request("POST", "/tokens", {"name": "Rapportverktyg", "scope": "read", "days": 7})
    assert made.status_code == 201
    raw = made.json()["token"]
    assert raw.startswith("sdk_") and made.json()["prefix"] == raw[:10]
    listed = client.get("/tokens").json()
    assert "token" not in listed[0] and {t["name"] for t in listed} == {"test", "Rapportverktyg"}
    assert ApiClient(raw).get("/plans").status_code == 200
    assert api_as("admin").request("DELETE", f"/tokens/{made.json()['id']}").status_code == 404
    revoked = client.request("DELETE", f"/tokens/{made.json()['id']}")
    assert revoked.status_code == 200 and revoked.json()["revoked"] is not None
    assert ApiClient(raw).get("/plans").status_code == 401


def test_a_token_without_a_name_or_too_long_is_refused_naming_the_field(world, api_as):
    client = api_as("reader", scope="write")
    response = client.request("POST", "/tokens", {"name": "", "days": 400})
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {"body.name", "body.days"}
