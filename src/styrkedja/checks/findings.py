"""A finding: which rule, how serious, which object, a Swedish message and the numbers involved.

The JSON form is a contract (the `check` command, the API and the UI read it):

    {"rule": "indicator.gender_sum", "severity": "error",
     "object": {"kind": "indicator", "ref": "Antal …"},
     "message": "…", "values": {"total": "22", "men": "11", "women": "1"}}

Values are strings (decimals as `Decimal` text with a point, dates as ISO dates), lists of strings, or
plain strings naming where the object sits (`goal` holds the number of the goal an indicator or activity
stands under).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]

    @property
    def label(self) -> str:
        return {"error": "Fel", "warning": "Varning", "info": "Information"}[self.value]


Value = str | list[str]


def _plain(value: object) -> Value:
    if isinstance(value, list | tuple):
        return [str(_plain(v)) for v in value]
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    kind: str  # "indicator" | "goal" | "activity" | "budget" | "report" | "signature" | "decision" | …
    ref: str  # the indicator's name, the goal's number or the table/row label
    message: str
    values: dict[str, Value] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """What an override names: the rule and the object, not the numbers (they may be corrected)."""
        return finding_key(self.rule, self.kind, self.ref)

    @property
    def goal(self) -> str:
        """The number of the goal the object stands under, when there is one."""
        value = self.values.get("goal", "")
        return value if isinstance(value, str) else ""

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "object": {"kind": self.kind, "ref": self.ref},
            "message": self.message,
            "values": dict(self.values),
        }


def finding_key(rule: str, kind: str, ref: str) -> str:
    return f"{rule}|{kind}|{ref}"


def values(**items: object) -> dict[str, Value]:
    """The values of a finding, without the missing ones, in a JSON-friendly form."""
    return {k: _plain(v) for k, v in items.items() if v is not None and v != ""}


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Errors first; within a severity, the order of the document (stable)."""
    return sorted(findings, key=lambda f: f.severity.rank)
