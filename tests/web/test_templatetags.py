"""The Swedish formatting filters available in every template."""

from __future__ import annotations

from decimal import Decimal

from django.template import Context, Template

from styrkedja.plans.models import Indicator


def render(source: str, **context) -> str:
    return Template(source).render(Context(context))


def test_it_formats_money_and_numbers_the_swedish_way():
    assert render("{{ v|mnkr }}", v=Decimal("1393.1")) == "1\u00a0393,1"
    assert render("{{ v|mnkr }}", v=Decimal("-45")) == "-45,0"
    assert render("{{ v|sv_number }}", v=Decimal("9000")) == "9\u00a0000"


def test_it_prints_indicator_values_with_their_unit():
    percent = Indicator(unit="percent", decimals=0)
    months = Indicator(unit="months", decimals=0)
    assert render("{{ v|value_unit:i }}", v=Decimal("72.0000"), i=percent) == "72\u00a0%"
    assert render("{{ v|value_unit:i }}", v=Decimal("75.28"), i=Indicator(unit="percent", decimals=2)) == (
        "75,28\u00a0%"
    )
    assert render("{{ v|value_unit:i }}", v=Decimal("5.5"), i=months) == "5,5\u00a0mån"
    assert render("{{ v|value_unit:i }}", v=Decimal("8"), i=months) == "8\u00a0mån"
    assert render('{{ v|value_unit:"count" }}', v=Decimal("550")) == "550\u00a0st"
    assert render('{{ v|value_unit:"index" }}', v=Decimal("850")) == "850"
    assert render("{{ v|value_unit:i }}", v=None, i=percent) == ""


def test_one_decimal_indicators_print_one_decimal_everywhere():
    one = Indicator(unit="percent", decimals=1)
    assert render("{{ v|value_unit:i }}", v=Decimal("86"), i=one) == "86,0\u00a0%"
    assert render("{{ v|value_unit:i }}", v=Decimal("90.1"), i=one) == "90,1\u00a0%"


def test_dates_and_moments_print_the_one_way():
    import datetime as dt

    from django.utils import timezone

    moment = dt.datetime(2021, 5, 3, 12, 5, tzinfo=dt.UTC)  # 14:05 in Stockholm
    assert render("{{ d|sv_date }}", d=dt.date(2021, 5, 3)) == "2021-05-03"
    assert timezone.get_current_timezone_name() == "Europe/Stockholm"
    assert render("{{ m|sv_datetime }}", m=moment) == "2021-05-03 14:05"
    assert render("{{ m|sv_date }}", m=moment) == "2021-05-03"
    assert render("{{ d|sv_date }}", d=None) == ""
