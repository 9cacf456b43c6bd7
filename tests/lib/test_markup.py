"""The safe text format: headings, paragraphs, lists, emphasis, links and pipe tables; everything else
is text, escaped wherever it is shown."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from styrkedja.lib import markup as m
from styrkedja.lib.text_tables import TextTable

TEXT = """Före första rubriken.

# Uppdrag och organisation
Ett **fett** ord, *kursivt* och _också_, en [länk](https://start.stockholm) och <b>inte html</b>.

## Organisation
- ett
- två **b**
  fortsätter
3. tre
4. fyra

| Avdelning | Anställda |
|---|---:|
| Jobbtorg | 1132 |
"""


def test_it_parses_every_kind_of_block():
    blocks = m.parse(TEXT)
    kinds = [type(b).__name__ for b in blocks]
    assert kinds == ["Paragraph", "Heading", "Paragraph", "Heading", "ListBlock", "ListBlock", "TextTable"]
    heading, paragraph = blocks[1], blocks[2]
    assert (heading.level, heading.text) == (1, "Uppdrag och organisation")
    assert [s.style for s in paragraph.spans if s.style] == ["strong", "em", "em", "link"]
    assert paragraph.text.endswith("en länk och <b>inte html</b>.")
    bullets, numbers = blocks[4], blocks[5]
    assert not bullets.ordered and m.plain(bullets.items[1]) == "två b fortsätter"
    assert bullets.items[1][1] == m.Span("b", "strong")
    assert numbers.ordered and numbers.start == 3
    assert isinstance(blocks[6], TextTable) and blocks[6].rows == [["Jobbtorg", "1\u00a0132"]]


def test_html_escapes_everything_and_links_only_to_web_and_mail_addresses():
    html = m.to_html(
        m.parse(TEXT + "\n\n[x](javascript:alert(1)) [y](mailto:a@b.se) <script>alert(1)</script>")
    )
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;inte html&lt;/b&gt;" in html
    assert 'href="javascript' not in html and "[x](javascript:alert(1))" in html
    assert '<a href="mailto:a@b.se" rel="nofollow noopener noreferrer">y</a>' in html
    assert "<h2>Uppdrag och organisation</h2>" in html and "<h3>Organisation</h3>" in html
    assert '<ol start="3">' in html and '<td class="right">1\u00a0132</td>' in html
    assert '<a href="https://start.stockholm?&quot;' not in m.to_html(m.parse('[a](https://x.se"onclick=)'))


def test_plain_prose_and_stray_marks_stay_text():
    assert m.parse("Ett stycke\nsom fortsätter.\n\nOch ett till.") == [
        m.Paragraph([m.Span("Ett stycke som fortsätter.")]),
        m.Paragraph([m.Span("Och ett till.")]),
    ]
    for text in ("3 * 4 * 5", "1 132* (not)", r"\*inte kursiv\*", "[utan adress]", "snake_case_namn"):
        assert "".join(s.style for s in m.parse(text)[0].spans) == "", text


def test_chapters_split_at_the_top_headings():
    before, chapters = m.chapters(TEXT)
    assert m.plain(before[0].spans) == "Före första rubriken."
    assert [title for title, _ in chapters] == ["Uppdrag och organisation"]
    assert m.chapters("Bara text.") == ([m.Paragraph([m.Span("Bara text.")])], [])


OWN_TAGS = re.compile(
    r'</?(?:p|h[2-6]|ul|li|strong|em|tbody|thead|tr|caption|table)>|<ol(?: start="\d+")?>|</ol>'
    r'|<a href="(?:https?://|mailto:)[^"<>]*" rel="nofollow noopener noreferrer">|</a>'
    r'|<div class="table-wrap"><table class="data-table">|</div>|<t[hd] (?:scope="col" )?class="(?:left|right)">|</t[hd]>'
)


@given(st.text(alphabet=st.sampled_from("ab <>&\"'*_#-|[]():/\n1.hjtps"), max_size=200))
def test_any_text_parses_and_its_html_holds_only_the_formats_own_tags(text):
    html = m.to_html(m.parse(text))
    assert "<" not in OWN_TAGS.sub("", html), html
