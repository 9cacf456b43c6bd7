"""The registry of indicator definitions (`definitions.yaml` beside this module).

One entry per indicator: an id, the name, the unit, the table it reads and SQL for what is counted —
`date` places a row in a period, `where` chooses the population (the denominator's rows), `numerator` and
`denominator` are summed over it, and `value` turns the two sums into the indicator's value. A `count`
counts the distinct persons in the population instead. `indicators` lists the names of the plan indicators
the definition answers, which is how the follow-up finds it.

Every SQL fragment is checked against the table's schema when the registry is loaded, so a misspelt column
fails at once with the definition's id and the field.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import re
from enum import StrEnum
from pathlib import Path
from typing import Any

import duckdb
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from styrkedja.analytics.schema import TABLES

REGISTRY_FILE = Path(__file__).with_name("definitions.yaml")
FORMAT = "styrkedja.indicator-definitions/1"


class Kind(StrEnum):
    SHARE = "share"  # value from Σ numerator and Σ denominator, e.g. 100 · numerator / denominator
    MEAN = "mean"  # the same, an average: Σ numerator / Σ denominator
    COUNT = "count"  # the number of distinct persons in the population


class RegistryError(Exception):
    pass


_NAMES = {"numerator", "denominator"}
_OPERATORS = (ast.Add, ast.Sub, ast.Mult, ast.Div)


@functools.lru_cache(maxsize=256)
def _check_value_expression(text: str) -> ast.Expression:
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"value: not an expression: {exc.msg}") from exc
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id not in _NAMES:
            raise ValueError(f"value: unknown name '{node.id}'; use numerator and denominator")
        if not isinstance(
            node,
            (ast.Expression, ast.BinOp, ast.UnaryOp, ast.USub, ast.Constant, ast.Name, ast.Load, *_OPERATORS),
        ):
            raise ValueError(f"value: only numbers, numerator, denominator and + - * / are allowed: '{text}'")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)):
            raise ValueError(f"value: only numbers are allowed as constants: '{text}'")
    return tree


def _evaluate(node: ast.AST, names: dict[str, float]) -> float:
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, names)
    if isinstance(node, ast.Constant):
        assert isinstance(node.value, (int, float))
        return float(node.value)
    if isinstance(node, ast.Name):
        return names[node.id]
    if isinstance(node, ast.UnaryOp):
        return -_evaluate(node.operand, names)
    assert isinstance(node, ast.BinOp)
    left, right = _evaluate(node.left, names), _evaluate(node.right, names)
    if isinstance(node.op, ast.Add):
        return left + right
    if isinstance(node.op, ast.Sub):
        return left - right
    if isinstance(node.op, ast.Mult):
        return left * right
    return left / right


class Definition(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")
    name: str
    unit: str = Field(pattern=r"^(percent|count|months|index|ratio)$")
    kind: Kind
    tables: list[str] = Field(min_length=1, max_length=1)
    date: str
    where: str = "TRUE"
    numerator: str | None = None
    denominator: str = "1"
    value: str | None = None
    decimals: int = Field(default=1, ge=0, le=4)
    description: str = ""
    indicators: list[str] = []
    kolada_kpi: str | None = None

    @field_validator("tables")
    @classmethod
    def _known_tables(cls, tables: list[str]) -> list[str]:
        for table in tables:
            if table not in TABLES:
                raise ValueError(f"unknown table '{table}'; tables: {', '.join(TABLES)}")
        return tables

    @field_validator("date", "where", "numerator", "denominator")
    @classmethod
    def _one_expression(cls, text: str | None) -> str | None:
        if text is not None and (";" in text or "--" in text):
            raise ValueError("an SQL expression, without ';' or comments")
        return text

    @model_validator(mode="after")
    def _by_kind(self) -> Definition:
        if self.kind is Kind.COUNT:
            if self.numerator is not None or self.value is not None:
                raise ValueError("a count has neither numerator nor value: it counts the persons in `where`")
        else:
            if self.numerator is None or self.value is None:
                raise ValueError(f"a {self.kind.value} needs a numerator and a value")
            _check_value_expression(self.value)
        return self

    @property
    def table(self) -> str:
        return self.tables[0]

    def compute_value(self, numerator: float | None, denominator: float | None) -> float | None:
        """The indicator's value from the sums; None when it is undefined (no one in the denominator)."""
        if self.kind is Kind.COUNT:
            return numerator
        if numerator is None or denominator is None or denominator == 0:
            return None
        assert self.value is not None
        try:
            return _evaluate(
                _check_value_expression(self.value), {"numerator": numerator, "denominator": denominator}
            )
        except ZeroDivisionError:
            return None

    @property
    def sha256(self) -> str:
        """Hash of what the value depends on (not of the description or the linked indicator names)."""
        fields = self.model_dump(
            include={"id", "unit", "kind", "tables", "date", "where", "numerator", "denominator", "value"}
        )
        canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def normalise_name(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


class Registry:
    def __init__(self, definitions: list[Definition], source: str):
        self.definitions = definitions
        self.source = source
        self._by_id = {d.id: d for d in definitions}
        self._by_indicator: dict[str, Definition] = {}
        for definition in definitions:
            for name in definition.indicators:
                key = normalise_name(name)
                other = self._by_indicator.get(key)
                if other is not None and other.id != definition.id:
                    raise RegistryError(
                        f"{source}: indicator '{name}' is linked to both {other.id} and {definition.id}"
                    )
                self._by_indicator[key] = definition

    def __iter__(self) -> Any:
        return iter(self.definitions)

    def __len__(self) -> int:
        return len(self.definitions)

    def get(self, definition_id: str) -> Definition:
        try:
            return self._by_id[definition_id]
        except KeyError:
            raise RegistryError(f"no definition '{definition_id}' in {self.source}") from None

    def for_indicator(self, name: str) -> Definition | None:
        """The definition that answers a plan indicator of this name (spacing and case ignored)."""
        return self._by_indicator.get(normalise_name(name))


def _bind_check(definitions: list[Definition], source: str) -> None:
    """Every fragment must bind against its table's columns, with the right type."""
    con = duckdb.connect()
    for table in TABLES.values():
        columns = ", ".join(f"CAST(NULL AS {c.sql_type}) AS {c.name}" for c in table.columns)
        con.execute(f"CREATE TABLE {table.name} AS SELECT {columns} LIMIT 0")
    for d in definitions:
        checks = {"date": f"CAST(({d.date}) AS DATE)", "where": f"CAST(({d.where}) AS BOOLEAN)"}
        if d.numerator is not None:
            checks["numerator"] = f"CAST(({d.numerator}) AS DOUBLE)"
            checks["denominator"] = f"CAST(({d.denominator}) AS DOUBLE)"
        for field, sql in checks.items():
            try:
                con.execute(f"SELECT {sql} FROM {d.table}").fetchall()
            except duckdb.Error as exc:
                message = str(exc).splitlines()[0]
                raise RegistryError(f"{source}: definition {d.id}, {field}: {message}") from exc


def load_registry(path: Path | None = None) -> Registry:
    """The registry in the file (the project's own by default), checked; read again when the file changes."""
    path = path or REGISTRY_FILE
    try:
        stat = path.stat()
    except OSError as exc:
        raise RegistryError(f"{path.name}: {exc}") from exc
    return _load(path, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _load(path: Path, mtime_ns: int, size: int) -> Registry:
    source = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RegistryError(f"{source}: {exc}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise RegistryError(f"{source}: expected a mapping with format: {FORMAT}")
    definitions = []
    for index, entry in enumerate(data.get("definitions") or []):
        try:
            definitions.append(Definition.model_validate(entry))
        except ValidationError as exc:
            label = entry.get("id", f"#{index + 1}") if isinstance(entry, dict) else f"#{index + 1}"
            problems = "; ".join(
                f"{'.'.join(map(str, e['loc'])) or '(entry)'}: {e['msg']}" for e in exc.errors()
            )
            raise RegistryError(f"{source}: definition {label}: {problems}") from exc
    ids = [d.id for d in definitions]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise RegistryError(f"{source}: definition id(s) used twice: {', '.join(duplicates)}")
    _bind_check(definitions, source)
    return Registry(definitions, source)
