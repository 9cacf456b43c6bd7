"""Saving an indicator's values: what the form does not show is kept, an edit stops being "as printed",
and a scale's range is enforced."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from styrkedja.followup.models import Assessment, Outcome, Source
from styrkedja.followup.values import Invalid, OutcomeInput, save_assessment, save_outcome
from styrkedja.plans.models import Target
from tests.factories import version_of


def _target(round_, **indicator_changes) -> Target:
    target = Target.objects.filter(plan=round_.plan, indicator__gender_split=False).select_related(
        "indicator"
    )[0]
    for name, value in indicator_changes.items():
        setattr(target.indicator, name, value)
    if indicator_changes:
        target.indicator.save()
    return target


def test_an_edit_keeps_imported_women_and_men_of_an_unsplit_indicator(round_, controller):
    target = _target(round_)
    Outcome.objects.create(
        round=round_,
        target=target,
        total=D(247),
        men=D(148),
        women=D(99),
        source=Source.IMPORT,
        as_printed={"total": "247 st", "men": "148 st", "women": "99 st"},
    )
    outcome, _ = save_outcome(
        round_,
        target,
        OutcomeInput(total=D(251)),
        by=controller,
        expected_version=version_of(Outcome, round=round_, target=target),
    )
    outcome.refresh_from_db()
    assert (outcome.total, outcome.men, outcome.women) == (D(251), D(148), D(99))
    assert outcome.source == Source.MANUAL
    assert outcome.as_printed == {"men": "148 st", "women": "99 st"}  # the total is no longer as printed
    assert outcome.history.first().history_user == controller


def test_saving_the_same_values_keeps_the_printed_text(round_, controller):
    target = _target(round_)
    Outcome.objects.create(
        round=round_, target=target, total=D(12), source=Source.IMPORT, as_printed={"total": "12 st"}
    )
    outcome, _ = save_outcome(
        round_,
        target,
        OutcomeInput(total=D(12), comment="Som tryckt"),
        by=controller,
        expected_version=version_of(Outcome, round=round_, target=target),
    )
    assert outcome.source == Source.IMPORT and outcome.as_printed == {"total": "12 st"}


def test_a_value_outside_the_scale_is_refused_and_nothing_is_stored(round_, controller):
    target = _target(round_, unit="scale", scale_min=D(1), scale_max=D(5))
    with pytest.raises(Invalid) as refused:
        save_outcome(
            round_,
            target,
            OutcomeInput(total=D("4.2"), forecast=D(6)),
            by=controller,
            expected_version=version_of(Outcome, round=round_, target=target),
        )
    assert list(refused.value.verdict.errors) == ["forecast"]
    assert not Outcome.objects.filter(round=round_, target=target).exists()
    outcome, _ = save_outcome(
        round_,
        target,
        OutcomeInput(total=D("4.2"), forecast=D("4.4")),
        by=controller,
        expected_version=version_of(Outcome, round=round_, target=target),
    )
    assert outcome.forecast == D("4.4")


def test_an_assessment_keeps_the_suggestion_its_justification_answered(round_, controller):
    goal = round_.plan.goals.get(number="1.1")
    with pytest.raises(ValidationError):
        save_assessment(
            round_,
            goal,
            value="fully",
            analysis="",
            justification=" ",
            suggested="partly",
            by=controller,
            expected_version=version_of(Assessment, round=round_, goal=goal),
        )
    saved = save_assessment(
        round_,
        goal,
        value="fully",
        analysis="",
        justification="Mäts först i VB.",
        suggested="partly",
        by=controller,
        expected_version=version_of(Assessment, round=round_, goal=goal),
    )
    assert (saved.value, saved.suggested_when_saved) == ("fully", "partly")
    assert saved.history.first().history_user == controller
