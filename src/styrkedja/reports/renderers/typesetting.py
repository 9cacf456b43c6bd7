"""Typst, as the PDF renderer and the Word document's charts use it: one compiler per process (it keeps the
fonts it has read) with the package's `templates/` folder as its root, so that a template may import
another (`#import "charts.typ"`), and a lock, since it may not compile twice at once.

Typst is given the system's fonts (`fonts.book()`); the templates take their font list from the data
(`fonts.families()`: Open Sans, then a fallback chain of Debian font packages the Makefile installs, see
`fonts.py`). The data go in as canonical JSON in `sys.inputs`. No Django here.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import typst

TEMPLATES = Path(str(files("styrkedja.reports").joinpath("templates")))
_LOCK = threading.Lock()


def template_source(name: str) -> bytes:
    return (TEMPLATES / name).read_bytes()


def canonical_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@cache
def _compiler() -> typst.Compiler:
    import typst

    from styrkedja.reports.renderers.fonts import book

    return typst.Compiler(root=str(TEMPLATES), font_paths=book())


def compile_pdf(template: str, data: Any, date: dt.date, standards: list[str]) -> bytes:
    """The template as a PDF of the given standards, dated `date` (so that the same data give the same
    bytes)."""
    timestamp = dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    with _LOCK:
        pdf = _compiler().compile(
            input=template_source(template),
            format="pdf",
            sys_inputs={"data": canonical_json(data)},
            pdf_standards=standards,  # type: ignore[arg-type]
            timestamp=timestamp,
        )
    assert isinstance(pdf, bytes)
    return pdf


def compile_png(template: str, data: Any, ppi: float) -> list[bytes]:
    """The template's pages as PNG pictures, `ppi` pixels per inch."""
    with _LOCK:
        pages = _compiler().compile(
            input=template_source(template), format="png", ppi=ppi, sys_inputs={"data": canonical_json(data)}
        )
    if isinstance(pages, bytes):
        return [pages]
    assert isinstance(pages, list)
    return pages
