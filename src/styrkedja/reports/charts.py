"""Charts for the reports as specifications: pure data that each renderer draws in its own way — Typst in
the PDF (`templates/charts.typ`), SVG in the HTML (`renderers/svg_charts.py`), a picture in the Word
document (the PDF's Typst drawing, as PNG) — with one title and one text alternative for all three.

A `Chart` says what to draw, not where: the categories and the series with their values and the labels
printed beside them, the value axis with its range and its ticks (already formatted, the Swedish way), a
target line, and how each series is told apart — colour, line style and marker, so that no information
rests on colour alone. Each renderer lays it out for its own page. No drawing and no Django here.

Accessibility: colours with at least 3:1 contrast against white (WCAG 1.4.11), and a Swedish text
alternative that states the data, so that a reader who cannot see the picture loses nothing; the
renderers put it in `aria-label`, the PDF figure's /Alt and Word's image description.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum

from styrkedja.lib.numbers import UNIT_SUFFIX, format_mnkr, format_number, natural_decimals
from styrkedja.reports.document import Economy, IndicatorRow

# Contrast against white: TEXT 17.4:1, TOTAL 11.1:1, WOMEN 5.7:1, MEN 5.1:1, TARGET 7.0:1, NEGATIVE 6.6:1,
# MUTED 6.6:1. GRID is a hairline behind the data, not information.
TEXT = "#1a1a1a"
MUTED = "#555b63"
GRID = "#d9dee4"
TOTAL = "#0b3d6b"
WOMEN = "#b5400f"
MEN = "#2e7d32"
TARGET = "#595959"
POSITIVE = "#0b3d6b"
NEGATIVE = "#b42318"
SERIES_COLOURS = {"total": TOTAL, "women": WOMEN, "men": MEN, "target": TARGET}


class ChartKind(StrEnum):
    LINES = "lines"  # values over categories (years, periods), one line per series
    BARS = "bars"  # one horizontal bar per category from zero; a bar below zero is hatched as well


class Stroke(StrEnum):
    SOLID = "solid"
    DASHED = "dashed"
    DOTTED = "dotted"
    DASH_DOTTED = "dash-dotted"


class Marker(StrEnum):
    NONE = "none"
    CIRCLE = "circle"
    TRIANGLE = "triangle"
    SQUARE = "square"


@dataclass(frozen=True)
class Series:
    name: str  # in the legend
    values: tuple[Decimal | None, ...]  # one per category; None: no value
    colour: str
    labels: tuple[str, ...] = ()  # printed beside each value ("" for none), formatted
    stroke: Stroke = Stroke.SOLID
    marker: Marker = Marker.NONE
    emphasis: bool = False  # the main series: a heavier line
    steps: bool = False  # each value holds for its own category (a target that changed between years)
    negative_colour: str = ""  # bars: the colour of a bar below zero


@dataclass(frozen=True)
class Tick:
    value: Decimal
    label: str


@dataclass(frozen=True)
class Axis:
    """The value axis: from `low` to `high`, with ticks (the first is `low`, the last `high`)."""

    low: Decimal
    high: Decimal
    ticks: tuple[Tick, ...]
    title: str = ""


@dataclass(frozen=True)
class TargetLine:
    name: str  # in the legend: "Årsmål"
    value: Decimal
    label: str  # beside the line: "Årsmål 72 %"
    colour: str = TARGET
    stroke: Stroke = Stroke.DASH_DOTTED


@dataclass(frozen=True)
class Chart:
    kind: ChartKind
    title: str
    alt: str  # the one Swedish text alternative, stating the data
    unit: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    axis: Axis
    target: TargetLine | None = None
    legend: bool = True
    wide: bool = False  # wants the full text width; a narrow chart may stand beside another


def format_indicator_value(value: Decimal, unit: str, decimals: int = 0, suffix: str | None = None) -> str:
    """`75,28 %`, `485 st`, `7,3 mån`: never fewer decimals than the value holds (75.2800 → 75,28,
    72.0000 → 72); the space before the unit is a no-break space. `suffix`: the profile's, if its own."""
    unit_suffix = UNIT_SUFFIX.get(unit, "") if suffix is None else suffix
    text = format_number(value, max(decimals, natural_decimals(value))) + unit_suffix
    return text.replace(" ", "\u00a0")


def nice_ticks(low: Decimal, high: Decimal, count: int = 4) -> list[Decimal]:
    """Round tick values from at or below `low` to at or above `high`, in steps of 1, 2, 2,5 or 5 × 10^k,
    about `count` steps; exact (Decimal), so the same data give the same ticks everywhere."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = Decimal(1).scaleb(raw.adjusted())
    step = next(
        m * magnitude
        for m in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
        if m * magnitude >= raw
    )
    start = (low / step).to_integral_value(rounding=ROUND_FLOOR)
    end = (high / step).to_integral_value(rounding=ROUND_CEILING)
    return [(start + i) * step for i in range(int(end - start) + 1)]


def _axis(low: Decimal, high: Decimal, count: int, label: Callable[[Decimal], str], title: str = "") -> Axis:
    ticks = nice_ticks(low, high, count)
    return Axis(ticks[0], ticks[-1], tuple(Tick(t, label(t)) for t in ticks), title)


# --- Indicators ------------------------------------------------------------------------------------


def _indicator_alt(row: IndicatorRow, target_word: str) -> str:
    def shown(value: Decimal) -> str:
        return format_indicator_value(value, row.unit, row.decimals, row.unit_suffix)

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
        alt += f"; {target_word.lower()} {shown(row.target)}"
    return alt + "."


def indicator_chart(row: IndicatorRow, target_word: str = "Årsmål") -> Chart | None:
    """The outcome over the years against the target (named `target_word`, the document's word for it),
    women and men as series of their own.

    None when the indicator has fewer than two history points with a value (one point is no trend).
    """
    history = row.history
    points = [p for p in history if p.total is not None or p.men is not None or p.women is not None]
    if len(points) < 2:
        return None

    def shown(value: Decimal | None) -> str:
        return "" if value is None else format_indicator_value(value, row.unit, row.decimals, row.unit_suffix)

    totals = tuple(p.total for p in history)
    series = [
        Series(
            "Totalt",
            totals,
            TOTAL,
            labels=tuple(shown(v) for v in totals),
            marker=Marker.CIRCLE,
            emphasis=True,
        )
    ]
    women, men = tuple(p.women for p in history), tuple(p.men for p in history)
    if any(v is not None for v in women):
        series.append(Series("Kvinnor", women, WOMEN, stroke=Stroke.DASHED, marker=Marker.TRIANGLE))
    if any(v is not None for v in men):
        series.append(Series("Män", men, MEN, stroke=Stroke.DOTTED, marker=Marker.SQUARE))
    targets = tuple(p.target for p in history)
    target = None
    if sum(1 for t in targets if t is not None) >= 2:
        series.append(Series("Mål", targets, TARGET, stroke=Stroke.DASH_DOTTED, steps=True))
    elif row.target is not None:
        target = TargetLine(target_word, row.target, f"{target_word} {shown(row.target)}")
    values = [v for s in series for v in s.values if v is not None]
    if target is not None:
        values.append(target.value)
    low, high = min(values), max(values)
    pad = (high - low) * Decimal("0.15") or abs(high) * Decimal("0.1") or Decimal(1)
    # a count is read from zero
    bottom = Decimal(0) if row.unit == "count" and low >= 0 else low - pad
    return Chart(
        kind=ChartKind.LINES,
        title=row.name,
        alt=_indicator_alt(row, target_word),
        unit=row.unit,
        categories=tuple(p.label for p in history),
        series=tuple(series),
        axis=_axis(bottom, high + pad, 4, lambda t: format_indicator_value(t, row.unit, 0, row.unit_suffix)),
        target=target,
    )


# --- Economy ---------------------------------------------------------------------------------------


def deviation_axis(forecast_word: str = "Prognos") -> str:
    return f"mnkr, budget − {forecast_word.lower()} (positivt = överskott)"


def _deviations(economy: Economy) -> list[tuple[str, Decimal]]:
    rows = [(area.name, area.net.deviation) for area in economy.areas]
    if economy.requirement:
        rows.append(("Nämndens intäktskrav", economy.requirement_net.deviation))
    return [(label, value) for label, value in rows if value is not None]


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "") + format_mnkr(value)


def deviation_chart(economy: Economy, forecast_word: str = "Prognos") -> Chart | None:
    """Deviation (budget − forecast, mnkr) of the net per area of operation and of the revenue
    requirement; positive is a surplus. None when there are no forecasts (a plan document).
    `forecast_word`: the document's word for the forecast (the outcome, in an annual report)."""
    if not economy.areas or any(area.net.forecast is None for area in economy.areas):
        return None
    rows = _deviations(economy)
    total = economy.committee_net.deviation
    alt = (
        f"Avvikelse, budget minus {forecast_word.lower()}, netto i mnkr; positivt är överskott: "
        + "; ".join(f"{label} {format_mnkr(value)}" for label, value in rows)
        + (f"; nämnden totalt {format_mnkr(total)}" if total is not None else "")
        + "."
    )
    values = [value for _, value in rows]
    span = max([abs(v) for v in values] + [Decimal(1)]) * Decimal("0.2")
    return Chart(
        kind=ChartKind.BARS,
        title="Avvikelse mot budget per verksamhetsområde, netto (mnkr)",
        alt=alt,
        unit="mnkr",
        categories=tuple(label for label, _ in rows),
        series=(
            Series(
                "Avvikelse",
                tuple(values),
                POSITIVE,
                labels=tuple(_signed(v) for v in values),
                negative_colour=NEGATIVE,
            ),
        ),
        axis=_axis(
            min([*values, -span]), max([*values, span]), 5, format_mnkr, deviation_axis(forecast_word)
        ),
        legend=False,
        wide=True,
    )
