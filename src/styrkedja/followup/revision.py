"""The revision of what a round's pages show, read from the audit trail: no row is written for it.

Every save and delete of the rows a round's indicator page reads — its own and earlier rounds' outcomes
of the organisation, the plan's goals, targets and indicator definitions, the round
itself, the municipality profiles whose words it prints — writes a history row with a rising `history_id` (django-simple-history), so the largest ones
name the state of the data. A page cached under that revision is served until one of them moves.
Readers pay one query of index lookups (plain SQL: the ORM would spend longer building it than the
database answering it); writers pay nothing and share no row, so parallel reporters never queue on a
counter.
"""

from __future__ import annotations

import functools

from django.db import connection

from styrkedja.followup.models import Outcome, Round
from styrkedja.organisations.models import MunicipalityProfile
from styrkedja.plans.models import Goal, Indicator, Target


@functools.cache
def _sql() -> str:
    def latest(model: type, where: str) -> str:
        table = model.history.model._meta.db_table  # type: ignore[attr-defined]
        return f"(SELECT COALESCE(MAX(history_id), 0) FROM {table} WHERE {where})"

    rounds = Round._meta.db_table
    return "SELECT " + ", ".join(
        [
            latest(Round, "id = %(round)s"),
            latest(
                Outcome, f"round_id IN (SELECT id FROM {rounds} WHERE organisation_id = %(organisation)s)"
            ),
            latest(Target, "plan_id = %(plan)s"),
            latest(Goal, "plan_id = %(plan)s"),
            latest(Indicator, "plan_id = %(plan)s"),
            latest(MunicipalityProfile, "1 = 1"),
        ]
    )


def round_revision(round_: Round) -> str:
    """A key that changes whenever anything the round's indicator pages show changes."""
    with connection.cursor() as cursor:
        cursor.execute(
            _sql(), {"round": round_.pk, "organisation": round_.organisation_id, "plan": round_.plan_id}
        )
        row = cursor.fetchone()
    return "-".join(map(str, row))
