"""The plan's life cycle from the command line and in the plan file: `plan adopt`, `plan revise`, the
status and decisions exported, imported and exported again to the same text."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from styrkedja.lib.vocabulary import PlanStatus
from styrkedja.plans.models import Plan, PlanDecision, Target

DATA = Path(__file__).parent.parent / "planfiles" / "data"
PLAN = ["--organisation", "testnamnd", "--year", "2022"]


def export(fmt: str, capsys) -> str:
    capsys.readouterr()
    call_command("plan", "export", *PLAN, "--format", fmt)
    return capsys.readouterr().out


@pytest.fixture
def imported(db):
    call_command("plan", "import", str(DATA / "small.yaml"))
    return Plan.objects.get()


def test_a_draft_exports_as_before_without_status_or_decisions(imported, capsys):
    data = yaml.safe_load(export("yaml", capsys))
    assert "status" not in data and "decisions" not in data


def test_adopt_revise_and_adopt_again_from_the_command_line(imported, capsys):
    call_command("plan", "adopt", *PLAN, "--date", "2021-12-14", "--reference", "AMN 2021/123 § 5")
    assert "adopted 2021-12-14, AMN 2021/123 § 5 (version 1, 0 changes)" in capsys.readouterr().out
    with pytest.raises(CommandError, match="öppna den för revidering"):
        call_command("plan", "adopt", *PLAN, "--date", "2021-12-15", "--reference", "AMN 2")
    call_command("plan", "revise", *PLAN)
    assert "opened for revision" in capsys.readouterr().out
    target = Target.objects.get(indicator__name="Genomsnittlig inskrivningstid")
    target.value = 5
    target.save()
    call_command("plan", "adopt", *PLAN, "--date", "2022-05-17", "--reference", "AMN 2022/45 § 3")
    out = capsys.readouterr().out
    assert "revised 2022-05-17, AMN 2022/45 § 3 (version 2, 1 changes)" in out
    assert "changed: Indikatorer: " in out and "Årsmål: 5,5 → 5" in out
    assert Plan.objects.get().status == PlanStatus.REVISED


def test_bad_dates_and_references_are_refused_in_words(imported):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("plan", "adopt", *PLAN, "--date", "14/12", "--reference", "AMN 1")
    with pytest.raises(CommandError, match="referens"):
        call_command("plan", "adopt", *PLAN, "--date", "2021-12-14", "--reference", " ")
    with pytest.raises(CommandError, match="Bara en fastställd plan"):
        call_command("plan", "revise", *PLAN)


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_status_and_decisions_survive_export_import_export(imported, fmt, tmp_path, capsys):
    call_command("plan", "adopt", *PLAN, "--date", "2021-12-14", "--reference", "AMN 2021/123 § 5")
    call_command("plan", "revise", *PLAN)
    target = Target.objects.get(indicator__name="Genomsnittlig inskrivningstid")
    target.value = 5
    target.save()
    call_command("plan", "adopt", *PLAN, "--date", "2022-05-17", "--reference", "AMN 2022/45 § 3")
    first = export(fmt, capsys)
    data = yaml.safe_load(first)
    assert data["status"] == "revised"
    assert [d["reference"] for d in data["decisions"]] == ["AMN 2021/123 § 5", "AMN 2022/45 § 3"]
    assert data["decisions"][1]["changes"][0]["fields"] == [["Årsmål", "5,5", "5"]]
    path = tmp_path / f"plan.{fmt}"
    path.write_text(first, encoding="utf-8")
    Plan.objects.get().decisions.all().delete()
    Plan.objects.filter(pk=Plan.objects.get().pk).update(status=PlanStatus.DRAFT)
    Plan.objects.all().delete()
    call_command("plan", "import", str(path))
    assert export(fmt, capsys) == first
    plan = Plan.objects.get()
    assert plan.status == PlanStatus.REVISED
    assert PlanDecision.objects.get(plan=plan, number=2).snapshot  # the content as imported


@pytest.mark.parametrize(
    ("status", "decisions", "message"),
    [
        ("adopted", [], "does not fit the decisions"),
        ("draft", [{"number": 1, "kind": "adopted", "decided_on": "2021-12-14", "reference": "A"}], "fit"),
        (
            "adopted",
            [{"number": 2, "kind": "adopted", "decided_on": "2021-12-14", "reference": "A"}],
            "number 1",
        ),
        (
            "revised",
            [{"number": 1, "kind": "revised", "decided_on": "2021-12-14", "reference": "A"}],
            "'adopted'",
        ),
        (
            "adopted",
            [{"number": 1, "kind": "adopted", "decided_on": "2021-12-14", "reference": ""}],
            "reference",
        ),
        ("closed", [], "status"),
    ],
)
def test_a_file_with_an_impossible_life_cycle_is_refused(db, tmp_path, status, decisions, message):
    data = yaml.safe_load((DATA / "small.yaml").read_text(encoding="utf-8"))
    data["status"], data["decisions"] = status, decisions
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("plan", "import", str(path))
    assert not Plan.objects.exists()


def test_an_adopted_plan_is_not_replaced_by_an_import(imported, tmp_path, capsys):
    call_command("plan", "adopt", *PLAN, "--date", "2021-12-14", "--reference", "AMN 1")
    with pytest.raises(CommandError, match="fastställd av nämnden"):
        call_command("plan", "import", str(DATA / "small.yaml"), "--replace")
