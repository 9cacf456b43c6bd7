"""What a part still lacks: an indicator measured every other year is expected only in its years."""

from __future__ import annotations

import pytest

from styrkedja.followup.progress import round_missing
from styrkedja.followup.workflow import open_round
from styrkedja.plans.models import Indicator


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
