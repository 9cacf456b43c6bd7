"""Parallel writers (docs/concurrency.md): two people saving the same new row, opening the same round,
adding to the same list, or stepping the same part at once get one result and a clean answer each — a
conflict showing what the other saved, or a refusal — never a database error, a deadlock, a lost update
or a duplicate.

The first tests make the race happen deterministically on any database: the service's read of the row is
made to miss a row that a "parallel" writer has stored already, as when both read before either wrote. The
tests marked `postgresql` run the services in real threads against PostgreSQL (`make test` runs the suite
on it too); SQLite runs one writing transaction at a time (`BEGIN IMMEDIATE`), so there is no race to run,
and bench/concurrency.py loads the real server on both.
"""

from __future__ import annotations

import collections
import functools
import re
import sys
import threading
import uuid
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models.query import QuerySet
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import styrkedja
from styrkedja.accounts import people
from styrkedja.budget import editing as budget_editing
from styrkedja.budget.models import PlanEconomy
from styrkedja.edits.versions import Conflict, locked
from styrkedja.followup import cover_editing, economy_editing, values, workflow
from styrkedja.followup.models import (
    ActivityReport,
    AreaForecast,
    Assessment,
    CaseOfficer,
    InvestmentForecast,
    Outcome,
    Part,
    PartStatus,
    Round,
    TurnoverProposal,
    check_open,
)
from styrkedja.followup.values import OutcomeInput
from styrkedja.followup.workflow import open_round
from styrkedja.lib.vocabulary import NoticeKind
from styrkedja.notices import choices
from styrkedja.organisations.models import Role
from styrkedja.plans import editing
from styrkedja.plans import models as pm
from tests.factories import World, add_goal, add_target, as_read, text_of

D = Decimal
SRC = Path(styrkedja.__file__).resolve().parent
postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="threads race only on PostgreSQL; SQLite writes one transaction at a time (docs/concurrency.md)",
)


@pytest.fixture
def round_(world: World) -> Round:
    return open_round(world.committee, "2022-T1", by=None)


# --- The race, made to happen: a row stored by someone else after it was read ----------------------------


def read_before_the_other(monkeypatch: pytest.MonkeyPatch, module: Any) -> None:
    """The service's next lookup of its row finds nothing, as though it read just before a parallel writer
    inserted the row (the writer's insert then meets the unique constraint)."""
    real = module.locked
    calls: list[QuerySet] = []

    def locked_late(queryset: QuerySet) -> QuerySet:
        calls.append(queryset)
        return real(queryset).none() if len(calls) == 1 else real(queryset)

    monkeypatch.setattr(module, "locked", locked_late)


def _outcome(world: World, round_: Round, value: str) -> Any:
    return values.save_outcome(
        round_,
        world.targets["feriejobb"],
        OutcomeInput(total=D(value)),
        by=world.users["controller"],
        expected_version=0,
    )[0]


def _assessment(world: World, round_: Round, value: str) -> Any:
    return values.save_assessment(
        round_,
        world.goals["1.1.1"],
        value="fully",
        analysis=value,
        justification="",
        suggested=None,
        by=world.users["controller"],
        expected_version=0,
    )


def _activity(world: World, round_: Round, value: str) -> Any:
    return values.save_activity_report(
        round_,
        world.activities[0],
        status="ongoing",
        deviation=value,
        by=world.users["controller"],
        expected_version=0,
    )


def _area(world: World, round_: Round, value: str) -> Any:
    return economy_editing.save_area_forecast(
        round_,
        world.areas["Jobbtorg Stockholm"],
        costs=D(value),
        revenues=D(0),
        commentary="",
        by=world.users["controller"],
        expected_version=0,
    )


def _cover(world: World, round_: Round, value: str) -> Any:
    return cover_editing.save_cover(
        round_,
        title=value,
        addressee="",
        meeting_date=None,
        agenda_number="",
        summary_analysis="",
        by=world.users["controller"],
        expected_version=0,
    )


def _economy_texts(world: World, round_: Round, value: str) -> Any:
    return economy_editing.save_economy_texts(
        round_, summary=value, requirement_commentary="", by=world.users["controller"], expected_version=0
    )


def _plan_economy(world: World, round_: Round, value: str) -> Any:
    if value == "4":  # the plan without its economy texts, as a new plan is
        PlanEconomy.objects.filter(plan=world.plan).delete()
    return budget_editing.update_economy_texts(
        world.plan, summary=value, requirement_commentary="", by=world.users["controller"], expected_version=0
    )


def _notice_choice(world: World, round_: Round, value: str) -> Any:
    wanted = {kind: kind != NoticeKind.APPROVED or value == "4" for kind in NoticeKind}
    return choices.save_choice(world.users["reporter"], wanted, expected_version=0)


def _role(world: World, round_: Round, value: str) -> Any:
    role = Role.REPORTER if value == "4" else Role.CONTROLLER
    return people.set_role(world.department, world.users["reader"], role, by=None, expected_version=0)


FIRST_VALUES: list[tuple[Callable[..., Any], Any, str]] = [
    (_outcome, values, "total"),
    (_assessment, values, "analysis"),
    (_activity, values, "deviation"),
    (_area, economy_editing, "costs"),
    (_cover, cover_editing, "title"),
    (_economy_texts, economy_editing, "summary"),
]
OTHER_FIRST_ROWS: list[tuple[Callable[..., Any], Any, str, str]] = [
    (_plan_economy, budget_editing, "summary", "4"),
    (_notice_choice, choices, "approved", "True"),
    (_role, people, "role", "reporter"),
]


@pytest.mark.parametrize(("save", "module", "name"), FIRST_VALUES, ids=lambda v: getattr(v, "__name__", v))
def test_a_first_value_saved_by_someone_else_meanwhile_is_a_conflict_not_a_database_error(
    world, round_, monkeypatch, save, module, name
):
    first = save(world, round_, "4")
    read_before_the_other(monkeypatch, module)
    with pytest.raises(Conflict) as conflict:
        save(world, round_, "5")
    assert str(getattr(conflict.value.current, name)).rstrip("0").rstrip(".") == "4"
    assert conflict.value.current.pk == first.pk
    stored = type(first).objects.get(pk=first.pk)
    assert (stored.version, str(getattr(stored, name)).rstrip("0").rstrip(".")) == (1, "4")


@pytest.mark.parametrize(
    ("save", "module", "name", "first"), OTHER_FIRST_ROWS, ids=lambda v: getattr(v, "__name__", v)
)
def test_other_first_rows_saved_by_someone_else_meanwhile_are_conflicts_too(
    world, round_, monkeypatch, save, module, name, first
):
    save(world, round_, "4")
    read_before_the_other(monkeypatch, module)
    with pytest.raises(Conflict) as conflict:
        save(world, round_, "5")
    assert str(getattr(conflict.value.current, name)) == first


def test_an_account_invited_twice_at_once_is_made_once_and_the_second_told_why(world, monkeypatch):
    invite = {"email": "ny@kommun.se", "role": Role.REPORTER, "by": None, "username": "ny"}
    people.invite(world.committee, **invite)
    real = QuerySet.exists
    calls: list[QuerySet] = []

    def exists_late(queryset: QuerySet) -> bool:  # the name was free when the second one checked
        calls.append(queryset)
        return False if len(calls) == 1 else real(queryset)

    monkeypatch.setattr(QuerySet, "exists", exists_late)
    with pytest.raises(ValidationError) as refused:
        people.invite(world.committee, **invite)
    monkeypatch.undo()
    assert refused.value.message_dict == {"username": ["Det finns redan ett konto med användarnamnet ny."]}


def test_a_round_opened_meanwhile_by_someone_else_is_refused_not_a_database_error(world, monkeypatch):
    open_round(world.committee, "2022-T1", by=None)
    real = QuerySet.exists
    calls: list[QuerySet] = []

    def exists_late(queryset: QuerySet) -> bool:  # the check ran before the other's round was committed
        calls.append(queryset)
        return False if len(calls) == 1 else real(queryset)

    monkeypatch.setattr(QuerySet, "exists", exists_late)
    with pytest.raises(ValidationError, match=r"Uppföljningen 2022-T1 för .* finns redan"):
        open_round(world.committee, "2022-T1", by=world.users["controller"])
    monkeypatch.undo()
    assert Round.objects.filter(period="2022-T1").count() == 1


def test_a_plan_create_of_a_number_or_indicator_taken_meanwhile_is_refused_naming_the_field(world):
    """The forms check first; between their check and the save someone else may have created the same."""
    plan, goal = world.plan, world.goals["1.1.1"]
    with pytest.raises(ValidationError) as refused:
        editing.add_goal(plan, None, {"number": "1", "title": "Samma nummer"}, by=world.users["controller"])
    assert refused.value.message_dict == {"number": ["Planen har redan ett mål med nummer 1."]}
    data = {"name": world.targets["feriejobb"].indicator.name, "unit": "count", "value": "1"}
    with pytest.raises(ValidationError) as refused:
        editing.add_indicator(goal, data, by=world.users["controller"])
    assert refused.value.message_dict == {"name": ["Målet har redan den här indikatorn."]}
    assert pm.Goal.objects.filter(plan=plan, number="1").count() == 1


def test_the_goal_form_shows_a_number_taken_meanwhile_on_the_form(world, client_as, monkeypatch):
    from styrkedja.web.forms.plans import GoalForm

    url = reverse("goal_create", args=[world.plan.pk])
    client = client_as("controller")
    sent = as_read(client, url, {"number": "1", "title": "Samma nummer"})
    monkeypatch.setattr(GoalForm, "clean_number", lambda form: form.cleaned_data["number"])  # checked earlier
    response = client.post(url, sent)
    assert response.status_code == 200
    assert "Planen har redan ett mål med nummer 1." in text_of(response)


def test_a_form_sent_again_after_what_it_created_was_removed_is_told_so(world, client_as):
    url = reverse("activity_create", args=[world.goals["1.1.1"].pk])
    client = client_as("controller")
    sent = as_read(client, url, {"title": "Ny aktivitet", "kind": "committee"})
    assert client.post(url, sent).status_code == 302
    pm.Activity.objects.filter(title="Ny aktivitet").delete()
    response = client.post(url, sent)
    assert response.status_code == 200
    assert "har tagits bort sedan" in text_of(response)


def test_a_forecast_line_emptied_by_someone_else_meanwhile_is_a_conflict_on_the_page(
    world, round_, client_as
):
    investment = world.plan.investments.get()
    url = reverse("round_investment_forecasts", args=[round_.pk])
    line = {f"inv-forecast_{investment.pk}": "3,0", f"inv-version_{investment.pk}": "0"}
    first, second = client_as("controller"), client_as("director")
    assert first.post(url, line).status_code == 302
    read = {f"inv-forecast_{investment.pk}": "2,0", f"inv-version_{investment.pk}": "1"}
    emptied = {f"inv-forecast_{investment.pk}": "", f"inv-version_{investment.pk}": "1"}
    assert first.post(url, emptied).status_code == 302
    response = second.post(url, read)
    assert response.status_code == 409
    assert "en av raderna har tömts" in text_of(response)
    assert not InvestmentForecast.objects.exists()


def test_a_step_on_a_part_decides_on_its_stored_status_not_on_a_page_read_before(world, round_):
    controller, reporter = world.users["controller"], world.users["reporter"]
    part = round_.parts.get(goal=world.goals["1.1.1"])
    workflow.mark_ready(part, by=reporter)
    seen = Part.objects.get(pk=part.pk)  # a controller's page, read while the part was ready
    workflow.return_part(Part.objects.get(pk=part.pk), by=controller, comment="Komplettera")
    with pytest.raises(ValidationError, match="kan inte ändras så"):
        workflow.approve_part(seen, by=controller)
    assert Part.objects.get(pk=part.pk).status == PartStatus.RETURNED


def test_every_row_lock_goes_through_the_edits_app():
    """A bare select_for_update inherits the model's ordering, joins its relations and locks their rows too
    (how the deadlocks of activity statuses began): locks are taken by edits/versions.py alone."""
    offenders = [
        f"{path.relative_to(SRC)}:{number}"
        for path in SRC.rglob("*.py")
        if path.parts[-3:-1] != ("styrkedja", "edits") and "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if "select_for_update" in line
    ]
    assert offenders == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no row locks")
def test_a_lock_names_its_own_rows_only_in_key_order(world, round_):
    with CaptureQueriesContext(connection) as queries:
        _outcome(world, round_, "4")
        _activity(world, round_, "A")
        cover_editing.save_case_officers(
            round_, [cover_editing.CaseOfficerRow("Anna")], by=world.users["controller"], read={}
        )
    locks = [q["sql"] for q in queries.captured_queries if re.search(r"\bFOR (NO KEY )?UPDATE\b", q["sql"])]
    assert len(locks) >= 4
    for sql in locks:
        assert " JOIN " not in sql, sql
        assert re.search(r'FOR (NO KEY )?UPDATE OF "\w+"', sql), sql


# --- Real threads on PostgreSQL ---------------------------------------------------------------------------


def in_parallel(n: int, work: Callable[[int], Any]) -> list[tuple[str, Any]]:
    """Run work(0) … work(n-1) in n threads, started together; ("ok", result) or ("error", exception)."""
    start = threading.Barrier(n)
    results: list[tuple[str, Any]] = [("error", None)] * n

    def run(i: int) -> None:
        try:
            start.wait(timeout=30)
            results[i] = ("ok", work(i))
        except Exception as exc:  # every outcome is looked at by the test
            results[i] = ("error", exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def errors(results: list[tuple[str, Any]]) -> list[type]:
    return [type(value) for kind, value in results if kind == "error"]


@postgresql
@pytest.mark.django_db(transaction=True)
def test_parallel_openings_of_a_round_make_one_round_and_clean_refusals(world):
    results = in_parallel(8, lambda i: open_round(world.committee, "2022-T1", by=world.users["controller"]))
    assert sum(kind == "ok" for kind, _ in results) == 1
    assert errors(results) == [ValidationError] * 7
    assert Round.objects.filter(period="2022-T1").count() == 1


@postgresql
@pytest.mark.django_db(transaction=True)
def test_parallel_first_values_store_one_row_and_the_others_conflict(world):
    round_ = open_round(world.committee, "2022-T1", by=None)
    for save, _module, _name in FIRST_VALUES:
        results = in_parallel(6, lambda i, save=save: save(world, round_, str(i + 1)))
        assert sum(kind == "ok" for kind, _ in results) == 1, save.__name__
        assert errors(results) == [Conflict] * 5, save.__name__
    assert Outcome.objects.count() == ActivityReport.objects.count() == AreaForecast.objects.count() == 1


@postgresql
@pytest.mark.django_db(transaction=True)
def test_parallel_list_saves_keep_one_list_and_parallel_creates_one_row(world):
    round_ = open_round(world.committee, "2022-T1", by=None)
    controller = world.users["controller"]
    investment = world.plan.investments.get()

    # Everyone read the empty list of case officers and adds themself: one list wins, whole.
    results = in_parallel(
        6,
        lambda i: cover_editing.save_case_officers(
            round_, [cover_editing.CaseOfficerRow(f"Person {i}")], by=controller, read={}
        ),
    )
    assert errors(results) == [Conflict] * 5
    assert CaseOfficer.objects.filter(round=round_).count() == 1

    # Everyone read the empty forecast line: one forecast row.
    results = in_parallel(
        6,
        lambda i: economy_editing.save_investment_forecasts(
            round_, [investment], {investment.pk: (D(i + 1), 0)}, by=controller
        ),
    )
    assert errors(results) == [Conflict] * 5
    assert InvestmentForecast.objects.filter(round=round_).count() == 1

    # One form sent six times at once creates once; six forms create six rows, one after another.
    token = uuid.uuid4()
    area = world.areas["Jobbtorg Stockholm"]

    def turnover(i: int, token: uuid.UUID | None) -> Any:
        return economy_editing.save_turnover(
            round_,
            area=area,
            heading="",
            label=f"Rad {i}",
            costs=D(1),
            revenues=D(-1),
            by=controller,
            token=token,
        )

    assert errors(in_parallel(6, lambda i: turnover(i, token))) == []
    assert TurnoverProposal.objects.count() == 1
    assert errors(in_parallel(6, lambda i: turnover(i, uuid.uuid4()))) == []
    assert sorted(TurnoverProposal.objects.values_list("position", flat=True)) == [1, 2, 3, 4, 5, 6, 7]


def until_saved(save: Callable[[], Any]) -> bool:
    """Save in one transaction, reading again and saving again after a conflict, as a person would."""
    for _attempt in range(30):
        try:
            with transaction.atomic():
                save()
        except Conflict:
            continue
        return True
    return False


@postgresql
@pytest.mark.django_db(transaction=True)
def test_sixteen_people_working_in_two_parts_lose_nothing_and_never_deadlock(world):
    """The issue's case: sixteen people in two parts at once, each saving all the activity statuses of a
    part together (as the page does), the goal's assessment and an indicator's outcome, again after a
    conflict. Every save is a version of its row, and no one meets a deadlock."""
    second = add_goal(world.plan, "1.1.2", "Ett andra nämndmål", pm.GoalLevel.COMMITTEE, world.goals["1.1"])
    add_target(second, "Antal deltagare", unit=pm.Unit.COUNT, value="10")
    for position in (1, 2, 3):
        pm.Activity.objects.create(
            plan=world.plan, goal=second, title=f"Aktivitet {position}", position=position
        )
    round_ = open_round(world.committee, "2022-T1", by=None)
    goals = [world.goals["1.1.1"], second]
    controller = world.users["controller"]

    def version(model: Any, **lookup: Any) -> int:
        row = model.objects.filter(round=round_, **lookup).first()
        return row.version if row is not None else 0

    def work(i: int) -> collections.Counter[str]:
        goal = goals[i % 2]
        activities = list(pm.Activity.objects.filter(goal=goal).order_by("position"))
        target = pm.Target.objects.filter(goal=goal).select_related("indicator").order_by("position").first()

        def statuses(n: int) -> None:
            read = {a.pk: version(ActivityReport, activity=a) for a in activities}
            for activity in activities:
                values.save_activity_report(
                    round_,
                    activity,
                    status="ongoing",
                    deviation=f"{i}/{n}",
                    by=controller,
                    expected_version=read[activity.pk],
                )

        def assessment(n: int) -> None:
            values.save_assessment(
                round_,
                goal,
                value="partly",
                analysis=f"{i}/{n}",
                justification="",
                suggested=None,
                by=controller,
                expected_version=version(Assessment, goal=goal),
            )

        def outcome(n: int) -> None:
            values.save_outcome(
                round_,
                target,
                OutcomeInput(total=D(i * 10 + n), comment=f"{i}/{n}"),
                by=controller,
                expected_version=version(Outcome, target=target),
            )

        saved: collections.Counter[str] = collections.Counter()
        for n in range(3):
            for save in (statuses, assessment, outcome):
                saved[save.__name__] += until_saved(functools.partial(save, n))
        return saved

    results = in_parallel(16, work)
    assert errors(results) == []
    for index, goal in enumerate(goals):
        saves = sum(
            (counts for i, (_, counts) in enumerate(results) if i % 2 == index), collections.Counter()
        )
        assert saves == {"statuses": 24, "assessment": 24, "outcome": 24}
        rows = [
            *ActivityReport.objects.filter(round=round_, activity__goal=goal),
            Assessment.objects.get(round=round_, goal=goal),
            Outcome.objects.get(round=round_, target__goal=goal),
        ]
        for row in rows:  # every save is one version of the row, in its history
            assert row.version == row.history.count() == 24


@postgresql
@pytest.mark.django_db(transaction=True)
def test_an_approval_waits_for_a_write_under_way(world):
    round_ = open_round(world.committee, "2022-T1", by=None)
    writing, done = threading.Event(), threading.Event()

    def write() -> None:
        try:
            with transaction.atomic():
                check_open(round_)
                writing.set()
                done.wait(timeout=30)
        finally:
            connection.close()

    writer = threading.Thread(target=write)
    writer.start()
    assert writing.wait(timeout=30)
    try:
        with pytest.raises(DatabaseError, match="could not obtain lock"), transaction.atomic():
            # What approve_round takes first (edits/versions.py `relock`), here without waiting.
            list(
                Round.objects.filter(pk=round_.pk).select_for_update(nowait=True, of=("self",)).order_by("pk")
            )
    finally:
        done.set()
        writer.join(timeout=30)
    with transaction.atomic():
        assert locked(Round.objects.filter(pk=round_.pk)).get().pk == round_.pk


def test_an_insert_refused_for_another_reason_is_not_taken_for_a_race(world, round_, monkeypatch):
    """Only a row that a parallel writer stored makes a conflict; any other refusal stays an error."""
    from styrkedja.edits import versions

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise IntegrityError("some other constraint")

    monkeypatch.setattr(versions, "save_by", refuse)
    with pytest.raises(IntegrityError):
        _outcome(world, round_, "4")
    assert not Outcome.objects.exists()


# --- bench/concurrency.py's check of the database afterwards -------------------------------------------


def load_bench() -> Any:
    import importlib.util

    path = Path(__file__).resolve().parents[2] / "bench" / "concurrency.py"
    spec = importlib.util.spec_from_file_location("bench_concurrency", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_bench_finds_a_lost_update_and_a_duplicate_and_nothing_in_a_sound_history(world, round_):
    bench = load_bench()
    controller, target = world.users["controller"], world.targets["feriejobb"]
    saves = []
    for read, comment in enumerate(["först", "sedan"]):
        values.save_outcome(
            round_, target, OutcomeInput(comment=comment), by=controller, expected_version=read
        )
        saves.append(
            {"kind": "outcome", "round": round_.pk, "key": target.pk, "read": read, "value": comment}
        )
    area = world.areas["Jobbtorg Stockholm"]
    economy_editing.save_turnover(
        round_,
        area=area,
        heading="",
        label="Rad",
        costs=D(1),
        revenues=D(-1),
        by=controller,
        token=uuid.uuid4(),
    )
    creates = [{"kind": "turnover", "marker": "Rad", "accepted": 2}]
    sound = bench.check({"values": saves, "creates": creates})
    assert (sound["lost_updates"], sound["duplicates"]) == (0, 0)

    # A save the page accepted that is not in the history (overwritten unseen), and one create made twice.
    lost = {"kind": "outcome", "round": round_.pk, "key": target.pk, "read": 1, "value": "borta"}
    TurnoverProposal.objects.create(round=round_, area=area, label="Rad", costs=D(1), revenues=D(-1))
    found = bench.check({"values": [*saves, lost], "creates": creates})
    assert (found["lost_updates"], found["duplicates"]) == (1, 1)
    assert any("'borta' read at version 1 not in history" in p for p in found["problems"])
