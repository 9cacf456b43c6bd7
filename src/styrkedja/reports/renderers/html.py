"""The report as one standalone, accessible HTML file (WCAG 2.1 AA), with print CSS.

Django templates under `templates/reports/` lay out the format-neutral content of
`styrkedja.reports.tables`; the CSS is inline and nothing is loaded from elsewhere. Charts come from
`styrkedja.reports.charts` as inline SVG with `role="img"` and the chart's text alternative; their ids are
prefixed per chart so that several charts can share a page. The output is byte-identical for the same data.
"""

from __future__ import annotations

import re
from typing import Any

from django.template.loader import render_to_string

from styrkedja.reports import tables as t
from styrkedja.reports.document import Economy, IndicatorRow, ReportDocument

TEMPLATE = "reports/report.html"

_ID = re.compile(r'\bid="([^"]+)"')
_XML_HEAD = re.compile(r"^\s*<\?xml[^>]*>\s*(<!DOCTYPE[^>]*>\s*)?", re.S)


def inline_svg(svg: str, prefix: str, label: str) -> str:
    """An SVG document made fit to inline: no XML head, ids prefixed, and an accessible name."""
    svg = _XML_HEAD.sub("", svg)
    ids = set(_ID.findall(svg))
    for old in sorted(ids, key=len, reverse=True):
        new = f"{prefix}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"')
        svg = svg.replace(f"url(#{old})", f"url(#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    label = label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" focusable="false" ', 1)


def _chart(figure: t.Figure) -> dict[str, Any] | None:
    from styrkedja.reports import charts

    chart = None
    if figure.kind == "indicator" and isinstance(figure.source, IndicatorRow):
        chart = charts.indicator_chart(figure.source)
    elif figure.kind == "deviation" and isinstance(figure.source, Economy):
        chart = charts.deviation_chart(figure.source)
    if chart is None:
        return None
    return {
        "t": "figure",
        "title": chart.title,
        "alt": chart.alt,
        "svg": inline_svg(chart.svg, figure.anchor, chart.alt),
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
                chart = _chart(block)
                if chart is not None:
                    figure_number += 1
                    blocks.append({**chart, "number": figure_number, "id": block.anchor})
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
    return render_to_string(TEMPLATE, {"report": page_data(content)}).encode("utf-8")


def render(doc: ReportDocument) -> bytes:
    return render_content(t.report_content(doc))
