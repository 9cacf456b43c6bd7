"""The city rules, over a roll-up built by hand: stated counts against the data and their own
arithmetic, the council's rating against its committees', printed totals within and beyond the rounding
band, signs of revenues and costs."""

from __future__ import annotations

from decimal import Decimal

from styrkedja.checks import run_checks
from styrkedja.checks.city import stated_counts
from styrkedja.profiles import stockholm
from styrkedja.reports import kinds
from styrkedja.reports.city import CityGoal, CityRollup, EconomyRow, SignIssue, count_sentence
from styrkedja.reports.document import ReportDocument

DEFAULT_SCALE = stockholm().ratings


def rollup(analysis: str = "", assessment: str = "fully", printed=None, signs=None) -> CityRollup:
    counts = {"fully": 18, "partly": 2, "not": 1, "missing": 0}
    goal = CityGoal(
        ref="1.1", title="Mål", assessment=assessment, analysis=analysis, justification="",
        suggested="fully", responsible=21, committee_ratings=counts,
        indicator_counts={"fully": 3, "partly": 0, "not": 0, "no_outcome": 0},
    )  # fmt: skip
    economy = [
        EconomyRow("a", "A-nämnden", Decimal("-100.4"), Decimal("1200.2"), Decimal("1100.0"), Decimal(5)),
        EconomyRow("b", "B-nämnden", Decimal("-50.0"), Decimal("600.3"), Decimal("560.0"), None),
    ]
    return CityRollup("kommun", "Kommunen", "2021-T2", DEFAULT_SCALE, 21, [goal], economy, [],
                      printed or {}, signs or [])  # fmt: skip


def rules(r: CityRollup) -> list[tuple[str, str]]:
    doc = ReportDocument(kind=kinds.CITY_INTERIM, organisation_code="kommun", organisation_name="Kommunen",
                         year=2021, title="Delårsrapport", city=r)  # fmt: skip
    return [(f.rule, f.severity.value) for f in run_checks(doc) if f.rule.startswith("city.")]


def test_the_sentence_of_the_counts_is_read_back_whatever_the_number_words():
    text = "Bakgrund. 18 av 21 nämnder bedömer att målet uppfylls helt, två delvis och en inte. Mer text."
    [(_, whole, counts)] = stated_counts(text, DEFAULT_SCALE)
    assert whole == 21 and counts == {"fully": 18, "partly": 2, "not": 1}
    written = count_sentence({"fully": 3, "not": 1, "missing": 2}, 6, DEFAULT_SCALE)
    [(_, whole, counts)] = stated_counts(written, DEFAULT_SCALE)
    assert whole == 6 and counts == {"fully": 3, "not": 1, "missing": 2}


def test_true_counts_give_no_finding_and_wrong_ones_do():
    right = "18 av 21 nämnder bedömer att målet uppfylls helt, två delvis och en inte."
    assert rules(rollup(right)) == []
    wrong_count = "17 av 21 nämnder bedömer att målet uppfylls helt, tre delvis och en inte."
    assert rules(rollup(wrong_count)) == [("city.stated_counts", "error")]
    wrong_sum = "18 av 21 nämnder bedömer att målet uppfylls helt, tre delvis och en inte."
    assert sorted(rules(rollup(wrong_sum))) == [
        ("city.stated_counts", "error"),
        ("city.stated_counts_sum", "error"),
    ]
    wrong_whole = "18 av 22 nämnder bedömer att målet uppfylls helt, två delvis och en inte."
    assert ("city.stated_counts", "error") in rules(rollup(wrong_whole))


def test_the_councils_rating_against_its_committees():
    assert rules(rollup(assessment="fully")) == []
    assert rules(rollup(assessment="not")) == [("city.rating_against_committees", "warning")]


def test_printed_totals_within_the_rounding_band_are_information_beyond_it_errors():
    # computed net total: (1200.2 - 100.4) + (600.3 - 50.0) = 1650.1
    assert rules(rollup(printed={"driftredovisning/total/net": "1 650"})) == []
    assert rules(rollup(printed={"driftredovisning/total/net": "1 651"})) == [
        ("city.printed_total_rounding", "info")
    ]
    assert rules(rollup(printed={"driftredovisning/total/net": "1 660"})) == [("city.printed_total", "error")]
    # a committee's net 1099.8, printed with one decimal
    assert rules(rollup(printed={"driftredovisning/a/net": "1 099,8"})) == []
    assert rules(rollup(printed={"driftredovisning/a/net": "1 099,9"})) == [
        ("city.printed_total_rounding", "info")
    ]
    assert rules(rollup(printed={"driftredovisning/a/net": "1 099,6"})) == [("city.printed_total", "error")]


def test_revenues_above_zero_or_costs_below_are_errors():
    issue = SignIssue("b", "B-nämnden", "Verksamhet", Decimal("10.0"), Decimal("5.0"))
    assert rules(rollup(signs=[issue])) == [("city.revenue_cost_signs", "error")]
    # printed: the amount right, the sign wrong, is the sign's finding alone
    assert rules(rollup(printed={"driftredovisning/a/revenues": "100"})) == [
        ("city.revenue_cost_signs", "error")
    ]
    assert rules(rollup(printed={"driftredovisning/a/revenues": "-100"})) == []


def test_the_economy_is_computed_from_its_inputs():
    r = rollup()
    row = r.economy[0]
    assert row.net == Decimal("1099.8") and row.result == Decimal("0.2") and row.equity_out == Decimal("5.2")
    assert r.economy_total.sum("equity_in") == Decimal(5)
