"""The page furniture of the City of Stockholm's printed documents (no Django): the header and footer
lines every page repeats, which the readers leave aside as noise."""

from __future__ import annotations

import re

from styrkedja.importers.text import Line

__all__ = ["is_noise"]

_NOISE_RE = re.compile(r"^(?:Tjänsteutlåtande|Sid(?:a)? \d+ (?:\(\d+\)|av \d+)|start\.stockholm)$")


def is_noise(line: Line) -> bool:
    """A repeated page header or footer: "Tjänsteutlåtande", "Sid 9 (78)", "start.stockholm"."""
    return bool(_NOISE_RE.match(line.text))
