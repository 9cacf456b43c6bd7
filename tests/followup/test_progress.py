"""The workflow's rules for incomplete and changed work (followup/workflow.py, followup/progress.py): a part
with something still empty is marked ready or approved only on the user's word; a part changed after its
approval goes back to be filled in, recorded; overdue parts; the grid saved as a whole."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from styrkedja.checks import Finding, Severity
from styrkedja.followup import economy_editing
from styrkedja.followup.checking import RoundCheck
from styrkedja.followup.models import PartStatus, RoundEvent, RoundEventKind
from styrkedja.followup.progress import is_overdue, outcomes_filled, round_missing
from styrkedja.followup.values import (
    GridRefused,
    GridRow,
    OutcomeInput,
    save_activity_report,
    save_outcome,
    save_outcomes,
)
from styrkedja.followup.workflow import Incomplete, approve_part, mark_ready, open_round
from styrkedja.plans.models import Indicator

D = Decimal


@pytest.fixture
def round_(world):
    return open_round(world.committee, "2022-T1", by=world.users["controller"], deadline=date(2022, 5, 10))


@pytest.fixture
def part(round_):
    return round_.parts.get(goal__isnull=False)


def test_marking_ready_with_something_empty_is_refused_naming_it_unless_the_user_accepts(world, part):
    with pytest.raises(Incomplete) as refused:
        mark_ready(part, by=world.users["reporter"], accept_missing=False)
    items = refused.value.missing.items()
    assert items == [
        "4 indikatorer saknar utfall eller prognos",
        "2 mål saknar bedömning",
        "2 aktiviteter saknar status",
    ]
    part.refresh_from_db()
    assert part.status == PartStatus.TODO
    mark_ready(part, by=world.users["reporter"], accept_missing=True)
    part.refresh_from_db()
    assert part.status == PartStatus.READY


def test_approving_with_something_empty_is_refused_naming_it_unless_the_controller_accepts(world, part):
    controller = world.users["controller"]
    mark_ready(part, by=controller)
    with pytest.raises(Incomplete, match="saknar utfall eller prognos"):
        approve_part(part, by=controller, accept_missing=False)
    approve_part(part, by=controller, accept_missing=True)
    part.refresh_from_db()
    assert part.status == PartStatus.APPROVED


def approved(part, world):
    controller = world.users["controller"]
    mark_ready(part, by=controller)
    approve_part(part, by=controller)
    part.refresh_from_db()
    return part


def test_changing_a_value_of_an_approved_part_sets_it_back_to_be_filled_in_and_records_it(
    world, round_, part
):
    approved(part, world)
    save_outcome(
        round_, world.targets["feriejobb"], OutcomeInput(total=D(40)), by=world.users["controller"],
        expected_version=0,
    )  # fmt: skip
    part.refresh_from_db()
    assert part.status == PartStatus.TODO
    event = RoundEvent.objects.filter(round=round_).latest("pk")
    assert event.action == RoundEventKind.PART_TODO
    assert event.comment == f"{part.title}: ändrad efter godkännandet"
    assert event.by == world.users["controller"]
    assert part.history.first().status == PartStatus.TODO  # in the part's history too


def test_an_activity_status_reopens_the_approved_part_and_a_council_goals_value_does_not(world, round_, part):
    approved(part, world)
    save_outcome(
        round_, world.targets["självförsörjande"], OutcomeInput(total=D(70), men=D(69), women=D(71)),
        by=world.users["controller"], expected_version=0,
    )  # fmt: skip
    part.refresh_from_db()
    assert part.status == PartStatus.APPROVED  # the council goal above belongs to no part
    activity = world.activities[0]  # of goal 1.1.1, the part's
    save_activity_report(
        round_, activity, status="ongoing", deviation="", by=world.users["controller"], expected_version=0
    )
    part.refresh_from_db()
    assert part.status == PartStatus.TODO


def test_a_changed_forecast_reopens_the_approved_economics(world, round_):
    economy = approved(round_.parts.get(goal__isnull=True), world)
    area = world.areas["Jobbtorg Stockholm"]
    economy_editing.save_area_forecast(
        round_, area, costs=D("10.0"), revenues=D("-1.0"), commentary="", by=world.users["controller"],
        expected_version=0,
    )  # fmt: skip
    economy.refresh_from_db()
    assert economy.status == PartStatus.TODO


def test_a_part_is_overdue_after_the_deadline_until_it_is_approved(world, round_, part):
    assert not is_overdue(part, round_, date(2022, 5, 10))
    assert is_overdue(part, round_, date(2022, 5, 11))
    approved(part, world)
    assert not is_overdue(part, round_, date(2022, 5, 11))
    round_.deadline = None
    assert not is_overdue(round_.parts.get(goal__isnull=True), round_, date(2030, 1, 1))


def test_the_grid_is_saved_whole_or_not_at_all(world, round_):
    jobs, months = world.targets["feriejobb"], world.targets["inskrivningstid"]
    by = world.users["reporter"]
    save_outcome(round_, jobs, OutcomeInput(total=D(1)), by=world.users["controller"], expected_version=0)
    rows = [GridRow(jobs, OutcomeInput(total=D(40)), 0), GridRow(months, OutcomeInput(total=D("5.2")), 0)]
    with pytest.raises(GridRefused) as refused:
        save_outcomes(round_, rows, by=by)
    assert refused.value.rows[0].conflict is not None and refused.value.rows[0].conflict.total == D(1)
    assert refused.value.rows[1].failed is False
    assert not months.outcomes.exists()
    saved = save_outcomes(
        round_, [GridRow(jobs, OutcomeInput(total=D(40)), 1), GridRow(months, OutcomeInput(total=D("5.2")), 0)],
        by=by,
    )  # fmt: skip
    assert [row.saved.total for row in saved] == [D(40), D("5.2")]


def test_an_invalid_row_refuses_the_whole_grid(world, round_):
    jobs, months = world.targets["feriejobb"], world.targets["inskrivningstid"]
    rows = [GridRow(jobs, OutcomeInput(total=D(-1)), 0), GridRow(months, OutcomeInput(total=D("5.2")), 0)]
    with pytest.raises(GridRefused) as refused:
        save_outcomes(round_, rows, by=world.users["reporter"])
    assert refused.value.rows[0].invalid is not None
    assert not months.outcomes.exists()


def test_filled_counts_rows_with_what_the_round_asks(world, round_):
    jobs, months = world.targets["feriejobb"], world.targets["inskrivningstid"]
    outcome, _ = save_outcome(round_, jobs, OutcomeInput(total=D(40), forecast=D(90)), by=None)
    assert str(outcomes_filled(round_, [(jobs, outcome), (months, None)])) == "1 av 2 ifyllda"


def test_the_open_findings_of_a_part_are_those_of_its_goal_and_below():
    def finding(goal: str, kind: str = "indicator") -> Finding:
        return Finding("r", Severity.ERROR, kind, goal, "m", {"goal": goal})

    findings = [finding("1.1.1"), finding("1.1.1.2"), finding("1.1.10"), finding("", "budget")]
    check = RoundCheck(None, findings)  # type: ignore[arg-type]
    assert [f.ref for f in check.open_for_part("1.1.1")] == ["1.1.1", "1.1.1.2"]
    assert [f.kind for f in check.open_for_part(None)] == ["budget"]


# An indicator measured every other year is expected only in its years.
@pytest.mark.parametrize(("first_year", "lacking"), [(2021, 0), (2022, 1), (None, 1)])
def test_a_survey_of_every_other_year_is_missing_only_in_a_year_it_is_measured(world, first_year, lacking):
    target = world.targets["feriejobb"]
    Indicator.objects.filter(pk=target.indicator_id).update(
        periodicity="every_other_year", first_year=first_year
    )
    others = Indicator.objects.exclude(pk=target.indicator_id)
    others.update(periodicity="every_other_year", first_year=2021)  # not expected in 2022: only this one
    round_ = open_round(world.committee, "2022", by=world.users["controller"])
    part = round_.parts.get(goal=target.goal)
    assert round_missing(round_, [part])[part.pk].outcomes == lacking
