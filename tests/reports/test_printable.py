"""Any stored text made printable: what the renderers do to the data's strings before laying them out."""

from __future__ import annotations

from styrkedja.reports.printable import (
    LONG_RUN,
    ZERO_WIDTH_SPACE,
    break_long_runs,
    clusters,
    cut,
    long_row,
    map_strings,
    printable_document,
    text_safe,
)


def test_grapheme_clusters_keep_marks_joined_emoji_flags_and_modifiers_whole():
    assert list(clusters("a\u0301b")) == ["a\u0301", "b"]
    assert list(clusters("👨\u200d👩\u200d👧x")) == ["👨\u200d👩\u200d👧", "x"]
    assert list(clusters("🇸🇪🇫🇮")) == ["🇸🇪", "🇫🇮"]
    assert list(clusters("👍🏽❤️")) == ["👍🏽", "❤️"]
    assert "".join(clusters("Hej på dig")) == "Hej på dig"


def test_text_safe_leaves_text_alone_and_mends_what_is_not_text():
    assert text_safe("Bra 👍\nrad två") == "Bra 👍\nrad två"
    assert text_safe("a\r\nb\rc") == "a\nb\nc"
    assert text_safe("PDF\x0csida\ue000") == "PDFsida\ufffd"


def test_a_run_longer_than_a_line_gets_places_to_break_between_clusters():
    word = "x" * 33000
    broken = break_long_runs(word)
    assert broken.replace(ZERO_WIDTH_SPACE, "") == word
    assert max(len(piece) for piece in broken.split(ZERO_WIDTH_SPACE)) <= LONG_RUN
    emoji = "👨\u200d👩\u200d👧" * 60
    assert all(piece and piece.startswith("👨") for piece in break_long_runs(emoji).split(ZERO_WIDTH_SPACE))
    swedish = "kompetensförsörjningsutmaningarna arbetsmarknadsförvaltningens"
    assert break_long_runs(swedish) == swedish  # real words are left whole


def test_cut_keeps_at_most_the_limit_and_ends_in_an_ellipsis():
    assert cut("kort", 10) == "kort"
    assert cut("x" * 33000, 1000) == "x" * 999 + "…"
    assert cut("a\u0301" * 10, 6) == "a\u0301a\u0301…"  # never inside a cluster


def test_a_row_too_long_for_a_page_may_break():
    assert not long_row(["Aktivitet", "2021-01-01", "Avvikelse"])
    assert long_row(["Aktivitet", "x" * 2000])


def test_map_strings_reaches_every_string_and_leaves_the_kind(followup_doc):
    followup_doc.goals[0].analysis = "Bra\x01"
    followup_doc.special_reports = [("Rubrik\ue000", "Text")]
    mended = printable_document(followup_doc)
    assert mended.goals[0].analysis == "Bra" and mended.special_reports == [("Rubrik\ufffd", "Text")]
    assert mended.kind is followup_doc.kind and followup_doc.goals[0].analysis == "Bra\x01"
    assert map_strings({"a": ["b", ("c", 1)]}, str.upper) == {"A": ["B", ("C", 1)]}
