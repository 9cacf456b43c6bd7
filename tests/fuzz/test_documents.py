"""Fuzzing the document importer with random text and with small printed plans and reports changed line
by line: `read_document` answers with a result or its own refusal, and `styrkedja import-document` stores
the document whole or refuses it naming the file — never a traceback — leaving the database unchanged."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from styrkedja.importers import DocumentError, read_document
from styrkedja.planfiles.schema import OrganisationRef
from tests.importers.layouts.stockholm.test_plan import HEAD, doc
from tests.importers.layouts.stockholm.test_report import MINI

from .database import rolled_back, row_counts
from .strategies import FUZZ, LONG_TEXT, TEXT, changed_document

AMN = OrganisationRef(code="amn", name="Arbetsmarknadsnämnden")
REPORT = "\n".join(MINI)
PLAN = "Verksamhetsplan 2022\n" + doc(
    *HEAD,
    "Antal aspiranter som fått Stockholmsjobb",
    "",
    "550 st 800 st",
    "",
    "Tertial",
)


@settings(FUZZ, max_examples=80)
@given(st.lists(st.one_of(TEXT, LONG_TEXT, st.sampled_from(MINI + list(HEAD))), max_size=30).map("\n".join))
def test_read_document_answers_random_text_with_a_result_or_its_refusal(text):
    try:
        read_document(text, organisation=AMN, source="doc.txt")
    except DocumentError as refused:
        assert str(refused).startswith("doc.txt:")
    except ValidationError:
        event("a layout's row refused by the schema")  # the command names the field (tested below)


@pytest.mark.django_db
@settings(FUZZ, max_examples=40)
@given(st.one_of(changed_document(REPORT), changed_document(PLAN)), st.booleans())
def test_import_document_stores_a_changed_document_whole_or_refuses_it_and_changes_nothing(
    tmp_path, text, skip_unmatched
):
    path = tmp_path / "dokument.txt"
    path.write_text(text, encoding="utf-8")
    options = ["--skip-unmatched"] if skip_unmatched else []
    with rolled_back():
        before = row_counts()
        try:
            call_command("import_document", str(path), "--organisation", "amn", "--year", "2022", *options)
            event("stored")
        except CommandError as refused:
            assert str(path) in str(refused)
            if refused.returncode == 3:
                event("stored, rows skipped")
            else:
                event("refused")
                assert row_counts() == before
