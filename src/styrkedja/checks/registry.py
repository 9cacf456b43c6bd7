"""The rules: each has an id, a default severity, a Swedish title and a threshold with a default; a
configuration (a plain dict, e.g. read from the file `STYRKEDJA_CHECKS_CONFIG` names) may switch a rule
off, change its severity or its threshold.

A rule is a function `(context, threshold) -> iterable of Hit`; the runner turns hits into findings
with the rule's id and severity. Rules are registered by the `rule` decorator in the modules of this
package, in the order of `docs/checks.md`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from styrkedja.checks.findings import Severity, Value

if TYPE_CHECKING:
    from styrkedja.checks.context import Context

Threshold = Decimal | int | tuple[str, ...] | None


@dataclass(frozen=True)
class Hit:
    """What a rule found, before the runner adds the rule's id and severity."""

    kind: str
    ref: str
    message: str
    values: dict[str, Value] = field(default_factory=dict)


RuleFunction = Callable[["Context", Any], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    check: RuleFunction
    threshold: Threshold = None
    threshold_doc: str = ""

    @property
    def family(self) -> str:
        return self.id.split(".", 1)[0]


RULES: dict[str, Rule] = {}
FAMILIES = ("indicator", "goal", "activity", "economy", "cover", "report", "city")


def ordered_rules() -> list[Rule]:
    """The rules family by family (as docs/checks.md lists them), in registration order within one."""
    return sorted(RULES.values(), key=lambda r: FAMILIES.index(r.family) if r.family in FAMILIES else 99)


def rule(
    id: str, severity: Severity, title: str, *, threshold: Threshold = None, threshold_doc: str = ""
) -> Callable[[RuleFunction], RuleFunction]:
    def register(function: RuleFunction) -> RuleFunction:
        if id in RULES:
            raise ValueError(f"rule {id} registered twice")
        RULES[id] = Rule(id, severity, title, function, threshold, threshold_doc)
        return function

    return register


class ConfigError(ValueError):
    """A configuration that names an unknown rule or carries a bad value."""


@dataclass(frozen=True)
class RuleSetting:
    enabled: bool
    severity: Severity
    threshold: Threshold


@dataclass(frozen=True)
class Config:
    """Per-rule overrides of the defaults; an empty Config is the defaults."""

    overrides: Mapping[str, RuleSetting] = field(default_factory=dict)

    def setting(self, rule: Rule) -> RuleSetting:
        return self.overrides.get(rule.id) or RuleSetting(True, rule.severity, rule.threshold)


def _threshold(rule: Rule, raw: object) -> Threshold:
    default = rule.threshold
    where = f"{rule.id}: threshold"
    if default is None:
        raise ConfigError(f"{where}: this rule has no threshold")
    if isinstance(default, bool) or isinstance(raw, bool):
        raise ConfigError(f"{where}: {raw!r} is not a valid value")
    if isinstance(default, Decimal):
        try:
            return Decimal(str(raw))
        except InvalidOperation:
            raise ConfigError(f"{where}: expected a number, got {raw!r}") from None
    if isinstance(default, int):
        if isinstance(raw, int) or (isinstance(raw, str) and raw.strip().lstrip("-").isdigit()):
            return int(raw)
        raise ConfigError(f"{where}: expected a whole number, got {raw!r}")
    if isinstance(raw, list | tuple) and all(isinstance(x, str) for x in raw):
        return tuple(raw)
    raise ConfigError(f"{where}: expected a list of names, got {raw!r}")


def load_config(data: Mapping[str, Any] | None) -> Config:
    """`{"rules": {"<rule id>": {"enabled": false, "severity": "warning", "threshold": 0.1}}}`; the
    `rules` level may be left out. Unknown rules and bad values raise ConfigError."""
    if not data:
        return Config()
    if not isinstance(data, Mapping):
        raise ConfigError("the checks configuration must be a mapping of rule ids to settings")
    rules = data.get("rules", data)
    if not isinstance(rules, Mapping):
        raise ConfigError("'rules' must be a mapping of rule ids to settings")
    overrides: dict[str, RuleSetting] = {}
    for rule_id, raw in rules.items():
        found = RULES.get(str(rule_id))
        if found is None:
            raise ConfigError(f"unknown rule {rule_id!r}; the rules are listed in docs/checks.md")
        if not isinstance(raw, Mapping):
            raise ConfigError(f"{rule_id}: expected a mapping with enabled/severity/threshold")
        unknown = set(raw) - {"enabled", "severity", "threshold"}
        if unknown:
            raise ConfigError(f"{rule_id}: unknown keys {sorted(unknown)}")
        enabled = raw.get("enabled", True)
        if not isinstance(enabled, bool):
            raise ConfigError(f"{rule_id}: enabled must be true or false")
        try:
            severity = Severity(raw.get("severity", found.severity.value))
        except ValueError:
            raise ConfigError(f"{rule_id}: severity must be error, warning or info") from None
        threshold = _threshold(found, raw["threshold"]) if "threshold" in raw else found.threshold
        overrides[found.id] = RuleSetting(enabled, severity, threshold)
    return Config(overrides)
