"""Consistency checks (avstämning): small pure rules over the report document (`reports/document.py`),
the same plain data the reports are rendered from, so a check and a report never disagree about a
number. No Django here.

    findings = run_checks(document)                 # every rule with its defaults
    findings = run_checks(document, load_config({"rules": {"activity.end_not_month_end": {"enabled": False}}}))

The rules, their thresholds and the reasoning behind each are in `docs/checks.md`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from styrkedja.checks import (  # noqa: F401  (registers rules)
    activities,
    city,
    cover,
    economy,
    goals,
    indicators,
    names,
    spelling,
    statements,
)
from styrkedja.checks.context import Context
from styrkedja.checks.findings import Finding, Severity, finding_key, sort_findings
from styrkedja.checks.registry import RULES, Config, ConfigError, Rule, load_config, ordered_rules
from styrkedja.reports.document import ReportDocument


def rule_title(rule_id: str) -> str:
    """The Swedish title people read for a rule (`indicator.unit_mismatch` → "Olika enheter i en
    indikators celler"); the id itself for a rule no longer registered. Ids stay in JSON and the CLI."""
    found = RULES.get(rule_id)
    return found.title if found is not None else rule_id


__all__ = [
    "RULES",
    "Config",
    "ConfigError",
    "Finding",
    "Rule",
    "Severity",
    "finding_key",
    "load_config",
    "load_config_file",
    "ordered_rules",
    "rule_title",
    "run_checks",
]


def run_checks(doc: ReportDocument, config: Config | None = None) -> list[Finding]:
    """Every enabled rule over the document; errors first, then warnings, then information, each in the
    order of the rules and of the document."""
    config = config or Config()
    ctx = Context(doc)
    findings: list[Finding] = []
    for rule in ordered_rules():
        setting = config.setting(rule)
        if not setting.enabled:
            continue
        for hit in rule.check(ctx, setting.threshold):
            findings.append(Finding(rule.id, setting.severity, hit.kind, hit.ref, hit.message, hit.values))
    return sort_findings(findings)


def load_config_file(path: str | Path) -> Config:
    """A YAML or JSON file with the shape `load_config` takes; an error names the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
        data: Any = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read the checks configuration: {exc}") from exc
    try:
        return load_config(data)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
