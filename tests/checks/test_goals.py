"""Goal rules: ratings the data does not support, analyses that speak of what is not there, missing texts."""

from __future__ import annotations

from decimal import Decimal

from styrkedja.checks import Severity
from tests.checks.factory import found, goal, indicator, plan, report

D = Decimal


def test_fully_while_a_forecast_misses_its_target_is_a_warning():
    missed = indicator("Andel till studier", "percent", total=D(37), men=D("32.1"), women=D("45.1"))
    missed.forecast, missed.target = D(45), D(50)
    doc = report(goals=[goal(indicators=[indicator(), missed])])
    [finding] = found(doc, "goal.fully_with_missed_targets")
    assert finding.kind == "goal" and finding.ref == "1.1.1"
    assert "1 av 2" in finding.message and "prognos 45 mot årsmål 50" in finding.message


def test_fully_with_every_forecast_on_target_or_partly_with_a_miss_is_fine():
    assert found(report(), "goal.fully_with_missed_targets") == []
    missed = indicator(forecast=D(80), target=D(95))
    doc = report(goals=[goal(indicators=[missed], assessment="partly")])
    assert found(doc, "goal.fully_with_missed_targets") == []


def test_a_share_of_misses_may_be_allowed_by_configuration():
    rows = [indicator("Antal a"), indicator("Antal b"), indicator("Antal c", forecast=D(80))]
    doc = report(goals=[goal(indicators=rows)])
    assert len(found(doc, "goal.fully_with_missed_targets")) == 1
    config = {"goal.fully_with_missed_targets": {"threshold": "0.34"}}
    assert found(doc, "goal.fully_with_missed_targets", config=config) == []


def test_an_indicator_without_a_direction_does_not_stop_the_checks():
    row = indicator(direction="")
    assert {f.rule for f in found(report(goals=[goal(indicators=[row])]))} == {
        "indicator.unit_or_direction_missing"
    }


def test_a_rating_above_the_suggestion_without_justification_is_a_warning():
    doc = report(goals=[goal(assessment="fully", suggested="not", suggested_share=D("0.33"))])
    [finding] = found(doc, "goal.rating_above_suggestion")
    assert (
        "”uppfylls helt”" in finding.message
        and "”uppfylls inte”" in finding.message
        and "33 % av underlaget" in finding.message
    )


def test_a_justified_rating_or_one_at_or_below_the_suggestion_is_fine():
    justified = goal(assessment="fully", suggested="partly", justification="Aktiviteten är klar i maj.")
    lower = goal("1.1.2", assessment="partly", suggested="fully")
    assert found(report(goals=[justified, lower]), "goal.rating_above_suggestion") == []
    two_steps = {"goal.rating_above_suggestion": {"threshold": 2}}
    one_step = report(goals=[goal(assessment="fully", suggested="partly")])
    assert found(one_step, "goal.rating_above_suggestion", config=two_steps) == []


def test_a_claim_that_indicators_are_reached_without_any_forecast_is_a_warning():
    rows = [indicator(f"Andel {n}", "percent", forecast=None, total=None, men=None, women=None) for n in "ab"]
    analysis = "Målet uppnås, baserat på att 4/5 nämndindikatorer bedöms uppnås under året."
    [finding] = found(
        report(goals=[goal(indicators=rows, analysis=analysis)]), "goal.claim_without_forecasts"
    )
    assert "ingen av målets 2 indikatorer har prognos" in finding.message


def test_the_claim_is_fine_when_an_indicator_has_a_forecast_or_the_text_does_not_claim():
    claim = "Indikatorerna bedöms uppnås."
    assert found(report(goals=[goal(analysis=claim)]), "goal.claim_without_forecasts") == []
    rows = [indicator(forecast=None)]
    text = "Arbetet pågår enligt plan."
    assert found(report(goals=[goal(indicators=rows, analysis=text)]), "goal.claim_without_forecasts") == []


def test_an_analysis_that_mentions_indicators_on_a_goal_without_any_is_a_warning():
    text = "Målet uppnås, eftersom majoriteten av indikatorerna väntas uppnås."
    [finding] = found(
        report(goals=[goal(indicators=[], analysis=text)]), "goal.analysis_mentions_missing_indicators"
    )
    assert finding.ref == "1.1.1" and "inga indikatorer" in finding.message


def test_a_parent_goal_may_speak_of_its_childrens_indicators():
    child = goal("1.1.1")
    parent = goal("1.1", level="council_area", indicators=[], children=[child], analysis="Indikatorerna nås.")
    assert found(report(goals=[parent]), "goal.analysis_mentions_missing_indicators") == []


def test_a_committee_goal_without_description_expected_results_or_analysis_is_a_warning():
    doc = report(goals=[goal(description="", expected_results=[], analysis="")])
    [finding] = found(doc, "goal.required_text_missing")
    assert "beskrivning, förväntat resultat, analys" in finding.message
    assert finding.values["missing"] == ["beskrivning", "förväntat resultat", "analys"]


def test_a_plan_needs_no_analysis_and_a_council_goal_no_description():
    assert found(plan(), "goal.required_text_missing") == []
    council = goal(
        "1.1", level="council_area", description="", expected_results=[], indicators=[], activities=[]
    )
    assert found(report(goals=[council]), "goal.required_text_missing") == []


def test_a_goal_without_assessment_is_a_warning_in_a_report_only():
    doc = report(goals=[goal(assessment="", suggested="partly")])
    [finding] = found(doc, "goal.assessment_missing")
    assert finding.severity is Severity.WARNING and "”uppfylls delvis”" in finding.message
    assert found(plan(), "goal.assessment_missing") == []
    direction = goal("1", level="direction", assessment="", indicators=[], activities=[])
    assert found(report(goals=[direction]), "goal.assessment_missing") == []
