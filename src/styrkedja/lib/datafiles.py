"""Reading data files (YAML or JSON) into a schema with line numbers, so every refusal names the line and
the field: `FILE:LINE: field: message`. The plan, follow-up and profile files are all read this way.

A schema says what a file may hold by itself; what depends on something else (a plan's goal levels on its
municipality's profile) is a `check` run on the parsed file, whose problems name their place the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)
#: A check of a parsed file: (the place, as a path of keys and indexes, and the message) per problem.
Check = Callable[[M], Iterable[tuple[Loc, str]]]


@dataclass
class Problem:
    line: int
    field: str
    message: str


class FileRefused(Exception):
    """A file that cannot be stored. Nothing has been written when this is raised."""

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


def _lines(node: yaml.Node, path: Loc, into: dict[Loc, int]) -> None:
    into[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            into[(*path, key.value)] = key.start_mark.line + 1
            _lines(value, (*path, key.value), into)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _lines(item, (*path, index), into)


def _line_of(loc: Loc, lines: dict[Loc, int]) -> int:
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def field_name(loc: Loc) -> str:
    """`('goals', 0, 'number')` → `goals[0].number`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(file)"


def parse_text(text: str, source: str, model: type[M], check: Check[M] | None = None) -> M:
    """Parse YAML or JSON text into a schema model, then run the check; problems name line and field."""
    try:
        root = yaml.compose(text, Loader=_Loader)
        data: Any = yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark else 1
        raise FileRefused(source, [Problem(line, "(syntax)", str(exc.problem or exc))]) from exc
    if root is None or not isinstance(data, dict):
        raise FileRefused(source, [Problem(1, "(file)", "the file is empty or not a mapping of fields")])
    lines: dict[Loc, int] = {}
    _lines(root, (), lines)
    try:
        parsed = model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            problems.append(Problem(_line_of(loc, lines), field_name(loc), error["msg"]))
        raise FileRefused(source, problems) from exc
    found = list(check(parsed)) if check is not None else []
    if found:
        raise FileRefused(source, [Problem(_line_of(loc, lines), field_name(loc), msg) for loc, msg in found])
    return parsed


def read_file(path: Path, model: type[M], check: Check[M] | None = None) -> M:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise FileRefused(str(path), [Problem(1, "(file)", "no such file")]) from exc
    except UnicodeDecodeError as exc:
        raise FileRefused(str(path), [Problem(1, "(file)", f"not UTF-8 text ({exc.reason})")]) from exc
    return parse_text(text, str(path), model, check)


def refused(source: str, found: Iterable[tuple[Loc, str]]) -> FileRefused | None:
    """The problems of a check run on data that has no file behind it (a plan built by an importer): the
    place is named, the line is 1."""
    problems = [Problem(1, field_name(loc), message) for loc, message in found]
    return FileRefused(source, problems) if problems else None
