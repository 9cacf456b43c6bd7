"""What a layout is (no Django): the way one publisher prints its plans and follow-up reports, read by
the modules of one folder here (`stockholm/`, …).

A layout has a name, a description, a `detect` function that tells how sure it is that a text is
printed its way (and as which kind of document it would read it), and a reader per kind of document it
reads. The registry (`styrkedja.importers.registry`) asks every layout and lets the surest read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from styrkedja.importers.results import ParseResult, ReportParseResult
from styrkedja.planfiles.schema import OrganisationRef

__all__ = ["Detection", "DocumentKind", "Layout", "PlanReader", "ReportReader"]


class DocumentKind(StrEnum):
    PLAN = "plan"  # verksamhetsplan
    REPORT = "report"  # follow-up report: tertialrapport, delårsrapport, verksamhetsberättelse

    @property
    def label(self) -> str:
        return "verksamhetsplan" if self is DocumentKind.PLAN else "follow-up report"


@dataclass(frozen=True)
class Detection:
    """A layout's judgement of a text."""

    confidence: float  # 0 (not this layout) … 1 (certainly this layout)
    kind: DocumentKind  # the kind of document the layout would read the text as
    reason: str  # what was found, or what is missing, in a few words


class PlanReader(Protocol):
    def __call__(
        self, text: str, *, organisation: OrganisationRef, year: int | None = None, source: str = "<text>"
    ) -> ParseResult: ...


class ReportReader(Protocol):
    def __call__(
        self, text: str, *, organisation: OrganisationRef, source: str = "<text>"
    ) -> ReportParseResult: ...


@dataclass(frozen=True)
class Layout:
    """One layout: the kinds of document it reads are those it has a reader for.

    A reader raises `DocumentError` (from `styrkedja.importers.text`) only when the text is not a
    document of its kind at all; everything else it cannot place goes into the result's `unplaced`."""

    name: str  # lower case, as given to `import-document --layout`
    description: str  # whose documents, which ones
    detect: Callable[[str], Detection]
    plan: PlanReader | None = None
    report: ReportReader | None = None

    @property
    def kinds(self) -> frozenset[DocumentKind]:
        readers = {DocumentKind.PLAN: self.plan, DocumentKind.REPORT: self.report}
        return frozenset(kind for kind, reader in readers.items() if reader is not None)
