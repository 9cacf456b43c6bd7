"""Every endpoint of the API × every role → the expected answer, as the web's access matrices
(tests/web/test_access_matrix.py, tests/web/test_followup_access.py): readers read; reporters also write a
part's values; controllers change the plan, every value of the round and the economics. Someone without a
role in the organisation gets 404 (as if the object did not exist), a role too low 403, a caller without
credentials 401. A test fails for an endpoint without a row here."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from styrkedja.api.main import api
from styrkedja.followup.models import ActivityReport, AreaForecast, Assessment, Outcome, Round, RoundStatus
from styrkedja.plans.models import Activity, Goal, Target
from tests.api.conftest import ROLES, ApiClient
from tests.factories import version_of

ANYONE = set(ROLES)
READER = {"reader", "reporter", "controller", "director", "admin", "superuser"}
REPORTER = READER - {"reader"}
CONTROLLER = REPORTER - {"reporter"}

Body = Callable[[], dict[str, Any]] | None


def endpoints(world, round_) -> dict[str, tuple[str, str, Body, set[str]]]:
    """name → (method, path, body (read when sent, so its version is the current one), roles answered 200)."""
    plan, goal, target = world.plan, world.goals["1.1.1"], world.targets["feriejobb"]
    activity, area = world.activities[0], world.areas["Jobbtorg Stockholm"]
    part = round_.parts.get(goal__isnull=False)
    r = round_.pk
    return {
        "list_organisations": ("GET", "/organisations", None, ANYONE),
        "get_organisation": ("GET", f"/organisations/{world.committee.code}", None, READER),
        "list_plans": ("GET", "/plans", None, ANYONE),
        "get_plan": ("GET", f"/plans/{plan.pk}", None, READER),
        "patch_goal": (
            "PATCH",
            f"/goals/{goal.pk}",
            lambda: {"version": version_of(Goal, pk=goal.pk), "comment": "Ändrad via API"},
            CONTROLLER,
        ),
        "patch_target": (
            "PATCH",
            f"/targets/{target.pk}",
            lambda: {"version": version_of(Target, pk=target.pk), "value": "96"},
            CONTROLLER,
        ),
        "patch_activity": (
            "PATCH",
            f"/activities/{activity.pk}",
            lambda: {"version": version_of(Activity, pk=activity.pk), "title": "Genomlysning av sfi"},
            CONTROLLER,
        ),
        "list_rounds": ("GET", "/rounds", None, ANYONE),
        "get_round": ("GET", f"/rounds/{r}", None, READER),
        "get_part": ("GET", f"/parts/{part.pk}", None, READER),
        "list_outcomes": ("GET", f"/rounds/{r}/outcomes", None, READER),
        "put_outcome": (
            "PUT",
            f"/rounds/{r}/outcomes/{target.pk}",
            lambda: {"version": version_of(Outcome, round=round_, target=target), "total": "40"},
            REPORTER,
        ),
        "list_assessments": ("GET", f"/rounds/{r}/assessments", None, READER),
        "put_assessment": (
            "PUT",
            f"/rounds/{r}/assessments/{goal.pk}",
            lambda: {"version": version_of(Assessment, round=round_, goal=goal), "analysis": "Analys."},
            REPORTER,
        ),
        "list_activity_reports": ("GET", f"/rounds/{r}/activity-reports", None, READER),
        "put_activity_report": (
            "PUT",
            f"/rounds/{r}/activity-reports/{activity.pk}",
            lambda: {
                "version": version_of(ActivityReport, round=round_, activity=activity),
                "status": "ongoing",
            },
            REPORTER,
        ),
        "list_forecasts": ("GET", f"/rounds/{r}/forecasts", None, READER),
        "put_forecast": (
            "PUT",
            f"/rounds/{r}/forecasts/{area.pk}",
            lambda: {
                "version": version_of(AreaForecast, round=round_, area=area),
                "costs": "420.0",
                "revenues": "-58.4",
            },
            CONTROLLER,
        ),
        "list_findings": ("GET", f"/rounds/{r}/findings", None, READER),
        "get_rollup": ("GET", f"/rounds/{r}/rollup", None, READER),
        "get_organisation_rollup": (
            "GET",
            f"/organisations/{world.committee.code}/rollup?period=2022-T1",
            None,
            READER,
        ),
        "plan_report": ("GET", f"/plans/{plan.pk}/report/html", None, READER),
        "round_report": ("GET", f"/rounds/{r}/report/html", None, READER),
    }


def expected(role: str, allowed: set[str]) -> int:
    if role in allowed:
        return 200
    if role in {"nobody", "outsider"}:
        return 404
    return 403


def _operation_ids() -> list[str]:
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return [op["operationId"] for path in schema["paths"].values() for op in path.values()]


def _names() -> list[str]:
    return [
        "list_organisations",
        "get_organisation",
        "list_plans",
        "get_plan",
        "patch_goal",
        "patch_target",
        "patch_activity",
        "list_rounds",
        "get_round",
        "get_part",
        "list_outcomes",
        "put_outcome",
        "list_assessments",
        "put_assessment",
        "list_activity_reports",
        "put_activity_report",
        "list_forecasts",
        "put_forecast",
        "list_findings",
        "get_rollup",
        "get_organisation_rollup",
        "plan_report",
        "round_report",
    ]


def test_every_endpoint_has_a_row_in_the_matrix(world, round_):
    ops = {op.removeprefix("styrkedja_api_endpoints_").split("_", 1)[1] for op in _operation_ids()}
    missing = ops - set(endpoints(world, round_))
    assert not missing, f"endpoints without a row in the API's access matrix: {sorted(missing)}"
    assert ops == set(_names()) == set(endpoints(world, round_))


@pytest.mark.parametrize("name", _names())
def test_it_answers_every_role_as_the_matrix_says(world, api_as, round_, name):
    method, path, body, allowed = endpoints(world, round_)[name]
    answers = {}
    for role in ROLES:
        client = api_as(role)
        response = client.request(method, path, body() if body else None)
        answers[role] = response.status_code
        if response.status_code != 200:
            assert response["Content-Type"] == "application/problem+json", (role, response.content)
    assert answers == {role: expected(role, allowed) for role in ROLES}


@pytest.mark.parametrize("name", _names())
def test_it_answers_401_without_credentials(world, round_, name):
    method, path, body, _ = endpoints(world, round_)[name]
    response = ApiClient().request(method, path, body() if body else None)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401


WRITES = [n for n in _names() if n.startswith(("put_", "patch_"))]


@pytest.mark.parametrize("name", WRITES)
def test_a_read_token_may_not_write(world, api_as, round_, name):
    method, path, body, _ = endpoints(world, round_)[name]
    response = api_as("admin", scope="read").request(method, path, body())
    assert response.status_code == 403
    assert response.json()["type"].endswith("read-only-token")


@pytest.mark.parametrize("name", WRITES)
def test_a_write_to_a_locked_round_or_its_plan_answers_409(world, api_as, round_, name):
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.LOCKED)
    method, path, body, _ = endpoints(world, round_)[name]
    response = api_as("controller").request(method, path, body())
    assert response.status_code == 409
    problem = response.json()
    assert problem["type"].endswith("/locked")
    assert "godkänd och låst" in problem["detail"]
    # A reader is still told 403 and an outsider 404 first: the lock is no one else's business.
    assert api_as("reader").request(method, path, body()).status_code == 403
    assert api_as("outsider").request(method, path, body()).status_code == 404


def test_another_organisations_objects_answer_404_whatever_ones_role(world, api_as):
    other = world.other_plan
    for role in ("reader", "controller", "admin"):
        assert api_as(role).get(f"/plans/{other.pk}").status_code == 404
    assert api_as("outsider").get(f"/plans/{other.pk}").status_code == 200
    listed = api_as("controller").get("/plans").json()
    assert [p["organisation"] for p in listed["items"]] == ["amn"]


def test_money_is_exact(world, api_as, round_):
    area = world.areas["Jobbtorg Stockholm"]
    plan = api_as("reader").get(f"/plans/{world.plan.pk}").json()
    jobbtorg = next(a for a in plan["budget"]["areas"] if a["id"] == area.pk)
    assert Decimal(jobbtorg["costs"]["vp2022"]) == Decimal("425.9")
    assert Decimal(plan["budget"]["total_net"]["vp2022"]) == Decimal("995.3")
