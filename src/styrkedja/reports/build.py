"""Building a report: the document in a format, with its manifest (`build`), or written to a file with the
manifest beside it (`write`). The one service the command and the views call."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from styrkedja.reports.document import ReportDocument
from styrkedja.reports.manifest import manifest, write_manifest
from styrkedja.reports.renderers import FORMATS, RENDERERS


class UnknownFormat(ValueError):
    pass


class FormatUnavailable(UnknownFormat):
    """The format is known but its renderer is not installed in this build."""


def build(doc: ReportDocument, fmt: str) -> tuple[bytes, dict[str, Any]]:
    """(the report's bytes, its manifest)."""
    if fmt not in FORMATS:
        raise UnknownFormat(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    try:
        render = RENDERERS[fmt]
    except ModuleNotFoundError as exc:
        if exc.name != f"styrkedja.reports.renderers.{fmt}":
            raise
        raise FormatUnavailable(f"the {fmt} renderer is not available") from exc
    output = render(doc)
    return output, manifest(doc, fmt, output)


def write(doc: ReportDocument, fmt: str, path: Path) -> tuple[Path, dict[str, Any]]:
    """Write the report to `path` and its manifest beside it; (the manifest's path, the manifest)."""
    output, data = build(doc, fmt)
    path.write_bytes(output)
    return write_manifest(path, data), data


def filename(doc: ReportDocument, fmt: str) -> str:
    """`amn-2021-T1-tertialrapport.pdf`, `amn-2022-verksamhetsplan.docx`."""
    return f"{doc.organisation_code}-{doc.period}-{doc.kind.slug}.{fmt}"
