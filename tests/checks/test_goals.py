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


# --- what the committee answers for, and the analysis as a motivation -----------------------------------


def _reasons(*items):
    from styrkedja.reports.document import Reason

    return [Reason(kind, label, D(met), "") for kind, label, met in items]


def test_activities_other_committees_lead_do_not_count_against_the_rating():
    others = _reasons(("activity", "Idrottsnämnden ska i samarbete med nämnden ordna läger", 0))
    alone = goal(
        "2.4", assessment="fully", suggested="not", suggested_share=D(0), reasons=others, analysis=""
    )
    assert found(report(goals=[alone]), "goal.rating_above_suggestion") == []
    mixed = _reasons(
        ("activity", "Idrottsnämnden ska i samarbete med nämnden ordna läger", 0),
        ("activity", "Arbetsmarknadsnämnden ska ordna sommarjobb", 0),
    )
    own = goal("2.4", assessment="fully", suggested="not", suggested_share=D(0), reasons=mixed, analysis="")
    [finding] = found(report(goals=[own]), "goal.rating_above_suggestion")
    assert "1 aktiviteter som andra leder är inte medräknade" in finding.message


def test_an_analysis_that_motivates_the_rating_is_its_justification_unless_the_indicators_say_otherwise():
    motivated = "Nämnden bedömer att målet kommer att uppnås, baserat på att aktiviteterna pågår enligt plan."
    doc = report(goals=[goal(assessment="fully", suggested="partly", analysis=motivated)])
    assert found(doc, "goal.rating_above_suggestion") == []
    claim = "Nämnden bedömer att målet uppfylls, mot bakgrund av att majoriteten av indikatorerna uppnås."
    missed = [indicator(f"Antal {n}", forecast=D(50), target=D(95)) for n in "ab"] + [indicator("Antal c")]
    doc = report(goals=[goal(assessment="fully", suggested="not", indicators=missed, analysis=claim)])
    [finding] = found(doc, "goal.rating_above_suggestion")
    assert "stämmer inte med indikatorerna" in finding.message


# --- the goal's own expected results and indicators without forecast ------------------------------------


def test_fully_against_a_quantified_expected_result_is_a_warning():
    from styrkedja.reports.document import ExpectedResultRow

    row = indicator("Andel deltagare som arbetar efter avslutad insats", "percent", men=None, women=None)
    row.forecast, row.target = D(55), D(50)
    result = ExpectedResultRow("Minst 60 procent av deltagarna ska arbeta efter avslutad insats.", True)
    doc = report(goals=[goal(expected_results=[result], indicators=[row])])
    [finding] = found(doc, "goal.fully_against_expected_results")
    assert finding.ref == "1.1.1" and "prognos 55 %" in finding.message
    row.forecast = D(62)
    assert found(doc, "goal.fully_against_expected_results") == []
    row.forecast = D(55)
    doc.goals[0].assessment = "partly"
    assert found(doc, "goal.fully_against_expected_results") == []


def test_fully_with_a_budget_in_balance_against_an_economy_with_a_deficit_is_a_warning():
    from styrkedja.reports.document import ExpectedResultRow

    result = ExpectedResultRow("Samtliga verksamheter ska ha en budget i balans.")
    doc = report(goals=[goal(expected_results=[result])])
    assert found(doc, "goal.fully_against_expected_results") == []
    doc.economy.areas[
        1
    ].commentary = "För 2021 prognostiserar verksamhetsområdet ett underskott på 22,0 mnkr."
    [finding] = found(doc, "goal.fully_against_expected_results")
    assert "underskott på 22,0 mnkr" in finding.message
    doc.economy.areas[1].commentary = "Området har inget underskott."
    assert found(doc, "goal.fully_against_expected_results") == []


def test_fully_with_an_outcome_below_target_and_no_forecast_is_a_warning():
    row = indicator("Budgetföljsamhet", "percent", men=None, women=None, forecast=None)
    row.total, row.target = D("92.7"), D(100)
    doc = report(goals=[goal(indicators=[row])])
    [finding] = found(doc, "goal.fully_with_outcomes_without_forecast")
    assert "utfall 92,7 mot årsmål 100" in finding.message
    row.forecast = D(100)
    assert found(doc, "goal.fully_with_outcomes_without_forecast") == []
    row.forecast, row.total = None, D(100)
    assert found(doc, "goal.fully_with_outcomes_without_forecast") == []


def test_an_outcome_without_forecast_whose_comment_gives_the_forecast_in_words_is_fine():
    row = indicator("Budgetföljsamhet", "percent", men=None, women=None, forecast=None)
    row.total, row.target = D("92.7"), D(100)
    row.comment = "Nämnden prognostiserar ett överskott på 5 mnkr."
    assert found(report(goals=[goal(indicators=[row])]), "goal.fully_with_outcomes_without_forecast") == []
