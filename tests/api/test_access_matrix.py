"""Every endpoint of the API × every role → the expected answer, as the web's access matrices
(tests/web/test_access_matrix.py, tests/web/test_followup_access.py): readers read; reporters also write a
part's values; controllers change the plan, every value of the round and the economics. Someone without a
role in the organisation gets 404 (as if the object did not exist), a role too low 403, a caller without
credentials 401. A test fails for an endpoint without a row here."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from styrkedja.api.main import api
from styrkedja.exchange import excel
from styrkedja.exchange.models import TableMapping, WorkbookUpload
from styrkedja.exchange.tokens import create_token
from styrkedja.followup.models import (
    ActivityReport,
    AdjustmentRequest,
    AreaForecast,
    Assessment,
    Outcome,
    Part,
    PartStatus,
    ReportCover,
    RequirementForecast,
    Round,
    RoundStatus,
    TurnoverProposal,
)
from styrkedja.lib.vocabulary import ImportKind
from styrkedja.plans.models import Activity, Goal, Target
from tests.api.conftest import ROLES, ApiClient, Multipart
from tests.factories import version_of

ANYONE = set(ROLES)
READER = {"reader", "reporter", "controller", "director", "admin", "superuser"}
REPORTER = READER - {"reader"}
CONTROLLER = REPORTER - {"reporter"}

Body = Callable[[], Any] | None
Path = str | Callable[[], str]
#: A role's answer when it differs from `expected` (e.g. someone else's upload: 404 whatever the role).
Answers = dict[str, int]


def filled_workbook(round_, target) -> bytes:
    """The round's entry workbook with the target's outcome typed in."""
    wb = load_workbook(io.BytesIO(excel.build_workbook(round_, by=None)))
    meta = wb[excel.META_SHEET]
    for sheet, row, target_id, _ in meta.iter_rows(min_row=3, values_only=True):
        if target_id == target.pk:
            wb[sheet].cell(row, excel.ENTRY["total"], 41)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def endpoints(world, round_) -> dict[str, tuple[Any, ...]]:
    """name → (method, path, body, roles answered 2xx[, answers that differ]). The path and the body are read
    when sent (callables), so a version is the current one and a row to remove is a fresh one."""
    plan, goal, target = world.plan, world.goals["1.1.1"], world.targets["feriejobb"]
    activity, area = world.activities[0], world.areas["Jobbtorg Stockholm"]
    part = round_.parts.get(goal__isnull=False)
    line = plan.revenue_requirements.order_by("position").first()
    r = round_.pk
    turnover = TurnoverProposal.objects.create(
        round=round_, area=area, label="Extern finansiering", costs=Decimal("1.0"), revenues=Decimal("-1.0")
    )
    adjustment = AdjustmentRequest.objects.create(round=round_, amount=Decimal("2.0"), reason="Lokaler")
    TableMapping.objects.get_or_create(
        name="Ekonomisystemet",
        kind=ImportKind.BUDGET,
        defaults={
            "columns": {"area": "Område", "costs": "Kostnader", "revenues": "Intäkter"},
            "options": {"year": 2022},
        },
    )
    table = "Område;Kostnader;Intäkter\nJobbtorg Stockholm;430,0;-60,0\n".encode()
    reader_token, _ = create_token(world.users["reader"], name="att återkalla", scope="read", days=1)
    only_owner = {role: 404 for role in ROLES}

    def at(status: str, **extra: Any) -> Callable[[], dict[str, Any]]:
        def body() -> dict[str, Any]:
            Part.objects.filter(pk=part.pk).update(status=status)
            return {"version": version_of(Part, pk=part.pk), **extra}

        return body

    def fresh_period() -> dict[str, Any]:
        Round.objects.filter(organisation=world.committee, period="2022-T2").delete()
        return {"organisation": world.committee.code, "period": "2022-T2"}

    def fresh_row(model, kind: str, **values: Any) -> Callable[[], str]:
        def path() -> str:
            row = model.objects.create(round=round_, **values)
            return f"/rounds/{r}/{kind}/{row.pk}?version={row.version}"

        return path

    def controller_upload() -> str:
        upload = WorkbookUpload.objects.create(
            round=round_, user=world.users["controller"], filename="t1.xlsx", sha256="-",
            content=filled_workbook(round_, target),
        )  # fmt: skip
        return f"/workbook-uploads/{upload.pk}/confirm"

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
        # The world's committee is no kommun: nobody has a city roll-up of it
        # (tests/api/endpoints/test_city_rollup.py reads a real city's).
        "get_city_rollup": (
            "GET",
            f"/organisations/{world.committee.code}/city-rollup?period=2022-T1",
            None,
            set(),
            {role: 404 for role in ROLES},
        ),
        "plan_report": ("GET", f"/plans/{plan.pk}/report/html", None, READER),
        "round_report": ("GET", f"/rounds/{r}/report/html", None, READER),
        # The workflow
        "open_round": ("POST", "/rounds", fresh_period, CONTROLLER),
        "mark_part_ready": ("POST", f"/parts/{part.pk}/ready", at(PartStatus.TODO), REPORTER),
        "approve_part": ("POST", f"/parts/{part.pk}/approve", at(PartStatus.READY), CONTROLLER),
        "return_part": (
            "POST",
            f"/parts/{part.pk}/return",
            at(PartStatus.READY, comment="Komplettera analysen."),
            CONTROLLER,
        ),
        # The cover and the economy rows
        "get_cover": ("GET", f"/rounds/{r}/cover", None, READER),
        "put_cover": (
            "PUT",
            f"/rounds/{r}/cover",
            lambda: {"version": version_of(ReportCover, round=round_), "title": "Tertialrapport 1"},
            CONTROLLER,
        ),
        "list_turnover": ("GET", f"/rounds/{r}/turnover", None, READER),
        "post_turnover": (
            "POST",
            f"/rounds/{r}/turnover",
            lambda: {"area_id": area.pk, "label": "Statsbidrag", "costs": "3.0", "revenues": "-3.0"},
            CONTROLLER,
        ),
        "put_turnover": (
            "PUT",
            f"/rounds/{r}/turnover/{turnover.pk}",
            lambda: {
                "version": version_of(TurnoverProposal, pk=turnover.pk),
                "area_id": area.pk,
                "label": "Extern finansiering",
                "costs": "1.5",
                "revenues": "-1.5",
            },
            CONTROLLER,
        ),
        "delete_turnover": (
            "DELETE",
            fresh_row(
                TurnoverProposal, "turnover", area=area, label="x", costs=Decimal(1), revenues=Decimal(-1)
            ),
            None,
            CONTROLLER,
        ),
        "list_adjustments": ("GET", f"/rounds/{r}/adjustments", None, READER),
        "post_adjustment": (
            "POST",
            f"/rounds/{r}/adjustments",
            lambda: {"amount": "4.0", "reason": "Ökade lokalkostnader", "area_id": area.pk},
            CONTROLLER,
        ),
        "put_adjustment": (
            "PUT",
            f"/rounds/{r}/adjustments/{adjustment.pk}",
            lambda: {
                "version": version_of(AdjustmentRequest, pk=adjustment.pk),
                "amount": "2.5",
                "reason": "Lokaler",
            },
            CONTROLLER,
        ),
        "delete_adjustment": (
            "DELETE",
            fresh_row(AdjustmentRequest, "adjustments", amount=Decimal(1), reason="x"),
            None,
            CONTROLLER,
        ),
        "list_requirements": ("GET", f"/rounds/{r}/requirements", None, READER),
        "put_requirement": (
            "PUT",
            f"/rounds/{r}/requirements/{line.pk}",
            lambda: {
                "version": version_of(RequirementForecast, round=round_, line=line),
                "forecast": "-80.0",
            },
            CONTROLLER,
        ),
        # Excel
        "get_workbook": ("GET", f"/rounds/{r}/workbook", None, READER),
        "upload_workbook": (
            "POST",
            f"/rounds/{r}/workbook-uploads",
            lambda: Multipart(file=SimpleUploadedFile("t1.xlsx", filled_workbook(round_, target))),
            REPORTER,
        ),
        "confirm_workbook": ("POST", controller_upload, None, {"controller"}, only_owner),
        # Table import, Kolada, open data
        "list_mappings": ("GET", "/table-mappings", None, ANYONE),
        "import_table": (
            "POST",
            f"/organisations/{world.committee.code}/table-import",
            lambda: Multipart(file=SimpleUploadedFile("bokslut.csv", table), mapping="Ekonomisystemet"),
            CONTROLLER,
        ),
        "search_kpis": ("GET", "/kolada/kpis?q=ekonomiskt bistånd", None, ANYONE),
        "sync_indicator": (
            "POST",
            f"/targets/{world.targets['självförsörjande'].pk}/kolada-sync",
            None,
            CONTROLLER,
        ),
        "get_datapackage": (
            "GET",
            f"/organisations/{world.committee.code}/open-data/datapackage.json",
            None,
            READER,
        ),
        "get_open_data_csv": (
            "GET",
            f"/organisations/{world.committee.code}/open-data/budget.csv",
            None,
            READER,
        ),
        # The caller's own tokens
        "list_tokens": ("GET", "/tokens", None, ANYONE),
        "create_token": (
            "POST",
            "/tokens",
            lambda: {"name": "Rapportverktyg", "scope": "read", "days": 30},
            ANYONE,
        ),
        "revoke_token": ("DELETE", f"/tokens/{reader_token.pk}", None, {"reader"}, only_owner),
    }


def send(client: ApiClient, entry: tuple[Any, ...]):
    method, path, body = entry[:3]
    return client.request(method, path() if callable(path) else path, body() if body else None)


def answer_of(role: str, entry: tuple[Any, ...]) -> int:
    allowed = entry[3]
    differs = entry[4] if len(entry) > 4 else {}
    return 200 if role in allowed else differs.get(role, expected(role, allowed))


def expected(role: str, allowed: set[str]) -> int:
    if role in allowed:
        return 200
    if role in {"nobody", "outsider"}:
        return 404
    return 403


NEW = [
    "open_round", "mark_part_ready", "approve_part", "return_part",
    "get_cover", "put_cover",
    "list_turnover", "post_turnover", "put_turnover", "delete_turnover",
    "list_adjustments", "post_adjustment", "put_adjustment", "delete_adjustment",
    "list_requirements", "put_requirement",
    "get_workbook", "upload_workbook", "confirm_workbook",
    "list_mappings", "import_table", "search_kpis", "sync_indicator",
    "get_datapackage", "get_open_data_csv",
    "list_tokens", "create_token", "revoke_token", "get_city_rollup",
]  # fmt: skip


def _operation_ids() -> list[str]:
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return [op["operationId"] for path in schema["paths"].values() for op in path.values()]


def _names() -> list[str]:
    return [
        *NEW,
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


@pytest.mark.usefixtures("kolada_linked")
@pytest.mark.parametrize("name", _names())
def test_it_answers_every_role_as_the_matrix_says(world, api_as, round_, name):
    entry = endpoints(world, round_)[name]
    answers = {}
    for role in ROLES:
        response = send(api_as(role), entry)
        # A success is 200, 201 for what is made, 204 for what is removed.
        answers[role] = 200 if response.status_code in (200, 201, 204) else response.status_code
        if response.status_code >= 400:
            assert response["Content-Type"] == "application/problem+json", (role, response.content)
    assert answers == {role: answer_of(role, entry) for role in ROLES}


@pytest.mark.parametrize("name", _names())
def test_it_answers_401_without_credentials(world, round_, name):
    response = send(ApiClient(), endpoints(world, round_)[name])
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401


@cache
def _methods() -> dict[str, str]:
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    return {
        op["operationId"].removeprefix("styrkedja_api_endpoints_").split("_", 1)[1]: method.upper()
        for path in schema["paths"].values()
        for method, op in path.items()
    }


WRITES = [n for n in _names() if _methods()[n] != "GET"]
#: Writes to a round or its plan: refused while the round is locked.
LOCKABLE = [n for n in WRITES if n not in ("open_round", "confirm_workbook", "import_table", "sync_indicator",
            "create_token", "revoke_token")]  # fmt: skip


def test_each_row_has_its_endpoints_method(world, round_):
    methods = _methods()
    assert {name: entry[0] for name, entry in endpoints(world, round_).items()} == methods


@pytest.mark.usefixtures("kolada_linked")
@pytest.mark.parametrize("name", WRITES)
def test_a_read_token_may_not_write(world, api_as, round_, name):
    response = send(api_as("admin", scope="read"), endpoints(world, round_)[name])
    assert response.status_code == 403
    assert response.json()["type"].endswith("read-only-token")


@pytest.mark.parametrize("name", LOCKABLE)
def test_a_write_to_a_locked_round_or_its_plan_answers_409(world, api_as, round_, name):
    method, path, body = endpoints(world, round_)[name][:3]
    entry = (method, path() if callable(path) else path, _evaluated(body))
    Round.objects.filter(pk=round_.pk).update(status=RoundStatus.LOCKED)
    response = send(api_as("controller"), entry)
    assert response.status_code == 409, response.content
    problem = response.json()
    assert problem["type"].endswith("/locked")
    assert "godkänd och låst" in problem["detail"]
    # A reader is still told 403 and an outsider 404 first: the lock is no one else's business.
    assert send(api_as("reader"), entry).status_code == 403
    assert send(api_as("outsider"), entry).status_code == 404


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


def _evaluated(body: Body) -> Body:
    """The body read now (before the round is locked), sent the same each time."""
    if body is None:
        return None
    value = body()
    return lambda: value
