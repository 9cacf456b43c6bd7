"""Computed values as the JSON of `styrkedja indicators compute` and as plain text."""

from __future__ import annotations

from typing import Any

from styrkedja.analytics.engine import CELLS, Computation, IndicatorValue
from styrkedja.analytics.windows import Window


def _number(value: float | None, digits: int = 4) -> float | int | None:
    if value is None:
        return None
    if float(value).is_integer():
        return int(value)
    return round(float(value), digits)


def value_json(item: IndicatorValue) -> dict[str, Any]:
    cells = item.cells
    return {
        **({"organisation": item.organisation} if item.organisation else {}),
        "indicator": item.definition.id,
        "name": item.definition.name,
        "unit": item.definition.unit,
        **{name: _number(cells[name].value) for name in CELLS},
        "numerator": {name: _number(cells[name].numerator) for name in CELLS},
        "denominator": {name: _number(cells[name].denominator) for name in CELLS},
        "suppressed": list(item.suppressed),
        "provenance": item.provenance,
    }


def period_json(computation: Computation, window: Window) -> dict[str, Any]:
    return {
        "period": window.code,
        "window": {"start": window.start.isoformat(), "end": window.end.isoformat()},
        "organisations": computation.organisations,
        "suppression_threshold": computation.threshold,
        "values": [value_json(v) for v in computation.for_window(window)],
        "disclosure": computation.policy.as_json(),
        "units": [
            {
                "organisation": unit,
                "parent": parent,
                "values": [value_json(v) for v in computation.for_unit(unit, window)],
            }
            for unit, parent in computation.parents.items()
        ],
        "at_risk": list(computation.at_risk),
    }


def period_text(computation: Computation, window: Window) -> str:
    """A table for people: one line per indicator; a suppressed cell reads `skyddat`, an undefined one `–`."""
    lines = [
        f"Period {window.code} ({window.start}–{window.end}); cells about 1–{computation.threshold - 1} persons "
        "are suppressed (skyddat), and so are the cells they could be recomputed from, here or in the periods "
        "and units published with these (docs/disclosure.md).",
        "",
        f"{'total':>12} {'men':>12} {'women':>12}  indicator",
    ]
    rows = [("", item) for item in computation.for_window(window)]
    rows += [
        (f"{unit}: ", item) for unit in computation.parents for item in computation.for_unit(unit, window)
    ]
    for unit, item in rows:
        texts = []
        for name in CELLS:
            if name in item.suppressed:
                texts.append("skyddat")
                continue
            value = item.cells[name].value
            texts.append("–" if value is None else f"{value:.{item.definition.decimals}f}")
        lines.append(
            f"{texts[0]:>12} {texts[1]:>12} {texts[2]:>12}  {unit}{item.definition.id} ({item.definition.unit})"
        )
    lines.extend(f"at risk: {text}" for text in computation.at_risk)
    return "\n".join(lines) + "\n"
