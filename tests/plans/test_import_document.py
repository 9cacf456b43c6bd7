"""The seed VP 2022 through `import-document` into the database and back out of `plan export`."""

import json

import pytest
from django.core.management import CommandError, call_command

from styrkedja.importers.layouts.stockholm.plan import parse_plan_text
from styrkedja.planfiles.schema import OrganisationRef
from styrkedja.plans.models import Activity, ExpectedResult, Goal, Target
from tests.importers.example_layout import EXAMPLE, registered

VP = "000_bb76e5e2b4aeeaea.txt"
T1 = "002_92e32f79cbecfdb4.txt"
pytestmark = [pytest.mark.django_db, pytest.mark.seeds]


def export_json(capsys) -> dict:
    capsys.readouterr()
    call_command("plan", "export", "--organisation", "amn", "--year", "2022", "--format", "json")
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def imported(seeds_dir, capsys):
    call_command(
        "import_document", str(seeds_dir / VP), "--organisation", "amn", "--name", "Arbetsmarknadsnämnden"
    )
    return capsys.readouterr().out


def test_the_seed_plan_lands_whole_in_the_database(imported):
    assert "everything in the document was placed" in imported
    assert Goal.objects.filter(level="direction").count() == 3
    assert Goal.objects.filter(level="council_area").count() == 8
    assert Goal.objects.filter(level="committee").count() == 10
    assert Target.objects.count() == 48
    assert Activity.objects.count() == 67
    assert ExpectedResult.objects.count() == 53


def test_the_export_reproduces_every_parsed_cell(imported, seeds_dir, capsys):
    parsed = parse_plan_text(
        (seeds_dir / VP).read_text(encoding="utf-8"),
        organisation=OrganisationRef(code="amn", name="Arbetsmarknadsnämnden"),
    ).plan.model_dump(mode="json")
    exported = export_json(capsys)
    exported["budget"].pop("computed")
    assert exported["goals"] == parsed["goals"]
    assert exported["budget"] == parsed["budget"]


def test_the_economy_adds_up_as_printed(imported, capsys):
    computed = export_json(capsys)["budget"]["computed"]
    assert computed["total_net"] == {"vp2022": 995.3, "vp2021": 888.5, "vp2021_adjusted": 1051.7}
    assert computed["total_costs"]["vp2022"] == 1393.1
    assert computed["total_revenues"]["vp2022"] == -229.5
    assert computed["revenue_requirement_net"]["vp2022"] == -168.3
    assert computed["turnover_total"] == {"costs": 229.5, "revenues": -229.5}
    net = {row["area"]: row["vp2022"] for row in computed["net_by_area"]}
    assert net == {
        "Jobbtorg Stockholm": 367.5,
        "Centrum för samhällsorientering": 0,
        "Vuxenutbildning Stockholm": 677.4,
        "Nämnd och gemensam administration": 88.3,
        "Stadsövergripande verksamheter": 30.4,
    }


def test_indicator_rows_come_back_cell_for_cell(imported, capsys):
    data = export_json(capsys)

    def rows(goals):
        for goal in goals:
            for ind in goal["indicators"]:
                yield goal["number"], ind
            yield from rows(goal["goals"])

    by_name = {ind["name"]: (number, ind) for number, ind in rows(data["goals"])}
    number, jobs = by_name["Antal aspiranter som fått Stockholmsjobb"]
    assert number == "1.1"
    assert (jobs["target"], jobs["kf_target"], jobs["kf_target_mode"], jobs["unit"], jobs["periodicity"]) == (
        550,
        800,
        "value",
        "count",
        "tertial",
    )
    _, plan5 = by_name["Andel inskrivna på Jobbtorg som har en individuell handlingsplan efter fem dagar"]
    assert plan5["as_printed"]["target"] == "100" and plan5["as_printed"]["kf_target"] == "100 %"
    _, summer = by_name["Antal tillhandahållna platser för feriejobb"]
    assert summer["kf_target_mode"] == "delegated_committee_or_board"


def test_the_seed_plan_round_trips_through_a_plan_file(imported, tmp_path, capsys):
    from styrkedja.plans.models import Plan

    capsys.readouterr()
    call_command("plan", "export", "--organisation", "amn", "--year", "2022", "--format", "yaml")
    first = capsys.readouterr().out
    (tmp_path / "amn.yaml").write_text(first, encoding="utf-8")
    Plan.objects.all().delete()
    call_command("plan", "import", str(tmp_path / "amn.yaml"))
    capsys.readouterr()
    call_command("plan", "export", "--organisation", "amn", "--year", "2022", "--format", "yaml")
    assert capsys.readouterr().out == first


def test_a_report_is_read_as_a_follow_up_and_a_dry_run_stores_nothing(seeds_dir, capsys):
    call_command("import_document", str(seeds_dir / T1), "--organisation", "amn", "--dry-run")
    out = capsys.readouterr().out
    assert "follow-up 2021-T1 for amn" in out and "dry run: nothing stored" in out
    assert Goal.objects.count() == 0


def test_a_text_of_no_known_layout_is_refused_naming_the_file_and_the_layouts(tmp_path):
    path = tmp_path / "protokoll.txt"
    path.write_text("Protokoll\n\nNämnden sammanträdde och beslutade.\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        call_command("import_document", str(path), "--organisation", "amn")
    first, stockholm, hint = str(caught.value).splitlines()
    assert first == f"{path}:1: no known layout reads this text (a layout must be at least 0.50 sure):"
    assert stockholm.startswith("  stockholm (City of Stockholm: ") and "missing goal labels" in stockholm
    assert hint == "name the layout with --layout NAME if you know it"


def test_layout_forces_the_layout_named_and_an_unknown_name_is_refused_with_the_known_ones(tmp_path, capsys):
    path = tmp_path / "exempelby.txt"
    path.write_text(EXAMPLE, encoding="utf-8")
    with registered():
        with pytest.raises(CommandError, match=r"exempelby\.txt:1: no goal headings"):
            call_command("import_document", str(path), "--organisation", "kultur", "--layout", "stockholm")
        with pytest.raises(
            CommandError, match=r"^no layout is called 'oslo'; the layouts known are: stockholm, exempelby$"
        ):
            call_command("import_document", str(path), "--organisation", "kultur", "--layout", "oslo")
        assert Goal.objects.count() == 0
        call_command("import_document", str(path), "--organisation", "kultur", "--name", "Kulturnämnden")
    out = capsys.readouterr().out
    assert out.startswith("exempelby.txt: verksamhetsplan 2024 for kultur\n")
    assert "exempelby.txt:7: not a title, goal or indicator line" in out and out.endswith("stored\n")
    assert list(Goal.objects.values_list("number", "title")) == [
        ("1", "Fler lånar böcker"),
        ("2", "Alla barn möter kulturen"),
    ]


def test_naming_the_stockholm_layout_reads_both_seeds_as_detection_does(seeds_dir, capsys):
    for seed in (VP, T1):
        call_command("import_document", str(seeds_dir / seed), "--organisation", "amn", "--dry-run")
        detected = capsys.readouterr().out
        call_command(
            "import_document",
            str(seeds_dir / seed),
            "--organisation",
            "amn",
            "--dry-run",
            "--layout",
            "stockholm",
        )
        assert capsys.readouterr().out == detected


def test_the_demo_plan_loads_and_keeps_the_seed_numbers(capsys):
    call_command("demo")
    assert "admin" in capsys.readouterr().out
    assert Target.objects.filter(plan__year=2022).count() == 48
    assert Activity.objects.filter(plan__year=2022).count() == 67
    computed = export_json(capsys)["budget"]["computed"]
    assert computed["total_net"]["vp2022"] == 995.3
