"""A plan's life cycle, the one place that moves it: draft → adopted by the committee (the decision's date
and reference) → opened for revision → adopted again as revised, with what changed against the version
adopted before, stored.

    adopt(plan, decided_on, reference, by)   draft → adopted, or under revision → revised
    open_revision(plan, by)                  adopted/revised → under revision (editable again)

Each step is one transaction: the plan row under its lock, its status changed with who and when in its
history, and a `PlanDecision` with the content as decided (`snapshot`) and, for a revision, the changes
against the previous decision's snapshot. An adopted or revised plan refuses every change
(plans/locking.py). Only directors and above record decisions (plans/permissions.py); `by=None` is the
system (a command, a plan file's import).

A snapshot is plain JSON: `{section: {item: {field: value}}}` with the Swedish names the page prints, so
that a diff reads as it is. The plans app takes its goals, indicators with targets, activities and texts;
the budget app adds its part (`register_snapshot_part`, budget/apps.py), as the follow-up app registers
its locks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from styrkedja.audit import save_by
from styrkedja.edits.versions import check_edit, locked
from styrkedja.lib.numbers import format_exact
from styrkedja.lib.text import refusal
from styrkedja.lib.validation import LENGTH, text_problem
from styrkedja.lib.vocabulary import (
    ActivityKind,
    Direction,
    IndicatorTable,
    KfTargetMode,
    Periodicity,
    PlanDecisionKind,
    PlanStatus,
    Unit,
)
from styrkedja.plans.models import Activity, ExpectedResult, Goal, Plan, PlanDecision, Target
from styrkedja.plans.permissions import require_plan_decide

Snapshot = dict[str, dict[str, dict[str, str]]]

#: Functions `plan -> {section: {item: {field: value}}}` that add their app's part of a plan's content.
_SNAPSHOT_PARTS: list[Callable[[Plan], Snapshot]] = []

REFERENCE_MAX = LENGTH["plans.PlanDecision.reference"]


def register_snapshot_part(part: Callable[[Plan], Snapshot]) -> None:
    if part not in _SNAPSHOT_PARTS:
        _SNAPSHOT_PARTS.append(part)


def value_text(value: Any) -> str:
    """A stored value as the snapshot keeps it: numbers in Swedish format, dates as ISO, empty as ''."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, Decimal | int):
        return format_exact(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _plan_part(plan: Plan) -> Snapshot:
    goals = list(Goal.objects.filter(plan=plan).order_by("position", "pk"))
    numbers = {g.pk: g.number for g in goals}
    results: dict[int, list[str]] = {}
    for er in ExpectedResult.objects.filter(goal__plan=plan).order_by("goal_id", "position"):
        results.setdefault(er.goal_id, []).append(er.text)
    texts = {"Inledning": {"Text": plan.introduction}} if plan.introduction else {}
    if plan.title:
        texts["Titel"] = {"Text": plan.title}
    snapshot: Snapshot = {
        "Texter": texts,
        "Mål": {
            f"{g.number} {g.title}": {
                "Rubrik": g.title,
                "Beskrivning": g.description,
                "Förväntat resultat": "\n".join(results.get(g.pk, [])),
                "Kommentar": g.comment,
            }
            for g in goals
        },
        "Indikatorer": {},
        "Aktiviteter": {},
    }
    for t in (
        Target.objects.filter(plan=plan).select_related("indicator").order_by("goal__position", "position")
    ):
        ind = t.indicator
        snapshot["Indikatorer"][f"{numbers[t.goal_id]} · {ind.name}"] = {
            "Enhet": Unit.label_of(ind.unit, ind.unit),
            "Riktning": Direction.label_of(ind.direction, ind.direction),
            "Periodicitet": Periodicity.label_of(ind.periodicity, ind.periodicity),
            "Tabell": IndicatorTable.label_of(t.table, t.table),
            "Årsmål": value_text(t.value),
            "Tolerans ±": value_text(t.band),
            "KF:s årsmål": (
                value_text(t.kf_value)
                if t.kf_mode == KfTargetMode.VALUE
                else KfTargetMode.label_of(t.kf_mode)
            ),
            "Målår": value_text(t.target_year),
        }
    for a in Activity.objects.filter(plan=plan).order_by("goal__position", "position", "pk"):
        key = f"{numbers[a.goal_id]} · {a.title}"
        snapshot["Aktiviteter"][key] = {
            "Startdatum": value_text(a.start),
            "Slutdatum": value_text(a.end),
            "Typ": ActivityKind.label_of(a.kind, a.kind),
        }
    return snapshot


def snapshot_of(plan: Plan) -> Snapshot:
    """The plan's content as a decision keeps it (sections without items are left out)."""
    snapshot = _plan_part(plan)
    for part in _SNAPSHOT_PARTS:
        for section, items in part(plan).items():
            snapshot.setdefault(section, {}).update(items)
    return {section: items for section, items in snapshot.items() if items}


def diff(before: Snapshot, after: Snapshot) -> list[dict[str, Any]]:
    """What changed from one snapshot to the next, section by section in the order of `after` (then the
    sections only `before` has): each item added, removed, or changed with `[field, before, after]` for
    every field that differs."""
    changes: list[dict[str, Any]] = []
    sections = [*after, *[s for s in before if s not in after]]
    for section in sections:
        old, new = before.get(section, {}), after.get(section, {})
        for item, fields in new.items():
            if item not in old:
                changes.append({"section": section, "item": item, "change": "added", "fields": []})
            elif fields != old[item]:
                names = [*fields, *[f for f in old[item] if f not in fields]]
                changed = [
                    [name, old[item].get(name, ""), fields.get(name, "")]
                    for name in names
                    if old[item].get(name, "") != fields.get(name, "")
                ]
                changes.append({"section": section, "item": item, "change": "changed", "fields": changed})
        for item in old:
            if item not in new:
                changes.append({"section": section, "item": item, "change": "removed", "fields": []})
    return changes


CHANGE_WORDS = {"added": "Tillagd", "removed": "Borttagen", "changed": "Ändrad"}


def _clean_reference(reference: str) -> str:
    reference = " ".join(reference.split())
    if not reference:
        raise ValidationError({"reference": "Ange beslutets referens, t.ex. AMN 2021/123 § 5."})
    problem = text_problem(reference, REFERENCE_MAX, "Referensen") or refusal(reference, multiline=False)
    if problem:
        raise ValidationError({"reference": problem})
    return reference


def _step(plan: Plan, status: str, by: Any, reason: str) -> None:
    plan.status = status
    plan._life_cycle_step = True  # type: ignore[attr-defined]
    try:
        save_by(plan, by, reason)
    finally:
        del plan._life_cycle_step  # type: ignore[attr-defined]


def _locked_plan(plan: Plan, expected_version: int | None, by: Any) -> Plan:
    stored = locked(Plan.objects.filter(pk=plan.pk)).select_related("organisation").get()
    check_edit(stored, expected_version, by)
    return stored


def adopt(
    plan: Plan,
    *,
    decided_on: dt.date,
    reference: str,
    by: Any,
    expected_version: int | None = None,
) -> PlanDecision:
    """Record the committee's decision adopting the plan (a draft) or its revision (a plan under
    revision): the plan is locked from now on. A ValidationError names what is wrong."""
    require_plan_decide(by, plan)
    reference = _clean_reference(reference)
    if not isinstance(decided_on, dt.date):
        raise ValidationError({"decided_on": "Ange beslutsdatum."})
    with transaction.atomic():
        stored = _locked_plan(plan, expected_version, by)
        if stored.status not in (PlanStatus.DRAFT, PlanStatus.REVISING):
            raise ValidationError(
                f"Planen är {PlanStatus.label_of(stored.status).lower()}; öppna den för revidering först."
            )
        previous = stored.decisions.order_by("-number").first()
        if previous is not None and decided_on < previous.decided_on:
            raise ValidationError(
                {
                    "decided_on": f"Beslutet kan inte vara före förra beslutet ({previous.decided_on.isoformat()})."
                }
            )
        snapshot = snapshot_of(stored)
        revision = stored.status == PlanStatus.REVISING
        kind = PlanDecisionKind.REVISED if revision else PlanDecisionKind.ADOPTED
        decision = PlanDecision(
            plan=stored,
            number=(previous.number + 1) if previous else 1,
            kind=kind,
            decided_on=decided_on,
            reference=reference,
            snapshot=snapshot,
            changes=diff(previous.snapshot, snapshot) if revision and previous is not None else [],
        )
        save_by(decision, by)
        status = PlanStatus.REVISED if revision else PlanStatus.ADOPTED
        _step(stored, status, by, f"{PlanDecisionKind.label_of(kind)} {decided_on.isoformat()}, {reference}")
    plan.status, plan.version = stored.status, stored.version
    return decision


def open_revision(plan: Plan, *, by: Any, expected_version: int | None = None) -> Plan:
    """Open an adopted (or revised) plan for revision: it can be changed again until the revision is
    adopted. The changes are then stored against the version adopted now."""
    require_plan_decide(by, plan)
    with transaction.atomic():
        stored = _locked_plan(plan, expected_version, by)
        if stored.status not in (PlanStatus.ADOPTED, PlanStatus.REVISED):
            raise ValidationError(
                f"Bara en fastställd plan kan öppnas för revidering; planen är "
                f"{PlanStatus.label_of(stored.status).lower()}."
            )
        _step(stored, PlanStatus.REVISING, by, "Öppnad för revidering")
    plan.status, plan.version = stored.status, stored.version
    return stored


def pending_changes(plan: Plan) -> list[dict[str, Any]]:
    """For a plan under revision: what has changed since the version last adopted (what the revision's
    decision will store); empty otherwise."""
    if plan.status != PlanStatus.REVISING:
        return []
    previous = plan.decisions.order_by("-number").first()
    return diff(previous.snapshot, snapshot_of(plan)) if previous is not None else []


def restore(plan: Plan, status: str, decisions: list[dict[str, Any]], *, by: Any, reason: str) -> None:
    """Store a plan file's status and decisions on a plan just imported from it (the system's step: a
    command). The last decision's snapshot is the content as imported; an earlier decision's content is
    not in the file, so it has none (its changes, stored, are). A plan under revision compares its changes
    with the content as imported."""
    if not decisions and status == PlanStatus.DRAFT:
        return
    for index, data in enumerate(decisions):
        save_by(
            PlanDecision(
                plan=plan,
                number=data["number"],
                kind=data["kind"],
                decided_on=data["decided_on"],
                reference=data["reference"],
                changes=data.get("changes", []),
                snapshot=snapshot_of(plan) if index == len(decisions) - 1 else {},
            ),
            by,
            reason,
        )
    _step(plan, status, by, reason)


def decisions_data(plan: Plan) -> list[dict[str, Any]]:
    """The plan's decisions as a plan file has them (interchange/plan_export.py)."""
    return [
        {
            "number": d.number,
            "kind": d.kind,
            "decided_on": d.decided_on,
            "reference": d.reference,
            "changes": d.changes,
        }
        for d in plan.decisions.order_by("number")
    ]
