"""The one validation of values that come in: lengths and digits of the model fields, finite numbers,
signs and units, each refusal a whole Swedish sentence."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.apps import apps

from styrkedja.lib import validation as v


def model_field(key: str):
    app, model, field = key.split(".")
    return apps.get_model(app, model)._meta.get_field(field)


@pytest.mark.parametrize("key", sorted(v.LENGTH))
def test_every_length_is_that_of_the_model_field_it_fills(key):
    assert model_field(key).max_length == v.LENGTH[key]


@pytest.mark.parametrize("key", sorted(v.DIGITS))
def test_every_number_fits_the_model_field_it_fills(key):
    field = model_field(key)
    assert (field.max_digits, field.decimal_places) == (v.DIGITS[key].max_digits, v.DIGITS[key].places)


def test_every_decimal_field_of_the_models_has_its_digits_listed():
    from django.db.models import DecimalField

    listed = {
        f"{model._meta.app_label}.{model.__name__}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("styrkedja") and not model.__name__.startswith("Historical")
        for field in model._meta.get_fields()
        if isinstance(field, DecimalField)
    }
    assert listed == set(v.DIGITS)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("NaN", "Talet är inte ett tal."),
        ("Infinity", "Talet är oändligt; skriv ett tal med högst 10 siffror före decimaltecknet."),
        ("-Infinity", "Talet är oändligt; skriv ett tal med högst 10 siffror före decimaltecknet."),
        ("1.0e+400", "Talet 1E+400 är för stort: högst 10 siffror före decimaltecknet."),
        ("12345678901", "Talet 12 345 678 901 är för stort: högst 10 siffror före decimaltecknet."),
        ("5.55555", "Talet 5,55555 har för många decimaler: högst 4."),
        ("1e-400", "Talet 1E-400 har för många decimaler: högst 4."),
    ],
)
def test_a_number_must_be_finite_and_fit_its_field(text, message):
    assert v.number_problem(D(text), v.VALUE) == message


@pytest.mark.parametrize(
    "text", ["0", "-0", "9999999999.9999", "-9999999999.9999", "75.28", "5.5000000", "1E+3"]
)
def test_a_number_that_fits_is_accepted(text):
    assert v.number_problem(D(text), v.VALUE) is None


def test_money_has_one_decimal_and_a_price_none():
    assert v.number_problem(D("12.34"), v.MONEY, "Kostnader") == (
        "Kostnader 12,34 har för många decimaler: högst 1."
    )
    assert v.number_problem(D("1200.5"), v.PRICE, "Priset") == "Priset 1 200,5 ska vara ett heltal."
    assert v.number_problem(D("12.30"), v.MONEY) is None


def test_a_text_longer_than_its_field_is_refused():
    assert v.text_problem("x" * 100_000, v.LENGTH["plans.Plan.title"], "Titeln") == (
        "Titeln har 100000 tecken; högst 200 får plats."
    )
    assert v.text_problem("x" * 200, 200) is None


def test_costs_are_positive_revenues_and_requirements_negative():
    assert v.costs_problem(D("-0.1")) == "Kostnader kan inte vara negativa."
    assert v.revenues_problem(D("45")) == "Intäkter skrivs som negativa belopp, t.ex. -45,0."
    assert v.requirement_problem(D("82.6")) == "Intäktskrav skrivs som negativa belopp, t.ex. -82,6."
    assert [v.costs_problem(D(0)), v.revenues_problem(D(0)), v.requirement_problem(D("-82.6"))] == [None] * 3
    assert v.places_problem(D(-1)) == "Antalet platser -1 är negativt; det kan inte vara mindre än 0."


@pytest.mark.parametrize(
    ("value", "unit", "scale", "message"),
    [
        ("150", "percent", None, "Utfall 150 ligger utanför 0–100 %."),
        ("176", "percent", None, "Utfall 176 ligger utanför 0–100 %."),
        ("-247", "count", None, "Utfall -247 är inte ett helt antal ≥ 0."),
        ("2.5", "count", None, "Utfall 2,5 är inte ett helt antal ≥ 0."),
        ("-1", "months", None, "Utfall -1 är negativt; månader kan inte vara mindre än 0."),
        ("6", "scale", (D(1), D(5)), "Utfall 6 ligger utanför skalan 1–5."),
    ],
)
def test_a_value_its_unit_does_not_allow_is_refused(value, unit, scale, message):
    assert v.value_problem(D(value), unit, scale=scale, label="Utfall") == message


def test_a_target_is_named_as_the_committees_or_the_councils():
    assert v.target_problem(D(101), "percent") == "Årsmål 101 ligger utanför 0–100 %."
    assert v.target_problem(D(-1), "percent", council=True) == "KF:s årsmål -1 ligger utanför 0–100 %."
    assert v.target_problem(D(550), "count") is None


def test_a_number_too_long_to_print_is_cut_short_in_the_message():
    assert v.show(D("1." + "0" * 1000 + "1")).endswith("…")
    assert v.show(D("1393.1")) == "1 393,1"
