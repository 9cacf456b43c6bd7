"""An indicator's definition belongs to one plan year; a series joins the years. Changing next year's
definition never changes this year's approved report, and last year's values are still found."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styrkedja.followup.documents import build_followup_document
from styrkedja.followup.models import Part
from styrkedja.followup.previous import previous_values
from styrkedja.followup.values import OutcomeInput, save_outcome
from styrkedja.followup.workflow import approve_part, approve_round, mark_ready, open_round
from styrkedja.interchange.plan_export import export_data
from styrkedja.interchange.plan_import import load_plan
from styrkedja.planfiles.schema import PlanFile
from styrkedja.plans import editing
from styrkedja.plans.locking import PlanLocked
from styrkedja.plans.models import Indicator, Target
from tests.factories import build_plan, version_of

D = Decimal
NAME = "Antal tillhandahållna platser för feriejobb"


@pytest.fixture
def approved_2021(world):
    """The plan for 2021 with the same indicators as 2022's, and its full-year round approved."""
    plan_2021, *_ = build_plan(world.committee, 2021)
    round_ = open_round(world.committee, "2021", by=None)
    target = Target.objects.get(plan=plan_2021, indicator__name=NAME)
    save_outcome(round_, target, OutcomeInput(total=D(88)), by=None)
    for part in Part.objects.filter(round=round_):
        mark_ready(part, by=None)
        approve_part(part, by=None)
    approve_round(round_, by=None)
    return round_


def rows(doc) -> list[tuple[str, str, int, str]]:
    return [(r.name, r.unit, r.decimals, r.direction) for g in doc.all_goals() for r in g.indicators]


def test_each_plan_has_its_own_definition_in_one_series(world, approved_2021):
    definitions = Indicator.objects.filter(name=NAME)
    assert {d.plan.year for d in definitions} == {2021, 2022}
    assert len({d.series_id for d in definitions}) == 1


def test_changing_next_years_definition_leaves_the_approved_report_as_it_was(world, approved_2021):
    before = rows(build_followup_document(approved_2021))
    target_2022 = world.targets["feriejobb"]
    editing.update_indicator(
        target_2022,
        {"name": "Platser för feriejobb", "decimals": 1, "direction": "lower", "unit": "count"},
        by=world.users["controller"],
        expected_version=version_of(Target, pk=target_2022.pk),
        expected_indicator_version=version_of(Indicator, pk=target_2022.indicator_id),
    )
    assert rows(build_followup_document(approved_2021)) == before
    assert NAME in [name for name, *_ in before]


def test_this_years_definition_is_locked_with_its_approved_round(world, approved_2021):
    target_2021 = Target.objects.get(plan__year=2021, indicator__name=NAME)
    with pytest.raises(PlanLocked):
        editing.update_indicator(
            target_2021,
            {"name": "Annat namn"},
            by=world.users["controller"],
            expected_version=version_of(Target, pk=target_2021.pk),
            expected_indicator_version=version_of(Indicator, pk=target_2021.indicator_id),
        )


def test_last_years_outcome_is_found_through_the_series(world, approved_2021):
    round_2022 = open_round(world.committee, "2022-T1", by=None)
    assert previous_values(round_2022)[world.targets["feriejobb"].pk] == D(88)


def test_a_plan_file_reusing_a_name_makes_a_definition_of_its_own(world, approved_2021):
    data = export_data(world.plan)
    data["year"] = 2023
    for goal in _goals(data["goals"]):
        for indicator in goal["indicators"]:
            if indicator["name"] == NAME:
                indicator["decimals"] = 2
    load_plan(PlanFile.model_validate(data), by=None)
    by_year = {d.plan.year: d for d in Indicator.objects.filter(name=NAME).select_related("plan")}
    assert {year: d.decimals for year, d in by_year.items()} == {2021: 0, 2022: 0, 2023: 2}
    assert len({d.series_id for d in by_year.values()}) == 1


def _goals(goals):
    for goal in goals:
        yield goal
        yield from _goals(goal["goals"])
