"""A plan's life cycle: draft → adopted (date, reference) → opened for revision → revised with what
changed stored; adopted plans locked; only directors and above decide; every step in the history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from styrkedja.budget.models import AreaBudget
from styrkedja.edits.versions import Conflict
from styrkedja.lib.vocabulary import PlanStatus
from styrkedja.plans import lifecycle
from styrkedja.plans.locking import PlanAdopted
from styrkedja.plans.models import Activity, Goal, Plan, PlanDecision, Target

DAY = dt.date(2021, 12, 14)


def version(plan) -> int:
    return Plan.objects.get(pk=plan.pk).version


def test_adopting_stores_the_decision_and_locks_every_kind_of_content(world):
    decision = lifecycle.adopt(
        world.plan,
        decided_on=DAY,
        reference=" AMN  2021/123 § 5 ",
        by=world.users["director"],
        expected_version=version(world.plan),
    )
    assert (decision.number, decision.kind, decision.reference) == (1, "adopted", "AMN 2021/123 § 5")
    assert decision.changes == [] and "Indikatorer" in decision.snapshot
    plan = Plan.objects.get(pk=world.plan.pk)
    assert plan.status == PlanStatus.ADOPTED
    target = Target.objects.filter(plan=plan).first()
    target.value = Decimal(1)
    budget = AreaBudget.objects.filter(area__plan=plan).first()
    budget.costs = Decimal("999.9")
    for write in (
        target.save,
        budget.save,
        plan.save,
        Activity.objects.filter(plan=plan).first().delete,
        lambda: Goal.objects.create(plan=plan, number="9", title="Nytt", level="direction"),
    ):
        with pytest.raises(PlanAdopted, match="fastställd av nämnden"):
            write()
    world.other_plan.title = "Annan plan"
    world.other_plan.save()  # another plan is free


def test_a_revision_stores_what_changed_against_the_adopted_version(world):
    director = world.users["director"]
    lifecycle.adopt(
        world.plan,
        decided_on=DAY,
        reference="AMN 2021/123 § 5",
        by=director,
        expected_version=version(world.plan),
    )
    lifecycle.open_revision(world.plan, by=director, expected_version=version(world.plan))
    target = Target.objects.filter(plan=world.plan).select_related("indicator").first()
    old = target.value
    target.value = Decimal("80")
    target.save()
    budget = AreaBudget.objects.filter(area__plan=world.plan).select_related("area", "version").first()
    budget.costs = budget.costs + 1
    budget.save()
    Activity.objects.filter(plan=world.plan).first().delete()
    pending = lifecycle.pending_changes(Plan.objects.get(pk=world.plan.pk))
    decision = lifecycle.adopt(
        world.plan,
        decided_on=dt.date(2022, 5, 17),
        reference="AMN 2022/45 § 3",
        by=director,
        expected_version=version(world.plan),
    )
    assert decision.number == 2 and decision.kind == "revised"
    assert decision.changes == pending
    by_section = {(c["section"], c["change"]) for c in decision.changes}
    assert ("Indikatorer", "changed") in by_section
    assert ("Aktiviteter", "removed") in by_section
    assert ("Budget per verksamhetsområde", "changed") in by_section
    indicator = next(c for c in decision.changes if c["section"] == "Indikatorer")
    assert ["Årsmål", lifecycle.value_text(old), "80"] in indicator["fields"]
    assert Plan.objects.get(pk=world.plan.pk).status == PlanStatus.REVISED
    assert list(PlanDecision.objects.filter(plan=world.plan).values_list("number", flat=True)) == [1, 2]


def test_every_step_is_in_the_history_with_who_and_why(world):
    director = world.users["director"]
    lifecycle.adopt(
        world.plan,
        decided_on=DAY,
        reference="AMN 2021/123 § 5",
        by=director,
        expected_version=version(world.plan),
    )
    lifecycle.open_revision(world.plan, by=director, expected_version=version(world.plan))
    steps = list(world.plan.history.order_by("-history_id")[:2])
    assert [s.status for s in steps] == ["revising", "adopted"]
    assert {s.history_user for s in steps} == {director}
    assert steps[1].history_change_reason == "Fastställd 2021-12-14, AMN 2021/123 § 5"
    assert PlanDecision.history.get().history_user == director


@pytest.mark.parametrize("name", ["reader", "reporter", "controller"])
def test_below_a_director_no_one_decides(world, name):
    with pytest.raises(PermissionDenied):
        lifecycle.adopt(
            world.plan,
            decided_on=DAY,
            reference="AMN 1",
            by=world.users[name],
            expected_version=version(world.plan),
        )
    assert Plan.objects.get(pk=world.plan.pk).status == PlanStatus.DRAFT


def test_another_organisations_user_is_not_told_the_plan_exists(world):
    with pytest.raises(Http404):
        lifecycle.open_revision(world.plan, by=world.users["outsider"], expected_version=version(world.plan))


def test_steps_out_of_order_and_bad_input_are_refused_in_words(world):
    director = world.users["director"]
    with pytest.raises(ValidationError, match="Bara en fastställd plan"):
        lifecycle.open_revision(world.plan, by=director, expected_version=version(world.plan))
    with pytest.raises(ValidationError, match="referens"):
        lifecycle.adopt(
            world.plan, decided_on=DAY, reference="  ", by=director, expected_version=version(world.plan)
        )
    with pytest.raises(ValidationError, match="högst 100"):
        lifecycle.adopt(
            world.plan, decided_on=DAY, reference="x" * 101, by=director, expected_version=version(world.plan)
        )
    with pytest.raises(ValidationError):
        lifecycle.adopt(
            world.plan, decided_on=DAY, reference="AMN\x00", by=director, expected_version=version(world.plan)
        )
    lifecycle.adopt(
        world.plan, decided_on=DAY, reference="AMN 1", by=director, expected_version=version(world.plan)
    )
    with pytest.raises(ValidationError, match="öppna den för revidering"):
        lifecycle.adopt(
            world.plan, decided_on=DAY, reference="AMN 2", by=director, expected_version=version(world.plan)
        )
    lifecycle.open_revision(world.plan, by=director, expected_version=version(world.plan))
    with pytest.raises(ValidationError, match="före förra beslutet"):
        lifecycle.adopt(
            world.plan,
            decided_on=dt.date(2021, 1, 1),
            reference="AMN 2",
            by=director,
            expected_version=version(world.plan),
        )


def test_a_stale_version_is_a_conflict(world):
    version = Plan.objects.get(pk=world.plan.pk).version
    Plan.objects.filter(pk=world.plan.pk).update(version=version + 1)
    with pytest.raises(Conflict):
        lifecycle.adopt(
            world.plan,
            decided_on=DAY,
            reference="AMN 1",
            by=world.users["director"],
            expected_version=version,
        )


def test_a_diff_lists_added_removed_and_changed_fields():
    before = {"Mål": {"1 A": {"Rubrik": "A", "Kommentar": ""}, "2 B": {"Rubrik": "B"}}}
    after = {"Mål": {"1 A": {"Rubrik": "A", "Kommentar": "Ny"}, "3 C": {"Rubrik": "C"}}}
    assert lifecycle.diff(before, after) == [
        {"section": "Mål", "item": "1 A", "change": "changed", "fields": [["Kommentar", "", "Ny"]]},
        {"section": "Mål", "item": "3 C", "change": "added", "fields": []},
        {"section": "Mål", "item": "2 B", "change": "removed", "fields": []},
    ]
    assert lifecycle.diff(after, after) == []


def test_the_plans_report_document_carries_its_decisions(world):
    from styrkedja.followup.documents import build_plan_document

    assert build_plan_document(world.plan).decisions == []
    lifecycle.adopt(world.plan, decided_on=DAY, reference="AMN 2021/123 § 5", by=None)
    assert build_plan_document(world.plan).decisions == [("Fastställd", DAY, "AMN 2021/123 § 5")]
