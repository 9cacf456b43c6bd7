"""A round's omslutning, budget adjustments and intäktskrav forecasts through the API
(followup/economy_editing.py): versions, validation naming the field, other rounds' rows 404."""

from __future__ import annotations

from decimal import Decimal

from styrkedja.followup.models import AdjustmentRequest, RequirementForecast, TurnoverProposal
from styrkedja.followup.workflow import open_round


def test_turnover_is_made_changed_and_removed_with_its_versions(world, api_as, round_):
    client, area = api_as("controller"), world.areas["Jobbtorg Stockholm"]
    made = client.request(
        "POST",
        f"/rounds/{round_.pk}/turnover",
        {"area_id": area.pk, "label": "Statsbidrag", "costs": "3.5", "revenues": "-3.5"},
    )
    assert made.status_code == 201
    row = made.json()
    assert Decimal(row["costs"]) == Decimal("3.5") and row["area"] == "Jobbtorg Stockholm"
    path = f"/rounds/{round_.pk}/turnover/{row['id']}"
    changed = client.put(path, {**row, "costs": "4.0", "revenues": "-4.0"})
    assert changed.status_code == 200 and changed.json()["version"] == row["version"] + 1
    stale = client.put(path, {**row, "costs": "5.0", "revenues": "-5.0"})
    assert stale.status_code == 409 and Decimal(stale.json()["current"]["costs"]) == Decimal("4.0")
    assert client.request("DELETE", f"{path}?version={row['version']}").status_code == 409
    assert client.request("DELETE", f"{path}?version={row['version'] + 1}").status_code == 204
    assert not TurnoverProposal.objects.filter(pk=row["id"]).exists()
    assert TurnoverProposal.history.filter(id=row["id"]).count() == 3  # made, changed, removed


def test_turnover_that_does_not_balance_or_names_another_plans_area_is_refused(world, api_as, round_):
    client = api_as("controller")
    unbalanced = client.request(
        "POST",
        f"/rounds/{round_.pk}/turnover",
        {"area_id": world.areas["Jobbtorg Stockholm"].pk, "label": "x", "costs": "3.0", "revenues": "-2.0"},
    )
    assert unbalanced.status_code == 422
    assert unbalanced.json()["errors"][0]["field"] == "body.revenues"
    foreign = client.request(
        "POST",
        f"/rounds/{round_.pk}/turnover",
        {"area_id": 999999, "label": "x", "costs": "1", "revenues": "-1"},
    )
    assert foreign.status_code == 422 and foreign.json()["errors"][0]["field"] == "body.area_id"
    assert not TurnoverProposal.objects.exists()


def test_adjustments_are_made_and_another_rounds_row_is_404(world, api_as, round_):
    client = api_as("controller")
    made = client.request("POST", f"/rounds/{round_.pk}/adjustments", {"amount": "4.0", "reason": "Lokaler"})
    assert made.status_code == 201
    other = open_round(world.committee, "2022-T2", by=None)
    row = made.json()
    assert (
        client.put(f"/rounds/{other.pk}/adjustments/{row['id']}", {**row, "amount": "1.0"}).status_code == 404
    )
    listed = client.get(f"/rounds/{round_.pk}/adjustments").json()
    assert [Decimal(a["amount"]) for a in listed] == [Decimal("4.0")]
    assert AdjustmentRequest.objects.get().reason == "Lokaler"
    no_reason = client.request("POST", f"/rounds/{round_.pk}/adjustments", {"amount": "1.0", "reason": ""})
    assert no_reason.status_code == 422 and no_reason.json()["errors"][0]["field"] == "body.reason"


def test_a_requirement_lines_forecast_is_saved_and_cleared(world, api_as, round_):
    client = api_as("controller")
    line = world.plan.revenue_requirements.order_by("position").first()
    listed = client.get(f"/rounds/{round_.pk}/requirements").json()
    assert (
        listed[0]["line_id"] == line.pk and listed[0]["forecast"] is None and listed[0]["budget"] is not None
    )
    saved = client.put(f"/rounds/{round_.pk}/requirements/{line.pk}", {"version": 0, "forecast": "-81.5"})
    assert saved.status_code == 200 and Decimal(saved.json()["forecast"]) == Decimal("-81.5")
    stale = client.put(f"/rounds/{round_.pk}/requirements/{line.pk}", {"version": 0, "forecast": "-80.0"})
    assert stale.status_code == 409
    cleared = client.put(
        f"/rounds/{round_.pk}/requirements/{line.pk}", {"version": saved.json()["version"], "forecast": None}
    )
    assert cleared.status_code == 200 and cleared.json()["forecast"] is None
    assert not RequirementForecast.objects.exists()
    too_fine = client.put(f"/rounds/{round_.pk}/requirements/{line.pk}", {"version": 0, "forecast": "-1.25"})
    assert too_fine.status_code == 422 and too_fine.json()["errors"][0]["field"] == "body.forecast"
