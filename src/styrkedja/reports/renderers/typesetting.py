"""Typst, as the PDF renderer and the Word document's charts use it: one compiler per process (it keeps the
fonts it has read) with the package's `templates/` folder as its root, so that a template may import
another (`#import "charts.typ"`), and a lock, since it may not compile twice at once.

Typst is given the system's fonts (`font_book()`); the templates take their font list from the data
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


_BOOK_LOCK = threading.Lock()
_BOOK: list[typst.Fonts] = []


def font_book() -> typst.Fonts:
    """The fonts Typst is given: the system's (the Debian font packages'), without Typst's own; read once
    per process."""
    with _BOOK_LOCK:
        if not _BOOK:
            import typst

            _BOOK.append(typst.Fonts(include_system_fonts=True, include_embedded_fonts=False))
        return _BOOK[0]


def read_fonts_in_background() -> threading.Thread:
    """Start reading the font book in a thread. Typst reads the font files in Rust, without Python's lock:
    a command that will set type (`styrkedja report --format pdf`) starts it before Django sets itself
    up, and the two run at once. Not a daemon thread: the process waits for it rather than stopping it
    in the middle of Rust."""
    thread = threading.Thread(target=font_book, name="font-book")
    thread.start()
    return thread


@cache
def _compiler() -> typst.Compiler:
    import typst

    return typst.Compiler(root=str(TEMPLATES), font_paths=font_book())


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
