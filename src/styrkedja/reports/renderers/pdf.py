"""The report as a tagged PDF (PDF/A-2a and PDF/UA-1) through Typst.

The format-neutral content (`styrkedja.reports.tables`) is written as canonical JSON and handed to the
Typst template `reports/templates/report.typ` in `sys.inputs`; Typst lays it out, embeds the fonts
(Open Sans, with DejaVu Sans for the signs it lacks such as ♀; both are Debian packages the Makefile
installs) and tags the structure. The creation date is the document's own date, so the same data gives the same bytes.
No Django here.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from functools import cache
from importlib.resources import files
from typing import Any

from styrkedja.reports import tables as t
from styrkedja.reports.document import Economy, IndicatorRow, ReportDocument
from styrkedja.reports.kinds import Part
from styrkedja.reports.renderers import typst_charts

PDF_STANDARDS = ["a-2a", "ua-1"]
# One Typst compiler per process (it keeps the fonts it has read); it may not compile twice at once.
_LOCK = threading.Lock()


def template_source() -> bytes:
    return files("styrkedja.reports").joinpath("templates", "report.typ").read_bytes()


@cache
def _compiler() -> Any:
    import typst

    return typst.Compiler()


def short_title(content: t.ReportContent, doc: ReportDocument) -> str:
    """The running head: "Tertialrapport 1 2021", as the kind words it."""
    return doc.kind.short_title(doc.year, doc.period, doc.period_label) or content.title


def _chart(figure: t.Figure) -> dict[str, Any] | None:
    if figure.kind == "indicator" and isinstance(figure.source, IndicatorRow):
        return typst_charts.indicator_chart(figure.source)
    if figure.kind == "deviation" and isinstance(figure.source, Economy):
        return typst_charts.deviation_chart(figure.source)
    return None


def section_blocks(section: t.Section) -> list[dict[str, Any]]:
    """The section's blocks; consecutive charts go into one grid."""
    out: list[dict[str, Any]] = []
    for block in section.blocks:
        if isinstance(block, t.Figure):
            chart = _chart(block)
            if chart is None:
                continue
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


def canonical_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def compile_pdf(data: dict[str, Any], date: dt.date) -> bytes:
    timestamp = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    with _LOCK:
        pdf: bytes = _compiler().compile(
            input=template_source(),
            format="pdf",
            sys_inputs={"data": canonical_json(data)},
            pdf_standards=PDF_STANDARDS,
            timestamp=timestamp,
        )
    return pdf


def render(doc: ReportDocument) -> bytes:
    content = t.report_content(doc)
    return compile_pdf(typst_data(content, doc), content.date)
