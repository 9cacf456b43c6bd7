"""A plan's life cycle in the browser: a director adopts it with the decision's date and reference, edit
pages then refuse, the plan is opened for revision and the revision adopted with what changed shown."""

from __future__ import annotations

import re
from decimal import Decimal

from django.urls import reverse

from styrkedja.lib.vocabulary import PlanStatus
from styrkedja.plans.models import Plan, PlanDecision, Target
from tests.factories import as_read


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def adopt(client, plan, date="2021-12-14", reference="AMN 2021/123 § 5"):
    url = reverse("plan_adopt", args=[plan.pk])
    return client.post(url, as_read(client, url, {"decided_on": date, "reference": reference}))


def test_a_director_adopts_the_plan_and_its_pages_say_so(world, client_as):
    client = client_as("director")
    assert "Fastställ planen" in client.get(reverse("plan", args=[world.plan.pk])).content.decode()
    response = adopt(client, world.plan)
    assert response.status_code == 302
    plan = Plan.objects.get(pk=world.plan.pk)
    assert plan.status == PlanStatus.ADOPTED
    page = text_of(client_as("reader").get(reverse("plan", args=[plan.pk])))
    assert "Status: Fastställd" in page and "AMN 2021/123 § 5" in page and "2021-12-14" in page
    assert "Planen är fastställd och kan inte ändras" in page
    assert "Öppna för revidering" not in page  # a reader decides nothing
    assert "Lägg till mål" not in text_of(client_as("controller").get(reverse("plan", args=[plan.pk])))
    refused = client_as("controller").get(reverse("goal_edit", args=[world.goals["1.1.1"].pk]))
    assert refused.status_code == 409 and "fastställd av nämnden" in refused.content.decode()
    history = text_of(client_as("reader").get(reverse("history", args=["plan", plan.pk])))
    assert "Beslut 1: Fastställd" in history and "av director" in history


def test_a_missing_or_bad_date_and_reference_are_told_beside_the_fields(world, client_as):
    response = adopt(client_as("director"), world.plan, date="14/12", reference="")
    page = text_of(response)
    assert response.status_code == 200
    assert "Skriv datumet som 2021-12-14" in page and "Ange beslutets referens" in page
    assert Plan.objects.get(pk=world.plan.pk).status == PlanStatus.DRAFT


def test_a_revision_is_opened_changed_and_adopted_with_its_changes_shown(world, client_as):
    client = client_as("director")
    adopt(client, world.plan)
    url = reverse("plan_revision", args=[world.plan.pk])
    assert client.post(url, as_read(client, url, {})).status_code == 302
    assert Plan.objects.get(pk=world.plan.pk).status == PlanStatus.REVISING
    target = world.targets["inskrivningstid"]
    Target.objects.filter(pk=target.pk).update(value=Decimal("4.5"))
    form = text_of(client.get(reverse("plan_adopt", args=[world.plan.pk])))
    assert "Det här ändras" in form and "Årsmål: 5,5 → 4,5" in form
    assert adopt(client, world.plan, date="2022-05-17", reference="AMN 2022/45 § 3").status_code == 302
    decision = PlanDecision.objects.get(plan=world.plan, number=2)
    page = text_of(client_as("reader").get(reverse("plan_decision", args=[decision.pk])))
    assert "Reviderad, version 2" in page and "AMN 2022/45 § 3" in page and "Årsmål: 5,5 → 4,5" in page
    assert Plan.objects.get(pk=world.plan.pk).status == PlanStatus.REVISED


def test_a_draft_cannot_be_opened_for_revision(world, client_as):
    client = client_as("director")
    url = reverse("plan_revision", args=[world.plan.pk])
    assert "Bara en fastställd plan" in text_of(client.get(url))
    response = client.post(url, {"version": Plan.objects.get(pk=world.plan.pk).version})
    assert response.status_code == 200 and "Bara en fastställd plan" in text_of(response)


def test_another_organisations_decision_is_not_found(world, client_as):
    decision = PlanDecision.objects.create(
        plan=world.other_plan, number=1, kind="adopted", decided_on="2021-12-14", reference="X 1"
    )
    assert client_as("admin").get(reverse("plan_decision", args=[decision.pk])).status_code == 404
