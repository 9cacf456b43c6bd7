"""The layouts the importers know, and the choice among them (no Django).

`read_document` asks every known layout how sure it is that the text is printed its way
(`Layout.detect`) and lets the surest read it, as long as it is at least `THRESHOLD` sure and reads that
kind of document; otherwise it refuses, listing the layouts it knows and what each of them found.
`layout=NAME` skips the choice. The built-in layouts are registered here; `register` adds another (a
test's, a municipality's own) and `unregister` takes it away again.
"""

from __future__ import annotations

from styrkedja.planfiles.schema import OrganisationRef

from .layouts import Detection, DocumentKind, Layout
from .layouts.stockholm import LAYOUT as STOCKHOLM
from .results import ParseResult, ReportParseResult
from .text import DocumentError

THRESHOLD = 0.5  # the confidence a layout needs to be chosen

_LAYOUTS: dict[str, Layout] = {layout.name: layout for layout in (STOCKHOLM,)}


class UnknownLayout(ValueError):
    """No layout of that name is registered."""

    def __init__(self, name: str) -> None:
        super().__init__(f"no layout is called {name!r}; the layouts known are: {', '.join(_LAYOUTS)}")
        self.name = name


class NoLayoutFits(DocumentError):
    """No known layout is sure enough of the text, or several are equally sure."""


def known_layouts() -> list[Layout]:
    """The registered layouts, in the order they were registered."""
    return list(_LAYOUTS.values())


def get_layout(name: str) -> Layout:
    try:
        return _LAYOUTS[name]
    except KeyError:
        raise UnknownLayout(name) from None


def register(layout: Layout) -> Layout:
    """Add a layout; its name must be new and it must read some kind of document."""
    if layout.name in _LAYOUTS:
        raise ValueError(f"a layout called {layout.name!r} is registered already")
    if not layout.kinds:
        raise ValueError(f"the layout {layout.name!r} has no reader")
    _LAYOUTS[layout.name] = layout
    return layout


def unregister(name: str) -> None:
    get_layout(name)
    del _LAYOUTS[name]


def detect_layouts(text: str) -> list[tuple[Layout, Detection]]:
    """Every known layout's judgement of the text, the surest first (in registration order on a tie)."""
    judged = [(layout, layout.detect(text)) for layout in _LAYOUTS.values()]
    return sorted(judged, key=lambda pair: -pair[1].confidence)


def choose_layout(text: str, *, source: str = "<text>") -> tuple[Layout, Detection]:
    """The layout that reads the text, and its judgement. Raises NoLayoutFits when none is at least
    `THRESHOLD` sure (and reads the kind of document it sees), or when the surest are equally sure."""
    judged = detect_layouts(text)
    able = [(layout, found) for layout, found in judged if found.confidence >= THRESHOLD]
    able = [(layout, found) for layout, found in able if found.kind in layout.kinds]
    if not able:
        lines = [f"no known layout reads this text (a layout must be at least {THRESHOLD:.2f} sure):"]
        lines += [
            f"  {layout.name} ({layout.description}): {found.confidence:.2f}, {found.reason}"
            + ("" if found.kind in layout.kinds else f"; it reads no {found.kind.label}s")
            for layout, found in judged
        ]
        raise NoLayoutFits(source, 1, "\n".join(lines))
    best = able[0][1].confidence
    tied = [layout.name for layout, found in able if found.confidence == best]
    if len(tied) > 1:
        raise NoLayoutFits(
            source, 1, f"the layouts {', '.join(tied)} are equally sure of this text ({best:.2f}); name one"
        )
    return able[0]


def read_document(
    text: str,
    *,
    organisation: OrganisationRef,
    year: int | None = None,
    source: str = "<text>",
    layout: str | None = None,
) -> ParseResult | ReportParseResult:
    """Read a printed document (text extracted from its PDF) with the layout that fits it, or with the
    layout named. `year` is the plan's year when a plan does not say; a report always says.

    Raises UnknownLayout for a name that is not registered, and DocumentError (NoLayoutFits when no
    layout fits) when the text cannot be read at all; what a reader cannot place is in the result."""
    if layout is None:
        chosen, found = choose_layout(text, source=source)
    else:
        chosen = get_layout(layout)
        found = chosen.detect(text)
    if found.kind is DocumentKind.REPORT and chosen.report is not None:
        return chosen.report(text, organisation=organisation, source=source)
    if found.kind is DocumentKind.PLAN and chosen.plan is not None:
        return chosen.plan(text, organisation=organisation, year=year, source=source)
    raise DocumentError(source, 1, f"the layout {chosen.name} reads no {found.kind.label}s ({found.reason})")
