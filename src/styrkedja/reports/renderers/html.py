"""The report as one standalone, accessible HTML file (WCAG 2.1 AA), with print CSS.

Jinja2 templates in the package's `templates/` (`report.html`, `_block.html`, `report.css`) lay out the
format-neutral content of `styrkedja.reports.tables`, escaping every text; the CSS is inline and nothing
is loaded from elsewhere. Charts are drawn from their specifications as inline SVG
(`styrkedja.reports.renderers.svg_charts`) with `role="img"` and the chart's text alternative; their ids
are prefixed per chart so that several charts can share a page. The output is byte-identical for the same
data. No Django here.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2

from styrkedja.reports import tables as t
from styrkedja.reports.document import ReportDocument
from styrkedja.reports.printable import printable_document
from styrkedja.reports.renderers.svg_charts import chart_svg

TEMPLATE = "report.html"


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("styrkedja.reports", "templates"),
        autoescape=True,
        keep_trailing_newline=True,  # as the templates are written: each block ends its line
        undefined=jinja2.StrictUndefined,  # a name the data lack is an error, not an empty string
    )


def _chart(figure: t.Figure, number: int) -> dict[str, Any]:
    chart = figure.chart
    return {
        "t": "figure",
        "id": figure.anchor,
        "number": number,
        "title": chart.title,
        "alt": chart.alt,
        "svg": chart_svg(chart, figure.anchor),
    }


def table_data(table: t.Table, index: int) -> dict[str, Any]:
    """Header and body rows as (text, alignment) cells; rows grouped under their section rows."""
    align = table.align
    groups: list[dict[str, Any]] = []
    for row in table.rows:
        if row.kind == "section":
            groups.append({"heading": row.cells[0], "rows": []})
            continue
        if not groups:
            groups.append({"heading": "", "rows": []})
        cells = [(text, align[i] if i < len(align) else "left") for i, text in enumerate(row.cells)]
        groups[-1]["rows"].append({"kind": row.kind, "head": cells[0], "cells": cells[1:]})
    return {
        "t": "table",
        "id": f"tabell-{index}",
        "number": index,
        "caption": table.caption,
        "kind": table.kind,
        "note": table.note,
        "columns": len(table.header),
        "header": [(h, align[i] if i < len(align) else "left") for i, h in enumerate(table.header)],
        "groups": groups,
    }


def heading_tag(level: int) -> str:
    """A section of level 1 is an h2 (the document title is the h1)."""
    return f"h{min(level + 1, 6)}"


def page_data(content: t.ReportContent) -> dict[str, Any]:
    sections = []
    table_number = 0
    figure_number = 0
    for s in content.sections:
        blocks: list[dict[str, Any]] = []
        for block in s.blocks:
            if isinstance(block, t.Table):
                table_number += 1
                blocks.append(table_data(block, table_number))
            elif isinstance(block, t.Figure):
                figure_number += 1
                blocks.append(_chart(block, figure_number))
            elif isinstance(block, t.Heading):
                blocks.append({"t": "h", "text": block.text, "tag": heading_tag(block.level)})
            else:
                blocks.append(t.block_data(block))
        title = content.kind.wording.memo_heading if s.role == "memo" else s.heading
        sections.append(
            {
                "anchor": s.anchor,
                "title": title,
                "tag": heading_tag(s.level),
                "kicker": s.kicker,
                "role": s.role,
                "new_page": s.new_page,
                "blocks": blocks,
            }
        )
    return {
        "title": content.title,
        "subtitle": content.subtitle,
        "organisation": content.organisation,
        "author": content.author,
        "kind_label": content.kind.wording.name,
        "date": content.date.isoformat(),
        "date_label": content.date_label,
        "locked": content.locked,
        "sections": sections,
    }


def render_content(content: t.ReportContent) -> bytes:
    return environment().get_template(TEMPLATE).render(report=page_data(content)).encode("utf-8")


def render(doc: ReportDocument) -> bytes:
    return render_content(t.report_content(printable_document(doc)))
