"""A plan that an approved follow-up round is built on, or that the committee has adopted, cannot change.

The round's report looks its targets, goals, activities and budget up in the plan, so editing the plan
would rewrite an approved report. Every model of the plan's content (plans and budget apps) is a
`PlanBound`: `save` and `delete` raise `PlanLocked` while a round of its plan is locked, whatever the
path (form, command, import). Reopening the round opens the plan again. Indicator definitions are
shared across years and are not plan content: they are not locked (a change is in their history).

The same way, an adopted (or revised) plan refuses every change with `PlanAdopted` until it is opened for
revision (plans/lifecycle.py, the one place that moves a plan through its life cycle).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models


class Locked(Exception):
    """A write refused because an approved follow-up round depends on what would change."""


class PlanLocked(Locked):
    def __init__(self, round_: Any):
        self.round = round_
        super().__init__(
            f"Verksamhetsplanen {round_.plan.year} för {round_.organisation.name} ligger till grund för "
            f"uppföljningen {round_.period}, som är godkänd och låst; uppföljningen måste öppnas igen "
            "innan planen kan ändras."
        )


class PlanAdopted(Locked):
    def __init__(self, plan: Any):
        self.plan = plan
        super().__init__(
            f"Verksamhetsplanen {plan.year} för {plan.organisation.name} är fastställd av nämnden och "
            "kan inte ändras; den måste öppnas för revidering först."
        )


#: Functions `plan_id -> the approved thing that locks the plan, or None`. The plans app cannot know what
#: is built on a plan (that would be an upward import): the follow-up app registers its locked rounds
#: here when it starts (followup/apps.py).
_LOCK_SOURCES: list[Callable[[int], Any]] = []


def register_lock_source(source: Callable[[int], Any]) -> None:
    """Let `source(plan_id)` name what locks a plan (an object with `period` and `organisation`)."""
    if source not in _LOCK_SOURCES:
        _LOCK_SOURCES.append(source)


def adopted_plan(plan_id: int) -> Any:
    """The plan when the committee has adopted it (and it is not opened for revision), or None."""
    from django.apps import apps

    from styrkedja.lib.vocabulary import PLAN_DECIDED

    plan_model = apps.get_model("plans", "Plan")
    return (
        plan_model.objects.filter(pk=plan_id, status__in=PLAN_DECIDED).select_related("organisation").first()
    )


def locked_round(plan_id: int) -> Any:
    """The first locked follow-up round (or other approved report) built on the plan, or None."""
    for source in _LOCK_SOURCES:
        found = source(plan_id)
        if found is not None:
            return found
    return None


class PlanBound(models.Model):
    """Content of a plan: refuses to be written while a follow-up round of the plan is locked.

    `plan_path` leads from the row to its plan ("plan", "goal__plan", "area__plan", …; "" for the plan).
    """

    plan_path = "plan"

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.check_unlocked()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self.check_unlocked()
        return super().delete(*args, **kwargs)

    def plan_id_of(self) -> int | None:
        """The id of this row's plan; None for a plan or row not stored yet."""
        if not self.plan_path:
            return self.pk
        *steps, last = self.plan_path.split("__")
        obj: Any = self
        for step in steps:
            obj = getattr(obj, step)
        return getattr(obj, f"{last}_id")

    def check_unlocked(self) -> None:
        plan_id = self.plan_id_of()
        if plan_id is None:
            return
        if (round_ := locked_round(plan_id)) is not None:
            raise PlanLocked(round_)
        # The life cycle's own step (adopting, opening for revision) writes the plan row while it is adopted.
        if not getattr(self, "_life_cycle_step", False) and (plan := adopted_plan(plan_id)) is not None:
            raise PlanAdopted(plan)
