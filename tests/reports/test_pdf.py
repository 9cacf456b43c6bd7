"""The PDF: tagged PDF/A-2a and PDF/UA-1 with Swedish as its language, title and author in the metadata,
all fonts embedded, page numbers, table headers repeated on every page, byte-identical on every build."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from styrkedja.reports import tables
from styrkedja.reports.renderers import pdf

POPPLER = shutil.which("pdfinfo") and shutil.which("pdffonts") and shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils missing: make setup installs it")


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def followup_pdf(followup_doc, tmp_path) -> Path:
    path = tmp_path / "t1.pdf"
    path.write_bytes(pdf.render(followup_doc))
    return path


def test_two_builds_are_byte_identical(followup_doc, plan_doc):
    assert pdf.render(followup_doc) == pdf.render(followup_doc)
    assert pdf.render(plan_doc) == pdf.render(plan_doc)


def test_other_data_give_another_pdf(followup_doc):
    before = pdf.render(followup_doc)
    followup_doc.economy.areas[0].costs.forecast += 1
    assert pdf.render(followup_doc) != before


@needs_poppler
def test_pdfinfo_says_tagged_with_title_author_and_the_document_date(followup_pdf):
    info = run("pdfinfo", str(followup_pdf))
    assert re.search(r"^Tagged:\s+yes$", info, re.M)
    assert re.search(r"^Title:\s+Tertialrapport 1 2021 för Arbetsmarknadsnämnden$", info, re.M)
    assert re.search(r"^Author:\s+Arbetsmarknadsnämnden$", info, re.M)
    assert re.search(
        r"^CreationDate:\s+.*(May 1[78]|2021-05-1[78]).*2021|^CreationDate:\s+2021-05-1[78]", info, re.M
    )
    assert re.search(r"^Page size:\s+595.* x 841.* \(A4\)", info, re.M)


@needs_poppler
def test_the_metadata_declare_pdf_a_2a_pdf_ua_1_and_swedish(followup_pdf):
    meta = run("pdfinfo", "-meta", str(followup_pdf))
    assert "<pdfaid:part>2</pdfaid:part>" in meta and "<pdfaid:conformance>A</pdfaid:conformance>" in meta
    assert "<pdfuaid:part>1</pdfuaid:part>" in meta
    assert "<rdf:li>sv-SE</rdf:li>" in meta
    assert b"/Lang (sv-SE)" in followup_pdf.read_bytes() or b"/Lang(sv-SE)" in followup_pdf.read_bytes()


@needs_poppler
def test_every_font_is_embedded(followup_pdf):
    lines = run("pdffonts", str(followup_pdf)).splitlines()[2:]
    assert lines, "the PDF has text"
    for line in lines:
        # name type encoding emb sub uni object-id: "emb" is the third field from the right of the id
        fields = line.split()
        assert fields[-5] == "yes", f"not embedded: {line}"


@needs_poppler
def test_pages_are_numbered_and_headers_repeat_over_a_page_break(followup_doc, tmp_path):
    goal = followup_doc.goals[0].children[0]
    row = goal.indicators[1]
    goal.indicators = [dataclasses.replace(row, name=f"{row.name} {i:03d}", comment="") for i in range(120)]
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf.render(followup_doc))
    text = run("pdftotext", "-layout", str(path), "-")
    pages = text.split("\f")[:-1]
    assert all(re.search(rf"Sida {n} av {len(pages)}", page) for n, page in enumerate(pages, 1))
    with_rows = [p for p in pages if "148 st" in p]  # table pages (the charts label totals only)
    assert len(with_rows) >= 2, "the table runs over more than one page"
    for p in with_rows:
        header = ("Indikator", "pojkar", "flickor", "Prognos", "KF:s årsmål")
        assert all(word in p for word in header), "the header repeats on every page"
    # no row is split over two pages: a row's name ends on the page where its values are
    for i in range(120):
        page = next(p for p in with_rows if f"Stockholmsjobb {i:03d}" in p)
        lines = page.splitlines()
        at = next(n for n, line in enumerate(lines) if f"Stockholmsjobb {i:03d}" in line)
        assert "247 st" in lines[at - 1] or "247 st" in lines[at]


def test_the_typst_data_hold_formatted_numbers_only(followup_doc):
    content = tables.report_content(followup_doc)
    data = pdf.typst_data(content, followup_doc)
    text = pdf.canonical_json(data)
    assert "1\u00a0299,0" in text and "-410,5" in text and "75,28 %" in text
    assert "Decimal" not in text
    charts = [c for s in data["sections"] for b in s["blocks"] if b["t"] == "charts" for c in b["charts"]]
    assert [c["alt"] for c in charts] == [f.chart.alt for f in content.figures()]
    # a chart's numbers are positions for Typst to draw; what it prints comes formatted
    assert all(isinstance(t["label"], str) for c in charts for t in c["axis"]["ticks"])
    assert "+64,9" in [label for c in charts for s in c["series"] for label in s["labels"]]
