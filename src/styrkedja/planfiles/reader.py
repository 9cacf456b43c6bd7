"""Reading plan and follow-up files (YAML or JSON) with line numbers, so every refusal names the line and
the field. The reading itself is `lib/datafiles.py`'s, shared with the profile file."""

from __future__ import annotations

from pathlib import Path

from styrkedja.lib.datafiles import Check, Problem, parse_text, read_file
from styrkedja.lib.datafiles import FileRefused as PlanFileError
from styrkedja.planfiles.schema import PlanFile

__all__ = [
    "Check",
    "PlanFileError",
    "Problem",
    "parse_plan_text",
    "parse_text",
    "read_file",
    "read_plan_file",
]


def parse_plan_text(text: str, source: str, check: Check[PlanFile] | None = None) -> PlanFile:
    """Parse and validate a plan file's text (YAML; JSON is read as YAML)."""
    return parse_text(text, source, PlanFile, check)


def read_plan_file(path: Path, check: Check[PlanFile] | None = None) -> PlanFile:
    return read_file(path, PlanFile, check)
