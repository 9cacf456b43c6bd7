"""Readers of printed plans and follow-up reports, from the text extracted from their PDFs (no Django).

Each publisher's way of printing them is a layout, read by one folder under `layouts/`; `read_document`
picks the layout that fits a text (see `registry`). What every layout shares is here: `text` (numbered
lines, the ledger of what became of each, Swedish numbers and dates) and `results` (what a reading gives).
"""

from __future__ import annotations

from .layouts import Detection, DocumentKind, Layout
from .registry import (
    THRESHOLD,
    NoLayoutFits,
    UnknownLayout,
    choose_layout,
    detect_layouts,
    get_layout,
    known_layouts,
    read_document,
    register,
    unregister,
)
from .results import ParseResult, ReportParseResult
from .text import DocumentError, Unplaced

__all__ = [
    "THRESHOLD",
    "Detection",
    "DocumentError",
    "DocumentKind",
    "Layout",
    "NoLayoutFits",
    "ParseResult",
    "ReportParseResult",
    "UnknownLayout",
    "Unplaced",
    "choose_layout",
    "detect_layouts",
    "get_layout",
    "known_layouts",
    "read_document",
    "register",
    "unregister",
]
