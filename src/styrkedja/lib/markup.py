"""The safe text format: a small subset of Markdown for the texts people write in the browser (the plan's
chapters, the budget areas' commentary), parsed once and printed from the same parse by the page's
preview, the HTML, the PDF and the Word report (no Django).

    # Rubrik              a heading (#, ## or ###); in a plan's introduction `#` starts a chapter
    Ett stycke …          paragraphs, separated by a blank line; lines of one paragraph are joined
    - punkt  / 1. punkt   a bulleted or numbered list (also `*` and `•`)
    **fet**, *kursiv*     emphasis (also `_kursiv_`); `\\*` is a literal star
    [text](https://…)     a link: only http, https and mailto addresses; anything else stays text
    | a | b |             a pipe table (`lib/text_tables.py`), a paragraph of its own

Nothing else is markup: HTML is text like any other and is escaped wherever it is shown; an unmatched
`*` or `[` is a character. A text without any of the marks is paragraphs, so stored prose reads as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from typing import Literal

from styrkedja.lib import text_tables
from styrkedja.lib.text_tables import TextTable

Style = Literal["", "strong", "em", "link"]


@dataclass(frozen=True)
class Span:
    text: str
    style: Style = ""
    url: str = ""


@dataclass
class Heading:
    level: int  # 1–3, as many as the `#`
    spans: list[Span]

    @property
    def text(self) -> str:
        return plain(self.spans)


@dataclass
class Paragraph:
    spans: list[Span]

    @property
    def text(self) -> str:
        return plain(self.spans)


@dataclass
class ListBlock:
    ordered: bool
    items: list[list[Span]] = field(default_factory=list)
    start: int = 1


Block = Heading | Paragraph | ListBlock | TextTable

_HEADING = re.compile(r"^(#{1,3})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^[-*•]\s+(.*)$")
_NUMBER = re.compile(r"^(\d{1,4})[.)]\s+(.*)$")
_URL = re.compile(r"^(https?://|mailto:)[^\s<>\"']+$", re.IGNORECASE)
_INLINE = re.compile(
    r"\\(?P<escaped>[\\*_\[\]()#|`-])"
    r"|\*\*(?P<strong>(?=\S)(?:[^*\\]|\\.)+?(?<=\S))\*\*"
    r"|\*(?P<em>(?=[^\s*])(?:[^*\\]|\\.)+?(?<=[^\s*\\]))\*"
    r"|(?<![\w])_(?P<em2>(?=[^\s_])(?:[^_\\]|\\.)+?(?<=[^\s_\\]))_(?![\w])"
    r"|\[(?P<label>[^\[\]]+)\]\((?P<url>[^()\s]+)\)"
)
_UNESCAPE = re.compile(r"\\([\\*_\[\]()#|`-])")


def plain(spans: list[Span]) -> str:
    return "".join(s.text for s in spans)


def inline(text: str) -> list[Span]:
    """A line's text as spans of plain text, emphasis and links (adjacent plain text joined)."""
    spans: list[Span] = []

    def add(span: Span) -> None:
        if not span.text:
            return
        if spans and not span.style and not spans[-1].style:
            spans[-1] = Span(spans[-1].text + span.text)
        else:
            spans.append(span)

    position = 0
    for match in _INLINE.finditer(text):
        add(Span(text[position : match.start()]))
        position = match.end()
        if match["escaped"] is not None:
            add(Span(match["escaped"]))
        elif match["strong"] is not None:
            add(Span(_UNESCAPE.sub(r"\1", match["strong"]), "strong"))
        elif match["em"] is not None or match["em2"] is not None:
            add(Span(_UNESCAPE.sub(r"\1", match["em"] or match["em2"]), "em"))
        elif _URL.match(match["url"]):
            add(Span(_UNESCAPE.sub(r"\1", match["label"]), "link", match["url"]))
        else:  # not an address people may follow: the text as written
            add(Span(match.group()))
    add(Span(text[position:]))
    return spans


def _list_item(line: str) -> tuple[bool, int, str] | None:
    if found := _BULLET.match(line):
        return False, 1, found[1]
    if found := _NUMBER.match(line):
        return True, int(found[1]), found[2]
    return None


def _chunk(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []
    current: ListBlock | None = None
    raw_items: list[str] = []  # the current list's items as written, to continue one

    def close_paragraph() -> None:
        if paragraph:
            blocks.append(Paragraph(inline(" ".join(paragraph))))
            paragraph.clear()

    for raw in lines:
        line = raw.strip()
        heading = _HEADING.match(line)
        item = _list_item(line)
        if heading:
            close_paragraph()
            current = None
            blocks.append(Heading(len(heading[1]), inline(heading[2])))
        elif item is not None and (current is not None or not paragraph):
            ordered, number, text = item
            if current is None or current.ordered != ordered:
                current = ListBlock(ordered, start=number)
                blocks.append(current)
                raw_items.clear()
            raw_items.append(text)
            current.items.append(inline(text))
        elif current is not None and raw[:1].isspace():  # an indented line continues the item
            raw_items[-1] += " " + line
            current.items[-1] = inline(raw_items[-1])
        else:
            current = None
            paragraph.append(line)
    close_paragraph()
    return blocks


def parse(text: str) -> list[Block]:
    """The text's blocks, in order. Any text parses; nothing is lost but the marks themselves."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n[ \t]*\n", text.replace("\r\n", "\n").replace("\r", "\n").strip()):
        lines = [line for line in chunk.split("\n") if line.strip()]
        if not lines:
            continue
        table = text_tables.parse(chunk)
        if table is not None:
            blocks.append(table)
            continue
        blocks.extend(_chunk(lines))
    return blocks


def chapters(text: str) -> tuple[list[Block], list[tuple[str, list[Block]]]]:
    """A text split at its top-level headings (`#`): what comes before the first, and each chapter's
    title with its blocks. The plan's introduction prints its chapters as chapters of the report."""
    before: list[Block] = []
    found: list[tuple[str, list[Block]]] = []
    for block in parse(text):
        if isinstance(block, Heading) and block.level == 1:
            found.append((block.text, []))
        elif found:
            found[-1][1].append(block)
        else:
            before.append(block)
    return before, found


# --- HTML (the page and its preview) ------------------------------------------------------------------


def spans_html(spans: list[Span]) -> str:
    out = []
    for s in spans:
        text = escape(s.text)
        if s.style == "strong":
            out.append(f"<strong>{text}</strong>")
        elif s.style == "em":
            out.append(f"<em>{text}</em>")
        elif s.style == "link":
            out.append(f'<a href="{escape(s.url)}" rel="nofollow noopener noreferrer">{text}</a>')
        else:
            out.append(text)
    return "".join(out)


def to_html(blocks: list[Block], heading_base: int = 2) -> str:
    """The blocks as HTML, every text escaped; `#` becomes `<h{heading_base}>`, `##` the next level."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            level = min(6, heading_base + block.level - 1)
            out.append(f"<h{level}>{spans_html(block.spans)}</h{level}>")
        elif isinstance(block, Paragraph):
            out.append(f"<p>{spans_html(block.spans)}</p>")
        elif isinstance(block, ListBlock):
            items = "".join(f"<li>{spans_html(item)}</li>" for item in block.items)
            if block.ordered:
                start = f' start="{block.start}"' if block.start != 1 else ""
                out.append(f"<ol{start}>{items}</ol>")
            else:
                out.append(f"<ul>{items}</ul>")
        else:
            head = "".join(
                f'<th scope="col" class="{align}">{escape(cell)}</th>'
                for cell, align in zip(block.header, block.align, strict=True)
            )
            rows = "".join(
                "<tr>"
                + "".join(
                    f'<td class="{align}">{escape(cell)}</td>'
                    for cell, align in zip(row, block.align, strict=True)
                )
                + "</tr>"
                for row in block.rows
            )
            out.append(
                f'<div class="table-wrap"><table class="data-table"><caption>{escape(block.caption)}</caption>'
                f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></div>"
            )
    return "\n".join(out)
