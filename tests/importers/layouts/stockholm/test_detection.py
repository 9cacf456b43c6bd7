"""How sure the Stockholm layout is of a text: both seeds, and made-up texts with some of its signs."""

from __future__ import annotations

import pytest

from styrkedja.importers import THRESHOLD, DocumentKind, choose_layout
from styrkedja.importers.layouts.stockholm.detection import detect
from tests.importers.layouts.stockholm.seeds import T1_2021, VP_2022, seed_text

LABELS = "goal labels (KF:s inriktningsmål:, KF:s mål för verksamhetsområdet:, Nämndmål:)"
TABLES = "indicator or activity table headers as the city prints them"
NAME = "the city's name (start.stockholm, Stockholms stad)"


@pytest.mark.seeds
@pytest.mark.parametrize(("seed", "kind"), [(VP_2022, DocumentKind.PLAN), (T1_2021, DocumentKind.REPORT)])
def test_both_seeds_are_detected_as_stockholm_with_every_sign(seed: str, kind: DocumentKind) -> None:
    layout, found = choose_layout(seed_text(seed))
    assert layout.name == "stockholm"
    assert (found.confidence, found.kind) == (1.0, kind)
    assert found.reason == f"as a {kind.label}: found {LABELS}, {TABLES}, {NAME}"


def test_goal_labels_alone_pass_the_threshold() -> None:
    found = detect("Nämndmål: 1.1.1. Kvinnor och män studerar eller arbetar \n")
    assert found.confidence == 0.55 >= THRESHOLD
    assert found.kind is DocumentKind.PLAN
    assert found.reason == f"as a verksamhetsplan: found {LABELS}; missing {TABLES}, {NAME}"


def test_without_goal_labels_the_tables_and_the_city_name_do_not_pass() -> None:
    text = "Stockholms stad \nIndikator Årsmål KF:s årsmål Periodicitet \nAktivitet Startdatum Slutdatum \n"
    found = detect(text)
    assert found.confidence == 0.45 < THRESHOLD
    assert found.reason == f"as a verksamhetsplan: found {TABLES}, {NAME}; missing {LABELS}"


def test_a_report_of_another_city_is_told_as_a_report_but_not_taken_for_stockholm() -> None:
    text = "\n".join(
        [
            "## Tertialrapport 1 2021 för Kulturnämnden",
            "Indikator\tPeriodens utfall\tPrognos helår\tÅrsmål",
            "Andel nöjda besökare\t81 %\t85 %\t85 %",
            "Uppfylls delvis",
        ]
    )
    found = detect(text)
    assert (found.confidence, found.kind) == (0.25, DocumentKind.REPORT)
    assert found.reason == f"as a follow-up report: found {TABLES}; missing {LABELS}, {NAME}"


def test_the_labels_of_a_report_are_found_under_its_markup() -> None:
    text = "## **Tertialrapport Tertial 1 2021**\n\n**KF:s inriktningsmål:**\nstart.stockholm\n"
    found = detect(text)
    assert (found.confidence, found.kind) == (0.75, DocumentKind.REPORT)
