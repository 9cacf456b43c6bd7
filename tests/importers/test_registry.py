"""Choosing the layout that reads a document: detection, the threshold, refusals, a second layout."""

from __future__ import annotations

import dataclasses

import pytest

from styrkedja.importers import (
    THRESHOLD,
    Detection,
    DocumentError,
    DocumentKind,
    NoLayoutFits,
    ParseResult,
    ReportParseResult,
    UnknownLayout,
    choose_layout,
    known_layouts,
    read_document,
    register,
)
from styrkedja.importers.layouts.stockholm.plan import parse_plan_text
from styrkedja.importers.layouts.stockholm.report import parse_report_text
from styrkedja.lib.vocabulary import Periodicity, Unit
from tests.importers.example_layout import EXAMPLE, registered
from tests.importers.example_layout import LAYOUT as EXEMPELBY
from tests.importers.layouts.stockholm.seeds import AMN, T1_2021, VP_2022, seed_text

PROTOCOL = "Protokoll\n\nNämnden sammanträdde och beslutade i enlighet med förslaget.\n"


def names(error: NoLayoutFits) -> list[str]:
    """The layouts a refusal lists, in its order."""
    return [line.strip().split(" (")[0] for line in str(error).splitlines()[1:]]


@pytest.mark.seeds
def test_both_seeds_are_read_through_read_document_as_the_stockholm_readers_read_them() -> None:
    plan, report = seed_text(VP_2022), seed_text(T1_2021)
    read_plan = read_document(plan, organisation=AMN, source=VP_2022)
    read_report = read_document(report, organisation=AMN, source=T1_2021)
    assert isinstance(read_plan, ParseResult) and isinstance(read_report, ReportParseResult)
    assert read_plan == parse_plan_text(plan, organisation=AMN, source=VP_2022)
    assert read_report == parse_report_text(report, organisation=AMN, source=T1_2021)


def test_stockholm_is_the_one_layout_known_out_of_the_box_and_reads_plans_and_reports() -> None:
    assert [layout.name for layout in known_layouts()] == ["stockholm"]
    assert known_layouts()[0].kinds == {DocumentKind.PLAN, DocumentKind.REPORT}


def test_a_text_of_no_known_layout_is_refused_with_the_layouts_and_what_each_found() -> None:
    with pytest.raises(NoLayoutFits) as caught:
        read_document(PROTOCOL, organisation=AMN, source="protokoll.txt")
    error = caught.value
    assert isinstance(error, DocumentError) and (error.source, error.line) == ("protokoll.txt", 1)
    first, stockholm = str(error).splitlines()
    assert first == "protokoll.txt:1: no known layout reads this text (a layout must be at least 0.50 sure):"
    assert stockholm.startswith("  stockholm (City of Stockholm: ")
    assert "): 0.00, as a verksamhetsplan: found nothing; missing goal labels" in stockholm


def test_a_second_layout_registered_is_detected_and_reads_through_the_same_entry_point() -> None:
    with pytest.raises(NoLayoutFits):
        read_document(EXAMPLE, organisation=AMN)
    with registered():
        layout, found = choose_layout(EXAMPLE)
        result = read_document(EXAMPLE, organisation=AMN, source="exempelby.txt")
    assert layout is EXEMPELBY
    assert found == Detection(0.9, DocumentKind.PLAN, "the title line of Exempelby kommun")
    assert isinstance(result, ParseResult) and result.plan.year == 2024
    assert [(g.level, g.number, g.title) for g in result.plan.goals] == [
        ("direction", "1", "Fler lånar böcker"),
        ("direction", "2", "Alla barn möter kulturen"),
    ]
    loans, children = result.plan.goals[0].indicators[0], result.plan.goals[1].indicators[0]
    assert (loans.name, loans.unit, loans.target, loans.periodicity) == (
        "Antal lån",
        Unit.COUNT,
        120000,
        Periodicity.YEAR,
    )
    assert (children.unit, children.target, children.periodicity) == (Unit.PERCENT, 60, Periodicity.TERTIAL)
    assert [(u.line, u.reason) for u in result.unplaced] == [(7, "not a title, goal or indicator line")]


@pytest.mark.seeds
def test_the_seeds_still_go_to_stockholm_when_a_second_layout_is_known() -> None:
    with registered():
        assert choose_layout(seed_text(VP_2022))[0].name == "stockholm"
        assert choose_layout(seed_text(T1_2021))[0].name == "stockholm"
        with pytest.raises(NoLayoutFits) as caught:
            choose_layout(PROTOCOL)
    assert names(caught.value) == ["stockholm", "exempelby"]
    assert str(caught.value).endswith("0.00, no title line 'Exempelby kommun: Verksamhetsplan YYYY'")


def test_a_named_layout_reads_without_detection() -> None:
    with pytest.raises(DocumentError, match=r"^exempelby\.txt:1: no goal headings"):
        read_document(EXAMPLE, organisation=AMN, source="exempelby.txt", layout="stockholm")
    untitled = EXAMPLE.replace("Exempelby kommun: Verksamhetsplan 2024", "")
    with registered():
        with pytest.raises(NoLayoutFits):
            read_document(untitled, organisation=AMN)
        result = read_document(untitled, organisation=AMN, year=2025, layout="exempelby")
    assert isinstance(result, ParseResult) and result.plan.year == 2025


def test_a_layout_is_not_chosen_for_a_kind_of_document_it_does_not_read() -> None:
    sees_a_report = dataclasses.replace(
        EXEMPELBY, name="rapport", detect=lambda text: Detection(0.9, DocumentKind.REPORT, "a report title")
    )
    with registered(sees_a_report):
        with pytest.raises(NoLayoutFits, match=r"0\.90, a report title; it reads no follow-up reports"):
            read_document(EXAMPLE, organisation=AMN)
        with pytest.raises(DocumentError, match=r"the layout rapport reads no follow-up reports \(a report"):
            read_document(EXAMPLE, organisation=AMN, layout="rapport")


def test_a_layout_below_the_threshold_is_not_chosen() -> None:
    unsure = dataclasses.replace(
        EXEMPELBY, name="osaker", detect=lambda text: Detection(THRESHOLD - 0.01, DocumentKind.PLAN, "unsure")
    )
    with (
        registered(unsure),
        pytest.raises(NoLayoutFits, match=r"made up\): verksamhetsplan\): 0\.49, unsure"),
    ):
        read_document(EXAMPLE, organisation=AMN)


def test_of_two_layouts_equally_sure_neither_is_chosen() -> None:
    twin = dataclasses.replace(EXEMPELBY, name="tvilling")
    with registered(EXEMPELBY, twin), pytest.raises(NoLayoutFits) as caught:
        read_document(EXAMPLE, organisation=AMN, source="exempelby.txt")
    assert str(caught.value) == (
        "exempelby.txt:1: the layouts exempelby, tvilling are equally sure of this text (0.90); name one"
    )


def test_an_unknown_layout_name_is_refused_listing_the_known_ones() -> None:
    with pytest.raises(
        UnknownLayout, match=r"^no layout is called 'oslo'; the layouts known are: stockholm$"
    ):
        read_document(EXAMPLE, organisation=AMN, layout="oslo")
    with registered(), pytest.raises(UnknownLayout, match=r"known are: stockholm, exempelby$"):
        read_document(EXAMPLE, organisation=AMN, layout="oslo")


def test_a_layout_is_registered_once_by_name_and_only_with_a_reader() -> None:
    with registered(), pytest.raises(ValueError, match="a layout called 'exempelby' is registered already"):
        register(EXEMPELBY)
    with pytest.raises(ValueError, match="the layout 'tom' has no reader"):
        register(dataclasses.replace(EXEMPELBY, name="tom", plan=None))
    assert [layout.name for layout in known_layouts()] == ["stockholm"]
