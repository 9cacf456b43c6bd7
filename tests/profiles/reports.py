"""A report as text, whatever its format: what the profile tests read the rendered documents with."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx

from styrkedja.reports.build import build
from styrkedja.reports.document import ReportDocument

FORMATS = ("html", "docx", "pdf")
needs_pdftotext = shutil.which("pdftotext") is not None


def text_of(doc: ReportDocument, fmt: str) -> str:
    data, _ = build(doc, fmt)
    if fmt == "html":
        body = re.sub(r"<style>.*?</style>", " ", data.decode("utf-8"), flags=re.S)
        return html.unescape(re.sub(r"<[^>]+>", " ", body))
    if fmt == "docx":
        document = docx.Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        for table in document.tables:
            parts += [cell.text for row in table.rows for cell in row.cells]
        for section in document.sections:
            parts += [p.text for p in section.header.paragraphs]
        return "\n".join(parts)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(data)
        return subprocess.run(
            ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
        ).stdout


def flat(text: str) -> str:
    """Whitespace (and the no-break spaces of numbers) as single spaces, without the invisible break
    opportunities the typesetting puts into long words."""
    for invisible in ("\u200b", "\u00ad", "\u2060"):
        text = text.replace(invisible, "")
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


def says(text: str, word: str) -> bool:
    """The text has the word, perhaps in capitals (a kicker) or broken over two lines of a table cell; a
    word given with spaces around it (" VB ") stands alone."""
    if word != word.strip():
        return word in f" {text} "
    squeezed = text.replace(" ", "")
    return any(w in text or w.replace(" ", "") in squeezed for w in (word, word.upper()))


#: Words that belong to Stockholm's profile (its levels, ratings and document words): a document made
#: under another profile has none of them, unless its own data says them.
STOCKHOLM_WORDS = (
    "KF:s",
    "Nämndmål",
    "Enhetsmål",
    "inriktningsmål",
    "Nämndens indikatorer",
    "Nämndens aktiviteter",
    "Tertialrapport",
    "Tjänsteutlåtande",
    "Verksamhetsberättelse",
    "Prognos",
    "Uppfylls",
    "Uppnås",
    "Periodens utfall",
    " VB ",
    "Årsmål",
)
