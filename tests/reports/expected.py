"""How the seeds' values are expected to read in a rendered report: shared by the PDF and DOCX
fidelity tests."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

UNIT = {"percent": " %", "count": " st", "months": " mån"}


PERIODICITY = {
    "month": "Månad",
    "quarter": "Kvartal",
    "tertial": "Tertial",
    "half_year": "Halvår",
    "year": "År",
}


KF_MODES = {
    "delegated_committee": "Tas fram av nämnd",
    "delegated_committee_or_board": "Tas fram av nämnd/styrelse",
}


def sv(value: Any, decimals: int = 1) -> str:
    """A number the way the documents print it: `1 299,0`, `-410,5`."""
    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals))
    whole, _, frac = f"{abs(q):f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return ("-" if q < 0 else "") + " ".join(groups) + ("," + frac if decimals else "")


def name(ind: dict[str, Any]) -> str:
    return ("♀ " if ind["gender_split"] else "") + ind["name"]


def walk(goals: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for goal in goals:
        yield goal
        yield from walk(goal["goals"])


def swedish_sorted(items: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    order = str.maketrans({"å": "{", "ä": "|", "ö": "}"})
    return sorted(items, key=lambda x: (x[key].lower().translate(order), x[key]))
