"""Who may do what in a follow-up round. One place for the rules the pages show (what is editable, which
buttons appear) and the services enforce (a command or the API calling a service gets the same refusal as
the web).

Roles rise reader < reporter < controller < director < admin, inherited down the organisation tree
(`organisations/permissions.py`). In a round:

- controllers and above change anything of an open round (every part, the economics, the cover), open
  rounds, assign parts, set the deadline, approve or return parts and accept findings;
- a reporter changes the goal parts assigned to them (or to no one) while they are being filled in (to do,
  or sent back), and marks them ready;
- directors and above approve the whole report, which locks it, and reopen it.

The services take the acting user as `by`. `by=None` is the system: a command or an import run by whoever
operates the server, who has the rights of the server itself; every face that acts for a person (the web,
the API) passes that person.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from styrkedja.followup.models import Part, PartStatus, Round, check_open
from styrkedja.followup.scope import GoalTree, part_scope
from styrkedja.organisations.models import Role
from styrkedja.organisations.permissions import has_role, require_role

#: The lowest role that may change anything of a round (every part, the economics) and approve parts.
EDIT_ROUND = Role.CONTROLLER
#: The lowest role that approves (and so locks) the whole report, and reopens it.
APPROVE_ROUND = Role.DIRECTOR

_FILLING_IN = (PartStatus.TODO, PartStatus.RETURNED)


def may_edit_part(role: Role | None, user: Any, part: Part) -> bool:
    """Controllers and above change any part of an open round; a reporter changes a goal part assigned to
    them (or to no one) while it is being filled in (to do, or sent back)."""
    if part.round.is_locked or role is None:
        return False
    if has_role(role, EDIT_ROUND):
        return True
    if not has_role(role, Role.REPORTER) or part.goal_id is None:
        return False
    return part.assignee_id in (None, user.pk) and part.status in _FILLING_IN


def may_mark_ready(role: Role | None, user: Any, part: Part) -> bool:
    if part.round.is_locked or part.status not in _FILLING_IN:
        return False
    if has_role(role, EDIT_ROUND):
        return True
    # The economics are the controllers' to fill in, so theirs to mark ready as well.
    return has_role(role, Role.REPORTER) and part.goal_id is not None and part.assignee_id in (None, user.pk)


def may_edit_goal(role: Role | None, user: Any, round_: Round, part: Part | None) -> bool:
    """Controllers and above assess any goal of an open round; a reporter those of a part they may change."""
    if round_.is_locked:
        return False
    if has_role(role, EDIT_ROUND):
        return True
    return part is not None and may_edit_part(role, user, part)


def may_edit_round(role: Role | None, round_: Round) -> bool:
    return has_role(role, EDIT_ROUND) and not round_.is_locked


# --- Enforcement by the services ---------------------------------------------------------------------


def require_round_role(by: Any, round_: Round, minimum: Role) -> Role | None:
    """The acting user's role in the round's organisation when it is at least `minimum` (None for the
    system). Http404 without any role there, PermissionDenied when it is too low."""
    if by is None:
        return None
    return require_role(by, round_.organisation, minimum)


def require_part_edit(by: Any, part: Part) -> None:
    if by is None:
        return
    role = require_role(by, part.round.organisation, Role.REPORTER)
    if not may_edit_part(role, by, part):
        raise PermissionDenied("Delen är inte din att ändra just nu.")


def may_edit_row(role: Role | None, user: Any, part: Part, goal_id: int, scope_own_ids: set[int]) -> bool:
    """A row of a part (an indicator's outcome, an activity's status, a goal's assessment) is the part's
    own when its goal is the part's nämndmål or below it. A reporter changes the part's own rows only; the
    rows of the council's goals above, which sibling parts show too, are the controllers'."""
    if not may_edit_part(role, user, part):
        return False
    return has_role(role, EDIT_ROUND) or goal_id in scope_own_ids


def require_goal_edit(by: Any, round_: Round, goal_id: int) -> None:
    """A value of a goal (an indicator's outcome, an activity's status, the goal's assessment) may be
    changed by a controller, or by a reporter who may change the part it belongs to (`may_edit_row`)."""
    if by is None:
        return
    role = require_role(by, round_.organisation, Role.REPORTER)
    if has_role(role, EDIT_ROUND):
        return
    tree = GoalTree.of_plan(round_.plan_id)
    for part in round_.parts.filter(goal__isnull=False):
        part.round = round_
        if may_edit_row(role, by, part, goal_id, part_scope(part, tree).own_ids):
            return
    raise PermissionDenied("Värdet hör till en del som inte är din att ändra just nu.")


def require_round_edit(by: Any, round_: Round) -> None:
    """The round is open and the acting user may change anything of it (the economics, the cover, an
    override): RoundLocked, Http404 or PermissionDenied otherwise, before anything is written."""
    check_open(round_)
    require_round_role(by, round_, EDIT_ROUND)
