"""Charts for the PDF, laid out in points as a list of drawing primitives the Typst template draws.

The PDF must build in well under a second; matplotlib needs about 0.2 s per chart, so the PDF draws its
charts itself from the same numbers, as vector graphics in the document's own (embedded) font. HTML and
Word use `styrkedja.reports.charts`. Each chart carries a Swedish text alternative that states its data
(the figure's /Alt in the tagged PDF). Deterministic: the same data gives the same primitives.

Primitives (dicts): `line` (x1, y1, x2, y2), `poly` (points), `mark` (x, y, shape, size), `rect` (x, y, w,
h, pattern), `text` (x, y, text, anchor, size, bold); coordinates in points from the top left.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from styrkedja.lib.numbers import format_mnkr, format_value, natural_decimals
from styrkedja.reports import document as d

TEXT = "#1a1a1a"
MUTED = "#555b63"
GRID = "#d9dee4"
TOTAL = "#0b3d6b"
WOMEN = "#b5400f"
MEN = "#2e7d32"
TARGET = "#595959"
POSITIVE = "#0b3d6b"
NEGATIVE = "#b42318"

HALF_WIDTH = 228.0
FULL_WIDTH = 470.0
HEIGHT = 150.0
FONT = 7.0


def _r(x: float) -> float:
    return round(x, 2)


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round tick values covering [low, high]: steps of 1, 2, 2,5 or 5 × 10^k."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value <= high + step * 0.5:
        ticks.append(round(value, 10))
        value += step
        if value > high and ticks[-1] >= high:
            break
    return ticks


def _value(row: d.IndicatorRow, value: Decimal | float) -> str:
    v = Decimal(str(value))
    return format_value(v, row.unit, max(row.decimals if row.unit != "count" else 0, natural_decimals(v, 2)))


def indicator_alt(row: d.IndicatorRow) -> str:
    parts = []
    for p in row.history:
        text = f"{p.label}: {_value(row, p.total) if p.total is not None else 'uppgift saknas'}"
        detail = []
        if p.women is not None:
            detail.append(f"kvinnor {_value(row, p.women)}")
        if p.men is not None:
            detail.append(f"män {_value(row, p.men)}")
        if detail:
            text += f" ({', '.join(detail)})"
        parts.append(text)
    alt = f"Diagram: {row.name}. Utfall " + "; ".join(parts)
    if row.target is not None:
        alt += f"; årsmål {_value(row, row.target)}"
    return alt + "."


def indicator_chart(row: d.IndicatorRow) -> dict[str, Any] | None:
    """Outcome over the years with women and men, against the year's target; None below two points."""
    points = [p for p in row.history if p.total is not None or p.men is not None or p.women is not None]
    if len(points) < 2:
        return None
    history = row.history
    values = [float(v) for p in history for v in (p.total, p.men, p.women) if v is not None]
    if row.target is not None:
        values.append(float(row.target))
    low, high = min(values), max(values)
    pad = (high - low) * 0.15 or abs(high) * 0.1 or 1
    ticks = nice_ticks(low - pad, high + pad)
    y0, y1 = ticks[0], ticks[-1]
    left, right, top, bottom = 44.0, 8.0, 14.0, 40.0
    width, height = HALF_WIDTH, HEIGHT
    plot_w, plot_h = width - left - right, height - top - bottom

    def y(v: float) -> float:
        return _r(top + plot_h * (1 - (v - y0) / (y1 - y0)))

    step = plot_w / len(history)

    def x(i: int) -> float:
        return _r(left + step * (i + 0.5))

    items: list[dict[str, Any]] = []
    for t in ticks:
        items.append(_line(left, y(t), width - right, y(t), GRID, 0.5))
        items.append(_text(left - 4, y(t), _value(row, t), "right", FONT, MUTED))
    items.append(_line(left, top + plot_h, width - right, top + plot_h, TEXT, 0.7))
    for i, p in enumerate(history):
        items.append(_text(x(i), top + plot_h + 10, p.label, "center", FONT, TEXT))
    legend: list[tuple[str, str, str, str]] = []
    if row.target is not None:
        ty = y(float(row.target))
        items.append(_line(left, ty, width - right, ty, TARGET, 1.1, "dash-dotted"))
        legend.append(("Årsmål", TARGET, "dash-dotted", ""))
    for key, label, colour, dash, shape, w in (
        ("women", "Kvinnor", WOMEN, "dashed", "triangle", 1.2),
        ("men", "Män", MEN, "dotted", "square", 1.3),
        ("total", "Totalt", TOTAL, "", "circle", 1.8),
    ):
        pts = [
            (x(i), y(float(getattr(p, key)))) for i, p in enumerate(history) if getattr(p, key) is not None
        ]
        if not pts:
            continue
        if len(pts) > 1:
            items.append(
                {"k": "poly", "points": [list(q) for q in pts], "colour": colour, "width": w, "dash": dash}
            )
        items += [
            {"k": "mark", "x": px, "y": py, "shape": shape, "size": 2.6, "colour": colour} for px, py in pts
        ]
        legend.append((label, colour, dash, shape))
    for i, p in enumerate(history):
        if p.total is not None:
            items.append(
                _text(x(i), y(float(p.total)) - 8, _value(row, p.total), "center", FONT, TEXT, bold=True)
            )
    lx = left
    ly = height - 9
    for label, colour, dash, shape in reversed(legend):
        items.append(_line(lx, ly, lx + 14, ly, colour, 1.4, dash))
        if shape:
            items.append(
                {"k": "mark", "x": _r(lx + 7), "y": ly, "shape": shape, "size": 2.2, "colour": colour}
            )
        items.append(_text(lx + 17, ly, label, "left", FONT, TEXT))
        lx += 27 + 3.7 * len(label)
    return {
        "title": row.name,
        "alt": indicator_alt(row),
        "width": width,
        "height": height,
        "wide": False,
        "items": items,
    }


def deviation_rows(economy: d.Economy) -> list[tuple[str, Decimal]]:
    rows = [(area.name, area.net.deviation) for area in economy.areas]
    if economy.requirement:
        rows.append(("Nämndens intäktskrav", economy.requirement_net.deviation))
    return [(label, value) for label, value in rows if value is not None]


def deviation_chart(economy: d.Economy) -> dict[str, Any] | None:
    """The net deviation (budget − forecast) per area and for the revenue requirement; positive = surplus."""
    if not economy.areas or any(a.net.forecast is None for a in economy.areas):
        return None
    rows = deviation_rows(economy)
    total = economy.committee_net.deviation
    alt = (
        "Diagram: avvikelse, budget minus prognos, netto i mnkr per verksamhetsområde; positivt är överskott: "
        + "; ".join(f"{label} {format_mnkr(value)}" for label, value in rows)
        + (f"; nämnden totalt {format_mnkr(total)}" if total is not None else "")
        + "."
    )
    bar, gap, top, bottom = 14.0, 8.0, 8.0, 30.0
    label_w, right = 170.0, 50.0
    width = FULL_WIDTH
    height = top + len(rows) * (bar + gap) + bottom
    values = [float(v) for _, v in rows]
    span = max([abs(v) for v in values] + [1.0])
    low = min(min(values), -span * 0.2)
    high = max(max(values), span * 0.2)
    ticks = nice_ticks(low, high, 5)
    x0, x1 = ticks[0], ticks[-1]
    plot_w = width - label_w - right

    def x(v: float) -> float:
        return _r(label_w + plot_w * (v - x0) / (x1 - x0))

    items: list[dict[str, Any]] = []
    plot_bottom = top + len(rows) * (bar + gap)
    for t in ticks:
        items.append(_line(x(t), top - 4, x(t), plot_bottom, GRID, 0.5))
        items.append(_text(x(t), plot_bottom + 8, format_mnkr(Decimal(str(t))), "center", FONT, MUTED))
    for i, ((label, value), v) in enumerate(zip(rows, values, strict=True)):
        yy = top + i * (bar + gap) + gap / 2
        items.append(_text(label_w - 8, yy + bar / 2, label, "right", FONT + 0.5, TEXT))
        start, end = sorted((x(0), x(v)))
        items.append(
            {
                "k": "rect",
                "x": start,
                "y": _r(yy),
                "w": _r(max(end - start, 0.8)),
                "h": bar,
                "colour": POSITIVE if v >= 0 else NEGATIVE,
                "pattern": v < 0,
            }
        )
        shown = ("+" if v > 0 else "") + format_mnkr(value)
        if v >= 0:
            items.append(_text(_r(end + 4), yy + bar / 2, shown, "left", FONT, TEXT, bold=True))
        else:
            items.append(_text(_r(start - 4), yy + bar / 2, shown, "right", FONT, TEXT, bold=True))
    items.append(_line(x(0), top - 4, x(0), plot_bottom, TEXT, 0.9))
    items.append(
        _text(
            label_w + plot_w / 2,
            plot_bottom + 20,
            "mnkr, budget − prognos (positivt = överskott)",
            "center",
            FONT,
            MUTED,
        )
    )
    return {
        "title": "Avvikelse mot budget per verksamhetsområde, netto (mnkr)",
        "alt": alt,
        "width": width,
        "height": _r(height),
        "wide": True,
        "items": items,
    }


def _line(
    x1: float, y1: float, x2: float, y2: float, colour: str, width: float, dash: str = ""
) -> dict[str, Any]:
    return {
        "k": "line",
        "x1": _r(x1),
        "y1": _r(y1),
        "x2": _r(x2),
        "y2": _r(y2),
        "colour": colour,
        "width": width,
        "dash": dash,
    }


def _text(
    x: float, y: float, text: str, anchor: str, size: float, colour: str, bold: bool = False
) -> dict[str, Any]:
    return {
        "k": "text",
        "x": _r(x),
        "y": _r(y),
        "text": text,
        "anchor": anchor,
        "size": size,
        "colour": colour,
        "bold": bold,
    }
