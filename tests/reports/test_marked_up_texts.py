"""The plan's chapters and the areas' commentary in the safe text format (lib/markup.py), printed from
the same parse in the HTML, PDF and Word reports: chapters of their own, headings, lists, emphasis, links."""

from __future__ import annotations

import dataclasses
import io
import subprocess
import zipfile

import pytest

from styrkedja.reports import tables
from styrkedja.reports.renderers import docx, html, pdf
from tests.reports.test_pdf import needs_poppler

pytestmark = pytest.mark.django_db(databases=[])

INTRODUCTION = """Nämnden ansvarar för **arbetsmarknadsfrågor**.

# Uppdrag och organisation
Förvaltningen har *tre* avdelningar, se [stadens webb](https://start.stockholm).

## Avdelningarna
- Jobbtorg Stockholm
- Vuxenutbildning Stockholm

# Ekonomiska förutsättningar
Text <b>utan html</b>.
"""


@pytest.fixture
def marked_doc(plan_doc):
    area = dataclasses.replace(
        plan_doc.economy.areas[0], commentary="Kostnaderna **ökar**.\n\n- Fler aspiranter"
    )
    economy = dataclasses.replace(plan_doc.economy, areas=[area])
    return dataclasses.replace(plan_doc, introduction=INTRODUCTION, economy=economy)


def test_each_top_heading_is_a_chapter_of_its_own(marked_doc):
    content = tables.report_content(marked_doc)
    level_one = [s.title for s in content.sections if s.level == 1]
    assert level_one[1:4] == ["Inledning", "Uppdrag och organisation", "Ekonomiska förutsättningar"]
    chapter = next(s for s in content.sections if s.title == "Uppdrag och organisation")
    kinds = [type(b).__name__ for b in chapter.blocks]
    assert kinds == ["Paragraph", "Heading", "BulletList"]
    assert [s.style for s in chapter.blocks[0].spans if s.style] == ["em", "link"]
    assert chapter.blocks[0].text == "Förvaltningen har tre avdelningar, se stadens webb."
    area = next(s for s in content.sections if s.title == "Jobbtorg Stockholm")
    assert [type(b).__name__ for b in area.blocks][1:] == ["Paragraph", "BulletList"]


def test_html_prints_emphasis_and_links_and_escapes_the_rest(marked_doc):
    page = html.render(marked_doc).decode("utf-8")
    assert "<strong>arbetsmarknadsfrågor</strong>" in page and "<em>tre</em>" in page
    assert '<a href="https://start.stockholm" rel="nofollow noopener noreferrer">stadens webb</a>' in page
    assert "&lt;b&gt;utan html&lt;/b&gt;" in page and "<strong>ökar</strong>" in page
    assert "<li>Jobbtorg Stockholm</li>" in page


def test_word_prints_bold_italic_and_a_link(marked_doc):
    data = docx.render(marked_doc)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = z.read("word/document.xml").decode("utf-8")
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
    assert "arbetsmarknadsfrågor" in body and "<w:b/>" in body and "<w:i/>" in body
    assert "<w:hyperlink" in body and 'Target="https://start.stockholm"' in rels
    assert "Uppdrag och organisation" in body and "&lt;b&gt;utan html&lt;/b&gt;" in body


@needs_poppler
def test_the_pdf_prints_the_chapters_and_their_texts(marked_doc, tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(pdf.render(marked_doc))
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    for words in ("Uppdrag och organisation", "arbetsmarknadsfrågor", "stadens webb", "<b>utan html</b>"):
        assert words in " ".join(text.split()), words


def test_the_plans_decisions_are_printed_before_its_introduction(plan_doc):
    import datetime as dt

    doc = dataclasses.replace(
        plan_doc,
        decisions=[
            ("Fastställd", dt.date(2021, 12, 14), "AMN 2021/123 § 5"),
            ("Reviderad", dt.date(2022, 5, 17), "AMN 2022/45 § 3"),
        ],
    )
    content = tables.report_content(doc)
    titles = [s.title for s in content.sections]
    assert titles.index("Beslut om planen") < titles.index("Inledning")
    facts = next(s for s in content.sections if s.title == "Beslut om planen").blocks[0]
    assert facts.items == [
        ("Fastställd", "14 december 2021, AMN 2021/123 § 5"),
        ("Reviderad", "17 maj 2022, AMN 2022/45 § 3"),
    ]
    assert "AMN 2022/45 § 3" in html.render(doc).decode("utf-8")
    assert "Beslut om planen" not in [s.title for s in tables.report_content(plan_doc).sections]


def test_an_archived_document_without_the_decisions_reads_back(plan_doc):
    import json

    from styrkedja.reports import serial

    data = json.loads(serial.document_json(plan_doc))
    del data["document"]["decisions"]  # written before plans had decisions
    assert serial.document_from_json(json.dumps(data)).decisions == []


def test_odd_links_print_in_every_format(plan_doc):
    odd = (
        "[a](https://) [b](mailto:) [c](https://ä.se/ö?a=1&b=#x) [d](HTTPS://X.SE/\u200b\u202e) "
        f"[e](https://x.se/\\) **[f](https://x.se)** [{'y' * 300}](https://{'z' * 400}.se)"
    )
    doc = dataclasses.replace(plan_doc, introduction=f"# Kapitel\n{odd}")
    for renderer in (pdf, docx, html):
        assert renderer.render(doc)
