"""Finding an object for the caller: 404 when it does not exist or belongs to an organisation where the
caller has no role (its existence is not disclosed), 403 when the role is too low."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Schema
from pydantic import Field

from styrkedja.followup.models import Part, Round
from styrkedja.organisations.models import Organisation, Role
from styrkedja.organisations.permissions import require_role
from styrkedja.plans.locking import PlanAdopted, PlanLocked, adopted_plan, locked_round
from styrkedja.plans.models import Activity, Goal, Plan, Target

ORG_CHAIN = "organisation__parent__parent__parent"
#: Every answer an endpoint may give besides its success, documented for each.
READ_ERRORS: dict[int, Any] = {}
MAX_LIMIT = 500


class Window(Schema):
    limit: int = Field(100, ge=1, le=MAX_LIMIT, description="Högst så många rader.")
    offset: int = Field(0, ge=0, le=10**9, description="Hoppa över så många rader.")


def page(rows: list[Any], window: Window) -> dict[str, Any]:
    return {
        "count": len(rows),
        "limit": window.limit,
        "offset": window.offset,
        "items": rows[window.offset : window.offset + window.limit],
    }


def _get(queryset, **lookup):
    found = queryset.filter(**lookup).first()
    if found is None:
        raise Http404("Finns inte.")
    return found


def organisation(request: HttpRequest, code: str, minimum: Role = Role.READER) -> tuple[Organisation, Role]:
    org = _get(Organisation.objects.select_related("parent__parent__parent"), code=code)
    return org, require_role(request.user, org, minimum)


def plan(request: HttpRequest, pk: int, minimum: Role = Role.READER) -> Plan:
    found = _get(Plan.objects.select_related(ORG_CHAIN), pk=pk)
    require_role(request.user, found.organisation, minimum)
    return found


def refuse_if_locked(plan_id: int) -> None:
    """A change to a plan an approved round is built on, or one the committee has adopted: 409 before
    anything else is looked at."""
    locked_by = locked_round(plan_id)
    if locked_by is not None:
        raise PlanLocked(locked_by)
    adopted = adopted_plan(plan_id)
    if adopted is not None:
        raise PlanAdopted(adopted)


def goal(request: HttpRequest, pk: int, minimum: Role = Role.READER) -> Goal:
    found = _get(Goal.objects.select_related(f"plan__{ORG_CHAIN}"), pk=pk)
    require_role(request.user, found.plan.organisation, minimum)
    if minimum != Role.READER:
        refuse_if_locked(found.plan_id)
    return found


def target(request: HttpRequest, pk: int, minimum: Role = Role.READER) -> Target:
    found = _get(Target.objects.select_related(f"plan__{ORG_CHAIN}", "indicator"), pk=pk)
    require_role(request.user, found.plan.organisation, minimum)
    if minimum != Role.READER:
        refuse_if_locked(found.plan_id)
    return found


def activity(request: HttpRequest, pk: int, minimum: Role = Role.READER) -> Activity:
    found = _get(Activity.objects.select_related(f"plan__{ORG_CHAIN}"), pk=pk)
    require_role(request.user, found.plan.organisation, minimum)
    if minimum != Role.READER:
        refuse_if_locked(found.plan_id)
    return found


def round_(request: HttpRequest, pk: int, minimum: Role = Role.READER) -> tuple[Round, Role]:
    found = _get(Round.objects.select_related(ORG_CHAIN, "plan"), pk=pk)
    return found, require_role(request.user, found.organisation, minimum)


def part(request: HttpRequest, pk: int, minimum: Role = Role.READER) -> tuple[Part, Role]:
    found = _get(Part.objects.select_related(f"round__{ORG_CHAIN}", "round__plan", "goal", "assignee"), pk=pk)
    return found, require_role(request.user, found.round.organisation, minimum)


__all__ = ["Query", "Window", "organisation", "page"]
