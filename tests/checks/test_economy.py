"""Economy rules: omslutning, subtotals, tables that should reconcile, amounts in the texts."""

from __future__ import annotations

from decimal import Decimal

from styrkedja.checks import Severity
from styrkedja.reports.document import Adjustment, Amounts, Decision, TurnoverLine, Volume
from tests.checks.factory import area, cover, economy, found, goal, indicator, plan, report

D = Decimal


def line(area_name: str, label: str, costs: str, revenues: str, heading: str = "", subtotal: str = ""):
    return TurnoverLine(area_name, heading or area_name, subtotal, label, D(costs), D(revenues))


def test_an_omslutning_row_whose_cost_is_not_minus_its_revenue_is_an_error():
    turnover = [line("Jobbtorg Stockholm", "EU-bidrag", "45.0", "-44.0")]
    [finding] = found(report(economy=economy(turnover=turnover)), "economy.turnover_row_unbalanced")
    assert finding.severity is Severity.ERROR and finding.ref == "EU-bidrag"
    assert "45,0" in finding.message and "-44,0" in finding.message


def test_an_areas_omslutning_that_does_not_reconcile_with_its_revenue_budget_is_a_warning():
    areas = [area(), area("Nämnd och gemensam adm.", "87.6", "-12.0")]
    turnover = [
        line("Jobbtorg Stockholm", "EU-bidrag", "45.0", "-45.0"),
        line("Nämnd och gemensam adm.", "EU bidrag", "8.9", "-8.9"),
        line("Nämnd och gemensam adm.", "Bidrag", "0.4", "-0.4"),
    ]
    [finding] = found(
        report(economy=economy(areas=areas, turnover=turnover)), "economy.turnover_area_revenue"
    )
    assert finding.kind == "budget" and finding.ref == "Nämnd och gemensam adm."
    assert "9,3" in finding.message and "-12,0" in finding.message


def test_omslutning_for_an_area_the_budget_lacks_is_reported_unless_there_is_no_budget_table_yet():
    turnover = [line("Okänt område", "Bidrag", "1.0", "-1.0")]
    assert len(found(report(economy=economy(turnover=turnover)), "economy.turnover_area_revenue")) == 1
    assert found(report(economy=economy(turnover=turnover, areas=[])), "economy.turnover_area_revenue") == []


def test_a_subtotal_labelled_with_another_sections_name_is_an_error():
    areas = [area("Nämnd och gemensam adm.", "87.6", "-9.3"), area("Stadsövergripande", "33.4", "-0.3")]
    label = "S:a ökade kostnader och intäkter Nämnd och gem. adm."
    turnover = [
        line(
            "Nämnd och gemensam adm.", "EU bidrag", "9.3", "-9.3", "Nämnd och gemensam administration", label
        ),
        line("Stadsövergripande", "Intäkter", "0.3", "-0.3", "Stadsövergripande", label),
    ]
    [finding] = found(report(economy=economy(areas=areas, turnover=turnover)), "economy.subtotal_label")
    assert finding.ref == label and "”Stadsövergripande”" in finding.message


def test_subtotals_with_their_own_sections_name_even_abbreviated_are_fine():
    areas = [area("Nämnd och gemensam administration", "87.6", "-9.3"), area("Jobbtorg Stockholm")]
    turnover = [
        line("Nämnd och gemensam administration", "EU", "9.3", "-9.3", "", "S:a Nämnd och gem. adm."),
        line("Jobbtorg Stockholm", "EU", "45.0", "-45.0", "", "S:a ökade kostnader och intäkter Jobbtorg"),
    ]
    assert found(report(economy=economy(areas=areas, turnover=turnover)), "economy.subtotal_label") == []


def test_an_area_spelled_in_two_ways_is_a_warning():
    spelled = area("Nämnd och gemensam adm.")
    spelled.names_as_printed = ["Nämnd och gemensam adm.", "Nämnd och central administration"]
    [finding] = found(report(economy=economy(areas=[spelled], turnover=[])), "economy.area_spelling")
    assert "2 sätt" in finding.message and finding.values["spellings"] == [
        "Nämnd och gemensam adm.",
        "Nämnd och central administration",
    ]


def test_an_abbreviated_word_is_no_other_spelling_of_an_area():
    spelled = area("Nämnd och gemensam adm.")
    spelled.names_as_printed = [
        "Nämnd och gemensam adm.",
        "Nämnd och gemensam administration",
        "NÄMND OCH GEMENSAM ADM",
        "Nämnd och gem. adm.",
    ]
    assert found(report(economy=economy(areas=[spelled], turnover=[])), "economy.area_spelling") == []


def _adopted(label: str, **kw):
    """An economy whose budget column is labelled `label` and whose area revenues are exactly the omslutning
    the report asks to add."""
    return report(economy=economy(budget_label=label, **kw))


def test_an_adopted_budget_column_that_holds_the_proposed_omslutning_is_a_warning():
    [finding] = found(_adopted("Nämndbudget 2021 (NB)"), "economy.adopted_budget_includes_proposal")
    assert finding.ref == "Nämndbudget 2021 (NB)" and finding.severity is Severity.WARNING
    assert any(row.startswith("Jobbtorg Stockholm: intäktsbudget -45,0") for row in finding.values["rows"])


def test_an_adopted_requirement_that_already_is_the_requested_amount_is_a_warning():
    requirement = [Amounts("Statsbidrag", D("-147.5"), D("-147.5"))]
    doc = _adopted("NB 2021", requirement=requirement, turnover=[])
    [finding] = found(doc, "economy.adopted_budget_includes_proposal")
    assert "82,6 → 147,5" in finding.message


def test_an_adjusted_or_unnamed_budget_column_may_hold_the_proposals():
    for label in ("Justerad budget 2021", "Budget inkl. omslutning", ""):
        assert found(_adopted(label), "economy.adopted_budget_includes_proposal") == [], label
    other = [
        area("Jobbtorg Stockholm", "398.0", "-60.0"),
        area("Vuxenutbildning Stockholm", "767.5", "-150.0"),
    ]
    assert found(_adopted("NB 2021", areas=other), "economy.adopted_budget_includes_proposal") == []


def test_a_printed_net_or_deviation_that_is_not_the_sum_is_an_error():
    printed = area()
    printed.as_printed = {"net/budget": "353,0", "net/deviation": "0,1", "costs/budget": "398,0"}
    [finding] = found(report(economy=economy(areas=[printed], turnover=[])), "economy.printed_differs")
    assert finding.ref == "Jobbtorg Stockholm: netto avvikelse" and "0,1" in finding.message
    printed.as_printed["net/deviation"] = "0,0"
    assert found(report(economy=economy(areas=[printed], turnover=[])), "economy.printed_differs") == []


def test_a_decision_amount_other_than_the_tables_is_an_error():
    decisions = [Decision(2, "approve_turnover", "Omslutningen ökas med 210,0 mnkr.", D("192.1"), D("210.0"))]
    [finding] = found(report(cover=cover(decisions=decisions)), "economy.decision_amount")
    assert finding.kind == "decision" and "210,0" in finding.message and "192,1" in finding.message


def test_an_adjustment_whose_amount_is_not_to_minus_from_is_an_error():
    adjustments = [Adjustment(D("64.9"), "Intäktskravet ökas.", D("82.6"), D("157.5"))]
    [finding] = found(report(economy=economy(adjustments=adjustments)), "economy.adjustment_arithmetic")
    assert "74,9" in finding.message
    unstated = [Adjustment(D("64.9"), "Intäktskravet ökas.")]
    assert found(report(economy=economy(adjustments=unstated)), "economy.adjustment_arithmetic") == []


def test_a_volume_amount_other_than_places_times_price_is_an_error():
    volumes = [Volume("Vuxenutbildning Stockholm", "sfi", D(100), D(110), D(50000), D("5.0"))]
    [finding] = found(report(economy=economy(volumes=volumes)), "economy.volume_amount")
    assert "5,0" in finding.message and "0,5" in finding.message
    unpriced = [Volume("Vuxenutbildning Stockholm", "sfi", D(100), D(110), None, D("5.0"))]
    assert found(report(economy=economy(volumes=unpriced)), "economy.volume_amount") == []


def test_a_deficit_stated_in_a_commentary_that_the_tables_do_not_show_is_a_warning():
    commented = area("Vuxenutbildning Stockholm", "767.5", "-147.1")
    commented.commentary = (
        "Avdelningen prognostiserar en budget i balans. För 2021 prognostiserar verksamhetsområdet ett "
        "underskott på 22,0 mnkr. Nämnden har beviljats 151,2 mnkr i statsbidrag."
    )
    [finding] = found(report(economy=economy(areas=[area(), commented])), "economy.text_amount_not_in_tables")
    assert finding.kind == "budget" and finding.ref == "Vuxenutbildning Stockholm"
    assert finding.values["amounts"] == ["22"] and "0,0 mnkr" in finding.message


def test_amounts_the_tables_show_or_imply_are_fine():
    commented = area("Vuxenutbildning Stockholm", "767.5", "-147.1")
    commented.commentary = (
        "Intäktskravet överskrids med 64,9 mnkr och nämnden begär budgetjustering. Prestationsökningen "
        "motsvarar en budgetökning på 0,5 mnkr."
    )
    row = indicator(comment="Nämnden prognostiserar ett överskott på 64,9 mnkr.")
    doc = report(economy=economy(areas=[area(), commented]), goals=[goal(indicators=[row])])
    assert found(doc, "economy.text_amount_not_in_tables") == []


def test_economy_rules_read_a_plans_tables_too():
    areas = [area("Jobbtorg Stockholm", "425.9", "-58.4")]
    turnover = [line("Jobbtorg Stockholm", "Försäljning", "58.4", "-58.4", "", "S:a Jobbtorg")]
    assert found(plan(economy=economy(areas=areas, turnover=turnover, volumes=[], adjustments=[]))) == []
    turnover.append(line("Jobbtorg Stockholm", "EU", "1.0", "-1.0", "", "S:a Jobbtorg"))
    rules = {f.rule for f in found(plan(economy=economy(areas=areas, turnover=turnover)))}
    assert rules == {"economy.turnover_area_revenue"}
