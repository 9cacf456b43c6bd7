"""The chart specifications (`styrkedja.reports.charts`) as Typst data, and drawn by Typst as PNG.

The PDF draws each chart in the page with `templates/charts.typ`; the Word document takes the same
drawing as a picture: `chart_images.typ` puts each chart on a page of its own, which Typst exports as PNG.
Values go to Typst as numbers, every text as the specification has it. No Django here.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from styrkedja.reports.charts import Axis, Chart, Series, TargetLine
from styrkedja.reports.renderers import typesetting
from styrkedja.reports.renderers.fonts import families

IMAGE_TEMPLATE = "chart_images.typ"
IMAGE_WIDTH_PT = 453.6  # 16 cm, the picture's width in the Word document
IMAGE_FONT_PT = 9.0
IMAGE_PPI = 150


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _series(s: Series) -> dict[str, Any]:
    return {
        "name": s.name,
        "values": [_number(v) for v in s.values],
        "labels": list(s.labels),
        "colour": s.colour,
        "stroke": s.stroke.value,
        "marker": s.marker.value,
        "emphasis": s.emphasis,
        "steps": s.steps,
        "negative_colour": s.negative_colour,
    }


def _axis(axis: Axis) -> dict[str, Any]:
    return {
        "low": float(axis.low),
        "high": float(axis.high),
        "ticks": [{"value": float(t.value), "label": t.label} for t in axis.ticks],
        "title": axis.title,
    }


def _target(target: TargetLine | None) -> dict[str, Any] | None:
    if target is None:
        return None
    return {
        "name": target.name,
        "value": float(target.value),
        "label": target.label,
        "colour": target.colour,
        "stroke": target.stroke.value,
    }


def chart_data(chart: Chart) -> dict[str, Any]:
    return {
        "kind": chart.kind.value,
        "title": chart.title,
        "alt": chart.alt,
        "categories": list(chart.categories),
        "series": [_series(s) for s in chart.series],
        "axis": _axis(chart.axis),
        "target": _target(chart.target),
        "legend": chart.legend,
        "wide": chart.wide,
    }


# A build of the HTML, PDF and Word formats of one report asks for the same pictures: a chart's PNG is a
# pure function of its specification, so it is drawn once per process.
CACHE_SIZE = 512
_CACHE: dict[Chart, bytes] = {}


def chart_images(charts: Sequence[Chart]) -> list[bytes]:
    """Each chart as a PNG picture, 16 cm wide at 150 pixels per inch; all drawn in one Typst run."""
    missing = list(dict.fromkeys(c for c in charts if c not in _CACHE))
    if missing:
        if len(_CACHE) + len(missing) > CACHE_SIZE:
            _CACHE.clear()
        data = {
            "width": IMAGE_WIDTH_PT,
            "size": IMAGE_FONT_PT,
            "fonts": list(families()),
            "charts": [chart_data(c) for c in missing],
        }
        pages = typesetting.compile_png(IMAGE_TEMPLATE, data, IMAGE_PPI)
        _CACHE.update(zip(missing, pages, strict=True))
    return [_CACHE[c] for c in charts]
