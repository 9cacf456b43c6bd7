"""Fuzzing the plan file reader and `styrkedja plan import` with changed demo plans, random YAML and JSON
and random bytes: never a traceback; every refusal names the file, the line and the field; the database
is unchanged after every refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import event, given, settings
from hypothesis import strategies as st

from styrkedja.planfiles.reader import PlanFileError, parse_plan_text, read_plan_file

from .database import rolled_back, row_counts
from .refusals import assert_names_file_line_and_field
from .strategies import ANY_FILE, FUZZ, as_yaml_or_json, changed_lines, changed_structure

DEMO = Path(__file__).resolve().parents[2] / "src" / "styrkedja" / "demo"
SMALL = Path(__file__).resolve().parents[1] / "planfiles" / "data" / "small.yaml"
TEXTS = {
    path.name: path.read_text(encoding="utf-8")
    for path in (DEMO / "amn-2021.yaml", DEMO / "amn-2022.yaml", SMALL)
}


@settings(FUZZ, max_examples=40)
@given(st.sampled_from(sorted(TEXTS)).flatmap(lambda name: changed_lines(TEXTS[name])))
def test_the_reader_answers_a_changed_plan_with_a_plan_or_a_refusal(text):
    try:
        parse_plan_text(text, "plan.yaml")
    except PlanFileError as refused:
        assert_names_file_line_and_field(str(refused), "plan.yaml")


@settings(FUZZ, max_examples=100)
@given(ANY_FILE)
def test_the_reader_answers_any_bytes_with_a_refusal(tmp_path, content):
    path = tmp_path / "plan.yaml"
    path.write_bytes(content)
    with pytest.raises(PlanFileError) as refused:
        read_plan_file(path)
    assert_names_file_line_and_field(str(refused.value), str(path))


SMALL_DATA = yaml.safe_load(TEXTS["small.yaml"])


@pytest.mark.django_db
@settings(FUZZ, max_examples=40)
@given(
    st.one_of(
        st.builds(as_yaml_or_json, changed_structure(SMALL_DATA), st.booleans()),
        changed_lines(TEXTS["small.yaml"]),
    )
)
def test_plan_import_stores_a_changed_plan_whole_or_refuses_it_and_changes_nothing(tmp_path, text):
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    with rolled_back():
        before = row_counts()
        try:
            call_command("plan", "import", str(path))
            event("stored")
        except CommandError as refused:
            event("refused")
            assert str(path) in str(refused)
            assert row_counts() == before
