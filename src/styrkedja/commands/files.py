"""How every command reads a file and words what it refuses: the size limit from the settings
(STYRKEDJA_MAX_FILE_MB), `FILE:LINE: field: message` for each problem, "nothing was stored", and the rows
`--skip-unmatched` left out, with exit status 3."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from pydantic import BaseModel

from styrkedja.planfiles.reader import FileLines, Located, PlanFileError, RowProblem, read_located, read_text

M = TypeVar("M", bound=BaseModel)

#: The exit status of an import that stored a file but skipped rows matching nothing (--skip-unmatched).
SKIPPED = 3
SKIP_HELP = (
    f"store the file without the rows that match nothing in the plan, list them, exit status {SKIPPED}"
)


def refused(problems: PlanFileError) -> CommandError:
    return CommandError(f"refused, nothing was stored:\n{problems}")


def read(path: Path, model: type[M]) -> Located[M]:
    """A plan or follow-up file, validated, with where each field stood."""
    try:
        return read_located(path, model, max_bytes=settings.MAX_FILE_BYTES)
    except PlanFileError as exc:
        raise refused(exc) from exc


def text_of(path: Path) -> str:
    """A text file (a printed document's extracted text), within the size limit, UTF-8."""
    try:
        return read_text(path, max_bytes=settings.MAX_FILE_BYTES)
    except PlanFileError as exc:
        raise refused(exc) from exc


def report_skipped(command: BaseCommand, lines: FileLines, skipped: list[RowProblem]) -> None:
    """Every row --skip-unmatched left out, as `FILE:LINE: field: skipped: message`, on standard error;
    then the exit status 3 (after what was stored has been said on standard output)."""
    for problem in skipped:
        command.stderr.write(lines.text(RowProblem(problem.loc, f"skipped: {problem.message}")))


def skipped_status(path: Path, skipped: list[RowProblem]) -> None:
    if skipped:
        raise CommandError(
            f"{path}: stored without the {len(skipped)} row(s) above, which match nothing in the plan",
            returncode=SKIPPED,
        )
