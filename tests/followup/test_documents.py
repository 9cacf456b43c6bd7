"""The report document's history of an indicator: the same part of the earlier years beside the full
years, each point with its period, from earlier rounds and from the indicator's series."""

from __future__ import annotations

from decimal import Decimal

import pytest

from styrkedja.followup.documents import build_followup_document
from styrkedja.followup.values import OutcomeInput, save_outcome
from styrkedja.followup.workflow import open_round
from styrkedja.plans.models import SeriesValue, Target
from styrkedja.reports.charts import indicator_chart
from tests.factories import build_plan

D = Decimal
NAME = "Antal tillhandahållna platser för feriejobb"


@pytest.fixture
def earlier_years(world):
    """T1 2020 and the year 2020 in the indicator's series; T1 2021 and the year 2021 from rounds."""
    plan_2021, *_ = build_plan(world.committee, 2021)
    target_2021 = Target.objects.get(plan=plan_2021, indicator__name=NAME)
    series = target_2021.indicator.series
    SeriesValue.objects.create(series=series, period="2020-T1", total=D(40), men=D(25), women=D(15))
    SeriesValue.objects.create(series=series, period="2020", total=D(90))
    SeriesValue.objects.create(series=series, period="2020-T2", total=D(70))  # another part: not shown
    for period, total in (("2021-T1", D(45)), ("2021", D(88))):
        save_outcome(
            open_round(world.committee, period, by=None), target_2021, OutcomeInput(total=total), by=None
        )


def test_a_tertial_report_shows_the_same_tertial_of_earlier_years_and_the_full_years_apart(
    world, earlier_years
):
    round_ = open_round(world.committee, "2022-T1", by=None)
    save_outcome(round_, world.targets["feriejobb"], OutcomeInput(total=D(30)), by=None)
    [row] = [r for g in build_followup_document(round_).all_goals() for r in g.indicators if r.name == NAME]
    assert [(p.period, p.label, p.total) for p in row.history] == [
        ("2020-T1", "Tertial 1 2020", D(40)),
        ("2020", "2020", D(90)),
        ("2021-T1", "Tertial 1 2021", D(45)),
        ("2021", "2021", D(88)),
        ("2022-T1", "Tertial 1 2022", D(30)),
    ]
    assert [p.imported for p in row.history] == [True, True, False, False, False]
    chart = indicator_chart(row)
    assert chart.categories == ("2020", "2021", "2022")
    assert [(s.name, s.values) for s in chart.series][:2] == [
        ("Totalt, tertial 1", (D(40), D(45), D(30))),
        ("Kvinnor, tertial 1", (D(15), None, None)),
    ]
    assert ("Helår", (D(90), D(88), None)) in [(s.name, s.values) for s in chart.series]
    assert chart.axis.low == 0  # a count


def test_a_full_year_report_shows_the_full_years_only(world, earlier_years):
    round_ = open_round(world.committee, "2022", by=None)
    save_outcome(round_, world.targets["feriejobb"], OutcomeInput(total=D(95)), by=None)
    [row] = [r for g in build_followup_document(round_).all_goals() for r in g.indicators if r.name == NAME]
    assert [(p.period, p.total) for p in row.history] == [("2020", D(90)), ("2021", D(88)), ("2022", D(95))]
