"""The seed T1 2021 report through `import-document` into the database and out of `followup export`."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from styrkedja.followup.models import Outcome, Round, RoundStatus
from styrkedja.plans.models import Plan

T1 = "002_92e32f79cbecfdb4.txt"
pytestmark = [pytest.mark.django_db, pytest.mark.seeds]


@pytest.fixture
def exported(seeds_dir, capsys):
    call_command(
        "import_document", str(seeds_dir / T1), "--organisation", "amn", "--name", "Arbetsmarknadsnämnden"
    )
    out = capsys.readouterr().out
    assert "stored the follow-up 2021-T1 and the plan 2021" in out
    call_command("followup", "export", "--organisation", "amn", "--period", "2021-T1")
    return json.loads(capsys.readouterr().out)


def goals(data):
    out = []

    def walk(gs):
        for g in gs:
            out.append(g)
            walk(g["goals"])

    walk(data["goals"])
    return out


def test_the_report_creates_the_plan_and_the_follow_up(exported):
    all_goals = goals(exported)
    assert len(all_goals) == 22
    assert sum(1 for g in all_goals if g["assessment"]) == 19
    assert sum(len(g["indicators"]) for g in all_goals) == 48
    assert sum(len(g["activities"]) for g in all_goals) == 55
    assert Plan.objects.get().year == 2021 and Outcome.objects.count() == 48


def test_the_economics_come_out_as_printed(exported):
    eco = exported["economics"]
    assert eco["total"]["net"] == {"budget": 888.5, "forecast": 823.6, "deviation": 64.9, "last_year": 74.9}
    assert eco["total"]["costs"]["budget"] == 1299
    assert eco["total"]["revenues"]["budget"] == -410.5
    assert eco["turnover_total"] == 214.2
    assert eco["adjustments"] == [eco["adjustments"][0] | {"amount": 64.9, "from": 82.6, "to": 147.5}]
    decisions = {d["kind"]: d for d in exported["report"]["decisions"]}
    assert (
        decisions["approve_turnover"]["amount"] == 214.2 == decisions["approve_turnover"]["amount_as_printed"]
    )
    assert decisions["request_adjustment"]["amount"] == 64.9


def test_complaints_signatures_and_cover(exported):
    assert sum(c["count"] for c in exported["complaints"]) == 148
    assert len(exported["signatures"]) == 8
    assert [s["date"] for s in exported["signatures"]].count("2021-05-24") == 7
    assert [(s["name"], s["signed_as"]) for s in exported["signatures"] if "signed_as" in s] == [
        ("Karin Eriksson-Beck", "Karin Eriksson-Bech")
    ]
    report = exported["report"]
    assert report["meeting_date"] == "2021-05-18" and report["agenda_number"] == "8"
    assert len(report["decisions"]) == 9 and len(report["attachments"]) == 7


def test_outcome_cells_keep_what_was_printed(exported):
    rows = {i["name"]: i for g in goals(exported) for i in g["indicators"]}
    row = rows["Antal aspiranter som fått Stockholmsjobb"]
    assert (row["outcome"]["total"], row["outcome"]["men"], row["outcome"]["women"]) == (247, 148, 99)
    assert (row["previous"], row["forecast"], row["target"], row["kf_target"]) == (359, 485, 485, 800)
    months = rows["Genomsnittlig inskrivningstid för kvinnor och män som avslutas från Jobbtorg Stockholm"]
    assert months["unit"] == "months" and months["outcome"]["as_printed"]["men"] == "6,6 %"


def test_a_locked_round_refuses_a_new_import(exported, seeds_dir):
    round_ = Round.objects.get()
    round_.status = RoundStatus.LOCKED
    round_.save()
    with pytest.raises(CommandError, match="låst"):
        call_command("import_document", str(seeds_dir / T1), "--organisation", "amn", "--replace")
    assert Outcome.objects.count() == 48
