"""A plan an approved follow-up round is built on refuses every change, by any path, until the round is
reopened."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from styrkedja.budget.models import AreaBudget, RevenueRequirementAmount
from styrkedja.followup.models import Round, RoundStatus
from styrkedja.followup.workflow import reopen_round
from styrkedja.interchange.plan_export import dump, export_data
from styrkedja.plans.locking import PlanLocked
from styrkedja.plans.models import Activity, ExpectedResult, Goal, Target


@pytest.fixture
def locked(world) -> Round:
    return Round.objects.create(
        organisation=world.committee, plan=world.plan, period="2022-T1", status=RoundStatus.LOCKED
    )


def test_every_kind_of_plan_content_refuses_to_change(world, locked):
    target = Target.objects.filter(plan=world.plan).first()
    target.value = Decimal(1)
    budget = AreaBudget.objects.filter(area__plan=world.plan).first()
    budget.costs = Decimal("999.9")
    goal = Goal.objects.filter(plan=world.plan).first()
    writes = [
        target.save,
        budget.save,
        goal.save,
        world.plan.save,
        Activity.objects.filter(plan=world.plan).first().delete,
        RevenueRequirementAmount.objects.filter(line__plan=world.plan).first().save,
        lambda: ExpectedResult.objects.create(goal=goal, text="Minst 60 procent"),
        lambda: Goal.objects.create(plan=world.plan, number="9", title="Nytt", level="direction"),
    ]
    for write in writes:
        with pytest.raises(PlanLocked, match=r"2022-T1.*godkänd och låst"):
            write()
    target.refresh_from_db()
    assert target.value != Decimal(1)


def test_another_plan_and_a_reopened_round_are_free(world, locked, django_user_model):
    world.other_plan.title = "Annan plan"
    world.other_plan.save()
    reopen_round(locked, by=world.users["director"], reason="Rättelse av årsmål")
    target = Target.objects.filter(plan=world.plan).first()
    target.value = Decimal(1)
    target.save()
    assert Target.objects.get(pk=target.pk).value == Decimal(1)


def test_an_edit_page_answers_409_and_nothing_changes(world, locked, client_as):
    target = Target.objects.filter(plan=world.plan).first()
    before = target.value
    client = client_as("controller")
    response = client.get(reverse("target_edit", args=[target.pk]))
    assert response.status_code == 409
    assert "uppföljningen 2022-T1, som är godkänd och låst" in response.content.decode()
    area = next(iter(world.areas.values()))
    version = world.versions[0]
    response = client.post(
        reverse("area_budget_edit", args=[area.pk]),
        {f"costs_{version.pk}": "1,0", f"revenues_{version.pk}": "0"},
    )
    assert response.status_code == 409
    target.refresh_from_db()
    assert target.value == before


def test_read_pages_say_why_and_offer_no_edit_links(world, locked, client_as):
    html = client_as("controller").get(reverse("plan", args=[world.plan.pk])).content.decode()
    assert "Planen kan inte ändras just nu" in html
    assert reverse("goal_create", args=[world.plan.pk]) not in html
    goal = Goal.objects.filter(plan=world.plan).first()
    html = client_as("controller").get(reverse("goal", args=[goal.pk])).content.decode()
    assert reverse("goal_edit", args=[goal.pk]) not in html


def test_another_organisations_user_still_gets_404(world, locked, client_as):
    target = Target.objects.filter(plan=world.plan).first()
    assert client_as("outsider").get(reverse("target_edit", args=[target.pk])).status_code == 404


def test_plan_import_replace_is_refused_while_rounds_are_built_on_the_plan(world, locked, tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(dump(export_data(world.plan), "yaml"), encoding="utf-8")
    with pytest.raises(CommandError, match="2022-T1"):
        call_command("plan", "import", str(path), "--replace")
    assert Round.objects.filter(pk=locked.pk).exists()
