"""The registry of definitions: checked on load, linked to the plan's indicators by name."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from styrkedja.analytics.registry import REGISTRY_FILE, RegistryError, load_registry

DEMO_PLAN = Path(__file__).resolve().parents[2] / "src" / "styrkedja" / "demo" / "amn-2022.yaml"


def _indicator_names(goals: list[dict]) -> set[str]:
    names: set[str] = set()
    for goal in goals:
        names |= {i["name"] for i in goal.get("indicators") or []}
        names |= _indicator_names(goal.get("goals") or [])
    return names


def test_every_linked_name_is_an_indicator_of_the_demo_plan() -> None:
    plan = yaml.safe_load(DEMO_PLAN.read_text(encoding="utf-8"))
    names = _indicator_names(plan["goals"])
    registry = load_registry()
    for definition in registry:
        assert definition.indicators, f"{definition.id} answers no indicator"
        for name in definition.indicators:
            assert name in names, f"{definition.id}: '{name}' is not in the demo plan"


def test_an_indicator_is_found_by_its_name_whatever_the_spacing_and_case() -> None:
    registry = load_registry()
    found = registry.for_indicator("  antal aspiranter som\n fått STOCKHOLMSJOBB ")
    assert found is not None and found.id == "jobbtorg.stockholmsjobb"
    assert registry.for_indicator("Sjukfrånvaro") is None


def test_the_hash_changes_with_the_sql_not_with_the_description() -> None:
    definition = load_registry().get("komvux.passed.sfi")
    assert definition.model_copy(update={"description": "annan text"}).sha256 == definition.sha256
    assert definition.model_copy(update={"where": "school_form = 'sfi'"}).sha256 != definition.sha256


def _registry_with(tmp_path: Path, **changes: object) -> Path:
    data = yaml.safe_load(REGISTRY_FILE.read_text(encoding="utf-8"))
    data["definitions"] = [{**data["definitions"][0], **changes}]
    path = tmp_path / "definitions.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"where": "enroled_on IS NOT NULL"}, "definition jobbtorg.action_plan_5_days, where:"),
        ({"date": "plan_on + 'x'"}, "date:"),
        ({"tables": ["courses"]}, 'column "enrolled_on" not found'),
        ({"tables": ["people"]}, "unknown table 'people'"),
        ({"value": "numerator / total"}, "unknown name 'total'"),
        ({"value": "__import__('os')"}, "value:"),
        ({"kind": "count"}, "a count has neither numerator nor value"),
        ({"numerator": "1; DROP TABLE enrolments"}, "without ';'"),
    ],
)
def test_a_broken_definition_is_refused_with_its_id_and_field(
    tmp_path: Path, changes: dict, message: str
) -> None:
    with pytest.raises(RegistryError, match=r"definitions\.yaml") as caught:
        load_registry(_registry_with(tmp_path, **changes))
    assert message in str(caught.value)
