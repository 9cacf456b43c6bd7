"""The report document built from the imported seeds holds the documents' numbers."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from styrkedja.followup.documents import build_followup_document, build_plan_document
from styrkedja.followup.models import Round
from styrkedja.plans.models import Plan
from styrkedja.reports import kinds

pytestmark = [pytest.mark.django_db, pytest.mark.seeds]
D = Decimal


def test_the_plan_document_of_the_vp_seed(seeds_dir, capsys):
    call_command("import_document", str(seeds_dir / "000_bb76e5e2b4aeeaea.txt"), "--organisation", "amn")
    doc = build_plan_document(Plan.objects.get())
    goals = doc.all_goals()
    assert [
        len([g for g in goals if g.level == lvl]) for lvl in ("direction", "council_area", "committee")
    ] == [3, 8, 10]
    assert sum(len(g.indicators) for g in goals) == 48 and sum(len(g.activities) for g in goals) == 67
    assert sum(len(g.expected_results) for g in goals) == 53
    eco = doc.economy
    assert (eco.costs.budget, eco.revenues.budget, eco.requirement_net.budget) == (
        D("1393.1"),
        D("-229.5"),
        D("-168.3"),
    )
    assert eco.committee_net.budget == D("995.3")
    assert eco.turnover_costs == D("229.5")
    assert [v[1] for v in eco.versions] == ["VP 2022", "VP 2021", "Justerad VP 2021"]


def test_the_followup_document_of_the_t1_seed(seeds_dir, capsys):
    call_command("import_document", str(seeds_dir / "002_92e32f79cbecfdb4.txt"), "--organisation", "amn")
    doc = build_followup_document(Round.objects.get())
    assert (doc.period, doc.period_label, doc.kind) == ("2021-T1", "Tertial 1 2021", kinds.TERTIAL)
    goals = doc.all_goals()
    assert len(goals) == 22 and sum(1 for g in goals if g.assessment) == 19
    rows = {r.name: r for g in goals for r in g.indicators}
    jobs = rows["Antal aspiranter som fått Stockholmsjobb"]
    assert (jobs.total, jobs.men, jobs.women, jobs.previous, jobs.forecast) == (247, 148, 99, 359, 485)
    assert jobs.met(final=False) is True
    eco = doc.economy
    assert (eco.committee_net.budget, eco.committee_net.forecast, eco.committee_net.deviation) == (
        D("888.5"),
        D("823.6"),
        D("64.9"),
    )
    assert eco.turnover_costs == D("214.2")
    assert doc.complaint_total == 148 and len(doc.signatures) == 8
    assert doc.cover.meeting_date.isoformat() == "2021-05-18"
    turnover = next(x for x in doc.cover.decisions if x.kind == "approve_turnover")
    assert turnover.amount == turnover.amount_as_printed == D("214.2")
