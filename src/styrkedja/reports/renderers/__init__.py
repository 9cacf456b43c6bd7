"""Renderers: one module per format, each with `render(doc: ReportDocument) -> bytes`.

`RENDERERS` maps a format name to its render function and imports the module only when it is first used
(the PDF renderer pulls in Typst, the DOCX renderer python-docx and Typst, the HTML renderer Jinja2). `CONTENT_TYPES` gives the
media type of each format.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from styrkedja.reports.document import ReportDocument

# A string, so that importing a renderer's helper (`typesetting`) does not import the report's model.
Render = Callable[["ReportDocument"], bytes]

FORMATS = ("pdf", "docx", "html")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}


class _LazyRenderers(Mapping[str, Render]):
    """{"pdf": render, "docx": render, "html": render}; each module is imported on first lookup."""

    def __getitem__(self, fmt: str) -> Render:
        if fmt not in FORMATS:
            raise KeyError(fmt)
        module = importlib.import_module(f"styrkedja.reports.renderers.{fmt}")
        render: Render = module.render
        return render

    def __contains__(self, fmt: object) -> bool:
        return fmt in FORMATS

    def __iter__(self) -> Iterator[str]:
        return iter(FORMATS)

    def __len__(self) -> int:
        return len(FORMATS)


RENDERERS: Mapping[str, Render] = _LazyRenderers()


def render(doc: ReportDocument, fmt: str) -> bytes:
    """The document in the format; KeyError for an unknown format."""
    return RENDERERS[fmt](doc)
