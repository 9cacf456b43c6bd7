"""The report as a tagged PDF (PDF/A-2a and PDF/UA-1) through Typst.

The format-neutral content (`styrkedja.reports.tables`) is written as canonical JSON and handed to the
Typst template `reports/templates/report.typ` (`styrkedja.reports.renderers.typesetting`); Typst lays it
out, draws the charts from their specifications (`templates/charts.typ`), embeds the fonts and tags the
structure. The creation date is the document's own date, so the same data gives the same bytes.

Any text prints (`printable_data`): every string of the data is made safe (`reports/printable.py`), every
grapheme cluster no installed font can draw becomes U+FFFD (`fonts.py`), and a run of characters too long
for a line gets places to break. What PDF limits in length is cut: the title, author and keywords in the
metadata, a chart's alternative text, and a heading (whose text goes into its tag and the bookmarks): a
cut heading ends in "…" and its whole text follows as the section's first paragraph.
No Django here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from styrkedja.reports import tables as t
from styrkedja.reports.document import ReportDocument
from styrkedja.reports.kinds import Part
from styrkedja.reports.printable import break_long_runs, cut, long_row, map_strings, text_safe
from styrkedja.reports.renderers import typesetting
from styrkedja.reports.renderers.fonts import drawable, families
from styrkedja.reports.renderers.typst_charts import chart_data

TEMPLATE = "report.typ"
PDF_STANDARDS = ["a-2a", "ua-1"]
canonical_json = typesetting.canonical_json
# A PDF string holds at most 32 767 bytes; a character takes up to 4 in UTF-16.
METADATA_LIMIT = 1000  # characters of the title, the author, each keyword, and of the running heads
ALT_LIMIT = 2000  # characters of a chart's alternative text
HEADING_LIMIT = 2000  # characters of a heading


def short_title(content: t.ReportContent, doc: ReportDocument) -> str:
    """The running head: "Tertialrapport 1 2021", as the kind words it."""
    return doc.kind.short_title(doc.year, doc.period, doc.period_label) or content.title


def section_blocks(section: t.Section) -> list[dict[str, Any]]:
    """The section's blocks; consecutive charts go into one grid."""
    out: list[dict[str, Any]] = []
    for block in section.blocks:
        if isinstance(block, t.Figure):
            chart = chart_data(block.chart)
            if out and out[-1]["t"] == "charts" and not chart["wide"] and not out[-1]["charts"][-1]["wide"]:
                out[-1]["charts"].append(chart)
            else:
                out.append({"t": "charts", "charts": [chart]})
        else:
            out.append(t.block_data(block))
    return out


def typst_data(content: t.ReportContent, doc: ReportDocument) -> dict[str, Any]:
    date: dt.date = content.date
    kind = content.kind
    return {
        "meta": {
            "title_page": kind.has(Part.TITLE_PAGE),
            "memo_heading": kind.wording.memo_heading,
            "title": content.title,
            "short_title": short_title(content, doc),
            "subtitle": content.subtitle,
            "organisation": content.organisation,
            "author": content.author,
            "keywords": [kind.wording.name, content.organisation, doc.period_label],
            "date": {"year": date.year, "month": date.month, "day": date.day},
            "date_label": content.date_label,
        },
        "sections": [
            {
                "anchor": s.anchor,
                "heading": s.heading,
                "level": s.level,
                "kicker": s.kicker,
                "in_toc": s.in_toc,
                "role": s.role,
                "new_page": s.new_page,
                "blocks": section_blocks(s),
            }
            for s in content.sections
        ],
    }


def printable(text: str) -> str:
    return break_long_runs(drawable(text_safe(text)))


def _heading(text: str, block: dict[str, Any]) -> list[dict[str, Any]]:
    """The heading block, cut to HEADING_LIMIT, and the whole text as a paragraph after a cut one."""
    if len(text) <= HEADING_LIMIT:
        return [block]
    return [{**block, "text": cut(text, HEADING_LIMIT)}, {"t": "p", "style": "body", "text": text}]


def _limited(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for b in blocks:
        if b["t"] == "h":
            out += _heading(b["text"], b)
        elif b["t"] == "table":
            rows = [{**r, "long": True} if long_row(r["cells"]) else r for r in b["rows"]]
            out.append({**b, "rows": rows})
        elif b["t"] == "charts":
            out.append({**b, "charts": [{**c, "alt": cut(c["alt"], ALT_LIMIT)} for c in b["charts"]]})
        else:
            out.append(b)
    return out


def printable_data(data: dict[str, Any]) -> dict[str, Any]:
    """The data with every string printable, and cut where PDF limits its length."""
    data = map_strings(data, printable)
    meta = data["meta"]
    for key in ("title", "author", "organisation", "subtitle", "short_title"):
        meta[key] = cut(meta[key], METADATA_LIMIT)
    meta["keywords"] = [cut(k, METADATA_LIMIT) for k in meta["keywords"]]
    for section in data["sections"]:
        blocks = _limited(section["blocks"])
        if len(section["heading"]) > HEADING_LIMIT:
            blocks.insert(0, {"t": "p", "style": "body", "text": section["heading"]})
            section["heading"] = cut(section["heading"], HEADING_LIMIT)
        section["blocks"] = blocks
    data["fonts"] = list(families())
    return data


def render(doc: ReportDocument) -> bytes:
    content = t.report_content(doc)
    data = printable_data(typst_data(content, doc))
    return typesetting.compile_pdf(TEMPLATE, data, content.date, PDF_STANDARDS)
