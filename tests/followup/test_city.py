"""The whole city: the council's plan and the references to it, the city-wide open, the roll-up (its
contract, its counts against what the generator planted, its fixed number of queries), the city's
documents and checks."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from styrkedja.followup.checking import check_round
from styrkedja.followup.city import city_office, open_city_round
from styrkedja.followup.city_rollup import city_rollup
from styrkedja.followup.documents import build_followup_document
from styrkedja.followup.models import Round
from styrkedja.interchange.city_files import load_city
from styrkedja.interchange.plan_export import export_data, plan_to_file
from styrkedja.interchange.plan_import import load_plan
from styrkedja.organisations.models import Organisation
from styrkedja.plans.models import Goal, Indicator, Plan
from styrkedja.reports import kinds
from styrkedja.reports.build import build
from styrkedja.synthetic.city import CITY_CODE, generate, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def city_dir(tmp_path):
    generated = generate(4, seed=5)
    write(generated, tmp_path)
    return tmp_path, generated


@pytest.fixture
def city(city_dir):
    directory, generated = city_dir
    load_city(directory)
    return Organisation.objects.get(code=CITY_CODE), generated, directory


def test_the_rollup_counts_what_the_committees_reported(city):
    org, generated, _ = city
    rollup = city_rollup(org, "2021-T2")
    expected = generated.expected
    assert rollup.committees == expected["committees"] == 4
    for goal in rollup.goals:
        want = expected["goals"][goal.ref]
        assert goal.responsible == want["responsible"]
        for key, n in want["committee_ratings"].items():
            assert goal.committee_ratings[key] == n, (goal.ref, key)
        assert goal.indicator_counts == want["indicators"]
        assert goal.suggested == want["suggested"]
    assert rollup.economy_total.sum("net") == Decimal(expected["economy_total_net"])


def test_the_rollup_json_is_the_contract(city):
    _org, _, _ = city
    out = StringIO()
    call_command("rollup", organisation=CITY_CODE, period="2021-T2", format="json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"organisation", "period", "committees", "goals", "economy", "investments"}
    assert data["organisation"] == CITY_CODE and data["period"] == "2021-T2" and data["committees"] == 4
    goal = data["goals"][0]
    assert set(goal) == {
        "ref", "title", "assessment", "suggested_assessment", "committee_ratings", "indicators"
    }  # fmt: skip
    assert set(goal["committee_ratings"]) == {"fully", "partly", "not", "missing"}
    assert set(goal["indicators"]) == {"met", "not_met", "no_outcome"}  # the indicator scale's keys
    assert set(data["economy"]) == {"rows", "total"}
    fields = {"revenues", "costs", "net", "budget", "result", "equity_in", "equity_out"}
    assert set(data["economy"]["rows"][0]) == {"committee"} | fields
    assert set(data["economy"]["total"]) == fields
    row = data["economy"]["rows"][0]
    assert Decimal(str(row["net"])) == Decimal(str(row["costs"])) + Decimal(str(row["revenues"]))
    assert Decimal(str(row["result"])) == Decimal(str(row["budget"])) - Decimal(str(row["net"]))
    assert data["investments"] and set(data["investments"][0]) == {
        "committee", "area", "expenditure", "income", "net", "budget", "project_budget"
    }  # fmt: skip
    text = StringIO()
    call_command("rollup", organisation=CITY_CODE, period="2021-T2", format="text", stdout=text)
    assert "nämnder" in text.getvalue()


def test_the_check_of_the_city_round_finds_every_planted_inconsistency_and_nothing_else(city):
    org, generated, _ = city
    round_ = Round.objects.get(organisation=org, period="2021-T2")
    findings = check_round(round_).findings
    found = {(f.rule, f.ref) for f in findings}
    for p in generated.planted:
        ref = p.get("goal") or p.get("key") or f"{p['committee']}/{p['area']}"
        assert (p["rule"], ref) in found, p
    planted_rules = {p["rule"] for p in generated.planted} | {
        p["also"] for p in generated.planted if "also" in p
    }
    assert {f.rule for f in findings} <= planted_rules
    by_rule = {f.rule: f for f in findings}
    assert by_rule["city.printed_total_rounding"].severity.value == "info"
    assert by_rule["city.printed_total"].severity.value == "error"
    # T1 has nothing planted
    assert [f for f in check_round(Round.objects.get(organisation=org, period="2021-T1")).findings] == []


def test_the_citys_documents_write_the_counts_from_the_data(city):
    org, _, _ = city
    round_ = Round.objects.get(organisation=org, period="2021-T2")
    doc = build_followup_document(round_)
    assert doc.kind is kinds.CITY_INTERIM
    html, _manifest = build(doc, "html")
    text = html.decode()
    goal = doc.city.goals[1]
    from styrkedja.reports.city import count_sentence

    assert count_sentence(goal.committee_ratings, goal.responsible, doc.city.scale) in text
    assert "Driftredovisning" in text and "Investeringsredovisning" in text and "Summa nämnderna" in text
    assert "Nämndernas analyser" in text
    docx, _ = build(doc, "docx")
    assert docx[:2] == b"PK"
    assert (
        kinds.for_period(__import__("styrkedja.lib.periods", fromlist=["x"]).parse_period("2021"), city=True)
        is kinds.CITY_ANNUAL
    )


def test_the_rollup_and_the_office_page_take_as_many_queries_for_more_committees(tmp_path, client):
    counts = []
    for n, sub in ((3, "a"), (6, "b")):
        directory = tmp_path / sub
        write(generate(n, seed=9, periods=("T1",)), directory)
        Organisation.objects.filter(code=CITY_CODE).update(code=f"old{n}")  # a fresh city each time
        load_city(directory)
        org = Organisation.objects.get(code=CITY_CODE)
        city_rollup(org, "2021-T1")
        with CaptureQueriesContext(connection) as rollup_queries:
            city_rollup(org, "2021-T1")
        with CaptureQueriesContext(connection) as office_queries:
            city_office(org, "2021-T1")
        counts.append((len(rollup_queries), len(office_queries)))
    assert counts[0] == counts[1]


def test_open_on_the_municipality_opens_the_citys_round_and_every_committees(city_dir):
    directory, _generated = city_dir
    load_city(directory, periods=set())  # the plans only
    org = Organisation.objects.get(code=CITY_CODE)
    opened = open_city_round(org, "2021-T1", by=None)
    assert opened.city_round is not None and opened.city_round.parts.count() == 8  # 7 council goals + economy
    assert len(opened.opened) == 4
    again = open_city_round(org, "2021-T1", by=None)
    assert again.city_round is None and len(again.already_open) == 4
    out = StringIO()
    call_command("followup", "open", organisation=CITY_CODE, period="2021-T2", stdout=out)
    assert Round.objects.filter(period="2021-T2").count() == 5
    assert "4 committees' rounds opened" in out.getvalue()


def test_a_committee_plan_refers_to_the_councils_and_exports_as_it_was_imported(city):
    org, generated, _ = city
    plan = Plan.objects.get(organisation__code=generated.plans[0].organisation.code, year=2021)
    linked = Goal.objects.filter(plan=plan, council_goal__isnull=False)
    assert linked.exists() and all(g.title == g.council_goal.title for g in linked)
    assert Indicator.objects.filter(plan=plan, council_indicator__isnull=False).exists()
    exported = plan_to_file(plan)
    assert exported.goals[0].council_goal == exported.goals[0].number and exported.goals[0].title == ""
    assert exported.model_dump(mode="json") == generated.plans[0].model_dump(mode="json") | {
        "goals": exported.model_dump(mode="json")["goals"]
    }
    council = Plan.objects.get(organisation=org, year=2021)
    data = export_data(council)
    assert data["committees"] and data["budget"]["frames"] and data["budget"]["investment_frames"]
    assert any(g.get("responsible") for d in data["goals"] for g in d["goals"])


def test_amn_s_copies_become_references_when_the_councils_plan_exists(db):
    from styrkedja.commands.management.commands.demo import DEMO_DIR
    from styrkedja.planfiles import schema as s
    from styrkedja.planfiles.reader import read_plan_file

    amn = read_plan_file(DEMO_DIR / "amn-2021.yaml")
    # without the council's plan: local copies, exported as before
    plan = load_plan(amn)
    assert not Goal.objects.filter(plan=plan, council_goal__isnull=False).exists()
    before = export_data(plan)
    plan.delete()
    council = s.PlanFile(
        organisation=amn.organisation.parent,
        year=2021,
        goals=[
            s.Goal(level="direction", number="1", title=amn.goals[0].title, goals=[
                s.Goal(level="council_area", number="1.1", title=amn.goals[0].goals[0].title,
                       indicators=[amn.goals[0].goals[0].indicators[0].model_copy(update={"target": None})])
            ])
        ],
    )  # fmt: skip
    load_plan(council)
    plan = load_plan(amn)
    assert Goal.objects.get(plan=plan, number="1.1").council_goal.plan.organisation.code == "stockholm"
    assert Indicator.objects.filter(plan=plan, council_indicator__isnull=False).count() == 1
    assert not Goal.objects.get(plan=plan, number="1.2").council_goal  # the council's plan has no 1.2
    after = export_data(plan)
    assert after["goals"][0]["goals"][0]["council_goal"] == "1.1"
    # the pages and reports show the same goals as before
    from styrkedja.followup.documents import build_plan_document

    assert [g.title for g in build_plan_document(plan).all_goals()] == [
        g["title"] or (g.get("council_goal") and Goal.objects.get(plan=plan, number=g["number"]).title)
        for g in _walk(after["goals"])
    ]
    assert len(before["goals"]) == len(after["goals"])


def _walk(goals):
    for g in goals:
        yield g
        yield from _walk(g["goals"])


def test_a_reference_without_the_councils_plan_is_refused_naming_it_and_stores_nothing(tmp_path):
    from django.core.management.base import CommandError

    generated = generate(3, seed=4)
    path = tmp_path / "committee.yaml"
    from styrkedja.synthetic.city import _dump

    path.write_text(_dump(generated.plans[0]), encoding="utf-8")
    with pytest.raises(
        CommandError, match="names council goal 1, but the municipality above it has no council's plan"
    ):
        call_command("plan", "import", str(path))
    assert not Plan.objects.exists()


def test_the_office_pages_revision_moves_with_what_it_shows(city):
    from styrkedja.followup.city import office_revision
    from styrkedja.followup.models import Assessment

    org, _, _ = city
    before = office_revision(org, "2021-T2")
    assert office_revision(org, "2021-T2") == before
    assessment = Assessment.objects.filter(round__period="2021-T2", round__organisation__parent=org).first()
    assessment.analysis += " Mer."
    assessment.save()
    moved = office_revision(org, "2021-T2")
    assert moved != before
    check_round(assessment.round)
    assert office_revision(org, "2021-T2") != moved
