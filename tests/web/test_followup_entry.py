"""Entering a round's values: inline rows (htmx and plain forms), assessments, activities, the economics."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django.urls import reverse

from styrkedja.followup.models import (
    ActivityReport,
    AdjustmentRequest,
    AreaForecast,
    Assessment,
    InvestmentForecast,
    Outcome,
    RequirementForecast,
    TurnoverProposal,
    VolumeForecast,
)
from styrkedja.followup.values import OutcomeInput, save_outcome
from tests.factories import as_read, text_of

D = Decimal
HTMX = {"HTTP_HX_REQUEST": "true"}


def row_data(target, version=0, **values) -> dict[str, str]:
    prefix = f"i{target.pk}"
    return {f"{prefix}-version": str(version), **{f"{prefix}-{k}": v for k, v in values.items()}}


def row_url(part, target) -> str:
    return reverse("outcome_save", args=[part.pk, target.pk])


# --- Indicator rows ------------------------------------------------------------------------------------


def test_a_reporter_changes_the_parts_own_rows_and_not_the_council_goals_above_it(world, client_as, part):
    own, council = world.targets["feriejobb"], world.targets["stockholmsjobb"]
    reporter = client_as("reporter")
    assert reporter.post(row_url(part, own), row_data(own, total="40"), **HTMX).status_code == 200
    assert reporter.post(row_url(part, council), row_data(council, total="40"), **HTMX).status_code == 403
    assert list(Outcome.objects.values_list("target", flat=True)) == [own.pk]
    html = reporter.get(reverse("part", args=[part.pk])).content.decode()
    assert f'name="i{own.pk}-total"' in html and f'name="i{council.pk}-total"' not in html
    assert (
        f'name="i{council.pk}-total"'
        in client_as("controller").get(reverse("part", args=[part.pk])).content.decode()
    )


def test_an_inline_save_answers_the_row_partial_with_swedish_values(world, client_as, part):
    target = world.targets["stockholmsjobb"]
    response = client_as("controller").post(
        row_url(part, target), row_data(target, total="1 393", forecast="1 450"), **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith(f'<tbody id="utfall-{target.pk}"')
    assert "<html" not in html
    assert "Sparat." in html
    assert f'name="i{target.pk}-total" value="1 393"' in html
    assert f'name="i{target.pk}-version" value="1"' in html
    outcome = Outcome.objects.get(target=target)
    assert (outcome.total, outcome.forecast, outcome.version) == (D(1393), D(1450), 1)
    assert outcome.history.first().history_user == world.users["controller"]


def test_a_percent_of_120_comes_back_with_the_error_next_to_the_field(world, client_as, part):
    target = world.targets["självförsörjande"]
    response = client_as("controller").post(
        row_url(part, target), row_data(target, total="120", men="118", women="122"), **HTMX
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_i{target.pk}-total_error"' in html
    assert "Utfall 120 ligger utanför 0–100 %." in html
    assert f'name="i{target.pk}-total" value="120"' in html  # what was typed stays
    assert 'aria-invalid="true"' in html
    assert "värdena sparades inte" in html
    assert not Outcome.objects.exists()


def test_garbage_and_missing_gender_values_are_errors_and_suspicious_totals_warnings(world, client_as, part):
    client = client_as("controller")  # the council goal's share is the controllers'
    share = world.targets["självförsörjande"]
    html = client.post(row_url(part, share), row_data(share, total="sjuttio"), **HTMX).content.decode()
    assert "Skriv ett tal, till exempel 72 eller 5,5." in html
    html = client.post(row_url(part, share), row_data(share, total="72,5"), **HTMX).content.decode()
    assert "Utfall män krävs: indikatorn redovisas för kvinnor och män." in html
    html = client.post(
        row_url(part, share), row_data(share, total="80,5", men="73", women="76"), **HTMX
    ).content.decode()
    assert "Sparat." in html
    assert "Varning: Utfallet 80,5 ligger utanför männens och kvinnornas värden (73–76)" in html
    time = world.targets["inskrivningstid"]
    html = client.post(
        row_url(part, time),
        row_data(time, forecast="6,0", window_start="2022-04-30", window_end="2022-01-01"),
        **HTMX,
    ).content.decode()
    assert "Mätperiodens slut ligger före dess början." in html


def test_without_javascript_a_save_redirects_and_an_error_shows_the_whole_page(world, client_as, part):
    client = client_as("reporter")
    target = world.targets["inskrivningstid"]
    response = client.post(
        row_url(part, target),
        row_data(
            target, forecast="6,0", window_start="2022-01-01", window_end="2022-03-31", comment="Jan–mar."
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("part", args=[part.pk]) + f"#utfall-{target.pk}"
    outcome = Outcome.objects.get(target=target)
    assert (outcome.window_start, outcome.window_end, outcome.comment) == (
        date(2022, 1, 1),
        date(2022, 3, 31),
        "Jan–mar.",
    )
    page = text_of(client.get(response["Location"]))
    assert "Värdena för Genomsnittlig inskrivningstid för unga aspiranter (18-29 år) har sparats." in page
    assert "Mätperiod från" in page

    share = world.targets["självförsörjande"]
    client = client_as("controller")  # the council goal's share is the controllers'
    response = client.post(row_url(part, share), row_data(share, total="120", men="1", women="1"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html and "Utfall 120 ligger utanför 0–100 %." in html
    assert "Måluppfyllelse" in html  # the whole part page


def test_a_second_save_of_the_same_version_shows_the_conflict_and_the_first_value_stays(
    world, client_as, part
):
    target = world.targets["feriejobb"]
    first = client_as("reporter").post(row_url(part, target), row_data(target, version=0, total="40"), **HTMX)
    assert first.status_code == 200
    second = client_as("controller").post(
        row_url(part, target), row_data(target, version=0, total="55"), **HTMX
    )
    html = second.content.decode()
    assert second.status_code == 409
    assert (
        "Någon annan har ändrat värdet sedan du öppnade det (reporter). Ditt värde har inte sparats." in html
    )
    assert "Sparat nu: periodens utfall 40\u00a0st" in html
    assert f'name="i{target.pk}-total" value="55"' in html  # the typed value is kept
    assert f'name="i{target.pk}-version" value="1"' in html  # saving again overwrites deliberately
    assert Outcome.objects.get(target=target).total == D(40)

    again = client_as("controller").post(
        row_url(part, target), row_data(target, version=1, total="55"), **HTMX
    )
    assert again.status_code == 200
    assert Outcome.objects.get(target=target).total == D(55)


def test_without_javascript_a_conflict_shows_the_whole_page_with_409(world, client_as, part):
    target = world.targets["feriejobb"]
    save_outcome(
        part.round, target, OutcomeInput(total=D(40)), by=world.users["reporter"], expected_version=0
    )
    response = client_as("controller").post(row_url(part, target), row_data(target, version=0, total="55"))
    assert response.status_code == 409
    assert "Någon annan har ändrat värdet" in response.content.decode()
    assert "<html" in response.content.decode()


def test_a_target_outside_the_part_is_not_found(world, client_as, round_, part):
    from tests.factories import add_goal, add_target

    other_goal = add_goal(world.plan, "2", "Annat mål", "direction")
    target = add_target(other_goal, "Utanför delen", unit="count", value="1")
    response = client_as("controller").post(row_url(part, target), row_data(target, total="1"))
    assert response.status_code == 404


# --- Assessment --------------------------------------------------------------------------------------


def test_an_assessment_differing_from_the_suggestion_needs_a_justification(world, client_as, round_, part):
    save_outcome(round_, world.targets["inskrivningstid"], OutcomeInput(forecast=D("6.0")), by=None)
    goal = world.goals["1.1.1"]
    url = reverse("assessment", args=[round_.pk, goal.pk])
    client = client_as("reporter")
    response = client.post(
        url,
        as_read(
            client, url, {"value": "fully", "analysis": "Det går bra.", "justification": "", "version": "0"}
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_justification_error"' in html
    assert "Bedömningen avviker från systemets förslag; motivera varför." in html
    assert not Assessment.objects.exists()

    response = client.post(
        url,
        as_read(
            client,
            url,
            {
                "value": "fully",
                "analysis": "Det går bra.",
                "justification": "Prognosen är gammal.",
                "version": "0",
            },
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("part", args=[part.pk])
    saved = Assessment.objects.get()
    assert (saved.value, saved.justification) == ("fully", "Prognosen är gammal.")
    # Agreeing with the suggestion needs no justification.
    response = client.post(
        url, as_read(client, url, {"value": "not", "analysis": "", "justification": "", "version": "1"})
    )
    assert response.status_code == 302


def test_a_stale_assessment_is_a_conflict(world, client_as, round_):
    goal = world.goals["1.1.1"]
    url = reverse("assessment", args=[round_.pk, goal.pk])
    client_as("reporter").post(
        url, as_read(client_as("reporter"), url, {"value": "partly", "analysis": "Först.", "version": "0"})
    )
    response = client_as("controller").post(
        url, as_read(client_as("controller"), url, {"value": "partly", "analysis": "Sen.", "version": "0"})
    )
    assert response.status_code == 409
    assert "Någon annan har ändrat bedömningen" in response.content.decode()
    assert "Sen." in response.content.decode()
    assert Assessment.objects.get().analysis == "Först."


def test_council_goals_are_assessed_by_controllers_only(world, client_as, round_):
    url = reverse("assessment", args=[round_.pk, world.goals["1.1"].pk])
    data = {"value": "partly", "analysis": "KF-målet.", "version": "0"}
    assert client_as("reporter").post(url, as_read(client_as("reporter"), url, data)).status_code == 403
    response = client_as("controller").post(url, as_read(client_as("controller"), url, data))
    assert response.status_code == 302
    assert response["Location"] == reverse("round", args=[round_.pk])


# --- Activities --------------------------------------------------------------------------------------


def activity_data(world, **overrides) -> dict[str, str]:
    data = {}
    for activity in world.activities:
        data.update(
            {f"a{activity.pk}-status": "", f"a{activity.pk}-deviation": "", f"a{activity.pk}-version": "0"}
        )
    data.update(overrides)
    return data


def test_no_longer_relevant_without_a_deviation_is_an_error_next_to_the_field(world, client_as, part):
    first, second = world.activities
    url = reverse("part_activities", args=[part.pk])
    client = client_as("reporter")
    response = client.post(
        url,
        as_read(
            client,
            url,
            activity_data(
                world, **{f"a{first.pk}-status": "not_relevant", f"a{second.pk}-status": "ongoing"}
            ),
        ),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert f'id="id_a{first.pk}-deviation_error"' in html
    assert "En aktivitet som inte längre är aktuell behöver en avvikelse." in html
    assert not ActivityReport.objects.exists()  # nothing is half-saved

    response = client.post(
        url,
        as_read(
            client,
            url,
            activity_data(
                world,
                **{
                    f"a{first.pk}-status": "not_relevant",
                    f"a{first.pk}-deviation": "Ersatt av en bredare översyn.",
                    f"a{second.pk}-status": "ongoing",
                },
            ),
        ),
    )
    assert response.status_code == 302
    statuses = dict(ActivityReport.objects.values_list("activity_id", "status"))
    assert statuses == {first.pk: "not_relevant", second.pk: "ongoing"}


# --- Economics --------------------------------------------------------------------------------------


def test_an_area_forecast_is_saved_and_the_deviation_follows(world, client_as, round_):
    area = world.areas["Jobbtorg Stockholm"]
    client = client_as("controller")
    response = client.post(
        reverse("round_area_forecast", args=[round_.pk, area.pk]),
        as_read(
            client,
            reverse("round_economy", args=[round_.pk]),
            {f"o{area.pk}-costs": "420,0", f"o{area.pk}-revenues": "-45,0", f"o{area.pk}-version": "0"},
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("round_economy", args=[round_.pk]) + f"#omrade-{area.pk}"
    forecast = AreaForecast.objects.get(area=area)
    assert (forecast.costs, forecast.revenues, forecast.version) == (D("420.0"), D("-45.0"), 1)
    text = text_of(client.get(response["Location"]))
    # The grid's row: the budget's costs, revenues and net; the net forecast and the deviation computed.
    assert re.search(
        r"Jobbtorg Stockholm 425,9 -58,4 367,5 Prognos kostnader.{0,80}\(mnkr\) 375,0 -7,5 ", text
    )
    assert 'value="-45,0"' in client.get(response["Location"]).content.decode()


def test_an_area_forecast_refuses_positive_revenues_and_stale_versions(world, client_as, round_):
    area = world.areas["Jobbtorg Stockholm"]
    page = reverse("round_economy", args=[round_.pk])
    url = reverse("round_area_forecast", args=[round_.pk, area.pk])
    client = client_as("controller")
    bad = client.post(
        url, as_read(client, page, {f"o{area.pk}-costs": "420,0", f"o{area.pk}-revenues": "45,0"})
    )
    assert "Intäkter skrivs som negativa belopp, t.ex. -45,0." in bad.content.decode()
    client.post(
        url,
        as_read(
            client,
            url,
            {f"o{area.pk}-costs": "420,0", f"o{area.pk}-revenues": "-45,0", f"o{area.pk}-version": "0"},
        ),
    )
    stale = client_as("admin").post(
        url,
        as_read(
            client_as("admin"),
            url,
            {f"o{area.pk}-costs": "1 393,1", f"o{area.pk}-revenues": "-45,0", f"o{area.pk}-version": "0"},
        ),
    )
    assert stale.status_code == 409
    assert "Sparat nu: kostnader 420,0, intäkter -45,0." in text_of(stale)
    assert 'value="1 393,1"' in stale.content.decode()
    assert AreaForecast.objects.get().costs == D("420.0")


def test_the_requirement_investment_and_volume_forecasts_are_saved(world, client_as, round_):
    client = client_as("controller")
    lines = list(world.plan.revenue_requirements.order_by("position"))
    data = {f"krav-forecast_{line.pk}": "" for line in lines}
    data[f"krav-forecast_{lines[0].pk}"] = "-80,0"
    assert (
        client.post(
            reverse("round_requirement_forecasts", args=[round_.pk]),
            as_read(client, reverse("round_economy", args=[round_.pk]), data),
        ).status_code
        == 302
    )
    assert RequirementForecast.objects.get().forecast == D("-80.0")

    investment = world.plan.investments.get()
    response = client.post(
        reverse("round_investment_forecasts", args=[round_.pk]),
        as_read(
            client,
            reverse("round_economy", args=[round_.pk]),
            {f"inv-forecast_{investment.pk}": "3,5"},
        ),
    )
    assert response.status_code == 302
    assert InvestmentForecast.objects.get().forecast == D("3.5")

    volume = world.plan.performance_volumes.get()
    response = client.post(
        reverse("round_volume_forecasts", args=[round_.pk]),
        as_read(
            client,
            reverse("round_economy", args=[round_.pk]),
            {f"vol-places_{volume.pk}": "12 000,0"},
        ),
    )
    assert response.status_code == 302
    assert VolumeForecast.objects.get().forecast_places == D("12000.0")
    text = text_of(client_as("reader").get(reverse("round_economy", args=[round_.pk])))
    assert "Statsbidrag från Skolverket -82,6 -80,0 -2,6" in text
    assert "Inventarier och larm 4,0 3,5 0,5" in text
    # (12 000,0 − 12 345,5) × 61 000 kr = −21,1 mnkr
    assert "Summa budgetförändring av prestationer -21,1" in text


def test_omslutning_rows_are_added_and_changed_with_costs_equal_to_minus_revenues(world, client_as, round_):
    area = world.areas["Jobbtorg Stockholm"]
    client = client_as("controller")
    url = reverse("turnover_create", args=[round_.pk])
    bad = client.post(
        url,
        as_read(client, url, {"area": area.pk, "label": "EU-bidrag", "costs": "58,4", "revenues": "-50,0"}),
    )
    assert "lika stora intäkter som kostnader, med motsatt tecken: -58,4." in bad.content.decode()
    ok = client.post(
        url,
        as_read(client, url, {"area": area.pk, "label": "EU-bidrag", "costs": "58,4", "revenues": "-58,4"}),
    )
    assert ok.status_code == 302
    proposal = TurnoverProposal.objects.get()
    edit = client.post(
        reverse("turnover_edit", args=[proposal.pk]),
        as_read(
            client,
            reverse("turnover_edit", args=[proposal.pk]),
            {"area": area.pk, "label": "EU-bidrag (ESF)", "costs": "60,0", "revenues": "-60,0"},
        ),
    )
    assert edit.status_code == 302
    proposal.refresh_from_db()
    assert (proposal.label, proposal.costs) == ("EU-bidrag (ESF)", D("60.0"))
    assert "EU-bidrag (ESF) 60,0 -60,0" in text_of(client.get(reverse("round_economy", args=[round_.pk])))


def test_budget_adjustments_are_added_and_changed(world, client_as, round_):
    client = client_as("controller")
    response = client.post(
        reverse("adjustment_create", args=[round_.pk]),
        as_read(
            client,
            reverse("adjustment_create", args=[round_.pk]),
            {"amount": "-5,0", "reason": "Lägre statsbidrag", "from_amount": "82,6", "to_amount": "77,6"},
        ),
    )
    assert response.status_code == 302
    adjustment = AdjustmentRequest.objects.get()
    assert (adjustment.amount, adjustment.from_amount, adjustment.to_amount) == (
        D("-5.0"),
        D("82.6"),
        D("77.6"),
    )
    client.post(
        reverse("adjustment_edit", args=[adjustment.pk]),
        as_read(
            client,
            reverse("adjustment_edit", args=[adjustment.pk]),
            {"amount": "-6,5", "reason": "Lägre statsbidrag", "area": world.areas["Jobbtorg Stockholm"].pk},
        ),
    )
    adjustment.refresh_from_db()
    assert adjustment.amount == D("-6.5") and adjustment.area == world.areas["Jobbtorg Stockholm"]
    text = text_of(client.get(reverse("round_economy", args=[round_.pk])))
    assert "Lägre statsbidrag Jobbtorg Stockholm -6,5" in text
    assert "Summa begärda budgetjusteringar -6,5" in text


def test_a_stale_requirement_block_is_a_conflict_that_keeps_the_typed_values(world, client_as, round_):
    line = world.plan.revenue_requirements.order_by("position").first()
    page = reverse("round_economy", args=[round_.pk])
    url = reverse("round_requirement_forecasts", args=[round_.pk])
    name = f"krav-forecast_{line.pk}"
    client_as("controller").post(
        url, as_read(client_as("controller"), page, {name: "-80,0", f"krav-version_{line.pk}": "0"})
    )
    stale = client_as("admin").post(
        url, as_read(client_as("admin"), page, {name: "-70,0", f"krav-version_{line.pk}": "0"})
    )
    assert stale.status_code == 409
    assert "Sparat nu: Statsbidrag från Skolverket -80,0." in text_of(stale)
    assert 'value="-70,0"' in stale.content.decode()
    assert RequirementForecast.objects.get().forecast == D("-80.0")


def test_a_stale_volume_block_is_a_conflict_that_keeps_the_typed_values(world, client_as, round_):
    volume = world.plan.performance_volumes.get()
    page = reverse("round_economy", args=[round_.pk])
    url = reverse("round_volume_forecasts", args=[round_.pk])
    places, version = f"vol-places_{volume.pk}", f"vol-version_{volume.pk}"
    assert (
        client_as("controller")
        .post(url, as_read(client_as("controller"), page, {places: "12 000,0", version: "0"}))
        .status_code
        == 302
    )
    stale = client_as("admin").post(
        url, as_read(client_as("admin"), page, {places: "11 500,0", version: "0"})
    )
    assert stale.status_code == 409
    # places as the report prints them (`9 796`, not `9 796,0`)
    assert "Sparat nu: Gymnasial vuxenutbildning 12\u00a0000 helårsplatser." in text_of(stale)
    html = stale.content.decode()
    assert 'value="11 500,0"' in html
    assert f'name="{version}" value="1"' in html  # saving again overwrites
    assert VolumeForecast.objects.get().forecast_places == D("12000.0")


def turnover_data(area, label="EU-bidrag", amount="58,4", version="0") -> dict[str, str]:
    return {"area": area.pk, "label": label, "costs": amount, "revenues": f"-{amount}", "version": version}


def test_a_stale_omslutning_change_is_a_conflict_that_keeps_the_typed_values(world, client_as, round_):
    area = world.areas["Jobbtorg Stockholm"]
    client_as("controller").post(
        reverse("turnover_create", args=[round_.pk]),
        as_read(client_as("controller"), reverse("turnover_create", args=[round_.pk]), turnover_data(area)),
    )
    proposal = TurnoverProposal.objects.get()
    url = reverse("turnover_edit", args=[proposal.pk])
    assert 'name="version" value="1"' in client_as("admin").get(url).content.decode()
    first = client_as("controller").post(url, turnover_data(area, "EU-bidrag (ESF)", "60,0", version="1"))
    assert first.status_code == 302
    stale = client_as("admin").post(url, turnover_data(area, "Försäljning", "2,0", version="1"))
    assert stale.status_code == 409
    text = text_of(stale)
    assert "Någon annan har ändrat omslutningsförändringen sedan du öppnade sidan." in text
    assert "Sparat nu: EU-bidrag (ESF), kostnader 60,0, intäkter -60,0." in text
    assert 'value="Försäljning"' in stale.content.decode()
    assert 'name="version" value="2"' in stale.content.decode()
    proposal.refresh_from_db()
    assert (proposal.label, proposal.costs, proposal.version) == ("EU-bidrag (ESF)", D("60.0"), 2)


def test_a_stale_adjustment_change_is_a_conflict_that_keeps_the_typed_values(world, client_as, round_):
    client_as("controller").post(
        reverse("adjustment_create", args=[round_.pk]),
        as_read(
            client_as("controller"),
            reverse("adjustment_create", args=[round_.pk]),
            {"amount": "-5,0", "reason": "Lägre statsbidrag", "version": "0"},
        ),
    )
    adjustment = AdjustmentRequest.objects.get()
    url = reverse("adjustment_edit", args=[adjustment.pk])
    client_as("controller").post(
        url,
        as_read(
            client_as("controller"), url, {"amount": "-6,5", "reason": "Lägre statsbidrag", "version": "1"}
        ),
    )
    stale = client_as("admin").post(
        url, as_read(client_as("admin"), url, {"amount": "-9,0", "reason": "Annat skäl", "version": "1"})
    )
    assert stale.status_code == 409
    text = text_of(stale)
    assert "Någon annan har ändrat budgetjusteringen sedan du öppnade sidan." in text
    assert "Sparat nu: belopp -6,5, motivering: Lägre statsbidrag." in text
    assert "Annat skäl" in stale.content.decode()
    adjustment.refresh_from_db()
    assert (adjustment.amount, adjustment.version) == (D("-6.5"), 2)


def test_omslutning_rows_and_adjustments_are_removed_and_the_history_shows_who_did_it(
    world, client_as, round_
):
    area = world.areas["Jobbtorg Stockholm"]
    controller = client_as("controller")
    controller.post(
        reverse("turnover_create", args=[round_.pk]),
        as_read(controller, reverse("turnover_create", args=[round_.pk]), turnover_data(area)),
    )
    controller.post(
        reverse("adjustment_create", args=[round_.pk]),
        as_read(
            controller, reverse("adjustment_create", args=[round_.pk]), {"amount": "-5,0", "reason": "Skäl"}
        ),
    )
    proposal, adjustment = TurnoverProposal.objects.get(), AdjustmentRequest.objects.get()
    edit = controller.get(reverse("turnover_edit", args=[proposal.pk])).content.decode()
    assert reverse("turnover_delete", args=[proposal.pk]) in edit

    assert controller.get(reverse("turnover_delete", args=[proposal.pk])).status_code == 405
    response = controller.post(
        reverse("turnover_delete", args=[proposal.pk]),
        as_read(controller, reverse("turnover_delete", args=[proposal.pk]), {"version": "1"}),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("round_economy", args=[round_.pk]) + "#omslutning"
    response = controller.post(
        reverse("adjustment_delete", args=[adjustment.pk]),
        as_read(controller, reverse("adjustment_delete", args=[adjustment.pk]), {"version": "1"}),
    )
    assert response["Location"] == reverse("round_economy", args=[round_.pk]) + "#budgetjusteringar"
    assert not TurnoverProposal.objects.exists() and not AdjustmentRequest.objects.exists()
    page = text_of(controller.get(reverse("round_economy", args=[round_.pk])))
    assert "Budgetjusteringen har tagits bort." in page
    assert "Inga omslutningsförändringar i uppföljningen." in page

    history = text_of(client_as("reader").get(reverse("history", args=["omslutning", round_.pk])))
    assert "Borttagen: Omslutningsförändring EU-bidrag" in history
    assert history.index("Borttagen") < history.index("Skapad")
    assert "av controller" in history
    history = text_of(client_as("reader").get(reverse("history", args=["budgetjusteringar", round_.pk])))
    assert "Borttagen: Budgetjustering Skäl" in history


def test_removing_a_row_someone_else_changed_sends_back_to_what_is_stored(world, client_as, round_):
    area = world.areas["Jobbtorg Stockholm"]
    client_as("controller").post(
        reverse("turnover_create", args=[round_.pk]),
        as_read(client_as("controller"), reverse("turnover_create", args=[round_.pk]), turnover_data(area)),
    )
    proposal = TurnoverProposal.objects.get()
    edit_url = reverse("turnover_edit", args=[proposal.pk])
    client_as("controller").post(edit_url, turnover_data(area, "EU-bidrag (ESF)", version="1"))
    admin = client_as("admin")
    response = admin.post(
        reverse("turnover_delete", args=[proposal.pk]),
        as_read(admin, reverse("turnover_delete", args=[proposal.pk]), {"version": "1"}),
    )
    assert response.status_code == 302 and response["Location"] == edit_url
    page = text_of(admin.get(edit_url))
    assert (
        "Någon annan har ändrat omslutningsförändringen sedan du öppnade sidan, så den togs inte bort."
        in page
    )
    assert TurnoverProposal.objects.get().label == "EU-bidrag (ESF)"


def test_only_controllers_of_the_organisation_remove_rows(world, client_as, client, round_):
    area = world.areas["Jobbtorg Stockholm"]
    proposal = TurnoverProposal.objects.create(
        round=round_, area=area, label="EU-bidrag", costs=D("1.0"), revenues=D("-1.0")
    )
    adjustment = AdjustmentRequest.objects.create(round=round_, amount=D("1.0"), reason="Skäl")
    for url in (
        reverse("turnover_delete", args=[proposal.pk]),
        reverse("adjustment_delete", args=[adjustment.pk]),
    ):
        assert client_as("reporter").post(url).status_code == 403
        assert client_as("outsider").post(url).status_code == 404
        assert client.post(url)["Location"] == f"{reverse('login')}?next={url}"
    assert TurnoverProposal.objects.exists() and AdjustmentRequest.objects.exists()


def test_an_indicator_rating_is_chosen_from_the_profiles_scale_with_the_suggestion_beside_it(
    world, client_as, part
):
    target = world.targets["feriejobb"]
    controller = client_as("controller")
    # Forecast 80 of a target of 95: Stockholm's rule (met or not) suggests "Uppnås inte".
    saved = controller.post(row_url(part, target), row_data(target, forecast="80"), **HTMX)
    html = saved.content.decode()
    assert f'<select name="i{target.pk}-rating"' in html
    assert '<option value="met">Uppnås</option>' in html
    assert "Systemets förslag: Uppnås inte" in html

    rated = controller.post(
        row_url(part, target), row_data(target, version=1, forecast="80", rating="met"), **HTMX
    )
    assert rated.status_code == 200
    outcome = Outcome.objects.get(target=target)
    assert (outcome.rating, outcome.version) == ("met", 2)
    assert [h.rating for h in outcome.history.order_by("history_id")] == ["", "met"]
    assert '<option value="met" selected>Uppnås</option>' in rated.content.decode()

    # A key the profile does not have is refused beside the field, nothing stored.
    refused = controller.post(
        row_url(part, target), row_data(target, version=2, forecast="80", rating="green"), **HTMX
    )
    assert f'id="id_i{target.pk}-rating_error"' in refused.content.decode()
    assert Outcome.objects.get(target=target).version == 2

    # A stale version is a conflict, the stored rating stays.
    stale = controller.post(
        row_url(part, target), row_data(target, version=1, forecast="80", rating="not_met"), **HTMX
    )
    assert stale.status_code == 409
    assert Outcome.objects.get(target=target).rating == "met"

    # Without a rating chosen the rating is cleared; a program that does not speak of ratings keeps it.
    controller.post(row_url(part, target), row_data(target, version=2, forecast="80", rating=""), **HTMX)
    assert Outcome.objects.get(target=target).rating == ""
    Outcome.objects.filter(target=target).update(rating="met")
    version = Outcome.objects.get(target=target).version
    save_outcome(
        part.round,
        target,
        OutcomeInput(forecast=D(81)),
        by=world.users["controller"],
        expected_version=version,
    )
    assert Outcome.objects.get(target=target).rating == "met"


def test_the_service_refuses_an_indicator_rating_outside_the_profile(world, part):
    import pytest

    from styrkedja.followup.values import Invalid

    with pytest.raises(Invalid) as refused:
        save_outcome(
            part.round,
            world.targets["feriejobb"],
            OutcomeInput(total=D(3), rating="helt"),
            by=world.users["controller"],
        )
    assert "”helt” finns inte på skalan: Uppnås, Uppnås inte." in str(refused.value)


def test_the_rating_select_offers_the_profiles_states_that_are_not_ratings(world, client_as, part):
    from styrkedja.followup.profiles import store_profile
    from styrkedja.profiles import Profile, profile_data, stockholm

    data = profile_data(stockholm())
    data["organisation"] = world.city.code
    data["indicator_ratings"]["non_ratings"] = [{"key": "no_data", "label": "Ingen mätning i år"}]
    store_profile(Profile.model_validate(data), by=None)
    target = world.targets["feriejobb"]
    controller = client_as("controller")
    page = controller.get(reverse("part", args=[part.pk])).content.decode()
    assert '<option value="no_data">Ingen mätning i år</option>' in page
    saved = controller.post(row_url(part, target), row_data(target, rating="no_data"), **HTMX)
    assert saved.status_code == 200
    assert Outcome.objects.get(target=target).rating == "no_data"
    assert "Ingen mätning i år" in controller.get(reverse("part", args=[part.pk])).content.decode()
