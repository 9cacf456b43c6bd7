"""What the follow-up pages share: finding a round or part, what a part covers, who may change it, what is
still missing, the answer to a write on a locked round, and breadcrumbs."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from styrkedja.followup.models import Part, PartStatus, Round
from styrkedja.lib.periods import PeriodKind, parse_period, period_for_periodicity
from styrkedja.organisations.models import Role
from styrkedja.organisations.permissions import has_role
from styrkedja.plans.models import Goal, GoalLevel
from styrkedja.web.views.common import ORG_CHAIN, Crumb, authorise, organisation_crumbs

#: The lowest role that may change anything of a round (every part, the economics) and approve parts.
EDIT_ROUND = Role.CONTROLLER

EVENT_LABELS = {
    "opened": "Uppföljningen öppnades",
    "part_ready": "Del markerad som klar",
    "part_returned": "Del skickad tillbaka",
    "part_approved": "Del godkänd",
    "part_todo": "Del återställd",
    "part_assigned": "Del tilldelad",
    "deadline_set": "Sista dag ändrad",
    "approved_and_locked": "Rapporten godkändes och låstes",
    "reopened": "Rapporten öppnades igen",
    "imported": "Importerad",
    "finding_overridden": "Avstämningsfynd godtaget med motivering",
    "microdata_stored": "Värden beräknade från mikrodata",
}


def period_label(round_: Round) -> str:
    return parse_period(round_.period).label


def round_title(round_: Round) -> str:
    kind = parse_period(round_.period).kind
    word = "Verksamhetsberättelse" if kind is PeriodKind.YEAR else "Uppföljning"
    return f"{word} {period_label(round_)}"


def get_round(pk: int) -> Round:
    return get_object_or_404(Round.objects.select_related(ORG_CHAIN, "plan"), pk=pk)


def get_part(pk: int) -> Part:
    return get_object_or_404(
        Part.objects.select_related(f"round__{ORG_CHAIN}", "round__plan", "goal", "assignee"), pk=pk
    )


def rounds_url(round_: Round) -> str:
    return reverse("rounds", args=[round_.organisation.code])


def round_crumbs(round_: Round) -> list[Crumb]:
    return [
        *organisation_crumbs(round_.organisation),
        Crumb("Uppföljningar", rounds_url(round_)),
        Crumb(period_label(round_), reverse("round", args=[round_.pk])),
    ]


def part_crumbs(part: Part) -> list[Crumb]:
    return [*round_crumbs(part.round), Crumb(part_short_title(part), reverse("part", args=[part.pk]))]


def part_short_title(part: Part) -> str:
    return f"Nämndmål {part.goal.number}" if part.goal_id else part.title


def user_name(user) -> str:
    if user is None:
        return "Systemet"
    return user.get_full_name() or user.get_username()


# --- Who may do what ------------------------------------------------------------------------------------


def may_edit_part(role: Role | None, user, part: Part) -> bool:
    """Controllers and above change any part of an open round; a reporter changes a part assigned to them
    (or to no one) while it is being filled in (to do, or sent back)."""
    if part.round.is_locked or role is None:
        return False
    if has_role(role, EDIT_ROUND):
        return True
    if not has_role(role, Role.REPORTER) or part.goal_id is None:
        return False
    return part.assignee_id in (None, user.pk) and part.status in (PartStatus.TODO, PartStatus.RETURNED)


def may_mark_ready(role: Role | None, user, part: Part) -> bool:
    if part.round.is_locked or part.status not in (PartStatus.TODO, PartStatus.RETURNED):
        return False
    if has_role(role, EDIT_ROUND):
        return True
    # The economics are the controllers' to fill in, so theirs to mark ready as well.
    return has_role(role, Role.REPORTER) and part.goal_id is not None and part.assignee_id in (None, user.pk)


def require_part_edit(request: HttpRequest, part: Part) -> dict:
    """The page context when the user may change the part; 404/403 as the permission rules say."""
    context = authorise(request, part.round.organisation, Role.REPORTER)
    if not part.round.is_locked and not may_edit_part(context["role"], request.user, part):
        raise PermissionDenied("Delen är inte din att ändra just nu.")
    return context


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def locked_response(request: HttpRequest, round_: Round) -> HttpResponse:
    """A write to a locked round: 409 with the message (a fragment for htmx, a page otherwise)."""
    context = {"round": round_, "round_url": reverse("round", args=[round_.pk])}
    if is_htmx(request):
        return render(request, "followup/_locked_notice.html", context, status=409)
    context["breadcrumbs"] = round_crumbs(round_)
    return render(request, "followup/locked.html", context, status=409)


# --- What a part covers ---------------------------------------------------------------------------------


@dataclass
class GoalTree:
    """A plan's goals, read in one query, with their parents and children in memory."""

    goals: dict[int, Goal]
    children: dict[int | None, list[Goal]] = field(default_factory=dict)

    @classmethod
    def of_plan(cls, plan_id: int) -> GoalTree:
        goals = list(Goal.objects.filter(plan_id=plan_id).order_by("position", "pk"))
        children: dict[int | None, list[Goal]] = defaultdict(list)
        for goal in goals:
            children[goal.parent_id].append(goal)
        return cls({g.pk: g for g in goals}, children)

    def ancestors(self, goal_id: int) -> list[Goal]:
        """The goals above, top first."""
        chain: list[Goal] = []
        node = self.goals.get(self.goals[goal_id].parent_id) if goal_id in self.goals else None
        while node is not None and node not in chain:
            chain.append(node)
            node = self.goals.get(node.parent_id)
        return list(reversed(chain))

    def subtree(self, goal_id: int) -> list[Goal]:
        """The goal and every goal below it, depth first."""
        out: list[Goal] = []
        stack = [self.goals[goal_id]] if goal_id in self.goals else []
        while stack:
            goal = stack.pop()
            out.append(goal)
            stack.extend(reversed(self.children.get(goal.pk, [])))
        return out

    def part_goal_of(self, goal_id: int) -> Goal | None:
        """The nämndmål whose part covers this goal's assessment: itself or the nearest one above."""
        node = self.goals.get(goal_id)
        while node is not None:
            if node.level == GoalLevel.COMMITTEE:
                return node
            node = self.goals.get(node.parent_id)
        return None


@dataclass
class PartScope:
    """The goals a part reports on: indicators and activities of the KF goals above its nämndmål, of the
    nämndmål and of the goals below it; assessments of the nämndmål and the goals below it."""

    above: list[Goal]
    own: list[Goal]

    @property
    def all(self) -> list[Goal]:
        return [*self.above, *self.own]

    @property
    def ids(self) -> set[int]:
        return {g.pk for g in self.all}

    @property
    def own_ids(self) -> set[int]:
        return {g.pk for g in self.own}


def part_scope(part: Part, tree: GoalTree) -> PartScope:
    if part.goal_id is None:
        return PartScope([], [])
    return PartScope(tree.ancestors(part.goal_id), tree.subtree(part.goal_id))


def expects_outcome(periodicity: str, round_: Round) -> bool:
    """Whether an indicator of this periodicity has a value for the round's period."""
    return period_for_periodicity(periodicity, parse_period(round_.period)) is not None


def expects_forecast(round_: Round) -> bool:
    return parse_period(round_.period).kind is not PeriodKind.YEAR
