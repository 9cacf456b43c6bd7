"""The synthetic city: deterministic, valid files, plausible numbers, and the planted inconsistencies
listed with the rules that find them."""

from __future__ import annotations

import json

from styrkedja.planfiles.followup_schema import FollowUpFile
from styrkedja.planfiles.reader import read_file, read_plan_file
from styrkedja.synthetic.city import generate, write


def test_the_same_seed_gives_the_same_city_and_another_seed_another():
    a, b, c = generate(4, seed=7), generate(4, seed=7), generate(4, seed=8)
    assert a.council.model_dump() == b.council.model_dump()
    assert [f.model_dump() for f in a.followups] == [f.model_dump() for f in b.followups]
    assert [f.model_dump() for f in a.followups] != [f.model_dump() for f in c.followups]


def test_the_files_read_back_as_plan_and_follow_up_files(tmp_path):
    generated = generate(3, seed=1)
    paths = write(generated, tmp_path)
    plans = [read_plan_file(p) for p in paths if p.parent.name == "plans"]
    followups = [read_file(p, FollowUpFile) for p in paths if p.parent.name == "followups"]
    assert plans[0].organisation.kind == "city" and len(plans) == 4
    assert {f.period for f in followups} == {"2021-T1", "2021-T2"}
    planted = json.loads((tmp_path / "planted.json").read_text())
    assert {p["rule"] for p in planted} == {
        "city.stated_counts",
        "city.stated_counts_sum",
        "city.rating_against_committees",
        "city.printed_total",
        "city.printed_total_rounding",
        "city.revenue_cost_signs",
    }


def test_counts_add_up_and_shares_come_with_their_parts():
    generated = generate(3, seed=2)
    for f in generated.followups:
        for o in f.outcomes:
            if o.total is None:
                continue
            if o.numerator is not None:
                assert o.denominator and o.numerator <= o.denominator
            elif o.men is not None and o.women is not None:
                assert o.men + o.women == o.total


def test_a_committee_plan_refers_to_the_councils_goals_and_indicators():
    generated = generate(3, seed=3)
    plan = generated.plans[0]
    top = plan.goals[0]
    assert top.council_goal == top.number and not top.title
    council_rows = [i for g in top.goals for i in g.indicators if i.council_indicator]
    assert council_rows and all(i.unit is None for i in council_rows)
    # a committee has about sixty indicators and forty activities
    big = generate(30, seed=1).plans
    counts = [sum(len(g.indicators) for g in _walk(p.goals)) for p in big]
    activities = [sum(len(g.activities) for g in _walk(p.goals)) for p in big]
    assert 40 <= sum(counts) / len(counts) <= 80 and 25 <= sum(activities) / len(activities) <= 50


def _walk(goals):
    for g in goals:
        yield g
        yield from _walk(g.goals)
