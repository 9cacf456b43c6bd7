"""A plan that an approved follow-up round is built on cannot change.

The round's report looks its targets, goals, activities and budget up in the plan, so editing the plan
would rewrite an approved report. Every model of the plan's content (plans and budget apps) is a
`PlanBound`: `save` and `delete` raise `PlanLocked` while a round of its plan is locked, whatever the
path (form, command, import). An indicator definition is shared across years, so it is locked while
any plan that sets a target for it has a locked round. Reopening the round opens the plan again.
"""

from __future__ import annotations

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


def locked_round(**plan_filter: Any) -> Any:
    """The first locked round whose plan matches the filter (e.g. plan_id=3), or None."""
    from styrkedja.followup.models import Round, RoundStatus  # the follow-up app builds on plans

    return (
        Round.objects.select_related("plan", "organisation")
        .filter(status=RoundStatus.LOCKED, **{f"plan__{k}": v for k, v in plan_filter.items()})
        .first()
    )


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

    def lock_filter(self) -> dict[str, Any] | None:
        """The filter on plans that finds this row's plan; None for a row not stored under a plan yet."""
        if not self.plan_path:
            return {"pk": self.pk} if self.pk else None
        *steps, last = self.plan_path.split("__")
        obj: Any = self
        for step in steps:
            obj = getattr(obj, step)
        plan_id = getattr(obj, f"{last}_id")
        return {"pk": plan_id} if plan_id else None

    def check_unlocked(self) -> None:
        found = self.lock_filter()
        if found is not None and (round_ := locked_round(**found)) is not None:
            raise PlanLocked(round_)
