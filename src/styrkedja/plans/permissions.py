"""Who may change a plan: controllers and above of its organisation (roles are inherited down the
organisation tree, `organisations/permissions.py`). The plan services enforce it themselves, so a command
or the API gets the same refusal as the web; `by=None` is the system (an import, a command)."""

from __future__ import annotations

from typing import Any

from styrkedja.organisations.permissions import EDIT_PLAN, require_role
from styrkedja.plans.models import Plan


def require_plan_edit(by: Any, plan: Plan) -> None:
    """Http404 for a user without a role in the plan's organisation, PermissionDenied for a role too low."""
    if by is not None:
        require_role(by, plan.organisation, EDIT_PLAN)
