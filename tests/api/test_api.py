"""The API's behaviour beside the access matrix: conditional reads (ETag → 304), pages and filters,
refusals as problem details naming the field, conflicts carrying the stored row, the browser's session
with CSRF, and personal access tokens (made and revoked on their page, stored hashed, expiring)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.test import Client
from django.utils import timezone

from styrkedja.exchange.models import ApiToken
from styrkedja.followup.models import Outcome
from tests.api.conftest import ApiClient


def test_a_read_carries_an_etag_and_a_client_that_has_it_gets_304(world, api_as):
    client = api_as("reader")
    first = client.get(f"/plans/{world.plan.pk}")
    etag = first["ETag"]
    assert first.status_code == 200 and etag.startswith('"')
    again = client.get(f"/plans/{world.plan.pk}", **{"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag
    # A change anywhere in what the read shows makes a new tag.
    api_as("controller").patch(
        f"/goals/{world.goals['1.1.1'].pk}", {"version": world.goals["1.1.1"].version, "comment": "Ny"}
    )
    changed = client.get(f"/plans/{world.plan.pk}", **{"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_lists_are_paged_and_filtered_by_organisation_and_period(world, api_as, round_):
    client = api_as("admin")
    page = client.get("/organisations?limit=1&offset=1").json()
    assert page["count"] == 2 and page["limit"] == 1  # the committee and its department
    assert [o["code"] for o in page["items"]] == ["jobbtorg"]
    assert [o["code"] for o in client.get("/organisations?kind=department").json()["items"]] == ["jobbtorg"]
    assert client.get("/plans?organisation=amn&year=2022").json()["count"] == 1
    assert client.get("/plans?year=2021").json()["count"] == 0
    assert [r["period"] for r in client.get("/rounds?organisation=amn&period=2022-T1").json()["items"]] == [
        "2022-T1"
    ]
    assert client.get("/rounds?period=2022-T2").json()["count"] == 0
    too_many = client.get("/plans?limit=100000")
    assert too_many.status_code == 422
    assert too_many.json()["errors"][0]["field"] == "query.limit"


def test_bad_input_is_refused_naming_the_field_in_swedish(world, api_as, round_):
    target = world.targets["feriejobb"]
    response = api_as("controller").put(
        f"/rounds/{round_.pk}/outcomes/{target.pk}", {"version": 0, "total": "4,5", "comment": 3}
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    fields = {e["field"]: e["message"] for e in problem["errors"]}
    assert "punkt som decimaltecken" in fields["body.total"]
    assert fields["body.comment"] == "ska vara text"
    assert "body.total" in problem["detail"]
    # The unit's rules are the service's: a count of 4.5 is refused by followup/values.py.
    by_unit = api_as("controller").put(
        f"/rounds/{round_.pk}/outcomes/{target.pk}", {"version": 0, "total": "4.5"}
    )
    assert by_unit.status_code == 422
    assert by_unit.json()["errors"] == [
        {"field": "body.total", "message": "Utfall 4,5 är inte ett helt antal ≥ 0."}
    ]
    assert not Outcome.objects.exists()


def test_a_stale_write_answers_409_with_the_stored_row_and_stores_nothing(world, api_as, round_):
    target = world.targets["feriejobb"]
    path = f"/rounds/{round_.pk}/outcomes/{target.pk}"
    first = api_as("reporter").put(path, {"version": 0, "total": "40", "forecast": "90"})
    assert first.status_code == 200 and first.json()["version"] == 1
    stale = api_as("controller").put(path, {"version": 0, "total": "41"})
    assert stale.status_code == 409
    problem = stale.json()
    assert problem["type"].endswith("/stale-version")
    assert problem["current"]["total"] == "40.0000" and problem["current"]["version"] == 1
    assert Outcome.objects.get().total == 40
    again = api_as("controller").put(path, {"version": 1, "total": "41"})
    assert again.status_code == 200 and Outcome.objects.get().total == 41
    history = Outcome.objects.get().history.order_by("history_id")
    assert [h.history_user.username for h in history] == ["reporter", "controller"]


def test_a_justification_is_required_where_the_service_asks_for_one(world, api_as, round_):
    activity = world.activities[0]
    response = api_as("controller").put(
        f"/rounds/{round_.pk}/activity-reports/{activity.pk}", {"version": 0, "status": "not_relevant"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.deviation"


def test_the_browser_session_reads_and_writes_with_csrf(world, round_):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["controller"])
    api = ApiClient(client=client)
    assert api.get("/organisations").status_code == 200
    target = world.targets["feriejobb"]
    path = f"/rounds/{round_.pk}/outcomes/{target.pk}"
    refused = api.put(path, {"version": 0, "total": "40"})
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    client.get("/konto/")  # any page sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    saved = api.put(path, {"version": 0, "total": "40"}, **{"X-CSRFToken": token})
    assert saved.status_code == 200


def test_tokens_are_made_and_revoked_on_their_page_and_stored_hashed(world):
    client = Client()
    client.force_login(world.users["reader"])
    page = client.post("/konto/api-nycklar/", {"name": "Skript", "scope": "read", "days": "30"})
    assert page.status_code == 201
    raw = page.content.decode().split('id="ny-nyckel">')[1].split("<")[0]
    stored = ApiToken.objects.get()
    assert stored.digest == hashlib.sha256(raw.encode()).hexdigest() and raw not in stored.digest
    assert raw.startswith(stored.prefix)
    api = ApiClient(raw)
    assert api.get("/organisations").status_code == 200
    assert ApiToken.objects.get().last_used is not None
    assert client.get("/konto/api-nycklar/").content.decode().count(raw) == 0  # shown once only
    client.post(f"/konto/api-nycklar/{stored.pk}/aterkalla/")
    assert api.get("/organisations").status_code == 401
    other = Client()
    other.force_login(world.users["admin"])
    assert other.post(f"/konto/api-nycklar/{stored.pk}/aterkalla/").status_code == 404


@pytest.mark.parametrize("days", ["0", "400", "x"])
def test_a_token_lives_at_most_a_year(world, days):
    client = Client()
    client.force_login(world.users["reader"])
    assert client.post("/konto/api-nycklar/", {"name": "S", "scope": "read", "days": days}).status_code == 200
    assert not ApiToken.objects.exists()


def test_an_expired_token_or_an_inactive_users_is_refused(world, api_as):
    client = api_as("reader")
    assert client.get("/organisations").status_code == 200
    ApiToken.objects.update(expires=timezone.now() - dt.timedelta(seconds=1))
    assert client.get("/organisations").status_code == 401
    ApiToken.objects.update(expires=timezone.now() + dt.timedelta(days=1))
    world.users["reader"].is_active = False
    world.users["reader"].save()
    assert client.get("/organisations").status_code == 401
    assert ApiClient("sdk_not-a-token").get("/organisations").status_code == 401


def test_the_schema_is_openapi_3_1_and_the_docs_are_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    assert "/api/v1/rounds/{round_id}/outcomes/{target_id}" in schema["paths"]
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and b"swagger-ui" in docs.content


def test_a_round_sums_up(world, api_as, round_):
    target = world.targets["feriejobb"]
    api_as("controller").put(f"/rounds/{round_.pk}/outcomes/{target.pk}", {"version": 0, "forecast": "96"})
    rollup = api_as("reader").get(f"/rounds/{round_.pk}/rollup").json()
    assert rollup["indicators"] == 4 and rollup["indicators_reported"] == 1 and rollup["targets_met"] == 1
    assert rollup["assessments"]["none"] == 4
    city = api_as("admin").get("/organisations/amn/rollup?period=2022-T1").json()
    assert [r["organisation"] for r in city["rounds"]] == ["amn"]
    bad = api_as("admin").get("/organisations/amn/rollup?period=T7")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "query.period"


def test_a_change_to_an_adopted_plan_answers_409_naming_the_adoption(world, api_as):
    from styrkedja.plans import lifecycle
    from styrkedja.plans.models import Target

    target = world.targets["inskrivningstid"]
    lifecycle.adopt(world.plan, decided_on=dt.date(2021, 12, 14), reference="AMN 1", by=None)
    response = api_as("controller").patch(f"/targets/{target.pk}", {"version": target.version, "value": "4"})
    assert response.status_code == 409
    assert "fastställd av nämnden" in response.json()["detail"]
    assert Target.objects.get(pk=target.pk).value == target.value
