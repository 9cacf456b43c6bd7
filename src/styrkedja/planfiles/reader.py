"""Reading plan and follow-up files (YAML or JSON) with line numbers, so every refusal names the line and
the field: `FILE:LINE: field: message`.

A file is refused whole, never with a traceback: when it is larger than the limit (checked before it is
read), not UTF-8 (the line of the first bad byte), holds a character YAML does not allow (a NUL byte),
is not YAML, goes past the limits of planfiles/safe_yaml.py (depth, aliases), or does not validate
against its schema. What is found later, against the database (an outcome for an indicator the plan does
not have), is placed with `FileLines`, which remembers where each field stood.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from styrkedja.planfiles import safe_yaml
from styrkedja.planfiles.schema import PlanFile

Path_ = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)

#: The largest file read unless the caller says otherwise (settings: STYRKEDJA_MAX_FILE_MB).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass
class Problem:
    line: int | None  # None where the line is not known (a document read from its printed text)
    field: str
    message: str


class PlanFileError(Exception):
    """A plan file that cannot be imported. Nothing has been written when this is raised."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(
            f"{self.source}:{p.line}: {p.field}: {p.message}"
            if p.line is not None
            else f"{self.source}: {p.field}: {p.message}"
            for p in self.problems
        )


@dataclass(frozen=True)
class RowProblem:
    """A problem found after reading, at a place in the file: `loc` as pydantic gives it
    (`("outcomes", 3, "total")`)."""

    loc: Path_
    message: str


class FileLines:
    """Where each field of a file that was read stands, to place problems found after reading."""

    def __init__(self, source: str, lines: dict[Path_, int] | None = None):
        self.source = source
        self.lines = lines

    def problem(self, loc: Path_, message: str) -> Problem:
        line = _line_of(loc, self.lines) if self.lines is not None else None
        return Problem(line, _field(loc), message)

    def error(self, problems: list[RowProblem]) -> PlanFileError:
        return PlanFileError(self.source, [self.problem(p.loc, p.message) for p in problems])

    def text(self, problem: RowProblem) -> str:
        """One problem as `FILE:LINE: field: message`."""
        return str(self.error([problem]))


@dataclass
class Located(Generic[M]):
    """A file's validated content, and where each of its fields stood."""

    data: M
    lines: FileLines


def _lines(root: yaml.Node) -> dict[Path_, int]:
    """The line of every field (iteratively: aliases may repeat a subtree, within safe_yaml's limits)."""
    into: dict[Path_, int] = {}
    stack: list[tuple[yaml.Node, Path_]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        into.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    into.setdefault((*path, key.value), key.start_mark.line + 1)
                    stack.append((value, (*path, key.value)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, (*path, index)) for index, item in enumerate(node.value))
    return into


def _line_of(loc: Path_, lines: dict[Path_, int]) -> int:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _field(loc: Path_) -> str:
    """`goals[0].indicators[1].target`; a key that is no plain name is quoted: `as_printed["a: b"]`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not _NAME.match(str(part)):
            text += f"[{json.dumps(str(part), ensure_ascii=False)}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(file)"


def _yaml_problem(exc: yaml.YAMLError, text: str) -> Problem:
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        what = "a NUL byte (U+0000)" if code == 0 else f"the character U+{code:04X}"
        return Problem(line, "(file)", f"{what} is not allowed in a YAML or JSON file")
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        return Problem(mark.line + 1 if mark else 1, "(syntax)", str(exc.problem or exc.context or exc))
    return Problem(1, "(syntax)", str(exc))


def parse_plan_text(text: str, source: str) -> PlanFile:
    """Parse and validate a plan file's text (YAML; JSON is read as YAML)."""
    return parse_text(text, source, PlanFile)


def parse_text(text: str, source: str, model: type[M]) -> M:
    """Parse YAML or JSON text into a schema model; problems name their line and field."""
    return parse_located(text, source, model).data


def parse_located(text: str, source: str, model: type[M]) -> Located[M]:
    """Parse YAML or JSON text into a schema model, keeping where each field stood."""
    try:
        root, data = safe_yaml.load(text)
    except yaml.YAMLError as exc:
        raise PlanFileError(source, [_yaml_problem(exc, text)]) from exc
    except RecursionError as exc:  # pragma: no cover - safe_yaml's depth limit comes first
        raise PlanFileError(source, [Problem(1, "(syntax)", "nested too deeply")]) from exc
    if root is None or not isinstance(data, dict):
        raise PlanFileError(
            source, [Problem(1, "(file)", "the file is empty or not a mapping of plan fields")]
        )
    lines = FileLines(source, _lines(root))
    try:
        return Located(model.model_validate(data), lines)
    except ValidationError as exc:
        errors: list[Any] = exc.errors()
        raise lines.error([RowProblem(tuple(error["loc"]), error["msg"]) for error in errors]) from exc


def read_plan_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> PlanFile:
    return read_file(path, PlanFile, max_bytes=max_bytes)


def read_file(path: Path, model: type[M], *, max_bytes: int = DEFAULT_MAX_BYTES) -> M:
    return read_located(path, model, max_bytes=max_bytes).data


def read_text(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """A file's text: refused by its size before it is read, and when it is not UTF-8, with the line."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise PlanFileError(
                source,
                [
                    Problem(
                        1,
                        "(file)",
                        f"the file is {_megabytes(size)}; the largest file read is {_megabytes(max_bytes)} "
                        "(STYRKEDJA_MAX_FILE_MB)",
                    )
                ],
            )
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise PlanFileError(source, [Problem(1, "(file)", "no such file")]) from exc
    except IsADirectoryError as exc:
        raise PlanFileError(source, [Problem(1, "(file)", "a folder, not a file")]) from exc
    except OSError as exc:
        raise PlanFileError(source, [Problem(1, "(file)", f"cannot be read: {exc.strerror}")]) from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"not UTF-8 text: byte 0x{raw[exc.start]:02x} in column {column} ({exc.reason})"
        raise PlanFileError(source, [Problem(line, "(file)", message)]) from exc


def read_located(path: Path, model: type[M], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Located[M]:
    return parse_located(read_text(path, max_bytes=max_bytes), str(path), model)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
