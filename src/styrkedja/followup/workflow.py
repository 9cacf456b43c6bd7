"""Opening a round and moving it through its workflow. Each step is one transaction and one RoundEvent.

open → reporters fill in their parts and mark them ready → a controller approves or returns each part
→ the director approves the whole, which locks the round → reopening is itself a recorded action.
While the round is open a controller assigns parts to reporters and sets the deadline; a change that
changes nothing records nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from styrkedja.audit import save_by
from styrkedja.edits.versions import relock
from styrkedja.followup.archiving import render_for_approval, store_archive
from styrkedja.followup.checking import approval_blockers, blockers_message
from styrkedja.followup.models import (
    PART_EVENTS,
    Part,
    PartStatus,
    Round,
    RoundEvent,
    RoundEventKind,
    RoundStatus,
    check_open,
)
from styrkedja.followup.permissions import (
    APPROVE_ROUND,
    EDIT_ROUND,
    may_mark_ready,
    require_round_role,
)
from styrkedja.lib.periods import report_period
from styrkedja.lib.vocabulary import OrganisationKind
from styrkedja.organisations.models import Organisation, Role
from styrkedja.organisations.permissions import has_role, require_role, role_in, users_with_role
from styrkedja.organisations.profiles import profile_of
from styrkedja.plans.models import Plan
from styrkedja.profiles import profile_data


def _event(round_: Round, action: RoundEventKind, by: Any, comment: str = "") -> None:
    RoundEvent.objects.create(round=round_, action=action, by=by, comment=comment)


@transaction.atomic
def open_round(organisation: Organisation, period: str, *, by: Any, deadline: dt.date | None = None) -> Round:
    """A round for the period, with one part per nämndmål (or unit goal) and one for the economics."""
    if by is not None:
        require_role(by, organisation, EDIT_ROUND)
    code = report_period(period).code
    plan = Plan.objects.filter(organisation=organisation, year=report_period(period).year).first()
    if plan is None:
        raise ValidationError(
            f"{organisation.name} har ingen verksamhetsplan för {report_period(period).year}."
        )
    exists = ValidationError(f"Uppföljningen {code} för {organisation.name} finns redan.")
    if Round.objects.filter(organisation=organisation, period=code).exists():
        raise exists
    try:
        with transaction.atomic():
            round_ = Round.objects.create(
                organisation=organisation, plan=plan, period=code, deadline=deadline
            )
    except IntegrityError:
        # Someone opened it in parallel, after the check above; the unique constraint let one of us in.
        if Round.objects.filter(organisation=organisation, period=code).exists():
            raise exists from None
        raise
    create_parts(round_)
    _event(round_, RoundEventKind.OPENED, by)
    return round_


def create_parts(round_: Round) -> None:
    """One part per goal of the committee's level (the profile's `committee_level`, Stockholm's nämndmål) and
    one for the economics: what reporters fill in and controllers approve. The city's round (over the
    council's plan) has one part per goal of the council's level just above: the council's assessment."""
    profile = profile_of(round_.organisation)
    city = round_.organisation.kind == OrganisationKind.CITY
    level = profile.council_key if city else profile.committee_key
    name = profile.level_name(level)
    position = 0
    for goal in round_.plan.goals.filter(level=level).order_by("position"):
        position += 1
        Part.objects.create(
            round=round_, goal=goal, title=f"{name} {goal.number} {goal.title}", position=position
        )
    Part.objects.create(round=round_, title="Ekonomi", position=position + 1)


#: What a step on a part reads again under the part's lock (edits/versions.py `relock`).
PART_STATE = ("status", "comment", "assignee", "version")
#: What a step on a round reads again under the round's lock.
ROUND_STATE = ("status", "deadline", "version")


def _part_status(part: Part, allowed_from: set[str], to: str, by: Any, comment: str = "") -> Part:
    if part.status not in allowed_from:
        raise ValidationError(f"Delen är '{part.get_status_display()}' och kan inte ändras så.")
    part.status = to
    part.comment = comment
    save_by(part, by)
    _event(part.round, PART_EVENTS[PartStatus(to)], by, f"{part.title}: {comment}".rstrip(": "))
    return part


@transaction.atomic
def mark_ready(part: Part, *, by: Any) -> Part:
    """The reporter's (or a controller's) word that the part is filled in."""
    check_open(part.round)
    relock(part, *PART_STATE)
    role = require_round_role(by, part.round, Role.REPORTER)
    waiting = part.status in (PartStatus.TODO, PartStatus.RETURNED)
    if by is not None and waiting and not may_mark_ready(role, by, part):
        raise PermissionDenied("Delen är tilldelad någon annan.")
    return _part_status(part, {PartStatus.TODO, PartStatus.RETURNED}, PartStatus.READY, by)


@transaction.atomic
def return_part(part: Part, *, by: Any, comment: str) -> Part:
    check_open(part.round)
    relock(part, *PART_STATE)
    require_round_role(by, part.round, EDIT_ROUND)
    if not comment.strip():
        raise ValidationError("Skriv varför delen skickas tillbaka.")
    return _part_status(part, {PartStatus.READY, PartStatus.APPROVED}, PartStatus.RETURNED, by, comment)


@transaction.atomic
def approve_part(part: Part, *, by: Any) -> Part:
    check_open(part.round)
    relock(part, *PART_STATE)
    require_round_role(by, part.round, EDIT_ROUND)
    return _part_status(part, {PartStatus.READY}, PartStatus.APPROVED, by)


@transaction.atomic
def approve_round(round_: Round, *, by: Any) -> Round:
    """The director's approval of the whole report; locks the round. Refused while a part is not approved
    or an error of the consistency checks remains without a controller's override (followup/checking.py),
    and when the report cannot be rendered in every format. The rendered report is archived in the same
    transaction (followup/archiving.py): what was approved is what is served while the round is locked.

    The round's row is locked for update first: the writes under way end before the check (they hold a
    key-share lock on it, followup/models.py `stored_status`), and any later one waits and is refused."""
    relock(round_, *ROUND_STATE)
    check_open(round_)
    require_round_role(by, round_, APPROVE_ROUND)
    waiting = [p.title for p in round_.parts.exclude(status=PartStatus.APPROVED)]
    if waiting:
        raise ValidationError("Alla delar måste vara godkända först: " + "; ".join(waiting))
    blocking = approval_blockers(round_)
    if blocking:
        raise ValidationError(blockers_message(blocking))
    report = render_for_approval(round_)
    round_.status = RoundStatus.LOCKED
    # The approved report is read with the profile it was approved under, whatever the profile becomes.
    round_.profile = profile_data(profile_of(round_.organisation))
    save_by(round_, by)
    store_archive(round_, report, by=by)
    _event(round_, RoundEventKind.APPROVED_AND_LOCKED, by)
    return round_


def _person(user: Any) -> str:
    if user is None:
        return "alla rapportörer"
    return str(user.get_full_name() or user.get_username())


def eligible_assignees(organisation: Organisation) -> list[Any]:
    """The users a part of the organisation's round may be assigned to: reporters and above."""
    return users_with_role(organisation, Role.REPORTER)


@transaction.atomic
def assign_part(part: Part, assignee: Any, *, by: Any) -> Part:
    """Who must fill the part in: a user with at least the reporter role in the round's organisation
    (a role inherited from above counts), or None for any reporter."""
    round_ = part.round
    check_open(round_)
    relock(part, *PART_STATE)
    require_round_role(by, round_, EDIT_ROUND)
    if assignee is not None and not has_role(role_in(assignee, round_.organisation), Role.REPORTER):
        raise ValidationError(
            f"{_person(assignee)} är inte rapportör i {round_.organisation.name} och kan inte tilldelas "
            "delen."
        )
    if part.assignee_id == (assignee.pk if assignee is not None else None):
        return part
    part.assignee = assignee
    save_by(part, by)
    _event(round_, RoundEventKind.PART_ASSIGNED, by, f"{part.title}: {_person(assignee)}")
    return part


@transaction.atomic
def set_deadline(round_: Round, deadline: dt.date | None, *, by: Any) -> Round:
    """The reporters' last day; None removes it."""
    relock(round_, *ROUND_STATE)
    check_open(round_)
    require_round_role(by, round_, EDIT_ROUND)
    if round_.deadline == deadline:
        return round_
    round_.deadline = deadline
    save_by(round_, by)
    _event(round_, RoundEventKind.DEADLINE_SET, by, deadline.isoformat() if deadline else "Ingen sista dag")
    return round_


@transaction.atomic
def reopen_round(round_: Round, *, by: Any, reason: str) -> Round:
    relock(round_, *ROUND_STATE)
    require_round_role(by, round_, APPROVE_ROUND)
    if not reason.strip():
        raise ValidationError("Skriv varför uppföljningen öppnas igen.")
    if not round_.is_locked:
        raise ValidationError("Uppföljningen är inte låst.")
    round_.status = RoundStatus.OPEN
    round_.profile = {}
    round_._unlocking = True  # type: ignore[attr-defined]
    save_by(round_, by)
    _event(round_, RoundEventKind.REOPENED, by, reason)
    return round_
