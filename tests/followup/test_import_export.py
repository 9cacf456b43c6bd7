import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from styrkedja.followup.models import Outcome, RoundLocked, RoundStatus
from styrkedja.followup.workflow import mark_ready, open_round
from styrkedja.interchange.followup_import import FileRefused, RoundExists, decision_kind, import_followup
from styrkedja.organisations.models import Organisation
from styrkedja.planfiles import followup_schema as fs
from styrkedja.planfiles.reader import RowProblem
from styrkedja.planfiles.schema import OrganisationRef
from styrkedja.plans.models import Target
from tests.followup.conftest import SMALL

pytestmark = pytest.mark.django_db
D = Decimal


def report(**changes) -> fs.FollowUpFile:
    data = fs.FollowUpFile(
        organisation=OrganisationRef(code="testnamnd", name="Testnämnden"),
        year=2022,
        period="2022-T1",
        outcomes=[
            fs.Outcome(
                goal="1.1",
                indicator="Antal som fått jobb",
                total=D(247),
                men=D(148),
                women=D(99),
                previous=D(359),
                forecast=D(485),
                period_label="Tertial 1 2022",
                as_printed={"total": "247 st", "men": "148 st", "women": "99 st"},
            ),
            fs.Outcome(goal="1.1.1", indicator="Genomsnittlig inskrivningstid", forecast=D("6.0")),
        ],
        assessments=[
            fs.GoalAssessment(goal="1.1.1", assessment=fs.Fulfilment.PARTLY, analysis="Kort analys.")
        ],
        activities=[
            fs.ActivityReport(goal="1.1.1", title="Ta fram en plan", status=fs.ActivityStatus.ONGOING)
        ],
        economics=fs.Economics(
            areas=[
                fs.AreaForecast(
                    area="Jobbtorg",
                    budget_costs=D("425.9"),
                    budget_revenues=D("-58.4"),
                    forecast_costs=D("420.0"),
                    forecast_revenues=D("-58.4"),
                    last_year_net=D("0.3"),
                ),
                fs.AreaForecast(
                    area="Vuxenutbildning",
                    budget_costs=D("815.7"),
                    budget_revenues=D("-138.3"),
                    forecast_costs=D("815.7"),
                    forecast_revenues=D("-138.3"),
                ),
            ],
            revenue_requirement=[
                fs.RequirementForecast(
                    label="Statsbidrag från Skolverket", budget=D("-82.6"), forecast=D("-147.5")
                )
            ],
            turnover=[
                fs.TurnoverGroup(
                    area="Jobbtorg", rows=[fs.TurnoverRow(label="EU", costs=D("8.7"), revenues=D("-8.7"))]
                )
            ],
            adjustments=[
                fs.AdjustmentRequest(
                    amount=D("64.9"), reason="Högre statsbidrag", from_amount=D("82.6"), to_amount=D("147.5")
                )
            ],
        ),
        complaints=[fs.Complaint(department="Vux", month=1, category="Bemötande", count=5)],
        report=fs.Cover(
            meeting_date="2022-05-18",
            agenda_number="8",
            decisions=[
                fs.Decision(number=1, text="Nämnden godkänner tertialrapporten."),
                fs.Decision(number=2, text="Nämnden godkänner omslutningsförändringar om 8,7 mnkr."),
                fs.Decision(number=3, text="Nämnden begär budgetjustering om 64,9 mnkr."),
            ],
        ),
        signatures=[fs.Signature(name="Karin Direktör", title="Förvaltningsdirektör", date="2022-05-24")],
    )
    return data.model_copy(update=changes)


@pytest.fixture
def plan(db):
    from pathlib import Path

    call_command(
        "plan", "import", str(Path(__file__).resolve().parents[1] / "planfiles" / "data" / "small.yaml")
    )


def export(capsys) -> dict:
    capsys.readouterr()
    call_command("followup", "export", "--organisation", "testnamnd", "--period", "2022-T1")
    return json.loads(capsys.readouterr().out)


def test_a_report_lands_on_the_plan_and_exports_with_computed_economics(plan, capsys):
    result = import_followup(report(), None)
    assert result.skipped == [] and not result.plan_created
    data = export(capsys)
    council_goal = data["goals"][0]["goals"][0]
    jobs = council_goal["indicators"][0]
    assert jobs["outcome"]["total"] == 247 and jobs["outcome"]["men"] == 148
    assert jobs["outcome"]["as_printed"]["total"] == "247 st"
    assert jobs["previous"] == 359 and jobs["forecast"] == 485
    committee_goal = council_goal["goals"][0]
    assert committee_goal["assessment"] == "partly"
    assert (
        committee_goal["suggested_assessment"] == "not"
    )  # forecast 6,0 mån misses 5,5 mån (lower is better)
    assert committee_goal["activities"][0]["status"] == "ongoing"
    eco = data["economics"]
    assert eco["areas"][0]["costs"] == {"budget": 425.9, "forecast": 420, "deviation": 5.9, "last_year": None}
    assert eco["total"]["net"]["deviation"] == 70.8  # 5,9 on Jobbtorg + 64,9 on the requirement
    assert eco["turnover_total"] == 8.7
    decisions = {d["kind"]: d for d in data["report"]["decisions"]}
    assert decisions["approve_turnover"]["amount"] == 8.7
    assert (
        decisions["request_adjustment"]["amount"]
        == 64.9
        == decisions["request_adjustment"]["amount_as_printed"]
    )
    assert data["complaints"] == [{"department": "Vux", "month": 1, "category": "Bemötande", "count": 5}]
    assert data["signatures"][0]["date"] == "2022-05-24"


def test_a_second_import_needs_replace_and_a_locked_round_refuses_it(plan):
    first = import_followup(report(), None)
    with pytest.raises(RoundExists):
        import_followup(report(), None)
    import_followup(report(), None, replace=True)
    round_ = type(first.round).objects.get()
    round_.status = RoundStatus.LOCKED
    round_.save()
    with pytest.raises(RoundLocked):
        import_followup(report(), None, replace=True)


def test_a_round_people_have_worked_in_is_not_replaced_and_its_record_stays(plan):
    first = import_followup(report(), None)
    part = first.round.parts.first()
    mark_ready(part, by=None)
    with pytest.raises(RoundExists, match="part_ready"):
        import_followup(report(), None, replace=True)
    assert list(first.round.events.values_list("action", flat=True)) == ["imported", "part_ready"]


def test_rows_that_match_nothing_in_the_plan_refuse_the_file_or_are_skipped_and_listed(plan):
    bad = report(outcomes=[fs.Outcome(goal="9.9", indicator="Okänd")])
    with pytest.raises(FileRefused) as refused:
        import_followup(bad, None)
    assert refused.value.problems == [
        RowProblem(("outcomes", 0, "indicator"), "the plan has no goal 9.9, so no indicator 'Okänd' under it")
    ]
    assert not Outcome.objects.exists()
    assert import_followup(bad, None, skip_unmatched=True).skipped == refused.value.problems


@pytest.mark.parametrize(
    ("text", "kind", "amount"),
    [
        (
            "… godkänna justering av driftbudgeten … med 214,2 mnkr för redovisade omslutsförändringar.",
            "approve_turnover",
            D("214.2"),
        ),
        (
            "… begära budgetjustering för en ökning av intäktskravet … om 64,9 mnkr.",
            "request_adjustment",
            D("64.9"),
        ),
        ("… godkänna Tertialrapport 1, 2021 med prognos …", "approve_report", None),
        ("… justera paragrafen omedelbart.", "other", None),
    ],
)
def test_decision_texts_are_classified(text, kind, amount):
    assert decision_kind(text) == (kind, amount)


def _plan_for(year: int, tmp_path) -> None:
    path = tmp_path / f"plan-{year}.yaml"
    path.write_text(
        SMALL.read_text(encoding="utf-8").replace("year: 2022", f"year: {year}"), encoding="utf-8"
    )
    call_command("plan", "import", str(path))


def test_previous_is_last_years_full_year_looked_up_even_before_anything_is_entered(tmp_path, capsys):
    _plan_for(2021, tmp_path)
    _plan_for(2022, tmp_path)
    org = Organisation.objects.get(code="testnamnd")
    values = {
        "2021-T1": {"Antal som fått jobb": 359, "Sjukfrånvaro": 7},
        "2021": {"Antal som fått jobb": 700, "Sjukfrånvaro": 6},
    }
    for period, by_name in values.items():
        round_ = open_round(org, period, by=None)
        for target in Target.objects.filter(plan=round_.plan, indicator__name__in=by_name).select_related(
            "indicator"
        ):
            outcome = Outcome(round=round_, target=target, total=D(by_name[target.indicator.name]))
            outcome.save()
    open_round(org, "2022-T1", by=None)
    capsys.readouterr()
    call_command(
        "followup", "export", "--organisation", "testnamnd", "--period", "2022-T1", "--format", "json"
    )
    data = json.loads(capsys.readouterr().out)
    previous = {i["name"]: i["previous"] for g in _walk(data["goals"]) for i in g["indicators"]}
    # the column "Periodens utfall VB 2021", whatever was reported in T1 2021
    assert previous == {"Antal som fått jobb": 700, "Genomsnittlig inskrivningstid": None, "Sjukfrånvaro": 6}


def _walk(goals):
    for goal in goals:
        yield goal
        yield from _walk(goal["goals"])
