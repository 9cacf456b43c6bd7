"""The kinds of report: the registry, the kind a follow-up period gets, and what a kind decides — file
name, manifest, parts, wording — with the wording replaceable as a municipality's profile will."""

from __future__ import annotations

import dataclasses
import json

import pytest

from styrkedja.lib.periods import parse_period
from styrkedja.reports import kinds, manifest, tables
from styrkedja.reports.build import filename
from styrkedja.reports.kinds import Part


def test_every_kind_is_registered_under_its_own_key():
    assert list(kinds.KINDS) == [
        "plan",
        "tertial",
        "annual",
        "followup",
        "city_tertial",
        "city_interim",
        "city_annual",
    ]
    assert all(kinds.get(key).key == key for key in kinds.KINDS)
    with pytest.raises(kinds.UnknownKind, match="no kind of report 'city'"):
        kinds.get("city")


@pytest.mark.parametrize(
    ("period", "key"),
    [
        ("2021-T1", "tertial"),
        ("2021-T2", "tertial"),
        ("2021", "annual"),
        ("2021-VB", "annual"),
        ("2021-H1", "followup"),
        ("2021-Q2", "followup"),
        ("2021-03", "followup"),
    ],
)
def test_a_follow_up_period_gets_the_kind_that_reports_it(period, key):
    assert kinds.for_period(parse_period(period)).key == key


@pytest.mark.parametrize(
    ("kind", "period", "name"),
    [
        (kinds.TERTIAL, "2021-T1", "amn-2021-T1-tertialrapport.pdf"),
        (kinds.ANNUAL, "2021", "amn-2021-verksamhetsberattelse.pdf"),
        (kinds.FOLLOWUP, "2021-H1", "amn-2021-H1-uppfoljning.pdf"),
        (kinds.PLAN, "2022", "amn-2022-verksamhetsplan.pdf"),
    ],
)
def test_the_file_name_is_the_kinds(followup_doc, kind, period, name):
    followup_doc.kind, followup_doc.period = kind, period
    assert filename(followup_doc, "pdf") == name


def test_the_manifest_calls_every_follow_up_followup_and_the_annual_report_final(followup_doc):
    followup_doc.kind = kinds.ANNUAL
    data = manifest.manifest(followup_doc, "html", b"")
    assert data["document"]["kind"] == "followup"
    snapshot = json.loads(manifest.snapshot(followup_doc))
    assert (snapshot["kind"], snapshot["final"]) == ("followup", True)
    followup_doc.kind = kinds.TERTIAL
    assert json.loads(manifest.snapshot(followup_doc))["final"] is False


def test_what_each_kind_assesses():
    assert kinds.TERTIAL.assesses_forecasts and not kinds.TERTIAL.assesses_outcomes
    assert kinds.ANNUAL.assesses_outcomes and not kinds.ANNUAL.assesses_forecasts
    assert not kinds.PLAN.has(Part.ASSESSMENTS) and not kinds.PLAN.assesses_forecasts


def test_a_plan_has_no_memo_and_no_assessments_and_a_follow_up_no_title_page(plan_doc, followup_doc):
    plan = tables.report_content(plan_doc)
    assert [s.role for s in plan.sections][:2] == ["toc", "body"]
    assert not any(isinstance(b, tables.Rating) for s in plan.sections for b in s.blocks)
    report = tables.report_content(followup_doc)
    assert report.sections[0].role == "memo"
    assert any(isinstance(b, tables.Rating) for s in report.sections for b in s.blocks)


def test_a_kind_without_a_part_leaves_it_out(followup_doc):
    followup_doc.kind = dataclasses.replace(
        kinds.TERTIAL, parts=kinds.TERTIAL.parts - {Part.COMPLAINTS, Part.SIGNATURES}
    )
    anchors = [s.anchor for s in tables.report_content(followup_doc).sections]
    assert "synpunkter-och-klagomal" not in anchors and "underskrifter" not in anchors
    followup_doc.kind = kinds.TERTIAL
    anchors = [s.anchor for s in tables.report_content(followup_doc).sections]
    assert "synpunkter-och-klagomal" in anchors and "underskrifter" in anchors


def test_the_wording_can_be_replaced_without_touching_the_kind(followup_doc):
    followup_doc.kind = kinds.TERTIAL.reworded(
        memo_heading="Tjänsteskrivelse", title="Delårsrapport", goals="Mål och uppföljning"
    )
    content = tables.report_content(followup_doc)
    assert content.kind.wording.memo_heading == "Tjänsteskrivelse"
    assert "Mål och uppföljning" in [s.title for s in content.sections]
    assert followup_doc.kind.short_title(2021, "2021-T1", "Tertial 1 2021") == "Delårsrapport 1 2021"
    assert kinds.TERTIAL.wording.memo_heading == "Tjänsteutlåtande"
    assert kinds.TERTIAL.short_title(2021, "2021-T1", "Tertial 1 2021") == "Tertialrapport 1 2021"


def test_a_kind_that_prints_no_forecasts_has_no_forecast_column(followup_doc):
    def headers() -> list[str]:
        content = tables.report_content(followup_doc)
        return next(t for _, t in content.tables() if t.kind == "indicators").header

    assert "Prognos helår" in headers()
    followup_doc.kind = kinds.TERTIAL.reworded(prints_forecasts=False)
    assert "Prognos helår" not in headers() and "Årsmål" in headers()


@pytest.mark.parametrize(
    ("kind", "title"),
    [
        (kinds.PLAN, "Verksamhetsplan 2021"),
        (kinds.TERTIAL, "Tertialrapport 1 2021"),
        (kinds.ANNUAL, "Verksamhetsberättelse 2021"),
        (kinds.FOLLOWUP, "Tertial 1 2021"),
    ],
)
def test_each_kind_words_its_short_title(kind, title):
    assert kind.short_title(2021, "2021-T1", "Tertial 1 2021") == title
