"""The building blocks of the report's format-neutral content; see `styrkedja.reports.tables`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from styrkedja.lib.markup import Span
from styrkedja.reports.charts import Chart
from styrkedja.reports.kinds import Kind

Align = Literal["left", "right"]
RowKind = Literal["data", "subtotal", "total", "section"]


@dataclass
class Row:
    cells: list[str]
    kind: RowKind = "data"


@dataclass
class Table:
    caption: str
    header: list[str]
    rows: list[Row]
    align: list[Align]
    widths: list[float] = field(default_factory=list)
    kind: str = ""  # "indicators" | "activities" | "economy" | "requirement" | … (for styling and tests)
    note: str = ""  # small print under the table, e.g. the gender marker's meaning

    def data_rows(self) -> list[Row]:
        return [r for r in self.rows if r.kind != "section"]


@dataclass
class Heading:
    text: str
    level: int


@dataclass
class Paragraph:
    text: str
    style: Literal["body", "subheading", "label", "note"] = "body"
    # A paragraph of the safe text format (lib/markup.py): its text in spans of emphasis and links; empty
    # for plain prose. `text` is the same text without the marks.
    spans: list[Span] = field(default_factory=list)


@dataclass
class BulletList:
    items: list[str]


@dataclass
class NumberedList:
    items: list[str]
    start: int = 1


@dataclass
class Facts:
    items: list[tuple[str, str]]


@dataclass
class Rating:
    """A rating with its text label (never colour alone): the key on the profile's scale, its label, its
    colour and that colour darkened for text on white; a state that is not a rating has no colour."""

    value: str
    label: str
    colour: str = ""
    text_colour: str = ""
    word: str = "Bedömning"  # the word before the label, the wording's `rating`


@dataclass
class Figure:
    anchor: str
    chart: Chart


@dataclass
class TocEntry:
    level: int
    number: str
    title: str
    anchor: str


@dataclass
class Toc:
    entries: list[TocEntry]


@dataclass
class Signature:
    name: str
    title: str
    date: str
    signed_as: str = ""  # the name in the digital signature, shown when it is spelled differently


@dataclass
class Signatures:
    entries: list[Signature]

    def table(self) -> Table:
        return Table(
            caption="Underskrifter",
            header=["Namn", "Befattning", "Signerad"],
            rows=[
                Row([s.name, s.title, f"{s.date} som {s.signed_as}" if s.signed_as else s.date])
                for s in self.entries
            ],
            align=["left", "left", "left"],
            widths=[0.35, 0.45, 0.2],
            kind="signatures",
        )


Block = Heading | Paragraph | BulletList | NumberedList | Facts | Rating | Table | Figure | Toc | Signatures


@dataclass
class Section:
    anchor: str
    title: str
    level: int
    blocks: list[Block] = field(default_factory=list)
    number: str = ""
    kicker: str = ""
    in_toc: bool = True
    role: Literal["memo", "toc", "body"] = "body"
    new_page: bool = False

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}" if self.number else self.title


@dataclass
class ReportContent:
    kind: Kind
    title: str
    subtitle: str
    organisation: str
    author: str
    date: dt.date  # the document's fixed date (meeting date, period end or 1 January): reproducible builds
    date_label: str
    sections: list[Section]
    language: str = "sv"
    locked: bool = False

    def tables(self) -> Iterator[tuple[Section, Table]]:
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Table):
                    yield section, block

    def figures(self) -> Iterator[Figure]:
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Figure):
                    yield block

    def toc_entries(self) -> list[TocEntry]:
        for section in self.sections:
            for block in section.blocks:
                if isinstance(block, Toc):
                    return block.entries
        return []


def block_data(block: Block) -> dict[str, Any]:
    """A block as plain JSON-able data, `t` naming its type (p, h, ul, ol, facts, rating, table, toc,
    signatures, figure)."""
    if isinstance(block, Paragraph):
        data: dict[str, Any] = {"t": "p", "text": block.text, "style": block.style}
        if block.spans:
            data["spans"] = [{"text": s.text, "style": s.style, "url": s.url} for s in block.spans]
        return data
    if isinstance(block, Heading):
        return {"t": "h", "text": block.text, "level": block.level}
    if isinstance(block, BulletList):
        return {"t": "ul", "items": block.items}
    if isinstance(block, NumberedList):
        return {"t": "ol", "items": block.items, "start": block.start}
    if isinstance(block, Facts):
        return {"t": "facts", "items": [list(i) for i in block.items]}
    if isinstance(block, Rating):
        return {
            "t": "rating",
            "value": block.value,
            "label": block.label,
            "colour": block.colour,
            "text_colour": block.text_colour,
            "word": block.word,
        }
    if isinstance(block, Table):
        return {
            "t": "table",
            "caption": block.caption,
            "header": block.header,
            "rows": [{"cells": r.cells, "kind": r.kind} for r in block.rows],
            "align": block.align,
            "widths": block.widths,
            "kind": block.kind,
            "note": block.note,
        }
    if isinstance(block, Toc):
        return {"t": "toc", "entries": [vars(e) for e in block.entries]}
    if isinstance(block, Signatures):
        return {
            "t": "signatures",
            "entries": [
                {"name": s.name, "title": s.title, "date": s.date, "signed_as": s.signed_as}
                for s in block.entries
            ],
        }
    if isinstance(block, Figure):
        return {"t": "figure", "anchor": block.anchor, "title": block.chart.title, "alt": block.chart.alt}
    raise TypeError(f"unknown block {type(block).__name__}")
