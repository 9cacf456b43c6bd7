"""The Word document: real headings, a TOC field, tables whose header row repeats and whose rows do not
split, charts with their text alternative, Swedish core properties, byte-identical on every build."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from styrkedja.reports import charts
from styrkedja.reports import tables as t
from styrkedja.reports.renderers import docx as renderer
from styrkedja.reports.renderers import typst_charts

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
}


def part(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read(name))


def paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph, the shown text of simple fields included."""
    return [
        (p.style.name, "".join(t.text or "" for t in p._p.iter(qn("w:t"))))
        for p in docx.Document(io.BytesIO(data)).paragraphs
    ]


def texts(element: etree._Element) -> str:
    return "".join(element.itertext())


@pytest.fixture
def followup_docx(followup_doc) -> bytes:
    return renderer.render(followup_doc)


def test_two_builds_are_byte_identical(followup_doc, plan_doc):
    first = renderer.render(followup_doc)
    typst_charts._CACHE.clear()  # the charts are drawn again, too
    assert renderer.render(followup_doc) == first
    assert renderer.render(plan_doc) == renderer.render(plan_doc)


def test_other_data_give_another_document(followup_doc, followup_docx):
    followup_doc.economy.areas[0].costs.forecast += 1
    assert renderer.render(followup_doc) != followup_docx


def test_the_zip_is_dated_by_the_data_and_sorted(followup_docx):
    infos = zipfile.ZipFile(io.BytesIO(followup_docx)).infolist()
    names = [i.filename for i in infos]
    assert names[0] == "[Content_Types].xml" and names[1:] == sorted(names[1:])
    assert {i.date_time for i in infos} == {(2021, 5, 18, 0, 0, 0)}  # the meeting date
    assert "docProps/thumbnail.jpeg" not in names  # the template's generic preview is dropped


def test_the_core_properties_are_the_reports(followup_docx):
    props = docx.Document(io.BytesIO(followup_docx)).core_properties
    assert props.title == "Tertialrapport 1 2021 för Arbetsmarknadsnämnden"
    assert props.author == props.last_modified_by == "Arbetsmarknadsnämnden"
    assert props.language == "sv-SE"
    assert props.created == props.modified == dt.datetime(2021, 5, 18, tzinfo=dt.UTC)
    assert props.revision == 1 and props.comments == ""


def test_swedish_is_the_proofing_language(followup_docx):
    lang = part(followup_docx, "word/styles.xml").find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(qn("w:val")) == "sv-SE"
    settings = part(followup_docx, "word/settings.xml")
    assert settings.find("w:themeFontLang", NS).get(qn("w:val")) == "sv-SE"
    assert settings.find("w:decimalSymbol", NS).get(qn("w:val")) == ","
    assert settings.find("w:proofState", NS) is None  # spelling is not marked as checked


def test_goals_and_chapters_are_word_headings(followup_docx):
    styles = dict((text, style) for style, text in paragraphs(followup_docx) if text)
    assert styles["Uppföljning av kommunfullmäktiges inriktningsmål"] == "Heading 1"
    assert styles["1 En modern storstad med möjligheter för alla"] == "Heading 2"
    assert styles["1.1 I Stockholm är människor självförsörjande"] == "Heading 3"
    assert styles["1.1.1 Kvinnor och män studerar eller arbetar"] == "Heading 4"
    assert styles["Uppföljning av ekonomi"] == "Heading 1"
    assert styles["Analys av resultaträkning – uppföljning av driftbudget"] == "Heading 2"
    assert styles["Innehållsförteckning"] == "TOC Heading"


def test_headings_kept_out_of_the_contents_are_still_headings(followup_docx):
    document = docx.Document(io.BytesIO(followup_docx))
    by_text = {p.text: p for p in document.paragraphs if p.text}
    memo = by_text["Tertialrapport 1 2021 för Arbetsmarknadsnämnden"].style
    assert memo.name == renderer.UNLISTED.format(level=1) and memo.base_style.name == "Heading 1"
    assert memo.element.find(qn("w:pPr")).find(qn("w:outlineLvl")).get(qn("w:val")) == "0"
    assert by_text["Förslag till beslut"].style.base_style.name == "Heading 2"
    assert by_text["Bilagor"].style.name == renderer.UNLISTED.format(level=1)


def test_the_contents_is_a_toc_field_that_word_updates(followup_docx):
    body = part(followup_docx, "word/document.xml")
    instructions = [texts(i) for i in body.iter(qn("w:instrText"))]
    assert ' TOC \\o "1-3" \\h \\z ' in instructions
    kinds = [c.get(qn("w:fldCharType")) for c in body.iter(qn("w:fldChar"))]
    assert kinds[:3] == ["begin", "separate", "end"]
    assert renderer.TOC_HINT in texts(body)
    settings = part(followup_docx, "word/settings.xml")
    assert settings.find("w:updateFields", NS).get(qn("w:val")) == "true"


def test_the_pre_filled_contents_link_to_bookmarked_headings(followup_doc, followup_docx):
    body = part(followup_docx, "word/document.xml")
    links = [(h.get(qn("w:anchor")), texts(h)) for h in body.iter(qn("w:hyperlink"))]
    bookmarks = {b.get(qn("w:name")) for b in body.iter(qn("w:bookmarkStart"))}
    entries = t.report_content(followup_doc).toc_entries()
    assert [text for _, text in links] == [f"{e.number} {e.title}".strip() for e in entries]
    assert {anchor for anchor, _ in links} <= bookmarks


def tables_of(data: bytes) -> list[etree._Element]:
    return list(part(data, "word/document.xml").iter(qn("w:tbl")))


def caption(table: etree._Element) -> str:
    return table.find("w:tblPr/w:tblCaption", NS).get(qn("w:val"))


def rows_of(table: etree._Element) -> list[list[str]]:
    return [[texts(tc) for tc in tr.findall("w:tc", NS)] for tr in table.findall("w:tr", NS)]


def test_table_header_rows_repeat_and_rows_do_not_split(followup_docx):
    tables = tables_of(followup_docx)
    assert len(tables) >= 10
    for table in tables:
        rows = table.findall("w:tr", NS)
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None, caption(table)
        assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
        assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)
        assert table.find("w:tblPr/w:tblLayout", NS).get(qn("w:type")) == "fixed"


def test_table_cells_are_the_contents_cells(followup_doc, followup_docx):
    expected = [(tb.caption, tb) for _, tb in t.report_content(followup_doc).tables()]
    signatures = [
        b.table()
        for s in t.report_content(followup_doc).sections
        for b in s.blocks
        if isinstance(b, t.Signatures)
    ]
    expected += [(tb.caption, tb) for tb in signatures]
    tables = tables_of(followup_docx)
    assert [caption(tb) for tb in tables] == [c for c, _ in expected]
    for table, (_, content) in zip(tables, expected, strict=True):
        rows = rows_of(table)
        assert rows[0] == content.header
        for row, want in zip(rows[1:], content.rows, strict=True):
            assert row == (want.cells[:1] if want.kind == "section" else want.cells)


def test_indicator_cells_keep_units_decimals_and_the_gender_marker(followup_docx):
    council = next(tb for tb in tables_of(followup_docx) if caption(tb) == "KF:s indikatorer – 1.1")
    rows = [[c.replace("\u00a0", " ") for c in row] for row in rows_of(council)]
    assert rows[0][4] == "Periodens utfall VB 2020"
    assert rows[1][:6] == [
        "Andel aspiranter som är självförsörjande sex månader efter avslut",
        "75,28 %",
        "76,45 %",
        "73,69 %",
        "76,93 %",
        "72 %",
    ]
    assert rows[2][:5] == [
        "♀ Antal aspiranter som fått Stockholmsjobb",
        "247 st",
        "148 st",
        "99 st",
        "359 st",
    ]


def test_group_rows_span_the_table_and_totals_are_bold(followup_docx):
    economy = next(tb for tb in tables_of(followup_docx) if caption(tb).startswith("Driftbudget"))
    rows = economy.findall("w:tr", NS)
    group = rows[1].findall("w:tc", NS)
    assert len(group) == 1 and group[0].find("w:tcPr/w:gridSpan", NS).get(qn("w:val")) == "5"
    net = next(r for r in rows if [texts(tc) for tc in r.findall("w:tc", NS)][:2] == ["Netto", "888,5"])
    assert all(run.find("w:rPr/w:b", NS) is not None for run in net.iter(qn("w:r")))


def test_charts_are_images_with_their_text_alternative(followup_doc, followup_docx):
    body = part(followup_docx, "word/document.xml")
    described = [(p.get("title"), p.get("descr")) for p in body.iter(f"{{{NS['wp']}}}docPr")]
    row = followup_doc.goals[0].children[0].indicators[1]
    assert (row.name, charts.indicator_chart(row).alt) in described
    deviation = charts.deviation_chart(followup_doc.economy)
    assert (deviation.title, deviation.alt) in described
    assert all(descr for _, descr in described)
    media = [n for n in zipfile.ZipFile(io.BytesIO(followup_docx)).namelist() if n.startswith("word/media/")]
    assert len(media) == len(described) and all(n.endswith(".png") for n in media)
    captions = [text for style, text in paragraphs(followup_docx) if style == "Caption"]
    assert f"Diagram 1. {row.name}" in captions


def test_the_memo_numbers_its_decisions_from_one_with_amounts_computed(followup_docx):
    document = docx.Document(io.BytesIO(followup_docx))
    items = [p for p in document.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in items] == [
        "Nämnden godkänner tertialrapporten.",
        "Nämnden godkänner omslutning med 14,3 mnkr.",
    ]
    num_id = items[0]._p.pPr.numPr.numId.val
    assert {p._p.pPr.numPr.numId.val for p in items} == {num_id}
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    assert num.find(f"{qn('w:lvlOverride')}/{qn('w:startOverride')}").get(qn("w:val")) == "1"
    facts = [p.text for p in document.paragraphs[:4]]
    assert facts[0].startswith("Handläggare: Patricia Anton") and "Sammanträde: 18 maj 2021" in facts


def test_the_rating_is_written_out(followup_docx):
    ratings = [text for _, text in paragraphs(followup_docx) if text.startswith("Bedömning:")]
    assert ratings == ["Bedömning: ● Uppfylls helt", "Bedömning: ● Uppfylls delvis"]


def test_the_plan_has_the_vp_tables_and_no_memo_or_charts(plan_doc):
    data = renderer.render(plan_doc)
    by_caption = {caption(tb): rows_of(tb) for tb in tables_of(data)}
    assert by_caption["KF:s indikatorer – 1.1"][0] == ["Indikator", "Årsmål", "KF:s årsmål", "Periodicitet"]
    assert by_caption["KF:s uppdrag och aktiviteter – 1.1"] == [
        ["Aktivitet", "Startdatum", "Slutdatum"],
        ["Göra en genomlysning av sfi", "2022-01-01", "2022-06-30"],
    ]
    net = by_caption["Nettobudget per verksamhetsområde 2022, mnkr"]
    assert net[0] == ["Verksamhetsområde netto (mnkr)", "VP 2022", "VP 2021"]
    assert [c.replace("\u00a0", " ") for c in net[-1]] == ["Summa netto", "284,9", "270,4"]
    text = [t for _, t in paragraphs(data)]
    assert text[0] == "Verksamhetsplan 2022" and "Förslag till beslut" not in text
    assert not [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("word/media/")]
    assert docx.Document(io.BytesIO(data)).core_properties.created == dt.datetime(2022, 1, 1, tzinfo=dt.UTC)


def test_text_with_control_characters_still_gives_a_document(followup_doc):
    followup_doc.introduction = "Text ur en PDF\x0cmed sidbrytning\x07."
    followup_doc.goals[0].title = "En modern storstad\x0b"
    data = renderer.render(followup_doc)
    assert any(text.endswith("med sidbrytning.") for _, text in paragraphs(data))
    assert "1 En modern storstad" in [text for _, text in paragraphs(data)]
