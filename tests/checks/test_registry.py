"""The registry, the configuration, the JSON contract, and the documentation of every rule."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from styrkedja.checks import (
    RULES,
    ConfigError,
    Severity,
    load_config,
    load_config_file,
    ordered_rules,
    run_checks,
)
from tests.checks.factory import found, goal, indicator, report

DOCS = Path(__file__).resolve().parents[2] / "docs" / "checks.md"
SRC = Path(__file__).resolve().parents[2] / "src" / "styrkedja" / "checks"


def bad_count():
    return report(goals=[goal(indicators=[indicator(total=Decimal(22), men=Decimal(11), women=Decimal(1))])])


def test_every_rule_has_an_id_of_its_family_a_severity_and_a_swedish_title():
    assert len(RULES) >= 30
    families = {r.family for r in RULES.values()}
    assert families == {"indicator", "goal", "activity", "economy", "cover", "report", "city"}
    for rule in RULES.values():
        assert re.fullmatch(r"[a-z]+\.[a-z_]+", rule.id)
        assert isinstance(rule.severity, Severity) and rule.title
        assert (rule.threshold is None) == (rule.threshold_doc == "")


def test_the_rules_run_family_by_family():
    families = [r.family for r in ordered_rules()]
    assert families == sorted(
        families, key=["indicator", "goal", "activity", "economy", "cover", "report", "city"].index
    )


def test_every_rule_is_documented_with_its_severity_threshold_and_an_example():
    text = DOCS.read_text(encoding="utf-8")
    for rule in RULES.values():
        section = re.search(rf"^### `{re.escape(rule.id)}`\n(.*?)(?=^### |\Z)", text, re.M | re.S)
        assert section, f"docs/checks.md has no section for {rule.id}"
        body = section.group(1)
        assert f"**{rule.severity.value}**" in body, f"{rule.id}: severity not documented"
        assert "Example" in body and "Why" in body, f"{rule.id}: rationale or example missing"
        if rule.threshold is not None:
            assert "Threshold" in body, f"{rule.id}: threshold not documented"


def test_the_checks_do_not_import_django_nor_name_the_seeds():
    for path in SRC.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from|import) django", source, re.M), path.name
        for seed_word in (
            "Jobbtorg",
            "Stockholmsjobb",
            "feriejobb",
            "Skolverket",
            "Eriksson",
            "Medskapande",
            "9 000",
        ):
            assert seed_word not in source, f"{path.name} names the seed: {seed_word}"


def test_the_json_form_is_the_contract():
    [finding] = [f for f in run_checks(bad_count()) if f.rule == "indicator.gender_sum"]
    data = json.loads(json.dumps(finding.to_json()))
    assert set(data) == {"rule", "severity", "object", "message", "values"}
    assert data["object"] == {"kind": "indicator", "ref": "Antal deltagare i insatsen"}
    assert data["severity"] == "error" and data["values"]["total"] == "22"


def test_findings_come_errors_first():
    doc = bad_count()
    doc.goals[0].indicators[0].forecast = doc.goals[0].indicators[0].target
    ranks = [f.severity.rank for f in run_checks(doc)]
    assert ranks == sorted(ranks) and len(set(ranks)) > 1


def test_a_rule_can_be_switched_off_or_have_its_severity_changed():
    assert (
        found(bad_count(), "indicator.gender_sum", config={"indicator.gender_sum": {"enabled": False}}) == []
    )
    [finding] = found(
        bad_count(), "indicator.gender_sum", config={"rules": {"indicator.gender_sum": {"severity": "info"}}}
    )
    assert finding.severity is Severity.INFO


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"no.such_rule": {}}, "unknown rule"),
        ({"indicator.gender_sum": {"severity": "fatal"}}, "severity"),
        ({"indicator.gender_sum": {"enabled": "no"}}, "enabled"),
        ({"indicator.gender_sum": {"threshold": "many"}}, "expected a number"),
        ({"indicator.unit_mismatch": {"threshold": 1}}, "has no threshold"),
        ({"activity.starts_before_year": {"threshold": 1.5}}, "whole number"),
        ({"indicator.gender_sum": {"level": 1}}, "unknown keys"),
        ({"rules": []}, "mapping"),
    ],
)
def test_a_bad_configuration_is_refused_with_a_clear_message(config, message):
    with pytest.raises(ConfigError, match=message):
        load_config(config)


def test_a_configuration_file_is_read_as_yaml_or_json_and_its_errors_name_the_file(tmp_path):
    yaml_file = tmp_path / "checks.yaml"
    yaml_file.write_text("rules:\n  indicator.gender_sum:\n    threshold: 10\n", encoding="utf-8")
    assert found(bad_count(), "indicator.gender_sum") != []
    assert [
        f for f in run_checks(bad_count(), load_config_file(yaml_file)) if f.rule == "indicator.gender_sum"
    ] == []
    json_file = tmp_path / "checks.json"
    json_file.write_text('{"indicator.gender_sum": {"enabled": false}}', encoding="utf-8")
    assert load_config_file(json_file).overrides["indicator.gender_sum"].enabled is False
    broken = tmp_path / "broken.yaml"
    broken.write_text("indicator.nothing: {}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"broken\.yaml: unknown rule"):
        load_config_file(broken)
