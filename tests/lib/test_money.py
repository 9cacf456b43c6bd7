"""The one money arithmetic: exact sums rounded once for display, a sum's forecast only when complete."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from styrkedja.lib import money
from styrkedja.lib.money import Amounts
from styrkedja.lib.numbers import format_mnkr

D = Decimal


def test_a_sum_has_a_forecast_only_when_every_row_has_one():
    rows = [Amounts("A", D("10.0"), D("9.0")), Amounts("B", D("5.0"), None, D("4.0"))]
    total = money.total("Summa", rows)
    assert (total.budget, total.forecast, total.deviation, total.last_year) == (
        D("15.0"),
        None,
        None,
        D("4.0"),
    )
    rows[1].forecast = D("6.0")
    total = money.total("Summa", rows)
    assert (total.forecast, total.deviation) == (D("15.0"), D("0.0"))


def test_a_missing_budget_is_no_budget_not_zero():
    row = Amounts("Nytt område", None, D("3.0"))
    assert row.deviation is None
    assert money.net(row, Amounts("Intäkter", D("-1.0"), D("-1.0"))).budget is None


def test_volume_money_is_exact_and_rounded_once_for_display():
    # Three volumes each worth 0,04 mnkr: rows rounded first would print 0,0 + 0,0 + 0,0 = 0,0.
    amounts = [money.volume_money(D(10), D(11), D(40_000)) for _ in range(3)]
    assert amounts == [D("0.04")] * 3
    assert format_mnkr(money.add(amounts)) == "0,1"


@given(st.lists(st.decimals(min_value=-10_000, max_value=10_000, places=3, allow_nan=False), max_size=20))
def test_a_column_is_the_exact_sum(values):
    assert money.column(values) == sum(values, Decimal(0))
    assert money.add(values) == (sum(values, Decimal(0)) if values else None)
