"""The source text of a printed follow-up report, as the report importers read it (no Django).

The extraction is Markdown-ish: `#` headings of erratic levels, `**bold**`, `<b>…</b>`, `*italic*`,
escaped `\\_`, and tables with tab-separated cells. `Source` keeps the numbered lines, the raw cells of
every line (the `Line` of importers.text turns tabs into spaces) and the ledger of what became of each line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from styrkedja.importers.text import Ledger, Line, split_lines
from styrkedja.lib import text_tables

from .pages import is_noise

__all__ = [
    "Source",
    "clean",
    "is_heading",
    "prose",
    "tokens_match",
]

_TAGS = re.compile(r"</?(?:b|i|u|em|strong|sup|sub|span)\b[^>]*>|<br\s*/?>", re.IGNORECASE)
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_HASHES = re.compile(r"^#{1,6}\s*")
_SENTENCE_END = ".!?:;"


def clean(text: str) -> str:
    """The text without Markdown/HTML markup and with single spaces: "## **1.2 Krami**" → "1.2 Krami"."""
    text = _HASHES.sub("", text.strip())
    text = _TAGS.sub("", text)
    text = text.replace("\\*", "\x00").replace("\\_", "_").replace("**", "")
    text = _ITALIC.sub(r"\1", text).replace("\x00", "*")
    return " ".join(text.split())


def is_heading(line: Line) -> bool:
    """A Markdown heading, or a line printed wholly in bold."""
    text = line.text
    if text.startswith("#"):
        return True
    return bool(re.fullmatch(r"\*\*[^*]+\*\*|<b>[^<]+</b>", text))


def _words(text: str) -> list[tuple[str, bool]]:
    """The significant words, each with whether it is abbreviated ("adm.")."""
    stop = {"och", "inkl", "exkl", "för", "med", "av", "s:a"}
    return [
        (m[1].lower(), bool(m[2]))
        for m in re.finditer(r"(\w+)(\.?)", text)
        if len(m[1]) >= 3 and m[1].lower() not in stop
    ]


def tokens_match(short: str, long: str) -> float:
    """How well a (short) name matches another: the share of its words found in the other, an
    abbreviation ("adm.") matching the words it begins ("administration"). When not all of them are
    found, half that share."""
    words, others = _words(short), _words(long)
    if not words or not others:
        return 0.0

    def same(a: tuple[str, bool], b: tuple[str, bool]) -> bool:
        return a[0] == b[0] or (a[1] and b[0].startswith(a[0])) or (b[1] and a[0].startswith(b[0]))

    matched = sum(1 for w in words if any(same(w, o) for o in others))
    return matched / len(words) if matched == len(words) else matched / (2 * len(words))


def table_text(rows: Sequence[Sequence[str]]) -> str:
    """Tab-separated rows printed inside a text, as a table of the text format (`lib/text_tables.py`).
    The first row is the header; rows under it with an empty first cell and no numbers are more header
    lines (`Kvinna  Man` over `jan-mars 2021  jan-mars 2020 …`): a header cell spanning the empty cells to
    its right is repeated over them, and the lines of each column are joined."""
    width = max(len(row) for row in rows)
    padded = [[*row, *[""] * (width - len(row))] for row in rows]
    header_rows = [padded[0]]
    for row in padded[1:]:
        if row[0] or any(text_tables.is_numeric(cell) for cell in row if cell):
            break
        header_rows.append(row)
    if len(header_rows) > 1:
        for row in header_rows[:-1]:
            for i in range(1, width):
                if not row[i] and row[i - 1] and header_rows[-1][i]:
                    row[i] = row[i - 1]
    header = [" ".join(row[i] for row in header_rows if row[i]) for i in range(width)]
    body = [row for row in padded[len(header_rows) :] if any(row)]
    keep = [i for i in range(width) if header[i] or any(row[i] for row in body)]
    top = [cell for cell in dict.fromkeys(header_rows[0][1:]) if cell]
    caption = f"{header_rows[0][0]}: {', '.join(top)}" if header_rows[0][0] and top else ""
    return text_tables.to_text(
        [header[i] for i in keep], [[row[i] for i in keep] for row in body], caption=caption
    )


def prose(lines: Iterable[Line], source: Source | None = None) -> str:
    """Section text as paragraphs. Each extracted line is a paragraph, unless it goes on a sentence
    that a page break cut (the line before is long, does not end a sentence, and this one begins in
    lower case, with a digit or a parenthesis). With the `source`, consecutive lines of tab-separated
    cells (two or more rows) become a table of the text format."""
    paragraphs: list[str] = []
    open_sentence = False
    table: list[list[str]] = []

    def end_table() -> None:
        if len(table) >= 2:
            paragraphs.append(table_text(table))
        elif table:
            paragraphs.append(" ".join(cell for cell in table[0] if cell))
        table.clear()

    for line in lines:
        if source is not None and source.has_tabs(line):
            cells = source.cells(line)
            if sum(1 for cell in cells if cell) >= 2 or (table and any(cells)):
                table.append(cells)
                open_sentence = False
                continue
        end_table()
        text = clean(line.text)
        if not text:
            continue
        if paragraphs and open_sentence and (text[0].islower() or text[0].isdigit() or text[0] == "("):
            paragraphs[-1] += " " + text
        else:
            paragraphs.append(text)
        last = paragraphs[-1]
        open_sentence = not is_heading(line) and len(last) >= 60 and last[-1] not in _SENTENCE_END
    end_table()
    return "\n\n".join(paragraphs)


@dataclass
class Source:
    """The numbered lines of the text, their tab-separated cells and the ledger."""

    name: str
    lines: list[Line]
    raw: list[str]
    ledger: Ledger

    @classmethod
    def of(cls, text: str, name: str) -> Source:
        lines = split_lines(text)
        return cls(
            name, lines, [raw.removesuffix("\r") for raw in text.split("\n")], Ledger(lines, noise=is_noise)
        )

    def cells(self, line: Line) -> list[str]:
        """The cleaned cells of a line (one cell when it holds no tab)."""
        return [clean(cell) for cell in self.raw[line.no - 1].split("\t")]

    def has_tabs(self, line: Line) -> bool:
        return "\t" in self.raw[line.no - 1]

    def status(self, line: Line) -> str | None:
        return self.ledger.status.get(line.no)

    def is_blank(self, line: Line) -> bool:
        return self.status(line) in (Ledger.BLANK, Ledger.NOISE)

    def content(self, lines: Sequence[Line]) -> list[Line]:
        """The lines that are neither blank nor page noise."""
        return [line for line in lines if not self.is_blank(line)]

    def mark(self, lines: Line | Iterable[Line], status: str) -> None:
        self.ledger.mark(lines, status)

    def unplace(self, lines: Line | Sequence[Line], reason: str, *, at: int | None = None) -> None:
        self.ledger.unplace(lines, reason, at=at)

    def report(self, line: int, text: str, reason: str) -> None:
        self.ledger.report(line, text, reason)
