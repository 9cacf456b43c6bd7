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

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from enum import StrEnum

from styrkedja.lib.numbers import format_indicator_value, format_mnkr
from styrkedja.lib.periods import PeriodError, PeriodKind, parse_period
from styrkedja.reports.document import Economy, HistoryPoint, IndicatorRow

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
    DIAMOND = "diamond"


@dataclass(frozen=True)
class Series:
    name: str  # in the legend
    values: tuple[Decimal | None, ...]  # one per category; None: no value, and the line breaks there
    colour: str
    labels: tuple[str, ...] = ()  # printed beside each value ("" for none), formatted
    stroke: Stroke = Stroke.SOLID
    marker: Marker = Marker.NONE
    emphasis: bool = False  # the main series: a heavier line
    steps: bool = False  # each value holds for its own category (a target that changed between years)
    negative_colour: str = ""  # bars: the colour of a bar below zero
    labels_below: tuple[bool, ...] = ()  # per value: its label goes below the point (another point or
    # the target line is just above it), not above


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

# Units read from zero (an amount of something): their axis starts at zero. No unit's axis goes below
# zero when no value does.
FROM_ZERO = frozenset({"count", "sek", "per_100000", "days"})
# The room a value's label takes above or below its point, as a share of the axis's span.
LABEL_ROOM = Decimal("0.18")
_YEAR_AT_END = re.compile(r"^(?P<part>.*?)\s*(?P<year>\d{4})$")


def _place(point: HistoryPoint) -> tuple[int, str] | None:
    """(the year, the part of the year: "" for the full year, "Tertial 1", "Halvår 1" …) of a point: from
    its period's code, or else its label ("2020", "Tertial 1 2021")."""
    if point.period:
        try:
            period = parse_period(point.period)
        except PeriodError:
            period = None
        if period is not None:
            part = "" if period.kind is PeriodKind.YEAR else period.label.removesuffix(f" {period.year}")
            return period.year, part
    match = _YEAR_AT_END.match(point.label.strip())
    if match is None:
        return None
    return int(match["year"]), match["part"]


def _points(row: IndicatorRow) -> tuple[list[tuple[int, str, HistoryPoint]], list[str] | None]:
    """The points with a value, each with its year and part of the year; and the categories' own labels
    when a point's period is unknown (neither a code nor a year in its label): then each point is a
    category of its own, named by its label, in the order given."""
    shown = [p for p in row.history if any(v is not None for v in (p.total, p.women, p.men))]
    places = [_place(p) for p in shown]
    if all(where is not None for where in places):
        return [(*where, p) for where, p in zip(places, shown, strict=True) if where is not None], None
    return [(i, "", p) for i, p in enumerate(shown)], [p.label for p in shown]


def _indicator_alt(row: IndicatorRow, target_word: str, mixed: bool) -> str:
    def shown(value: Decimal) -> str:
        return format_indicator_value(value, row.unit, row.decimals, row.unit_suffix)

    parts = []
    for point in row.history:
        label = f"helår {point.label}" if mixed and point.label.isdigit() else point.label
        text = f"{label}: {shown(point.total) if point.total is not None else 'uppgift saknas'}"
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


def _labels_below(
    series: Series, others: list[Series], target: TargetLine | None, axis: Axis
) -> tuple[bool, ...]:
    """For each labelled value: whether its label goes below the point. Above, unless another series' point
    or the target line is within the label's room above it (or the plot ends there) and there is more room
    below."""
    room = (axis.high - axis.low) * LABEL_ROOM
    below = []
    for i, value in enumerate(series.values):
        if value is None or i >= len(series.labels) or not series.labels[i]:
            below.append(False)
            continue
        near = [v for s in others if i < len(s.values) and (v := s.values[i]) is not None]
        if target is not None:
            near.append(target.value)
        above = min([axis.high - value, *(v - value for v in near if v > value)])
        under = min([value - axis.low, *(value - v for v in near if v < value)])
        below.append(above < room and under > above)
    return tuple(below)


def indicator_chart(row: IndicatorRow, target_word: str = "Årsmål") -> Chart | None:
    """The outcome of the same period over the years (T1 2019, T1 2020, T1 2021 …) against the target
    (named `target_word`, the document's word for it), women and men as series of their own. The
    categories are the years. Full-year values in a report of a part of the year are a series of their
    own ("Helår"), never joined to a part's: a line joins values of one kind of period only, and breaks
    where a year has none.

    None when the indicator has fewer than two values to show (one point is no trend).
    """
    placed, labels = _points(row)
    if len(placed) < 2:
        return None
    years = list(range(min(y for y, _, _ in placed), max(y for y, _, _ in placed) + 1))
    current = placed[-1][1]  # the report's own period, the last point
    kinds = [current, *sorted({part for _, part, _ in placed} - {current})]
    mixed = len(kinds) > 1

    def shown(value: Decimal | None) -> str:
        return "" if value is None else format_indicator_value(value, row.unit, row.decimals, row.unit_suffix)

    def by_year(part: str, value: Callable[[HistoryPoint], Decimal | None]) -> tuple[Decimal | None, ...]:
        found = {year: value(p) for year, kind, p in placed if kind == part}
        return tuple(found.get(year) for year in years)

    suffix = f", {current.lower()}" if mixed and current else ""
    totals = by_year(current, lambda p: p.total)
    series = [
        Series(
            "Totalt" + suffix,
            totals,
            TOTAL,
            labels=tuple(shown(v) for v in totals),
            marker=Marker.CIRCLE,
            emphasis=True,
        )
    ]
    women, men = by_year(current, lambda p: p.women), by_year(current, lambda p: p.men)
    if any(v is not None for v in women):
        series.append(Series("Kvinnor" + suffix, women, WOMEN, stroke=Stroke.DASHED, marker=Marker.TRIANGLE))
    if any(v is not None for v in men):
        series.append(Series("Män" + suffix, men, MEN, stroke=Stroke.DOTTED, marker=Marker.SQUARE))
    for part in kinds[1:]:
        other = by_year(part, lambda p: p.total)
        if any(v is not None for v in other):
            series.append(Series(part or "Helår", other, MUTED, marker=Marker.DIAMOND))
    year_targets: dict[int, Decimal] = {}
    for year, _, point in sorted(placed, key=lambda x: x[1] != current):  # the report's period's first
        if point.target is not None:
            year_targets.setdefault(year, point.target)
    target = None
    if len(year_targets) >= 2:
        targets = tuple(year_targets.get(year) for year in years)
        series.append(Series("Mål", targets, TARGET, stroke=Stroke.DASH_DOTTED, steps=True))
    elif row.target is not None:
        target = TargetLine(target_word, row.target, f"{target_word} {shown(row.target)}")
    values = [v for s in series for v in s.values if v is not None]
    if target is not None:
        values.append(target.value)
    low, high = min(values), max(values)
    pad = (high - low) * Decimal("0.15") or abs(high) * Decimal("0.1") or Decimal(1)
    if row.unit in FROM_ZERO and low >= 0:
        bottom = Decimal(0)  # an amount is read from zero
    elif low >= 0:
        bottom = max(low - pad, Decimal(0))  # nothing below zero when no value is
    else:
        bottom = low - pad
    axis = _axis(bottom, high + pad, 4, lambda t: format_indicator_value(t, row.unit, 0, row.unit_suffix))
    main = series[0]
    series[0] = replace(main, labels_below=_labels_below(main, series[1:], target, axis))
    return Chart(
        kind=ChartKind.LINES,
        title=row.name,
        alt=_indicator_alt(row, target_word, mixed),
        unit=row.unit,
        categories=tuple(labels) if labels is not None else tuple(str(year) for year in years),
        series=tuple(series),
        axis=axis,
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
