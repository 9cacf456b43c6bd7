"""The build manifest: what a published report was made from, so that it can be verified later.

`manifest(doc, fmt, output)` records the sha256 of a canonical JSON snapshot of the report document (the
data), of each template and renderer source that shaped the output, and of the output itself, with the
program's version and the rendering engines'. It holds no time of its own: the same data gives the same
manifest. `write_manifest` puts it beside the output as `FILE.manifest.json`; `verify` checks a file
against its manifest. No Django here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from decimal import Decimal
from importlib import metadata
from importlib.resources import files
from pathlib import Path
from typing import Any

from pydantic import BaseModel

import styrkedja
from styrkedja.profiles import profile_data, stockholm
from styrkedja.reports.document import ReportDocument

MANIFEST_SUFFIX = ".manifest.json"

# Package-relative sources that decide the output, per format.
CONTENT = [
    "reports/tables.py",
    "reports/blocks.py",
    "reports/goal_tables.py",
    "reports/economy_tables.py",
    "reports/charts.py",
    "reports/kinds/kind.py",
    "reports/kinds/plan.py",
    "reports/kinds/followup_parts.py",
    "reports/kinds/tertial.py",
    "reports/kinds/annual.py",
    "reports/kinds/followup.py",
    "reports/printable.py",
    "lib/numbers.py",
    "lib/text.py",
    "profiles/schema.py",
    "profiles/words.py",
]
TYPST = [
    "reports/renderers/typesetting.py",
    "reports/renderers/fonts.py",
    "reports/renderers/typst_charts.py",
    "reports/templates/charts.typ",
]
SOURCES = {
    "pdf": ["reports/templates/report.typ", "reports/renderers/pdf.py", *TYPST, *CONTENT],
    "html": [
        "reports/templates/report.html",
        "reports/templates/_block.html",
        "reports/templates/report.css",
        "reports/renderers/html.py",
        "reports/renderers/svg_charts.py",
        *CONTENT,
    ],
    "docx": ["reports/renderers/docx.py", "reports/templates/chart_images.typ", *TYPST, *CONTENT],
}
ENGINES = {"pdf": ["typst"], "html": ["jinja2"], "docx": ["python-docx", "typst"]}


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):  # a profile's rating scale in the city's roll-up
        return value.model_dump(mode="json")
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def snapshot(doc: ReportDocument) -> bytes:
    """The document's data as canonical JSON (sorted keys, no spaces, UTF-8). The kind is written as
    published manifests have it: its family ("plan" or "followup") and whether it is final (outcomes, not
    forecasts, assessed), so that the same data keep the same digest. The municipality's profile is part
    of the data unless it is the default (Stockholm's)."""
    data = _plain(dataclasses.asdict(doc))
    data.pop("profile", None)
    if doc.profile != stockholm():
        data["profile"] = profile_data(doc.profile)
    data["kind"] = doc.kind.family
    data["final"] = doc.kind.assesses_outcomes
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def source_hashes(fmt: str) -> dict[str, str]:
    root = files(styrkedja)
    out = {}
    for name in SOURCES.get(fmt, []):
        source = root.joinpath(*name.split("/"))
        if source.is_file():
            out[name] = sha256(source.read_bytes())
    return out


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return ""


def manifest(doc: ReportDocument, fmt: str, output: bytes) -> dict[str, Any]:
    return {
        "program": "styrkedja",
        "version": styrkedja.__version__,
        "engines": {name: _version(name) for name in ENGINES.get(fmt, [])},
        "format": fmt,
        "document": {
            "kind": doc.kind.family,
            "organisation": doc.organisation_code,
            "period": doc.period,
            "title": doc.title,
            "locked": doc.locked,
        },
        "sha256": {
            "data": sha256(snapshot(doc)),
            "templates": source_hashes(fmt),
            "output": sha256(output),
        },
        "size": len(output),
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n"


def manifest_path(output_path: Path) -> Path:
    return output_path.with_name(output_path.name + MANIFEST_SUFFIX)


def write_manifest(output_path: Path, data: dict[str, Any]) -> Path:
    path = manifest_path(output_path)
    path.write_text(dumps(data), encoding="utf-8")
    return path


def verify(output_path: Path, doc: ReportDocument | None = None) -> list[str]:
    """What does not match between a file and its manifest (and, given, the data it says it was made
    from); an empty list when all does."""
    data = json.loads(manifest_path(output_path).read_text(encoding="utf-8"))
    problems = []
    if sha256(output_path.read_bytes()) != data["sha256"]["output"]:
        problems.append(f"{output_path.name}: the file is not the one the manifest describes")
    if doc is not None and sha256(snapshot(doc)) != data["sha256"]["data"]:
        problems.append("the data differ from the data the report was built from")
    for name, digest in source_hashes(data["format"]).items():
        if data["sha256"]["templates"].get(name) != digest:
            problems.append(f"{name} has changed since the build")
    return problems
