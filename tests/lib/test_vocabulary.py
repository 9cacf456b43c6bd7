"""The vocabulary is written once: every stored value has a Swedish label, the models' choices and the
file schemas use the same enums, and the label dicts of pages, reports and checks are derived from it."""

from __future__ import annotations

import inspect

import pytest
from django.apps import apps

from styrkedja.lib import vocabulary
from styrkedja.lib.vocabulary import Term, Unit
from styrkedja.planfiles import followup_schema, schema

TERMS = [
    obj
    for obj in vars(vocabulary).values()
    if inspect.isclass(obj) and issubclass(obj, Term) and obj is not Term
]


@pytest.mark.parametrize("terms", TERMS, ids=lambda t: t.__name__)
def test_every_value_has_a_swedish_label(terms):
    for term in terms:
        assert term.label.strip(), f"{terms.__name__}.{term.name} has no label"
        assert "_" not in term.label, f"{terms.__name__}.{term.name}: {term.label!r} looks like a code"
    assert len(set(terms.labels.values())) == len(terms), f"two values of {terms.__name__} share a label"


def test_the_models_choices_are_the_vocabulary():
    vocab_by_choices = {tuple(t.choices): t for t in TERMS}
    checked = 0
    for model in apps.get_models():
        if not model.__module__.startswith("styrkedja."):
            continue
        for field in model._meta.get_fields():
            choices = getattr(field, "choices", None)
            if choices and field.get_internal_type() == "CharField" and field.name != "history_type":
                assert tuple(choices) in vocab_by_choices, (
                    f"{model.__name__}.{field.name} has its own choices"
                )
                checked += 1
    assert checked >= 13


def test_the_file_schemas_validate_against_the_same_enums():
    assert schema.Indicator.model_fields["unit"].annotation == Unit | None  # None: the council's definition
    assert (
        followup_schema.GoalAssessment.model_fields["assessment"].annotation
        == followup_schema.RatingKey | None
    )


def test_a_label_is_looked_up_by_value_with_a_default_for_anything_else():
    assert Unit.label_of("months") == "månader"
    assert Unit.label_of("", "–") == "–"
    assert Unit.PERCENT == "percent" and Unit("percent") is Unit.PERCENT
