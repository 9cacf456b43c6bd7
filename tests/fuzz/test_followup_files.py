"""Fuzzing the follow-up file reader and `styrkedja followup import` with the changed demo report, changed
small reports against a plan, random YAML and JSON and random bytes: never a traceback; every refusal
names the file, the line and the field; the database is unchanged after every refusal."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import event, given, settings
from hypothesis import strategies as st

from styrkedja.planfiles.followup_schema import FollowUpFile
from styrkedja.planfiles.reader import PlanFileError, parse_text, read_file
from tests.followup.test_import_refusals import REPORT

from .database import rolled_back, row_counts
from .refusals import assert_names_file_line_and_field
from .strategies import ANY_FILE, FUZZ, as_yaml_or_json, changed_lines, changed_structure

DEMO = Path(__file__).resolve().parents[2] / "src" / "styrkedja" / "demo"
SMALL = Path(__file__).resolve().parents[1] / "planfiles" / "data" / "small.yaml"
DEMO_REPORT = (DEMO / "amn-2021-T1.yaml").read_text(encoding="utf-8")


@settings(FUZZ, max_examples=40)
@given(changed_lines(DEMO_REPORT))
def test_the_reader_answers_a_changed_report_with_a_report_or_a_refusal(text):
    try:
        parse_text(text, "report.yaml", FollowUpFile)
    except PlanFileError as refused:
        assert_names_file_line_and_field(str(refused), "report.yaml")


@settings(FUZZ, max_examples=60)
@given(ANY_FILE)
def test_the_reader_answers_any_bytes_with_a_refusal(tmp_path, content):
    path = tmp_path / "report.yaml"
    path.write_bytes(content)
    with pytest.raises(PlanFileError) as refused:
        read_file(path, FollowUpFile)
    assert_names_file_line_and_field(str(refused.value), str(path))


@pytest.fixture
def plan(db):
    call_command("plan", "import", str(SMALL))


REPORT_DATA = yaml.safe_load(REPORT)


@settings(FUZZ, max_examples=60)
@given(
    st.one_of(
        st.builds(as_yaml_or_json, changed_structure(REPORT_DATA), st.booleans()),
        st.builds(as_yaml_or_json, changed_structure(REPORT_DATA), st.booleans()),
        changed_lines(REPORT),
    ),
    st.booleans(),
)
def test_followup_import_stores_a_changed_report_or_refuses_it_and_changes_nothing(
    plan, tmp_path, text, skip_unmatched
):
    path = tmp_path / "report.yaml"
    path.write_text(text, encoding="utf-8")
    options = ["--skip-unmatched"] if skip_unmatched else []
    with rolled_back():
        before = row_counts()
        try:
            call_command("followup", "import", str(path), *options)
            event("stored")
        except CommandError as refused:
            assert str(path) in str(refused)
            if refused.returncode == 3:
                event("stored, rows skipped")
            else:
                event("refused")
                assert row_counts() == before
