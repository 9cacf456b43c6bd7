"""The report document as JSON and back: what an approved round's archive keeps, readable without the live
data, and rendered again to the same bytes."""

from __future__ import annotations

import dataclasses
import json

import pytest

from styrkedja.reports import kinds
from styrkedja.reports.renderers import render
from styrkedja.reports.serial import NotADocument, document_from_json, document_json


def test_a_document_reads_back_equal_and_writes_the_same_json(followup_doc, plan_doc):
    for doc in (followup_doc, plan_doc):
        data = document_json(doc)
        again = document_from_json(data)
        assert again == doc and document_json(again) == data


def test_the_json_is_canonical_and_keeps_exact_amounts_dates_and_the_whole_kind(followup_doc):
    data = json.loads(document_json(followup_doc))
    assert data["format"] == "styrkedja.report-document/1"
    economy = data["document"]["economy"]["areas"][1]
    assert economy["costs"]["forecast"] == "903.5" and economy["revenues"]["budget"] == "-171.9"
    assert data["document"]["cover"]["meeting_date"] == "2021-05-18"
    assert data["document"]["kind"]["key"] == "tertial" and "signatures" in data["document"]["kind"]["parts"]


def test_a_reworded_kind_reads_back_as_it_was(followup_doc):
    doc = dataclasses.replace(followup_doc, kind=kinds.TERTIAL.reworded(memo_heading="Tjänsteskrivelse"))
    assert document_from_json(document_json(doc)).kind.wording.memo_heading == "Tjänsteskrivelse"


def test_a_document_archived_before_newer_fields_and_words_reads_with_their_defaults(followup_doc):
    data = json.loads(document_json(followup_doc))
    rows = []

    def walk(goal):
        rows.extend(goal["indicators"])
        for child in goal["children"]:
            walk(child)

    for goal in data["document"]["goals"]:
        walk(goal)
    assert rows
    for row in rows:
        del row["data_period"]
    for word in ("council_assignment", "tertial_label"):
        del data["document"]["kind"]["wording"][word]
    again = document_from_json(json.dumps(data))
    assert again.kind.wording.tertial_label == "Tertial {number} {year}"
    assert again.kind.wording.council_assignment == "KF-uppdrag"
    assert all(row.data_period == "" for goal in again.all_goals() for row in goal.indicators)
    del data["document"]["title"]  # a field without a default stays required
    with pytest.raises(NotADocument):
        document_from_json(json.dumps(data))


def test_the_document_read_back_renders_to_the_same_bytes(followup_doc):
    again = document_from_json(document_json(followup_doc))
    for fmt in ("pdf", "html"):
        assert render(again, fmt) == render(followup_doc, fmt)


@pytest.mark.parametrize(
    "data", [b"not json", b"[]", b'{"format": "other"}', b'{"format": "styrkedja.report-document/1"}']
)
def test_anything_else_is_refused_as_not_a_document(data):
    with pytest.raises(NotADocument):
        document_from_json(data)
