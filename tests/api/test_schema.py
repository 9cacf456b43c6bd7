"""schemathesis against the live schema, in the suite: every operation of /api/v1/openapi.json is called
with generated requests (valid ones with the world's real ids, and arbitrary ones, valid and invalid), as
a controller with a read-and-write token. No answer may be a server error, and every answer must be
documented: its status, its media type and its body's schema. The examples are bounded, so it runs in
well under a minute."""

from __future__ import annotations

import os
from decimal import Decimal

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from styrkedja.exchange import excel
from styrkedja.exchange.models import WorkbookUpload
from styrkedja.exchange.tokens import create_token
from styrkedja.followup.models import AdjustmentRequest, TurnoverProposal
from styrkedja.wsgi import application

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
#: Examples per operation (STYRKEDJA_API_EXAMPLES=200 for a deeper run by hand).
EXAMPLES = int(os.environ.get("STYRKEDJA_API_EXAMPLES", "6"))
#: derandomized in the suite (the same examples every run); a deeper run by hand draws new ones.
DERANDOMIZE = "STYRKEDJA_API_EXAMPLES" not in os.environ


def real_ids(world, round_, user) -> dict[str, object]:
    part = round_.parts.get(goal__isnull=False)
    area = world.areas["Jobbtorg Stockholm"]
    turnover = TurnoverProposal.objects.create(
        round=round_, area=area, label="Extern finansiering", costs=Decimal(1), revenues=Decimal(-1)
    )
    adjustment = AdjustmentRequest.objects.create(round=round_, amount=Decimal(2), reason="Lokaler")
    upload = WorkbookUpload.objects.create(
        round=round_, user=user, filename="t1.xlsx", sha256="-", content=excel.build_workbook(round_, by=None)
    )
    own_token, _ = create_token(user, name="att återkalla", scope="read", days=1)
    return {
        "code": world.committee.code,
        "plan_id": world.plan.pk,
        "goal_id": world.goals["1.1.1"].pk,
        "target_id": world.targets["feriejobb"].pk,
        "activity_id": world.activities[0].pk,
        "round_id": round_.pk,
        "part_id": part.pk,
        "area_id": world.areas["Jobbtorg Stockholm"].pk,
        "fmt": "html",
        "turnover_id": turnover.pk,
        "adjustment_id": adjustment.pk,
        "line_id": world.plan.revenue_requirements.order_by("position").first().pk,
        "upload_id": upload.pk,
        "token_id": own_token.pk,
        "resource": "budget",
    }


@pytest.fixture
def wsgi_keeps_the_test_connection():
    """Calls through the WSGI application keep the test's database connection, as Django's test client
    does: the handler's request signals would close it (a connection inside the test's transaction is
    "unusable" to them), which on PostgreSQL ends the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db(transaction=False)
@pytest.mark.usefixtures("wsgi_keeps_the_test_connection")
def test_the_api_answers_every_generated_request_as_its_schema_says(world, round_):
    controller = world.users["controller"]
    _, token = create_token(controller, name="schemathesis", scope="write", days=1)
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
    ids = real_ids(world, round_, controller)
    failures: list[str] = []
    statuses: dict[int, int] = {}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:
        names = {p.name for p in operation.path_parameters}
        known = {name: ids[name] for name in names if name in ids}
        strategies = [operation.as_strategy(path_parameters=known)] if known else []
        strategies.append(operation.as_strategy())
        strategies.append(operation.as_strategy(generation_mode=schemathesis.GenerationMode.NEGATIVE))

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=DERANDOMIZE,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=st.one_of(*strategies))
        def run(case):
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            try:
                case.validate_response(response, checks=CHECKS)
            except Exception as exc:  # collect them all, then fail once
                failures.append(f"{case.operation.label}: {exc}"[:1500])

        run()
    assert not failures, "\n\n".join(failures[:10])
    # Real ids reached real answers, arbitrary ones the refusals.
    assert statuses.get(200, 0) >= len(operations), statuses
    assert statuses.get(404, 0) and statuses.get(422, 0), statuses
    print(statuses)
