"""Reading plan files (YAML or JSON) with line numbers, so every refusal names the line and the field."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from styrkedja.planfiles.schema import PlanFile

Path_ = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


@dataclass
class Problem:
    line: int
    field: str
    message: str


class PlanFileError(Exception):
    """A plan file that cannot be imported. Nothing has been written when this is raised."""

    def __init__(self, source: str, problems: list[Problem]):
        self.source = source
        self.problems = problems
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(f"{self.source}:{p.line}: {p.field}: {p.message}" for p in self.problems)


class _Loader(yaml.SafeLoader):
    """Safe YAML with exact decimals: 1393.1 is read as Decimal('1393.1'), never as a float."""


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(loader.construct_scalar(node).replace("_", ""))


def _text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


_Loader.add_constructor("tag:yaml.org,2002:float", _decimal)
# Dates are validated by the schema, so that "2022-13-45" is refused naming its field.
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _text)


def _lines(node: yaml.Node, path: Path_, into: dict[Path_, int]) -> None:
    into[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            into[(*path, key.value)] = key.start_mark.line + 1
            _lines(value, (*path, key.value), into)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, (*path, index), into)


def _line_of(loc: Path_, lines: dict[Path_, int]) -> int:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def _field(loc: Path_) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


def parse_plan_text(text: str, source: str) -> PlanFile:
    """Parse and validate a plan file's text (YAML; JSON is read as YAML)."""
    return parse_text(text, source, PlanFile)


def parse_text(text: str, source: str, model: type[M]) -> M:
    """Parse YAML or JSON text into a schema model; problems name their line and field."""
    try:
        root = yaml.compose(text, Loader=_Loader)
        data: Any = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else 1
        raise PlanFileError(source, [Problem(line, "(syntax)", str(exc.problem or exc))]) from exc
    if root is None or not isinstance(data, dict):
        raise PlanFileError(
            source, [Problem(1, "(file)", "the file is empty or not a mapping of plan fields")]
        )
    lines: dict[Path_, int] = {}
    _lines(root, (), lines)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            problems.append(Problem(_line_of(loc, lines), _field(loc), error["msg"]))
        raise PlanFileError(source, problems) from exc


def read_plan_file(path: Path) -> PlanFile:
    return read_file(path, PlanFile)


def read_file(path: Path, model: type[M]) -> M:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise PlanFileError(str(path), [Problem(1, "(file)", "no such file")]) from exc
    except UnicodeDecodeError as exc:
        raise PlanFileError(str(path), [Problem(1, "(file)", f"not UTF-8 text ({exc.reason})")]) from exc
    return parse_text(text, str(path), model)
