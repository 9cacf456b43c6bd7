"""The report document as JSON and back: what an approved round's archive keeps beside the printed files,
so that the report can be read, checked and rendered again without the live data.

`document_json(doc)` is canonical JSON (sorted keys, no spaces, UTF-8) of every field of the document's
dataclasses: amounts as exact decimal strings ("1393.1"), dates as ISO dates, tuples and sets as lists,
and the kind of report whole (its key, parts and wording), so that a reworded kind reads back as it was;
the municipality's profile (a pydantic model) as its own JSON.
`document_from_json(data)` builds the same `ReportDocument` again: `document_from_json(document_json(d))
== d`. The field types are read from the dataclasses themselves, so a new field is serialised without a
change here. No Django here.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import typing
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any, Union

from pydantic import BaseModel

from styrkedja.reports.document import ReportDocument

FORMAT = "styrkedja.report-document/1"


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, frozenset | set):
        return sorted(_plain(v) for v in value)
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def document_json(doc: ReportDocument) -> bytes:
    data = {"format": FORMAT, "document": _plain(doc)}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


class NotADocument(ValueError):
    pass


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _read(kind: Any, value: Any) -> Any:
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (Union, types.UnionType):
        if value is None:
            return None
        options = [a for a in args if a is not type(None)]
        return _read(options[0], value)
    if origin is list:
        return [_read(args[0], v) for v in value]
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_read(args[0], v) for v in value)
        return tuple(_read(a, v) for a, v in zip(args, value, strict=True))
    if origin is frozenset:
        return frozenset(_read(args[0], v) for v in value)
    if origin is dict:
        return {_read(args[0], k): _read(args[1], v) for k, v in value.items()}
    if kind is Decimal:
        return Decimal(value)
    if kind is dt.date:
        return dt.date.fromisoformat(value)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        return kind.model_validate(value)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = _hints(kind)
        # A field the document gained after it was archived takes its default.
        fields = {
            f.name: _read(hints[f.name], value[f.name])
            for f in dataclasses.fields(kind)
            if f.init and f.name in value
        }
        return kind(**fields)
    return value


def document_from_json(data: bytes | str) -> ReportDocument:
    """The document the JSON holds; NotADocument for anything else."""
    try:
        parsed = json.loads(data)
    except ValueError as exc:
        raise NotADocument(f"not JSON: {exc}") from exc
    if not isinstance(parsed, dict) or parsed.get("format") != FORMAT:
        raise NotADocument(f"not a report document ({FORMAT})")
    try:
        doc = _read(ReportDocument, parsed["document"])
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:  # a pydantic refusal is a ValueError
        raise NotADocument(f"the report document is incomplete or malformed: {exc!r}") from exc
    assert isinstance(doc, ReportDocument)
    return doc
