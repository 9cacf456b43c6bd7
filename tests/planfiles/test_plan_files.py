from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from styrkedja.budget.economy import economy_tables
from styrkedja.plans.models import Goal, Plan, Target

DATA = Path(__file__).parent / "data"


def export(fmt: str, capsys) -> str:
    capsys.readouterr()
    call_command("plan", "export", "--organisation", "testnamnd", "--year", "2022", "--format", fmt)
    return capsys.readouterr().out


def database_snapshot() -> list[tuple]:
    from django.apps import apps

    return [
        (model.__name__, model.objects.count())
        for model in apps.get_models()
        if model.__module__.startswith("styrkedja")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_import_export_gives_identical_text(fmt, tmp_path, capsys, django_db_blocker):
    call_command("plan", "import", str(DATA / "small.yaml"))
    first = export(fmt, capsys)
    path = tmp_path / f"plan.{fmt}"
    path.write_text(first, encoding="utf-8")
    Plan.objects.all().delete()  # cascade leaves indicators and organisations: import must reuse them
    call_command("plan", "import", str(path))
    assert export(fmt, capsys) == first


@pytest.mark.django_db
def test_it_stores_decimals_exactly_and_computes_totals(capsys):
    call_command("plan", "import", str(DATA / "small.yaml"))
    plan = Plan.objects.get()
    tables = economy_tables(plan)
    assert tables.total_costs["vp2022"] == Decimal("1241.6")
    assert tables.total_revenues["vp2022"] == Decimal("-196.7")
    assert tables.total_net["vp2022"] == Decimal("1241.6") - Decimal("196.7") - Decimal("82.6")
    assert tables.turnover_costs == Decimal("58.4")
    target = Target.objects.get(indicator__name="Genomsnittlig inskrivningstid")
    assert target.value == Decimal("5.5") and target.indicator.direction == "lower"
    assert Goal.objects.get(number="1.1.1").expected_results.first().quantified.value == Decimal(60)


@pytest.mark.django_db
def test_the_json_export_has_the_interchange_shape(capsys):
    import json

    call_command("plan", "import", str(DATA / "small.yaml"))
    data = json.loads(export("json", capsys))
    assert data["format"] == "styrkedja.plan/1"
    assert data["organisation"]["code"] == "testnamnd" and data["year"] == 2022
    goal = data["goals"][0]["goals"][0]
    assert goal["level"] == "council_area" and goal["number"] == "1.1"
    ind = goal["indicators"][0]
    assert ind == ind | {
        "name": "Antal som fått jobb",
        "unit": "count",
        "direction": "higher",
        "periodicity": "tertial",
        "gender_split": False,
        "target": 550,
        "kf_target": 800,
        "kf_target_mode": "value",
    }
    assert goal["activities"][0] == goal["activities"][0] | {"start": "2022-01-01", "end": "2022-06-30"}
    assert goal["goals"][0]["expected_results"][0].startswith("Minst 60 procent")
    assert data["budget"]["computed"]["total_net"]["vp2022"] == 962.3


BAD_FILES = {
    "unit": ("    unit: count\n", "    unit: litres\n", "goals[0].goals[0].indicators[0].unit"),
    "kf": ("            kf_target: 800\n", "", "goals[0].goals[0].indicators[0]"),
    "date": (
        "            end: 2022-06-30\n",
        "            end: 2022-13-45\n",
        "goals[0].goals[0].activities[0].end",
    ),
    "revenue sign": (
        "vp2022: {costs: 425.9, revenues: -58.4}",
        "vp2022: {costs: 425.9, revenues: 58.4}",
        "budget.areas[0]",
    ),
    "scale": (
        "            unit: count\n",
        "            unit: scale\n            scale: [5, 1]\n",
        "goals[0].goals[0].indicators[0]",
    ),
    "unknown area": ("  - {area: Vuxenutbildning,", "  - {area: Vuxenutbildningen,", "budget"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_is_refused_naming_line_and_field_and_nothing_changes(case, tmp_path, capsys):
    call_command("plan", "import", str(DATA / "small.yaml"))
    before = database_snapshot()
    old, new, field = BAD_FILES[case]
    text = (DATA / "small.yaml").read_text(encoding="utf-8")
    assert old in text
    bad = text.replace(old, new, 1).replace("year: 2022", "year: 2023")
    path = tmp_path / "bad.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("plan", "import", str(path))
    message = str(error.value)
    assert f"{path}:" in message and field in message
    line = int(message.split(f"{path}:")[1].split(":")[0])
    assert line > 1
    assert database_snapshot() == before


@pytest.mark.django_db
def test_a_broken_yaml_file_names_its_line(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text("format: styrkedja.plan/1\nyear: 2022\ngoals: [\n  - oops: {\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"broken.yaml:\d+: \(syntax\)"):
        call_command("plan", "import", str(path))
    assert Plan.objects.count() == 0


@pytest.mark.django_db
def test_an_existing_plan_is_not_overwritten_without_replace():
    call_command("plan", "import", str(DATA / "small.yaml"))
    with pytest.raises(CommandError, match="already has a plan for 2022"):
        call_command("plan", "import", str(DATA / "small.yaml"))
    call_command("plan", "import", "--replace", str(DATA / "small.yaml"))
    assert Plan.objects.count() == 1


@pytest.mark.django_db
def test_a_failure_half_way_leaves_the_database_as_it_was(monkeypatch):
    from styrkedja.interchange import plan_import as load

    call_command("plan", "import", str(DATA / "small.yaml"))
    before = database_snapshot()
    original = load._load_budget

    def explode(*args, **kwargs):
        original(*args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(load, "_load_budget", explode)
    with pytest.raises(RuntimeError):
        call_command("plan", "import", "--replace", str(DATA / "small.yaml"))
    assert database_snapshot() == before
