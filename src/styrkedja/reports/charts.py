"""Charts for the reports: static SVG (HTML, PDF) and PNG (Word), byte-identical on every build.

Drawn with matplotlib's object API (no pyplot state, no network). Every chart comes with a Swedish text
alternative that states its data, so a reader who cannot see the picture loses nothing; the renderers put
it in `alt`, `<desc>` or Word's image description.

Determinism: a fixed figure size and resolution, a fixed `svg.hashsalt` (the ids of clip paths), text
kept as text in the SVG (`svg.fonttype = "none"`), and no dates or software versions in the metadata.

Accessibility: colours with at least 3:1 contrast against white (WCAG 1.4.11), and every series also
told apart by its line style and marker, and in the legend, so that no information rests on colour.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from styrkedja.lib.numbers import UNIT_SUFFIX, format_mnkr, format_number, natural_decimals
from styrkedja.reports.document import Economy, IndicatorRow

WIDTH_IN, HEIGHT_IN = 6.3, 3.0  # the text width of an A4 page with 2.5 cm margins
PNG_DPI = 150
FONT_SIZE = 9


def _style() -> AbstractContextManager[None]:
    """matplotlib's settings for these charts, for the duration of one chart."""
    return matplotlib.rc_context(
        {
            "svg.hashsalt": "styrkedja",
            "svg.fonttype": "none",
            "font.family": "DejaVu Sans",  # bundled with matplotlib: the same glyphs on every machine
            "font.size": FONT_SIZE,
            "axes.unicode_minus": False,  # a hyphen-minus, as the documents print
            "path.simplify": False,
        }
    )


SVG_METADATA: dict[str, Any] = {"Date": None, "Creator": None, "Format": None, "Type": None}
PNG_METADATA: dict[str, Any] = {"Software": None}

# Contrast against white: TOTAL 11.1:1, WOMEN 5.7:1, MEN 5.1:1, TARGET 7.0:1, NEGATIVE 6.6:1.
TEXT = "#1a1a1a"
TOTAL = "#0b3d6b"
WOMEN = "#b5400f"
MEN = "#2e7d32"
TARGET = "#595959"
POSITIVE = "#0b3d6b"
NEGATIVE = "#b42318"
GRID = "#d9d9d9"
SERIES_COLOURS = {"total": TOTAL, "women": WOMEN, "men": MEN, "target": TARGET}


@dataclass(frozen=True)
class Chart:
    title: str
    alt: str  # a Swedish text alternative that states the data
    svg: str
    png: bytes


# The HTML, PDF and Word renderers of one build ask for the same charts: a chart is a pure function of the
# values in its key, so it is drawn once per process.
CACHE_SIZE = 512
_CACHE: dict[tuple[object, ...], Chart] = {}
LABEL_WIDTH = 30  # characters per line of an area's name beside its bar


def _remember(key: tuple[object, ...], chart: Chart) -> None:
    if len(_CACHE) >= CACHE_SIZE:
        _CACHE.clear()
    _CACHE[key] = chart


def format_indicator_value(value: Decimal, unit: str, decimals: int = 0) -> str:
    """`75,28 %`, `485 st`, `7,3 mån`: never fewer decimals than the value holds (75.2800 → 75,28,
    72.0000 → 72); the space before the unit is a no-break space."""
    text = format_number(value, max(decimals, natural_decimals(value))) + UNIT_SUFFIX.get(unit, "")
    return text.replace(" ", "\u00a0")


def _tick_formatter(unit: str) -> FuncFormatter:
    suffix = UNIT_SUFFIX.get(unit, "").strip()

    def tick(x: float, _pos: int | None) -> str:
        value = Decimal(f"{x:.4g}")
        text = format_number(value, natural_decimals(value))
        return f"{text}\u00a0{suffix}" if suffix else text

    return FuncFormatter(tick)


def _figure(height_in: float = HEIGHT_IN) -> Figure:
    """A white figure on an Agg canvas, laid out by hand: matplotlib's constrained layout would cost a
    third of the drawing time, and these charts have known shapes."""
    figure = Figure(figsize=(WIDTH_IN, height_in), dpi=PNG_DPI)
    FigureCanvasAgg(figure)
    figure.patch.set_facecolor("white")
    return figure


def _render(figure: Figure, title: str, alt: str) -> Chart:
    svg_buffer, png_buffer = io.BytesIO(), io.BytesIO()
    figure.savefig(svg_buffer, format="svg", metadata={**SVG_METADATA, "Title": title})
    figure.savefig(png_buffer, format="png", dpi=PNG_DPI, metadata=PNG_METADATA)
    svg = svg_buffer.getvalue().decode("utf-8")
    # The text alternative as the SVG's own description (read by screen readers when inlined).
    title_end = svg.find("</title>")
    if title_end != -1:
        cut = title_end + len("</title>")
        svg = svg[:cut] + f"\n <desc>{escape(alt)}</desc>" + svg[cut:]
    return Chart(title=title, alt=alt, svg=svg, png=png_buffer.getvalue())


def _style_axes(ax: Any) -> None:
    ax.set_facecolor("white")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(TEXT)
    ax.tick_params(colors=TEXT, labelsize=FONT_SIZE)
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)


# --- Indicators ------------------------------------------------------------------------------------


def _indicator_alt(row: IndicatorRow) -> str:
    def shown(value: Decimal) -> str:
        return format_indicator_value(value, row.unit, row.decimals)

    parts = []
    for point in row.history:
        text = f"{point.label}: {shown(point.total) if point.total is not None else 'uppgift saknas'}"
        detail = []
        if point.women is not None:
            detail.append(f"kvinnor {shown(point.women)}")
        if point.men is not None:
            detail.append(f"män {shown(point.men)}")
        if point.target is not None and point.target != row.target:
            detail.append(f"mål {shown(point.target)}")
        if detail:
            text += f" ({', '.join(detail)})"
        parts.append(text)
    alt = "Utfall " + "; ".join(parts)
    if row.target is not None:
        alt += f"; årsmål {shown(row.target)}"
    return alt + "."


def indicator_chart(row: IndicatorRow) -> Chart | None:
    """Outcome over the years against the target, women and men as series of their own.

    None when the indicator has fewer than two history points with a value (one point is no trend).
    """
    points = [p for p in row.history if p.total is not None or p.men is not None or p.women is not None]
    if len(points) < 2:
        return None
    key = (
        row.name,
        row.unit,
        row.decimals,
        row.target,
        tuple((p.label, p.total, p.men, p.women, p.target) for p in row.history),
    )
    chart = _CACHE.get(key)
    if chart is None:
        with _style():
            chart = _render(_indicator_figure(row), row.name, _indicator_alt(row))
        _remember(key, chart)
    return chart


def _indicator_figure(row: IndicatorRow) -> Figure:
    labels = [p.label for p in row.history]
    x = list(range(len(labels)))

    def series(values: Sequence[Decimal | None]) -> tuple[list[int], list[float]]:
        pairs = [(i, float(v)) for i, v in zip(x, values, strict=True) if v is not None]
        return [i for i, _ in pairs], [v for _, v in pairs]

    figure = _figure()
    figure.subplots_adjust(left=0.12, right=0.98, top=0.93, bottom=0.22)
    ax = figure.add_subplot()
    _style_axes(ax)
    xs, ys = series([p.total for p in row.history])
    ax.plot(xs, ys, color=TOTAL, linestyle="-", linewidth=2.2, marker="o", markersize=7, label="Totalt")
    for i, p in enumerate(row.history):
        if p.total is not None:
            ax.annotate(
                format_indicator_value(p.total, row.unit, row.decimals),
                (i, float(p.total)),
                textcoords="offset points",
                xytext=(0, 8),
                ha="center",
                color=TEXT,
                fontsize=FONT_SIZE,
                fontweight="bold",
            )
    xs, ys = series([p.women for p in row.history])
    if xs:
        ax.plot(xs, ys, color=WOMEN, linestyle="--", linewidth=1.6, marker="^", markersize=7, label="Kvinnor")
    xs, ys = series([p.men for p in row.history])
    if xs:
        ax.plot(xs, ys, color=MEN, linestyle=":", linewidth=1.8, marker="s", markersize=6, label="Män")
    targets = [p.target for p in row.history]
    if sum(1 for t in targets if t is not None) >= 2:
        xs, ys = series(targets)
        ax.step(xs, ys, where="mid", color=TARGET, linestyle="-.", linewidth=1.4, label="Mål")
    elif row.target is not None:
        ax.axhline(float(row.target), color=TARGET, linestyle="-.", linewidth=1.4, label="Årsmål")
        ax.annotate(
            "Årsmål " + format_indicator_value(row.target, row.unit, row.decimals),
            (1.0, float(row.target)),
            xycoords=("axes fraction", "data"),
            textcoords="offset points",
            xytext=(0, 4),
            ha="right",
            color=TARGET,
            fontsize=FONT_SIZE,
        )
    ax.set_xticks(x, labels)
    ax.set_xlim(-0.4, len(labels) - 0.6)
    ax.margins(y=0.25)
    if row.unit == "count":
        ax.set_ylim(bottom=0)  # a count is read from zero
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5))
    ax.yaxis.set_major_formatter(_tick_formatter(row.unit))
    ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, -0.11),
        ncol=4,
        frameon=False,
        fontsize=FONT_SIZE,
        labelcolor=TEXT,
    )
    return figure


# --- Economy ---------------------------------------------------------------------------------------


def _deviations(economy: Economy) -> list[tuple[str, Decimal]]:
    rows = [(area.name, area.net.deviation) for area in economy.areas]
    if economy.requirement:
        rows.append(("Nämndens intäktskrav", economy.requirement_net.deviation))
    return [(label, value) for label, value in rows if value is not None]


def deviation_chart(economy: Economy) -> Chart | None:
    """Deviation (budget − forecast, mnkr) of the net per area of operation and of the revenue
    requirement; positive is a surplus. None when there are no forecasts (a plan document)."""
    if not economy.areas or any(area.net.forecast is None for area in economy.areas):
        return None
    rows = _deviations(economy)
    total = economy.committee_net.deviation
    title = "Avvikelse mot budget per verksamhetsområde (mnkr)"
    alt = (
        "Avvikelse, budget minus prognos, netto i mnkr; positivt är överskott: "
        + "; ".join(f"{label} {format_mnkr(value)}" for label, value in rows)
        + (f"; nämnden totalt {format_mnkr(total)}" if total is not None else "")
        + "."
    )
    key = ("deviation", tuple(rows), total)
    chart = _CACHE.get(key)
    if chart is None:
        with _style():
            chart = _render(_deviation_figure(rows), title, alt)
        _remember(key, chart)
    return chart


def _deviation_figure(rows: list[tuple[str, Decimal]]) -> Figure:
    labels = [textwrap.fill(label, LABEL_WIDTH) for label, _ in rows]
    height = max(2.0, 0.9 + 0.42 * len(rows))
    figure = _figure(height)
    # A fixed layout with room for the longest label (constrained layout costs seconds here).
    longest = max((len(line) for label in labels for line in label.splitlines()), default=10)
    left = min(0.45, (0.2 + longest * FONT_SIZE * 0.6 / 72) / WIDTH_IN)
    figure.subplots_adjust(left=left, right=0.97, top=1 - 0.15 / height, bottom=0.6 / height)
    ax = figure.add_subplot()
    _style_axes(ax)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color=GRID, linewidth=0.6)
    y = list(range(len(rows)))
    values = [float(v) for _, v in rows]
    bars = ax.barh(
        y,
        values,
        height=0.6,
        color=[POSITIVE if v >= 0 else NEGATIVE for v in values],
        hatch=["" if v >= 0 else "///" for v in values],  # a deficit is told by pattern as well
        edgecolor=TEXT,
        linewidth=0.6,
    )
    ax.bar_label(
        bars,
        labels=[
            ("+" if v > 0 else "") + format_mnkr(value) for (_, value), v in zip(rows, values, strict=True)
        ],
        padding=4,
        color=TEXT,
        fontsize=FONT_SIZE,
    )
    ax.axvline(0, color=TEXT, linewidth=0.9)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    span = max([abs(v) for v in values] + [1.0])
    ax.set_xlim(min(-span * 0.25, min(values) * 1.35), max(span * 0.25, max(values) * 1.35))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
    ax.xaxis.set_major_formatter(_tick_formatter("mnkr"))
    ax.set_xlabel("mnkr (budget − prognos; positivt = överskott)", color=TEXT, fontsize=FONT_SIZE)
    return figure
