"""Swedish spelling by Hunspell's dictionary: one finding per report, the profile's own words accepted, and
no finding (with a note) when the program is missing."""

from __future__ import annotations

import logging
import shutil

import pytest

from styrkedja.checks import spelling
from styrkedja.profiles.schema import stockholm
from tests.checks.factory import found, goal, report

needs_hunspell = pytest.mark.skipif(
    shutil.which("hunspell") is None, reason="hunspell is installed by make setup"
)


def with_text(text: str, accepted: list[str] | None = None):
    doc = report(goals=[goal(analysis=text)])
    doc.profile = stockholm().model_copy(update={"accepted_words": accepted or []})
    return doc


@needs_hunspell
def test_misspelled_words_are_one_finding_for_the_report():
    doc = with_text(
        "Nämnden prognostiserar en budget i balans. Utfallet har ökat succesivt efter korrigerigering."
    )
    [finding] = found(doc, "report.spelling")
    assert finding.kind == "report" and finding.values["words"] == ["korrigerigering", "succesivt"]


@needs_hunspell
def test_correct_prose_and_the_organisations_own_words_are_fine():
    text = (
        "Nämnden prognostiserar en budget i balans. Stegvux och Grönstegen utvecklar arbets- och studiestöd."
    )
    assert found(with_text(text, accepted=["stegvux", "Grönstegen"]), "report.spelling") == []
    [finding] = found(with_text(text), "report.spelling")
    assert set(finding.values["words"]) == {"Grönstegen", "Stegvux"}


def test_without_hunspell_there_is_no_finding_and_a_note(monkeypatch, caplog):
    monkeypatch.setattr(spelling.shutil, "which", lambda name: None)
    spelling._NOTED.clear()
    with caplog.at_level(logging.WARNING, logger="styrkedja.checks.spelling"):
        assert found(with_text("Ett ord som korrigerigering."), "report.spelling") == []
    assert "hunspell is not installed" in caplog.text


@needs_hunspell
def test_a_word_cut_by_a_hyphen_or_a_dash_is_left_to_the_next_one_and_codes_are_not_read():
    text = "Nämnden stärker ställningen i arbets- och samhällslivet, i arbets– och studielivet, för 2B-elever i T1."
    assert found(with_text(text), "report.spelling") == []
