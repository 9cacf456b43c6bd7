"""The report as a tagged PDF (PDF/A-2a and PDF/UA-1) through Typst.

The format-neutral content (`styrkedja.reports.tables`) is written as canonical JSON and handed to the
Typst template `reports/templates/report.typ` (`styrkedja.reports.renderers.typesetting`); Typst lays it
out, draws the charts from their specifications (`templates/charts.typ`), embeds the fonts and tags the
structure. The creation date is the document's own date, so the same data gives the same bytes.
No Django here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from styrkedja.reports import tables as t
from styrkedja.reports.document import ReportDocument
from styrkedja.reports.kinds import Part
from styrkedja.reports.renderers import typesetting
from styrkedja.reports.renderers.typst_charts import chart_data

TEMPLATE = "report.typ"
PDF_STANDARDS = ["a-2a", "ua-1"]
canonical_json = typesetting.canonical_json


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


def render(doc: ReportDocument) -> bytes:
    content = t.report_content(doc)
    return typesetting.compile_pdf(TEMPLATE, typst_data(content, doc), content.date, PDF_STANDARDS)
