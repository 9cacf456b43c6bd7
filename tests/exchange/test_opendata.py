"""Open data out: the Fiscal Data Package of adopted budgets and approved follow-up (phases), indicator
outcomes as CSV with stable codes, only what is decided, from the command and a public page that an
administrator switches on."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

from django.core.management import call_command
from django.test import Client

from styrkedja.exchange import opendata
from styrkedja.followup.models import AreaForecast, Round, RoundStatus
from styrkedja.followup.values import OutcomeInput, save_outcome
from styrkedja.followup.workflow import open_round
from styrkedja.lib.vocabulary import PlanStatus

D = Decimal


def adopt(world):
    world.plan.status = PlanStatus.ADOPTED
    world.plan.save()


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_the_budget_is_a_fiscal_data_package_with_phases(world):
    assert opendata.budget_rows(world.committee) == []  # a draft plan is not published
    adopt(world)
    round_ = open_round(world.committee, "2022", by=None)
    AreaForecast.objects.create(
        round=round_, area=world.areas["Jobbtorg Stockholm"], costs=D("420.0"), revenues=D("-60.0")
    )
    assert not [
        r for r in opendata.budget_rows(world.committee) if r["phase"] == "executed"
    ]  # not approved yet
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.LOCKED)
    table = rows(opendata.budget_csv(world.committee))
    jobbtorg = {
        (r["fiscal_year"], r["phase"], r["direction"], r["source"]): r["amount"]
        for r in table
        if r["area"] == "Jobbtorg Stockholm"
    }
    assert jobbtorg[("2022", "approved", "expenditure", "VP 2022")] == "425.9"
    assert jobbtorg[("2022", "approved", "revenue", "VP 2022")] == "58.4"
    assert jobbtorg[("2021", "adjusted", "expenditure", "Justerad VP 2021")] == "400.8"
    assert jobbtorg[("2021", "approved", "expenditure", "VP 2021")] == "398"
    assert jobbtorg[("2022", "executed", "expenditure", "Verksamhetsberättelse 2022")] == "420"
    package = opendata.datapackage(world.committee)
    assert package["profile"] == "fiscal-data-package"
    assert package["model"]["measures"]["amount"] == {
        "source": "amount",
        "currency": "SEK",
        "factor": 1_000_000,
    }
    fields = [f["name"] for f in package["resources"][0]["schema"]["fields"]]
    assert fields == list(table[0])
    assert {f["columnType"] for f in package["resources"][0]["schema"]["fields"]} >= {
        "value",
        "phase",
        "direction",
    }


def test_indicator_outcomes_carry_stable_codes_and_only_approved_rounds(world):
    round_ = open_round(world.committee, "2022-T1", by=None)
    target = world.targets["självförsörjande"]
    target.indicator.kolada_kpi = "N00945"
    target.indicator.save()
    save_outcome(round_, target, OutcomeInput(total=D("70.5"), women=D(72), men=D(69)), by=None)
    save_outcome(round_, world.targets["feriejobb"], OutcomeInput(total=D(40)), by=None)
    assert rows(opendata.indicators_csv(world.committee)) == []
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.LOCKED)
    table = rows(opendata.indicators_csv(world.committee))
    codes = {r["indicator_code"]: r for r in table}
    assert codes["N00945"]["total"] == "70.5" and codes["N00945"]["women"] == "72"
    series = world.targets["feriejobb"].indicator.series_id
    assert codes[f"amn-S{series}"]["total"] == "40" and codes[f"amn-S{series}"]["period"] == "2022-T1"


def test_the_public_page_is_there_only_when_an_administrator_switches_it_on(world, client_as):
    adopt(world)
    anonymous = Client()
    assert anonymous.get("/oppna-data/amn/").status_code == 404
    assert anonymous.get("/oppna-data/amn/budget.csv").status_code == 404
    assert (
        client_as("controller").post("/organisationer/amn/oppna-data/", {"enabled": "1"}).status_code == 403
    )
    assert client_as("admin").post("/organisationer/amn/oppna-data/", {"enabled": "1"}).status_code == 302
    page = anonymous.get("/oppna-data/amn/")
    assert page.status_code == 200 and "datapackage.json" in page.content.decode()
    package = anonymous.get("/oppna-data/amn/datapackage.json")
    assert json.loads(package.content)["name"] == "styrkedja-amn"
    assert anonymous.get("/oppna-data/amn/budget.csv")["Content-Type"].startswith("text/csv")
    assert anonymous.get("/oppna-data/amn/hemligt.csv").status_code == 404
    assert (
        anonymous.get("/oppna-data/utbn/").status_code == 404
    )  # another organisation has not switched it on
    client_as("admin").post("/organisationer/amn/oppna-data/", {"enabled": "0"})
    assert anonymous.get("/oppna-data/amn/").status_code == 404
    assert world.committee.open_data.history.count() == 2


def test_the_command_writes_the_package(world, tmp_path):
    adopt(world)
    out = io.StringIO()
    call_command("opendata", "export", "--organisation", "amn", "-o", str(tmp_path / "amn"), stdout=out)
    assert sorted(p.name for p in (tmp_path / "amn").iterdir()) == [
        "budget.csv",
        "datapackage.json",
        "indicators.csv",
    ]
    assert "budget.csv (30 rows)" in out.getvalue()


def test_a_budget_as_proposed_is_the_proposed_phase_beside_the_approved(world):
    from styrkedja.budget.models import AreaBudget, BudgetVersion

    proposed = BudgetVersion.objects.create(
        plan=world.plan, code="forslag2022", label="Förslag 2022", kind="proposed", year=2022, position=9
    )
    AreaBudget.objects.create(
        area=world.areas["Jobbtorg Stockholm"], version=proposed, costs=D("431.0"), revenues=D("-58.4")
    )
    assert not [r for r in opendata.budget_rows(world.committee) if r["phase"] == "proposed"]  # a draft
    adopt(world)
    table = rows(opendata.budget_csv(world.committee))
    jobbtorg = {
        (r["phase"], r["direction"], r["source"]): r["amount"]
        for r in table
        if r["area"] == "Jobbtorg Stockholm" and r["fiscal_year"] == "2022"
    }
    assert jobbtorg[("proposed", "expenditure", "Förslag 2022")] == "431"
    assert jobbtorg[("proposed", "revenue", "Förslag 2022")] == "58.4"
    assert jobbtorg[("approved", "expenditure", "VP 2022")] == "425.9"
    # Only the area the proposal has: the others have no proposed rows.
    assert {r["area"] for r in table if r["phase"] == "proposed"} == {"Jobbtorg Stockholm"}
