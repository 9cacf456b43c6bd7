"""Indicator rules: each triggers on a small hand-made case and stays quiet on the consistent one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from styrkedja.checks import Severity
from styrkedja.reports import kinds
from tests.checks.factory import found, goal, indicator, report

D = Decimal


def with_rows(*rows, **goal_kw):
    return report(goals=[goal(indicators=list(rows), **goal_kw)])


def test_the_consistent_report_has_no_finding_at_all():
    assert found(report()) == []


# --- units -------------------------------------------------------------------------------------------


def test_a_months_indicator_with_men_and_women_in_percent_is_an_error():
    row = indicator("Genomsnittlig inskrivningstid", "months", total=D("7.3"), men=D("6.6"), women=D("8.2"))
    row.as_printed.update(men="6,6 %", women="8,2 %")
    [finding] = found(with_rows(row), "indicator.unit_mismatch")
    assert finding.severity is Severity.ERROR
    assert finding.kind == "indicator" and finding.ref == "Genomsnittlig inskrivningstid"
    assert "män 6,6 %, kvinnor 8,2 %" in finding.message and "månader" in finding.message
    assert finding.values["män"] == "6,6 %" and finding.values["goal"] == "1.1.1"


def test_two_different_units_in_a_row_without_a_known_unit_is_an_error():
    row = indicator("Nöjdhet", "index", total=D(80), men=D(79), women=D(81))
    row.as_printed.update(total="80 st", men="79 %")
    assert len(found(with_rows(row), "indicator.unit_mismatch")) == 1


def test_cells_that_all_carry_the_indicators_unit_are_fine():
    row = indicator("Sjukfrånvaro", "percent", total=D("4.0"), men=D("3.2"), women=D("4.3"))
    assert found(with_rows(row), "indicator.unit_mismatch") == []
    assert found(with_rows(row), "indicator.unit_missing") == []


def test_a_bare_value_next_to_values_with_a_unit_is_a_warning():
    row = indicator("Antal platser", total=D(40), men=None, women=None, forecast=D(95), target=D(95))
    row.as_printed = {"total": "40", "forecast": "95", "target": "95 st"}
    [finding] = found(with_rows(row), "indicator.unit_missing")
    assert finding.severity is Severity.WARNING
    assert "utfall 40, prognos 95" in finding.message and "årsmål 95 st" in finding.message


def test_a_row_printed_bare_throughout_is_fine_and_text_cells_are_ignored():
    row = indicator("Antal platser", men=None, women=None)
    row.as_printed = {"total": "40", "forecast": "96", "target": "95", "kf_target": "Tas fram av nämnd"}
    assert found(with_rows(row), "indicator.unit_missing") == []


def test_a_plan_reads_the_plan_cells_and_a_report_its_own():
    row = indicator("Andel i arbete", "percent", total=D(50), men=D(50), women=D(50), forecast=None)
    row.as_printed = {"plan_target": "100", "plan_kf_target": "100 %", "total": "50 %", "target": "95 %"}
    assert found(with_rows(row), "indicator.unit_missing") == []
    from tests.checks.factory import plan

    planned = plan(goals=[goal(indicators=[indicator("Andel i arbete", "percent")])])
    planned.goals[0].indicators[0].as_printed = {"plan_target": "100", "plan_kf_target": "100 %"}
    assert len(found(planned, "indicator.unit_missing")) == 1


# --- men and women -----------------------------------------------------------------------------------


def test_a_count_whose_total_is_not_men_plus_women_is_an_error():
    row = indicator("Antal som fått arbete", total=D(22), men=D(11), women=D(1))
    [finding] = found(with_rows(row), "indicator.gender_sum")
    assert finding.severity is Severity.ERROR
    assert "22" in finding.message and "11 + 1 = 12" in finding.message
    assert finding.values == {"goal": "1.1.1", "total": "22", "men": "11", "women": "1", "sum": "12"}


def test_a_count_that_adds_up_or_lacks_a_gender_is_fine():
    assert found(with_rows(indicator(total=D(247), men=D(148), women=D(99))), "indicator.gender_sum") == []
    assert found(with_rows(indicator(total=D(40), men=None, women=None)), "indicator.gender_sum") == []


def test_the_sum_tolerance_is_configurable():
    doc = with_rows(indicator(total=D(31), men=D(10), women=D(20)))
    assert len(found(doc, "indicator.gender_sum")) == 1
    config = {"indicator.gender_sum": {"threshold": 1}}
    assert found(doc, "indicator.gender_sum", config=config) == []


def test_a_share_outside_men_and_women_is_an_error():
    row = indicator("Andel i arbete", "percent", total=D("9.0"), men=D("6.6"), women=D("8.2"), decimals=1)
    [finding] = found(with_rows(row), "indicator.gender_range")
    assert "9" in finding.message and "6,6–8,2" in finding.message


def test_a_share_inside_men_and_women_or_off_by_rounding_is_fine():
    inside = indicator("Andel i arbete", "percent", total=D("75.28"), men=D("76.45"), women=D("73.69"))
    rounded = indicator("Andel klara", "percent", total=D(37), men=D("37.4"), women=D("45.1"))
    rounded.as_printed["total"] = "37 %"
    assert found(with_rows(inside, rounded), "indicator.gender_range") == []


# --- targets -------------------------------------------------------------------------------------------


def test_a_committee_target_below_kfs_is_weaker_when_higher_is_better():
    row = indicator("Aktivt Medskapandeindex", "index", target=D(81), kf_mode="value", kf_target=D(82))
    row.men = row.women = None
    [finding] = found(with_rows(row), "indicator.kf_target_weaker")
    assert "81" in finding.message and "82" in finding.message


def test_a_committee_target_above_kfs_is_weaker_when_lower_is_better():
    row = indicator("Sjukfrånvaro", "percent", direction="lower", target=D("4.5"), kf_mode="value")
    row.kf_target, row.forecast, row.total, row.men, row.women = D("4.0"), D("4.4"), D("4.1"), D(4), D("4.2")
    assert len(found(with_rows(row), "indicator.kf_target_weaker")) == 1


def test_an_equal_or_stronger_target_or_a_delegated_kf_target_is_fine():
    stronger = indicator("Index Bra arbetsgivare", "index", target=D(85), kf_mode="value", kf_target=D(84))
    delegated = indicator("Andel i arbete", "percent", target=D(72), kf_mode="delegated_committee")
    for row in (stronger, delegated):
        row.men = row.women = None
    assert found(with_rows(stronger, delegated), "indicator.kf_target_weaker") == []


def test_a_count_below_kfs_is_only_information_since_kfs_count_may_be_city_wide():
    row = indicator("Antal ungdomar med feriejobb", target=D(55), kf_mode="value", kf_target=D(9000))
    row.forecast = D(56)
    assert found(with_rows(row), "indicator.kf_target_weaker") == []
    [finding] = found(with_rows(row), "indicator.kf_target_city_wide")
    assert finding.severity is Severity.INFO and "9\u00a0000" in finding.message
    config = {"indicator.kf_target_weaker": {"threshold": []}}
    assert len(found(with_rows(row), "indicator.kf_target_weaker", config=config)) == 1


# --- forecasts ------------------------------------------------------------------------------------------


def test_a_forecast_equal_to_the_target_is_information():
    [finding] = found(with_rows(indicator(forecast=D(95), target=D(95))), "indicator.forecast_equals_target")
    assert finding.severity is Severity.INFO
    assert found(with_rows(indicator(forecast=D(96))), "indicator.forecast_equals_target") == []


def test_a_report_where_most_forecasts_are_the_targets_gets_a_warning():
    rows = [indicator(f"Antal {n}", forecast=D(95), target=D(95)) for n in "abc"] + [indicator("Antal d")]
    [finding] = found(with_rows(*rows), "indicator.forecasts_copied")
    assert finding.kind == "report" and "3 av 4" in finding.message
    assert (
        found(with_rows(*rows[:2], *[indicator(f"Antal {n}") for n in "xyz"]), "indicator.forecasts_copied")
        == []
    )


def test_forecast_rules_stay_quiet_in_a_plan_and_in_the_annual_report():
    doc = with_rows(*[indicator(f"Antal {n}", forecast=D(95), target=D(95)) for n in "abcd"])
    doc.kind = kinds.ANNUAL
    assert found(doc, "indicator.forecasts_copied") == found(doc, "indicator.forecast_equals_target") == []


def test_an_indicator_without_unit_or_direction_is_a_warning():
    row = indicator("Nöjdhet", "", direction="", men=None, women=None)
    [finding] = found(with_rows(row), "indicator.unit_or_direction_missing")
    assert "enhet och riktning" in finding.message


# --- measurement windows ----------------------------------------------------------------------------------


def test_an_outcome_measured_over_another_window_without_saying_so_is_a_warning():
    row = indicator(window_start=dt.date(2021, 1, 1), window_end=dt.date(2021, 3, 31))
    [finding] = found(with_rows(row), "indicator.window_differs")
    assert "2021-03-31" in finding.message
    row.comment = "Utfallet avser januari–mars."
    assert found(with_rows(row), "indicator.window_differs") == []


def test_the_window_of_the_indicators_own_periodicity_is_fine():
    row = indicator(periodicity="half_year", window_end=dt.date(2021, 6, 30))
    assert found(with_rows(row), "indicator.window_differs") == []


def test_an_analysis_giving_the_outcome_for_another_window_is_a_warning():
    row = indicator(
        "Andel som arbetar efter avslut", "percent", total=D("52.94"), men=D(50), women=D("57.14")
    )
    analysis = (
        "Den senaste mätningen, där personer som avslutat under januari - december 2020 ingår, visar att "
        "53 procent arbetar eller studerar."
    )
    [finding] = found(with_rows(row, analysis=analysis), "indicator.window_in_text")
    assert "52,94" in finding.message and "januari - december 2020" in finding.message


def test_a_number_in_a_dated_sentence_that_is_about_something_else_is_fine():
    row = indicator("Andel som arbetar efter avslut", "percent", total=D(5), men=D(4), women=D(6))
    count = indicator("Antal renoverade möbler", total=D(40), men=D(20), women=D(20))
    analysis = (
        "Under januari – mars har 40 transporter utförts. Under januari – mars 2021 var andelen "
        "drygt 5 procentenheter lägre."
    )
    assert found(with_rows(row, count, analysis=analysis), "indicator.window_in_text") == []
    same = "Under januari – april 2021 har 40 möbler renoverats."
    assert found(with_rows(count, analysis=same), "indicator.window_in_text") == []


# --- analysis texts under the rows ----------------------------------------------------------------------------


def test_the_same_analysis_under_two_indicators_is_a_warning():
    text = "Nämnden prognostiserar ett överskott på grund av ökade statsbidrag."
    a = indicator("Budgetföljsamhet före resultatöverföring", "percent", men=None, women=None, comment=text)
    b = indicator("Budgetföljsamhet efter resultatöverföring", "percent", men=None, women=None, comment=text)
    [finding] = found(with_rows(a, b), "indicator.comment_duplicate")
    assert finding.ref == b.name and a.name in finding.message
    b.comment = text.replace("ökade", "högre")
    assert found(with_rows(a, b), "indicator.comment_duplicate") == []
    config = {"indicator.comment_duplicate": {"threshold": "0.8"}}
    assert len(found(with_rows(a, b), "indicator.comment_duplicate", config=config)) == 1


def test_an_analysis_about_another_indicator_is_a_warning():
    own = indicator("Antal kvinnor och män som fått arbete genom partnerskapen")
    other = indicator("Arbetskraftsbrist i Stockholm (andel vakanser)", "percent", men=None, women=None)
    own.comment = "Indikatorn avser arbetsbrist i Stockholms län, som nämnden inte kan styra över."
    [finding] = found(with_rows(own, other), "indicator.comment_names_other_indicator")
    assert finding.ref == own.name and other.name in finding.message


def test_an_analysis_about_its_own_indicator_is_fine():
    own = indicator("Genomsnittlig inskrivningstid för unga", "months", total=D(5), men=D(4), women=D(6))
    other = indicator("Arbetskraftsbrist i Stockholm", "percent", men=None, women=None)
    own.comment = (
        "Den genomsnittliga inskrivningstiden har ökat sedan arbetskraftsbristen i Stockholm minskade."
    )
    assert found(with_rows(own, other), "indicator.comment_names_other_indicator") == []


# --- fewer false alarms -------------------------------------------------------------------------------


def test_a_kf_count_the_text_calls_the_citys_is_not_reported():
    row = indicator("Antal ungdomar med feriejobb", target=D(55), kf_mode="value", kf_target=D(9000))
    analysis = "Det finns utmaningar i att nå stadens målvärde om 9 000 platser för ungdomar med feriejobb."
    assert found(with_rows(row, analysis=analysis), "indicator.kf_target_city_wide") == []
    unrelated = "Stadens målvärde för sjukfrånvaro är svårt att nå."
    assert len(found(with_rows(row, analysis=unrelated), "indicator.kf_target_city_wide")) == 1


def test_forecasts_equal_to_targets_are_one_finding_with_the_rows_and_explained_rows_are_left_out():
    copied = [indicator(f"Antal {n} deltagare", forecast=D(95), target=D(95)) for n in ("unga", "vuxna")]
    reached = indicator("Antal platser", total=D(95), men=D(45), women=D(50), forecast=D(95), target=D(95))
    cautious = indicator("Antal praktikplatser", forecast=D(95), target=D(95))
    cautious.comment = "Nämnden gör en försiktig prognos att målet för antal praktikplatser nås."
    others = [indicator(f"Antal {n}") for n in ("a", "b", "c", "d")]
    doc = with_rows(*copied, reached, cautious, *others)
    [finding] = found(doc, "indicator.forecast_equals_target")
    assert finding.kind == "report" and finding.values["rows"] == [r.name for r in copied]
    assert "2 indikatorer" in finding.message
    assert found(doc, "indicator.forecasts_copied") == []


def test_when_most_forecasts_are_copied_only_the_report_warning_is_given_with_the_rows():
    rows = [indicator(f"Antal {n}", forecast=D(95), target=D(95)) for n in "abc"] + [indicator("Antal d")]
    [warning] = found(with_rows(*rows), "indicator.forecasts_copied")
    assert warning.values["rows"] == ["Antal a", "Antal b", "Antal c"]
    assert found(with_rows(*rows), "indicator.forecast_equals_target") == []


def test_a_comment_that_explains_its_own_indicator_by_another_is_fine():
    own = indicator("Andel som avslutats till arbete inom tolv månader", "percent", men=None, women=None)
    other = indicator("Genomsnittlig inskrivningstid för aspiranter", "months", men=None, women=None)
    own.comment = (
        "Givet det ansträngda arbetsmarknadsläget krävs mer stöd. Bedömningen är därför att den "
        "genomsnittliga inskrivningstiden blir längre än planerat."
    )
    assert found(with_rows(own, other), "indicator.comment_names_other_indicator") == []
    own.comment = "Indikatorn avser den genomsnittliga inskrivningstiden, som därför blir längre."
    assert len(found(with_rows(own, other), "indicator.comment_names_other_indicator")) == 1
