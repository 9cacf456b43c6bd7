"""Quantified expected results: "Minst 60 procent av …" holds a target of at least 60 %."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from styrkedja.lib.numbers import parse_number

_COMPARATORS = {"minst": "at_least", "högst": "at_most", "max": "at_most", "maximalt": "at_most"}
_PATTERN = re.compile(
    r"\b(?P<cmp>minst|högst|maximalt|max)\s+(?P<value>\d[\d\s]*(?:,\d+)?)\s*(?P<unit>procent|%|st\b|personer|)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantified:
    comparator: str  # "at_least" | "at_most"
    value: Decimal
    unit: str  # "percent" | "count"


def parse_quantified(text: str) -> Quantified | None:
    """The first "minst/högst N procent|st" in the text, or None when the result is not quantified."""
    match = _PATTERN.search(text)
    if match is None:
        return None
    value = parse_number(" ".join(match["value"].split()), decimal_point=False)
    if value is None:
        return None
    unit = "percent" if match["unit"].lower() in {"procent", "%"} else "count"
    return Quantified(_COMPARATORS[match["cmp"].lower()], value, unit)
