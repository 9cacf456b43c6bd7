"""Indicator values from microdata stored in a follow-up round, and the two commands."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.template.loader import render_to_string

from styrkedja.followup.microdata import StoreError, organisation_codes, store_microdata
from styrkedja.followup.models import Outcome, RoundEventKind, RoundLocked, RoundStatus, Source
from styrkedja.followup.workflow import open_round
from styrkedja.organisations.models import Role
from styrkedja.plans import models as pm
from tests.analytics.conftest import write_parquet
from tests.factories import add_target, build_organisations, build_plan, make_user

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def world(tmp_path: Path):
    _city, committee, _department, other = build_organisations()
    plan, goals, targets, _ = build_plan(committee)
    targets["sfi"] = add_target(
        goals["1.1.1"],
        "Andel kursdeltagare inom sfi med godkänt betyg efter fullföljd kurs",
        unit=pm.Unit.PERCENT,
        value="97",
        periodicity=pm.Periodicity.HALF_YEAR,
    )
    user = make_user("controller", role=Role.CONTROLLER, organisation=committee)
    folder = tmp_path / "microdata"
    # Stockholmsjobb: the committee's rows and its department's count, another committee's do not.
    write_parquet(
        folder,
        "measures",
        [{"sex": "K", "organisation": "amn"} for _ in range(6)]
        + [{"sex": "M", "organisation": "amn"} for _ in range(7)]
        + [{"sex": "M", "organisation": "jobbtorg"} for _ in range(2)]
        + [{"sex": "K", "organisation": "utbn"} for _ in range(5)],
    )
    # Self-sufficiency six months after ending (split by gender): 8 women, 3 men in T1 2022.
    ended = {"enrolled_on": D(2021, 1, 4), "ended_on": D(2021, 9, 15), "end_reason": "work"}
    write_parquet(
        folder,
        "enrolments",
        [{**ended, "sex": "K", "self_sufficient_6m": i < 6} for i in range(8)]
        + [{**ended, "sex": "M", "self_sufficient_6m": True} for _ in range(3)],
    )
    done = {"school_form": "sfi", "completed": True, "started_on": D(2022, 1, 10)}
    write_parquet(
        folder,
        "courses",
        [{**done, "grade": "A", "ended_on": D(2022, 6, 30)} for _ in range(9)]
        + [{**done, "grade": "F", "ended_on": D(2022, 7, 1)} for _ in range(9)],
    )
    return {
        "committee": committee,
        "other": other,
        "plan": plan,
        "targets": targets,
        "user": user,
        "folder": folder,
    }


def test_the_committees_units_count_as_its_own(world) -> None:
    assert organisation_codes(world["committee"]) == ["amn", "jobbtorg"]


def test_it_stores_values_with_source_window_and_provenance(world) -> None:
    round_ = open_round(world["committee"], "2022-T1", by=world["user"])
    stored = store_microdata(world["committee"], "2022-T1", world["folder"], by=world["user"])
    targets = world["targets"]

    jobs = Outcome.objects.get(round=round_, target=targets["stockholmsjobb"])
    assert (jobs.total, jobs.men, jobs.women) == (15, None, None)  # not split by gender: the total only
    assert jobs.source == Source.MICRODATA
    assert (jobs.window_start, jobs.window_end) == (D(2022, 1, 1), D(2022, 4, 30))
    assert jobs.provenance["definition"] == "jobbtorg.stockholmsjobb"
    assert jobs.provenance["inputs"][0]["file"] == "measures.parquet"
    assert jobs.provenance["organisations"] == ["amn", "jobbtorg"]

    own = Outcome.objects.get(round=round_, target=targets["självförsörjande"])
    # Three men, and two women who were not self-sufficient (a complement of 2, in the total too): all hidden.
    assert own.total is None and own.men is None and own.women is None
    assert own.provenance["suppressed"] == ["total", "men", "women"]

    skipped = dict(stored.skipped)
    assert "Andel kursdeltagare inom sfi med godkänt betyg efter fullföljd kurs" in skipped  # half-year, T1
    assert not Outcome.objects.filter(round=round_, target=targets["sfi"]).exists()

    record = jobs.history.first()
    assert record.history_user == world["user"] and record.history_change_reason == "Beräknat från mikrodata"
    assert round_.events.filter(action=RoundEventKind.MICRODATA_STORED).count() == 1


def test_a_half_year_indicator_gets_the_first_half_year_in_the_second_tertial(world) -> None:
    round_ = open_round(world["committee"], "2022-T2", by=world["user"])
    store_microdata(world["committee"], "2022-T2", world["folder"], by=world["user"])
    sfi = Outcome.objects.get(round=round_, target=world["targets"]["sfi"])
    assert (sfi.window_start, sfi.window_end) == (D(2022, 1, 1), D(2022, 6, 30))
    assert sfi.total == 100 and sfi.provenance["period"] == "2022-H1"


def test_storing_again_replaces_the_values_and_keeps_the_old_in_the_history(world) -> None:
    round_ = open_round(world["committee"], "2022-T1", by=world["user"])
    target = world["targets"]["stockholmsjobb"]
    Outcome.objects.create(round=round_, target=target, total=3, forecast=600, comment="Inmatat")
    store_microdata(world["committee"], "2022-T1", world["folder"], by=world["user"])
    outcome = Outcome.objects.get(round=round_, target=target)
    assert (outcome.total, outcome.forecast, outcome.comment) == (15, 600, "Inmatat")
    assert [float(h.total) for h in outcome.history.order_by("history_date")] == [3, 15]


def test_a_locked_round_is_refused_and_nothing_is_written(world) -> None:
    round_ = open_round(world["committee"], "2022-T1", by=world["user"])
    round_.status = RoundStatus.LOCKED
    round_.save()
    with pytest.raises(RoundLocked):
        store_microdata(world["committee"], "2022-T1", world["folder"], by=world["user"])
    assert not Outcome.objects.filter(round=round_).exists()
    assert not round_.events.filter(action=RoundEventKind.MICRODATA_STORED).exists()


def test_a_period_without_a_round_is_refused(world) -> None:
    with pytest.raises(StoreError, match="no follow-up for 2022-T2"):
        store_microdata(world["committee"], "2022-T2", world["folder"], by=world["user"])


def _command(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_the_compute_command_prints_the_json_of_the_contract(world, capsys) -> None:
    call_command(
        "indicators",
        "compute",
        "--microdata",
        str(world["folder"]),
        "--period",
        "2022-T1",
        "--organisation",
        "amn",
    )
    reported = json.loads(capsys.readouterr().out)
    assert reported["period"] == "2022-T1" and reported["suppression_threshold"] == 5
    jobs = next(v for v in reported["values"] if v["indicator"] == "jobbtorg.stockholmsjobb")
    assert (jobs["total"], jobs["men"], jobs["women"]) == (15, 9, 6)
    assert jobs["numerator"] == {"total": 15, "men": 9, "women": 6}
    assert jobs["denominator"] == {"total": None, "men": None, "women": None}
    assert jobs["suppressed"] == [] and jobs["provenance"]["definition_sha256"]
    assert not Outcome.objects.exists()


def test_the_compute_command_stores_with_store_and_refuses_a_locked_round(world, capsys) -> None:
    round_ = open_round(world["committee"], "2022-T1", by=world["user"])
    args = [
        "indicators",
        "compute",
        "--microdata",
        str(world["folder"]),
        "--period",
        "2022-T1",
        "--organisation",
        "amn",
    ]
    call_command(*args, "--store", "--format", "text")
    assert "jobbtorg.stockholmsjobb" in capsys.readouterr().out
    assert Outcome.objects.filter(round=round_, source=Source.MICRODATA).count() == 2
    round_.status = RoundStatus.LOCKED
    round_.save()
    with pytest.raises(CommandError, match="låst"):
        call_command(*args, "--store")


def test_the_microdata_commands_generate_and_check(tmp_path: Path) -> None:
    printed = _command("microdata", "generate", "--scale", "small", "--seed", "2", "-o", str(tmp_path / "md"))
    assert "courses" in printed
    assert {p.name for p in (tmp_path / "md").iterdir()} == {
        "enrolments.parquet",
        "measures.parquet",
        "courses.parquet",
        "outreach.parquet",
        "organisations.csv",  # the committee's departments and offices the rows belong to
    }
    assert _command("microdata", "check", str(tmp_path / "md")).count("ok ") == 5  # and organisations.csv
    (tmp_path / "md" / "outreach.parquet").unlink()
    (tmp_path / "md" / "outreach.csv").write_text("person_id,sex\n198112189876,K\n", encoding="utf-8")
    with pytest.raises(
        CommandError, match=r"outreach\.csv, column person_id, row 1: .*personal identity numbers"
    ):
        _command("microdata", "check", str(tmp_path / "md"))


def test_the_provenance_is_shown_in_swedish_beside_the_value() -> None:
    provenance = {
        "definition": "jobbtorg.stockholmsjobb",
        "definition_sha256": "a" * 64,
        "inputs": [{"file": "measures.parquet", "sha256": "b" * 64, "rows": 12345}],
        "program_version": "0.1.0",
        "duckdb_version": "2.0.0",
        "computed_at": "2023-02-01T12:00:00+00:00",
        "window_start": "2022-01-01",
        "window_end": "2022-04-30",
        "suppression_threshold": 5,
        "suppressed": ["men", "women"],
    }
    html = render_to_string("followup/_provenance.html", {"provenance": provenance})
    assert "Beräknat från mikrodata" in html
    assert "aaaaaaaaaaaa</code>" in html and "a" * 13 not in html.replace('title="' + "a" * 64, "")
    assert "measures.parquet: 12\xa0345 rader" in html
    assert "styrkedja 0.1.0" in html and "2023-02-01 12:00 UTC" in html
    assert "män, kvinnor: färre än 5 personer" in html and "inte noll" in html
    assert render_to_string("followup/_provenance.html", {"provenance": {}}).strip() == ""


def test_what_earlier_rounds_published_is_kept_for_the_next_round(world) -> None:
    from styrkedja.followup.microdata import published_patterns

    first = open_round(world["committee"], "2022-T1", by=world["user"])
    store_microdata(world["committee"], "2022-T1", world["folder"], by=world["user"])
    second = open_round(world["committee"], "2022-T2", by=world["user"])
    published = published_patterns(second)
    assert published[("jobbtorg.stockholmsjobb", "2022-T1", "")] == []
    assert ("jobbtorg.self_sufficient_6_months", "2022-T1", "") in published
    assert published_patterns(first) == {}  # a round's own values are not fixed when it is stored again
