"""The chart specifications (`styrkedja.reports.charts`) as Typst data, and drawn by Typst as PNG.

The PDF draws each chart in the page with `templates/charts.typ`; the Word document takes the same
drawing as a picture: `chart_images.typ` puts each chart on a page of its own, which Typst exports as PNG.
Values go to Typst as numbers, every text as the specification has it. No Django here.

A picture is drawn once per data: its key (`image_key`) is the sha256 of what it is drawn from — the
chart's data, the picture's size, the templates and the version of Typst — and a store registered by the
application (`register_store`; the follow-up app's keeps them in the database, shared by every process
and server) gives the pictures drawn before, so that a Word report starts no Typst at all when its charts
are unchanged. Within a process they are kept in memory as well.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cache
from importlib.metadata import version
from typing import Any, Protocol

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
        "labels_below": [i < len(s.labels_below) and s.labels_below[i] for i in range(len(s.values))],
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


class ImageStore(Protocol):
    """Pictures drawn before, by key: shared by the processes (and servers) that build reports."""

    def load(self, keys: Sequence[str]) -> dict[str, bytes]: ...

    def save(self, images: Mapping[str, bytes]) -> None: ...


_STORE: list[ImageStore] = []


def register_store(store: ImageStore | None) -> None:
    """The store of drawn pictures (None: none, each process draws its own)."""
    _STORE[:] = [] if store is None else [store]


@cache
def _drawing() -> str:
    """What every picture is drawn with: its size, the templates and Typst's version."""
    sources = b"".join(typesetting.template_source(name) for name in (IMAGE_TEMPLATE, "charts.typ"))
    return typesetting.canonical_json(
        {
            "width": IMAGE_WIDTH_PT,
            "size": IMAGE_FONT_PT,
            "ppi": IMAGE_PPI,
            "templates": hashlib.sha256(sources).hexdigest(),
            "typst": version("typst"),
        }
    )


def image_key(chart: Chart) -> str:
    """The sha256 of what the chart's picture is drawn from."""
    text = _drawing() + typesetting.canonical_json(chart_data(chart))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# A build of the HTML, PDF and Word formats of one report asks for the same pictures: kept in the process
# too, by specification.
CACHE_SIZE = 512
_CACHE: dict[Chart, bytes] = {}


def chart_images(charts: Sequence[Chart]) -> list[bytes]:
    """Each chart as a PNG picture, 16 cm wide at 150 pixels per inch: from the process's memory, else from
    the store, else drawn, all in one Typst run (and then given to the store)."""
    missing = list(dict.fromkeys(c for c in charts if c not in _CACHE))
    if missing:
        if len(_CACHE) + len(missing) > CACHE_SIZE:
            _CACHE.clear()
        keys = {c: image_key(c) for c in missing}
        stored = _STORE[0].load(list(keys.values())) if _STORE else {}
        _CACHE.update((c, stored[keys[c]]) for c in missing if keys[c] in stored)
        draw = [c for c in missing if keys[c] not in stored]
        if draw:
            data = {
                "width": IMAGE_WIDTH_PT,
                "size": IMAGE_FONT_PT,
                "fonts": list(families()),
                "charts": [chart_data(c) for c in draw],
            }
            pages = typesetting.compile_png(IMAGE_TEMPLATE, data, IMAGE_PPI)
            _CACHE.update(zip(draw, pages, strict=True))
            if _STORE:
                _STORE[0].save({keys[c]: png for c, png in zip(draw, pages, strict=True)})
    return [_CACHE[c] for c in charts]
