"""The fonts of the PDF: the fallback chain from the Debian font packages, and which text they draw."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from styrkedja.reports.renderers import fonts, render

installed = set(fonts.families())
needs_noto = pytest.mark.skipif(
    not {"Noto Sans CJK SC", "Noto Color Emoji"} <= installed,
    reason="the Noto fonts: make setup installs them",
)


def test_the_chain_comes_first_then_every_other_installed_family():
    families = fonts.families()
    assert families[0] == "Open Sans" and families[1] == "DejaVu Sans"
    chain = [f for f in fonts.CHAIN if f in installed]
    assert list(families[: len(chain)]) == chain
    rest = list(families[len(chain) :])
    assert set(rest) == installed - set(chain)
    if {"Noto Sans Thai", "Noto Looped Thai"} <= installed:
        assert rest.index("Noto Sans Thai") < rest.index("Noto Looped Thai")


@needs_noto
@pytest.mark.parametrize(
    "text",
    ["Bra 👍", "中文 日本語 한국어", "ภาษาไทย", "עברית العربية", "♀ ≥ → ∑", "👨\u200d👩\u200d👧 🇸🇪 a\u0301"],
)
def test_every_script_and_emoji_of_the_chain_is_drawn_as_it_is(text):
    assert fonts.drawable(text) == text


def test_what_no_font_has_is_replaced_by_the_replacement_character():
    assert fonts.drawable("a\u0378b") == "a\ufffdb"  # unassigned
    assert fonts.drawable("x\U000e0080y") == "x\U000e0080y"  # default-ignorable: needs no glyph
    assert fonts.drawable("rad\nrad\tmed\u00a0mellanslag") == "rad\nrad\tmed\u00a0mellanslag"


def test_a_font_reads_its_character_map():
    face = fonts.faces(400)[0]
    assert face.family == "Open Sans" and face.has(ord("å")) and not face.has(0x4E2D)


@needs_noto
@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils: make setup installs it")
def test_the_pdf_embeds_the_fallback_fonts_it_needs(followup_doc, tmp_path):
    followup_doc.goals[0].analysis = "Bra 👍 中文 ภาษาไทย"
    path = tmp_path / "report.pdf"
    path.write_bytes(render(followup_doc, "pdf"))
    embedded = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True).stdout
    for family in ("OpenSans", "NotoSansCJK", "NotoSansThai"):
        assert family in embedded
    assert "Type 3" in embedded  # the colour emoji
