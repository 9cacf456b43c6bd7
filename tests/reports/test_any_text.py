"""Any text the input rule allows renders, in every text field, in all three formats, and comes back out.

Hypothesis fills every text field of a follow-up report and of a plan (goal titles, descriptions,
analyses, justifications, indicator names and comments, activity titles and deviations, area names and
commentary, cover texts, decisions, attachments, complaints, signatures, special reports …) with
arbitrary Unicode text the input rule allows (`lib/text.py`): any script, emoji, symbols, combining marks,
unassigned code points. Each report is rendered as PDF, DOCX and HTML; the PDF is read back with
pdftotext (in the order of its content, `-raw`: its layout mode sets an emoji, a picture in a font of its
own, on a line of its own), the Word document's text from its XML, the HTML's from its markup, and every field's text is
found there, as the renderers print it (a grapheme cluster no installed font can draw is printed as
U+FFFD in the PDF; `fonts.drawable`), compared without white space, invisible characters and line-break
hyphens, and regardless of case. Text mixing right-to-left scripts comes out of pdftotext in visual order: for it, every
character must be there.
"""

from __future__ import annotations

import collections
import dataclasses
import html
import io
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styrkedja.lib.text import refusal
from styrkedja.reports import document as d
from styrkedja.reports.printable import text_safe
from styrkedja.reports.renderers import render
from styrkedja.reports.renderers.fonts import drawable
from tests.reports.conftest import make_followup_doc, make_plan_doc

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils: make setup installs it")

# Fields that hold a code or a value of a fixed set, not free text.
CODES = {
    "unit",
    "direction",
    "periodicity",
    "table",
    "kf_mode",
    "kolada_kpi",
    "source",
    "level",
    "number",
    "kind",
    "status",
    "assessment",
    "suggested_when_saved",
    "suggested",
    "organisation_code",
    "period",
    "provenance",
    "as_printed",
}
# Text fields a report of that kind does not print (the builders copy the cover's title and summary into
# the document's title and introduction; the area rows' labels are the tables' own words).
NOT_PRINTED = {
    "followup": re.compile(
        r"(goals|children)\[\d+\]\.comment$|names_as_printed|\.(costs|revenues)\.label$|turnover\[\d+\]\.area$|volumes\[\d+\]\.area$"
        r"|^doc\.cover\.(title|summary_analysis)$"
    ),
    "plan": re.compile(
        r"period_label$|indicators\[\d+\]\.comment$|\.deviation$|\.analysis$|\.justification$"
        r"|versions\[\d+\]\[0\]$|names_as_printed|\.(costs|revenues)\.label$|requirement\[\d+\]\.label$"
        r"|turnover_total_label$|^doc\.cover\."
    ),
}
# Multi-line fields: prose. The others hold one line.
PROSE = re.compile(
    r"\.(description|comment|analysis|justification|deviation|commentary|reason|text|introduction"
    r"|summary_analysis|summary)$|special_reports\[\d+\]\[1\]$"
)

Setter = Callable[[str], None]


def text_fields(obj: Any, path: str = "doc") -> list[tuple[str, Setter]]:
    """(path, setter) of every free-text string in the document, in order."""
    out: list[tuple[str, Setter]] = []
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        here = f"{path}.{f.name}"
        if f.name in CODES:
            continue
        if isinstance(value, str):
            out.append((here, lambda s, o=obj, n=f.name: setattr(o, n, s)))
        elif dataclasses.is_dataclass(value):
            out += text_fields(value, here)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    out.append((f"{here}[{i}]", lambda s, lst=value, i=i: lst.__setitem__(i, s)))
                elif isinstance(item, tuple):
                    for j, part in enumerate(item):
                        if isinstance(part, str):
                            out.append((f"{here}[{i}][{j}]", _tuple_setter(value, i, j)))
                elif dataclasses.is_dataclass(item):
                    out += text_fields(item, f"{here}[{i}]")
    return out


def _tuple_setter(items: list[Any], i: int, j: int) -> Setter:
    def setter(text: str) -> None:
        parts = list(items[i])
        parts[j] = text
        items[i] = tuple(parts)

    return setter


# --- What comes back out --------------------------------------------------------------------------------

INVISIBLE = re.compile(
    "[\\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\U000e0000-\U000e0fff]"
)
RIGHT_TO_LEFT = {"R", "AL", "AN"}


def comparable(text: str) -> str:
    """Without white space and invisible characters, in one case (the tables capitalise a first letter).
    A dotless ı counts as i: a table capitalises a first ı to I, whose case fold is i. Combining marks are
    left out of the comparison."""
    text = INVISIBLE.sub("", unicodedata.normalize("NFC", text.casefold())).replace("ı", "i")
    # A combining mark is drawn on its base letter; pdftotext does not always give it back (U+1DFB).
    return "".join(
        c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) not in ("Mn", "Me")
    )


def pdf_text(data: bytes) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "report.pdf")
        path.write_bytes(data)
        return subprocess.run(
            ["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout


def docx_text(data: bytes) -> str:
    """The text of the body, the headers and footers, the charts' descriptions (a chart is a picture) and
    the document's properties (title, author)."""
    package = zipfile.ZipFile(io.BytesIO(data))
    parts = [package.read(n).decode("utf-8") for n in package.namelist() if re.match(r"word/\w+\.xml$", n)]
    body = "".join(t for xml in parts for t in re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    body += " ".join(t for xml in parts for t in re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml))
    properties = re.sub(r"<[^>]*>", " ", package.read("docProps/core.xml").decode("utf-8"))
    return html.unescape(body + properties)


def html_text(data: bytes) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", data.decode("utf-8")))


def missing(texts: dict[str, str], output: str) -> list[tuple[str, str]]:
    """The fields whose text is not in the output."""
    out = comparable(output)
    chars = collections.Counter(out)
    lost = []
    for path, text in texts.items():
        wanted = comparable(text)
        if any(unicodedata.bidirectional(c) in RIGHT_TO_LEFT for c in wanted):
            if collections.Counter(wanted) - chars:
                lost.append((path, text))
        elif wanted not in out:
            lost.append((path, text))
    return lost


# --- Text the input rule allows ---------------------------------------------------------------------------

NONCHARACTERS = [chr(c) for c in range(0xFDD0, 0xFDF0)] + [
    chr(plane << 16 | low) for plane in range(17) for low in (0xFFFE, 0xFFFF)
]
# Every character the rule allows (control characters, surrogates and private use are categories of their
# own): any script, symbol, emoji, mark, and code points Unicode has not assigned yet.
one_line = st.characters(
    codec="utf-8",
    exclude_categories=("Cc", "Cs", "Co", "Zl", "Zp"),
    exclude_characters=["\ufeff", *NONCHARACTERS],
)
multi_line = st.characters(
    codec="utf-8",
    exclude_categories=("Cc", "Cs", "Co"),
    exclude_characters=["\ufeff", *NONCHARACTERS],
    include_characters="\n\t",
)
line_text = st.text(one_line, min_size=1, max_size=12)
prose_text = st.text(multi_line, min_size=1, max_size=24)


def fill(doc: d.ReportDocument, data: st.DataObject, kind: str) -> dict[str, str]:
    """Every text field of the document filled with drawn text; {path: text} of the printed ones."""
    printed = {}
    for path, setter in text_fields(doc):
        prose = bool(PROSE.search(path))
        text = data.draw(prose_text if prose else line_text, label=path)
        assert refusal(text, multiline=prose) is None  # what a form or a file could have given
        setter(text)
        if not NOT_PRINTED[kind].search(path):
            printed[path] = text
    return printed


def check_all_formats(doc: d.ReportDocument, printed: dict[str, str]) -> None:
    outputs = {
        "pdf": (pdf_text(render(doc, "pdf")), lambda s: drawable(text_safe(s))),
        "docx": (docx_text(render(doc, "docx")), text_safe),
        "html": (html_text(render(doc, "html")), text_safe),
    }
    for fmt, (output, as_printed) in outputs.items():
        lost = missing({p: as_printed(t) for p, t in printed.items()}, output)
        assert not lost, f"{fmt}: not found: {[(p, t[:80]) for p, t in lost]}"


ANY_TEXT = settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@ANY_TEXT
@given(data=st.data())
def test_any_text_in_every_field_of_a_followup_report_renders_and_reads_back(data):
    doc = make_followup_doc()
    check_all_formats(doc, fill(doc, data, "followup"))


@settings(ANY_TEXT, max_examples=5)
@given(data=st.data())
def test_any_text_in_every_field_of_a_plan_renders_and_reads_back(data):
    doc = make_plan_doc()
    check_all_formats(doc, fill(doc, data, "plan"))


def test_every_text_field_is_filled_and_the_printed_ones_are_known():
    """The walk finds the documents' text fields (a new field is filled too), and the fields left out of
    the comparison are only those the test names."""
    followup = [p for p, _ in text_fields(make_followup_doc())]
    plan = [p for p, _ in text_fields(make_plan_doc())]
    assert "doc.goals[0].children[0].children[0].activities[1].deviation" in followup
    assert "doc.special_reports[0][1]" in followup and "doc.signatures[0].name" in followup
    assert "doc.economy.areas[0].commentary" in followup and "doc.cover.decisions[1].text" in followup
    assert len(followup) == 88 and len(plan) == 41
    assert len([p for p in followup if NOT_PRINTED["followup"].search(p)]) == 14
    assert len([p for p in plan if NOT_PRINTED["plan"].search(p)]) == 19


@pytest.mark.parametrize(
    "text",
    [
        "Bra 👍",
        "中文 日本語 한국어",
        "ภาษาไทย",
        "👨‍👩‍👧 🇸🇪 ❤️ a\u0301",
        "עברית العربية",
        "\u0378\U000e0080 oassignerat",
    ],
)
def test_the_texts_of_the_issue_render_in_every_field(text):
    doc = make_followup_doc()
    printed = {}
    for path, setter in text_fields(doc):
        setter(text)
        if not NOT_PRINTED["followup"].search(path):
            printed[path] = text
    check_all_formats(doc, printed)


def test_a_33000_character_word_renders_and_reads_back():
    """The issue's word: in an outcome comment, a goal's title (a heading, its tag and the bookmarks), an
    activity's deviation (a table cell) and the organisation's name (the metadata). The PDF's pages break
    it, with their running heads between the pieces: every one of its characters is there."""
    word = "x" * 33000
    doc = make_followup_doc()
    committee = doc.goals[0].children[0].children[0]
    committee.indicators[0].comment = word
    committee.title = word
    committee.activities[1].deviation = word
    doc.organisation_name = word
    before = comparable(pdf_text(render(make_followup_doc(), "pdf"))).count("x")
    assert comparable(pdf_text(render(doc, "pdf"))).count("x") - before >= 3 * len(word)
    assert comparable(word) in comparable(docx_text(render(doc, "docx")))
    assert comparable(word) in comparable(html_text(render(doc, "html")))
