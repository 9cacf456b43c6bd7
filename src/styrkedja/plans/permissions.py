"""Who may change a plan: controllers and above of its organisation (roles are inherited down the
organisation tree, `organisations/permissions.py`). Who records the committee's decisions on it (adopts
it, opens it for revision, adopts a revision): directors and above. The plan services enforce it
themselves, so a command or the API gets the same refusal as the web; `by=None` is the system (an
import, a command)."""

from __future__ import annotations

from typing import Any

from styrkedja.organisations.models import Role
from styrkedja.organisations.permissions import EDIT_PLAN, has_role, require_role
from styrkedja.plans.models import Plan

#: The lowest role that records the committee's decisions on a plan (adoption, revision).
DECIDE_PLAN = Role.DIRECTOR


def require_plan_edit(by: Any, plan: Plan) -> None:
    """Http404 for a user without a role in the plan's organisation, PermissionDenied for a role too low."""
    if by is not None:
        require_role(by, plan.organisation, EDIT_PLAN)


def may_decide(role: Role | str | None) -> bool:
    """Whether a role records the committee's decisions on a plan (the pages show the buttons by it)."""
    return has_role(role, DECIDE_PLAN)


def require_plan_decide(by: Any, plan: Plan) -> None:
    """Http404 without a role in the plan's organisation, PermissionDenied below a director."""
    if by is not None:
        require_role(by, plan.organisation, DECIDE_PLAN)
