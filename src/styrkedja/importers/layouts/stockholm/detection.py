"""How sure the Stockholm layout is that a text is printed its way (no Django).

Three signs, weighed so that the goal labels are needed to pass the registry's threshold (0.5): the goal
labels of the city's plan system (`KF:s inriktningsmål:`, `KF:s mål för verksamhetsområdet:`,
`Nämndmål:`), on which both readers build the goal tree (0.55); the indicator and activity tables with
the city's headers (`Indikator Årsmål KF:s årsmål Periodicitet` and `Aktivitet Startdatum Slutdatum` in a
plan, `Indikator | Periodens utfall | …` and `Aktivitet | Startdatum | Slutdatum | Avvikelse` in a report)
(0.25); the city's name (the page footer `start.stockholm`, or `Stockholms stad`) (0.2). A follow-up
report is told from a plan as the report reader tells it (`looks_like_report`).
"""

from __future__ import annotations

import re

from .. import Detection, DocumentKind
from .plan_tables import ACTIVITY_HEADER, INDICATOR_HEADER
from .report import GOAL_LABEL, looks_like_report
from .report_source import clean
from .report_tables import is_activity_header, is_indicator_header

__all__ = ["detect"]

_CITY = re.compile(r"start\.stockholm|Stockholms stad")
_LABELS = "goal labels (KF:s inriktningsmål:, KF:s mål för verksamhetsområdet:, Nämndmål:)"
_TABLES = "indicator or activity table headers as the city prints them"
_NAME = "the city's name (start.stockholm, Stockholms stad)"
_WEIGHTS = {_LABELS: 0.55, _TABLES: 0.25, _NAME: 0.2}


def _is_table_header(raw: str) -> bool:
    cells = [clean(cell) for cell in raw.split("\t")]
    text = " ".join(cells)
    return bool(
        INDICATOR_HEADER.match(text)
        or ACTIVITY_HEADER.match(text)
        or is_indicator_header(cells)
        or is_activity_header(cells)
    )


def detect(text: str) -> Detection:
    kind = DocumentKind.REPORT if looks_like_report(text) else DocumentKind.PLAN
    found = {_NAME} if _CITY.search(text) else set()
    for raw in text.split("\n"):
        if _LABELS not in found and GOAL_LABEL.match(clean(raw)):
            found.add(_LABELS)
        if _TABLES not in found and _is_table_header(raw):
            found.add(_TABLES)
        if len(found) == len(_WEIGHTS):
            break
    confidence = round(sum((weight for sign, weight in _WEIGHTS.items() if sign in found), 0.0), 2)
    found_list = ", ".join(sign for sign in _WEIGHTS if sign in found) or "nothing"
    missing = ", ".join(sign for sign in _WEIGHTS if sign not in found)
    reason = f"as a {kind.label}: found {found_list}" + (f"; missing {missing}" if missing else "")
    return Detection(confidence, kind, reason)
