"""Cover rules: signatures, decision texts against the attachment list, names spelled two ways."""

from __future__ import annotations

import datetime as dt

from styrkedja.checks import Severity
from styrkedja.reports.document import Complaint, Decision, Signature
from tests.checks.factory import cover, found, report


def test_signatures_dated_after_the_meeting_are_one_error():
    signatures = [
        Signature("Karina Uddén", "Förvaltningsdirektör", dt.date(2021, 5, 24)),
        Signature("Fredrik Bister", "ekonomichef", dt.date(2021, 5, 25)),
        Signature("Anna Saldeen Jonsson", "avdelningschef", dt.date(2021, 5, 17)),
    ]
    [finding] = found(report(signatures=signatures), "cover.signature_after_meeting")
    assert finding.severity is Severity.ERROR and finding.kind == "signature"
    assert "2 av 3" in finding.message and "Fredrik Bister 2021-05-25" in finding.message
    assert finding.values["names"] == ["Karina Uddén", "Fredrik Bister"]
    week = {"cover.signature_after_meeting": {"threshold": 7}}
    assert found(report(signatures=signatures), "cover.signature_after_meeting", config=week) == []


def test_signatures_without_a_meeting_date_are_not_judged():
    signatures = [Signature("Karina Uddén", "", dt.date(2021, 5, 24))]
    assert (
        found(report(signatures=signatures, cover=cover(meeting_date=None)), "cover.signature_after_meeting")
        == []
    )


def test_a_decision_naming_an_attachment_that_is_not_there_is_an_error():
    decisions = [Decision(4, "other", "Nämnden fastställer planen i enlighet med bilaga 9.")]
    [finding] = found(report(cover=cover(decisions=decisions)), "cover.attachment_missing")
    assert finding.ref == "Beslutsförslag 4" and "bilaga 9" in finding.message


def test_a_decision_text_that_names_an_attachment_otherwise_than_the_list_is_a_warning():
    decisions = [
        Decision(
            8, "other", 'Nämnden ansöker i enlighet med bilaga 7 "Ansökan Delmos – Utökad stöd inom Vux"'
        )
    ]
    attachments = [(7, "Ansökan Delmos - Utökat stöd inom VUX")]
    [finding] = found(
        report(cover=cover(decisions=decisions, attachments=attachments)), "cover.decision_attachment_title"
    )
    assert "Utökad stöd inom Vux" in finding.message and "Utökat stöd inom VUX" in finding.message
    loose = {"cover.decision_attachment_title": {"threshold": "0.9"}}
    assert (
        found(
            report(cover=cover(decisions=decisions, attachments=attachments)),
            "cover.decision_attachment_title",
            config=loose,
        )
        == []
    )


def test_dashes_case_and_a_suffix_are_not_a_different_title():
    decisions = [
        Decision(6, "other", 'Ansökan i enlighet med bilaga 6 "Ansökan Delmos – Unga når unga"'),
        Decision(4, "other", 'Nämnden fastställer "Handlingsplan mot extremism" i enlighet med bilaga 2.'),
    ]
    attachments = [(6, "Ansökan Delmos - Unga når unga"), (2, "Handlingsplan mot extremism, AMN 2021")]
    doc = report(cover=cover(decisions=decisions, attachments=attachments))
    assert found(doc, "cover.decision_attachment_title") == []


def test_a_person_spelled_two_ways_is_a_warning():
    signatures = [Signature("Karin Eriksson-Beck", "utvecklingschef", dt.date(2021, 5, 10))]
    doc = report(signatures=signatures, cover=cover(case_officers=[("Karin Eriksson-Bech", "")]))
    [finding] = found(doc, "cover.name_variants")
    assert finding.kind == "person" and finding.values["spellings"] == [
        "Karin Eriksson-Beck",
        "Karin Eriksson-Bech",
    ]


def test_a_digital_signature_spelled_differently_is_a_variant():
    signatures = [
        Signature("Karin Eriksson-Beck", "utvecklingschef", dt.date(2021, 5, 24), "Karin Eriksson-Bech")
    ]
    [finding] = found(report(signatures=signatures), "cover.name_variants")
    assert finding.values["spellings"] == ["Karin Eriksson-Beck", "Karin Eriksson-Bech"]


def test_different_people_are_not_variants():
    signatures = [Signature("Karin Eriksson", "", None), Signature("Kristian Kindstedt", "", None)]
    assert found(report(signatures=signatures), "cover.name_variants") == []


def test_the_organisations_abbreviation_written_two_ways_is_information():
    doc = report(cover=cover(attachments=[(1, "AmN T1 2021"), (2, "Handlingsplan mot extremism, AMN 2021")]))
    [finding] = found(doc, "cover.organisation_spelling")
    assert finding.severity is Severity.INFO and finding.values["spellings"] == ["AMN", "AmN"]


def test_complaints_counted_after_the_period_are_a_warning():
    complaints = [Complaint("Vux", 3, "Bemötande", 5), Complaint("Vux", 6, "Bemötande", 2)]
    [finding] = found(report(complaints=complaints), "report.complaints_after_period")
    assert finding.values["months"] == ["6"]
    assert found(report(complaints=complaints[:1]), "report.complaints_after_period") == []
