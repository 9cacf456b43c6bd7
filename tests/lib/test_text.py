"""The input rule: what counts as text in every field, from a form, a file or a service."""

from __future__ import annotations

import pytest

from styrkedja.lib.text import TextRefused, check_text, refusal, replace_refused


@pytest.mark.parametrize(
    "text",
    [
        "Bra 👍",
        "中文 日本語 한국어 ภาษาไทย",
        "עברית العربية \u200f",
        "👨\u200d👩\u200d👧 🇸🇪 ❤️ a\u0301",
        "\u0378 a code point Unicode has not assigned yet",
        "x" * 33000,
        "Rad ett\nrad två\r\n\tindragen",
    ],
)
def test_any_script_symbol_emoji_and_line_break_is_text(text):
    assert refusal(text) is None and check_text(text, "Analys") == text


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Bra\x01", "innehåller ett styrtecken (U+0001) på plats 4; ta bort det"),
        ("\x00", "innehåller ett styrtecken (U+0000) på plats 1"),
        ("a\x85b", "innehåller ett styrtecken (U+0085) på plats 2"),
        ("del\x7f", "innehåller ett styrtecken (U+007F) på plats 4"),
        ("a\ufeffb", "innehåller ett osynligt BOM-tecken (U+FEFF) på plats 2"),
        ("a\ud800", "innehåller ett halvt UTF-16-tecken (U+D800) på plats 2"),
        ("\uffff", "innehåller ett icke-tecken (U+FFFF) på plats 1"),
        ("\ufdd0", "innehåller ett icke-tecken (U+FDD0) på plats 1"),
        ("\U0010fffe", "innehåller ett icke-tecken (U+10FFFE) på plats 1"),
        ("Logga \ue000", "innehåller ett tecken för privat bruk (U+E000) på plats 7, som inget typsnitt"),
        ("\U000f0000", "innehåller ett tecken för privat bruk (U+F0000) på plats 1"),
    ],
)
def test_what_no_text_holds_is_refused_naming_the_character_and_where(text, reason):
    assert reason in refusal(text)
    with pytest.raises(TextRefused) as refused:
        check_text(text, "Kommentar")
    assert str(refused.value).startswith(f"Kommentar: {reason}")


@pytest.mark.parametrize("text", ["a\nb", "a\rb", "a\tb", "a\u2028b"])
def test_a_field_of_one_line_refuses_line_breaks_and_tabs(text):
    assert refusal(text) is None
    assert "fältet har bara en rad" in refusal(text, multiline=False)


def test_the_first_refused_character_is_named_and_the_others_counted():
    assert refusal("a\x01b\x02c\x03") == (
        "innehåller ett styrtecken (U+0001) på plats 2; ta bort det (och 2 tecken till av samma slag)"
    )


def test_stored_text_prints_with_invisible_characters_left_out_and_the_rest_replaced():
    assert replace_refused("Text ur en PDF\x0cmed\ufeff sidbrytning\x07") == "Text ur en PDFmed sidbrytning"
    assert replace_refused("a\ue000b\uffffc\nd\te") == "a\ufffdb\ufffdc\nd\te"
