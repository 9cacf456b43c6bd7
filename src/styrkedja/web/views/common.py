"""What every view needs: find the object, check the user's role in its organisation, breadcrumbs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from styrkedja.edits.once import AlreadyDone, earlier_result
from styrkedja.edits.versions import Conflict, stored_version
from styrkedja.lib.numbers import format_exact
from styrkedja.lib.vocabulary import PLAN_DECIDED
from styrkedja.organisations.models import Organisation, Role
from styrkedja.organisations.permissions import EDIT_PLAN, has_role, require_role
from styrkedja.organisations.profiles import profile_of
from styrkedja.plans.locking import PlanAdopted, PlanLocked, locked_round
from styrkedja.plans.models import Goal, Plan
from styrkedja.plans.permissions import may_decide

# Enough to walk Organisation.ancestors() of a four-level tree without further queries.
ORG_CHAIN = "organisation__parent__parent__parent"


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str = ""
    #: The organisation an organisation's crumb leads to: linked only for users with a role there
    #: (templatetags/crumbs.py), so that no crumb leads to a page that answers 404.
    organisation_id: int | None = None


def authorise(request: HttpRequest, organisation: Organisation, minimum: Role = Role.READER) -> dict:
    """Check the user's role (404 without one, 403 when too low); the context every page gets."""
    role = require_role(request.user, organisation, minimum)
    profile = profile_of(organisation)
    # The municipality's profile and its words (a plan's; a round's page may put its document's).
    return {
        "role": role,
        "can_edit": has_role(role, EDIT_PLAN),
        "profile": profile,
        "words": profile.wording("plan"),
    }


def authorise_plan(
    request: HttpRequest, plan: Plan, minimum: Role = Role.READER, *, decision: bool = False
) -> dict:
    """`authorise` for a page of a plan's content. While an approved round is built on the plan, or the
    committee has adopted it, an edit page refuses at once (409, plans/locking.py) and a read page says
    why nothing can be edited. `decision`: a page of the plan's life cycle (plans/lifecycle.py), which
    an adopted plan does not refuse."""
    context = authorise(request, plan.organisation, minimum)
    locked_by = locked_round(plan.pk)
    adopted = plan.status in PLAN_DECIDED
    if locked_by is not None and minimum != Role.READER:
        raise PlanLocked(locked_by)
    if adopted and minimum != Role.READER and not decision:
        raise PlanAdopted(plan)
    return {
        **context,
        "can_edit": context["can_edit"] and locked_by is None and not adopted,
        "can_decide": may_decide(context["role"]) and locked_by is None,
        "locked_by": locked_by,
        "plan_adopted": adopted and locked_by is None,
    }


def get_plan(pk: int) -> Plan:
    return get_object_or_404(Plan.objects.select_related(ORG_CHAIN), pk=pk)


def get_goal(pk: int) -> Goal:
    return get_object_or_404(Goal.objects.select_related(f"plan__{ORG_CHAIN}"), pk=pk)


def organisation_crumbs(organisation: Organisation) -> list[Crumb]:
    return [Crumb("Start", reverse("home"))] + [
        Crumb(org.name, reverse("organisation", args=[org.code]), org.pk)
        for org in reversed(organisation.ancestors())
    ]


def plan_crumbs(plan: Plan) -> list[Crumb]:
    return [*organisation_crumbs(plan.organisation), Crumb(plan_label(plan), reverse("plan", args=[plan.pk]))]


def goal_chain(goal: Goal) -> list[Goal]:
    """The goal and the goals above it, top first, read in one query."""
    by_id = {
        g.pk: g for g in Goal.objects.filter(plan_id=goal.plan_id).only("id", "parent_id", "number", "title")
    }
    chain, node = [], by_id.get(goal.pk)
    while node is not None and node not in chain:
        chain.append(node)
        node = by_id.get(node.parent_id) if node.parent_id is not None else None
    return list(reversed(chain))


def goal_crumbs(goal: Goal) -> list[Crumb]:
    return plan_crumbs(goal.plan) + [
        Crumb(f"Mål {g.number}", reverse("goal", args=[g.pk])) for g in goal_chain(goal)
    ]


def plan_label(plan: Plan) -> str:
    return f"Verksamhetsplan {plan.year}"


def form_page(
    request: HttpRequest,
    form,
    *,
    save: Callable[[Any], Any],
    success_url: str | Callable[[Any], str],
    success_message: str,
    template: str,
    context: dict,
) -> HttpResponse:
    """Render the form, or on a valid POST save it through `save(form)` and redirect.

    `success_url` may be a function of what `save` returned, for objects that exist only after it. A save
    based on an older version than the stored one (edits/versions.py) answers 409 with the form as the
    user filled it in, the stored value beside each field that differs, and the stored version in the
    form, so that saving again replaces what is stored.
    """
    if request.method == "POST" and "token" in form.fields:
        earlier = earlier_result(request.POST.get(form.add_prefix("token"), ""))
        if earlier is not None:  # the form was sent twice: the first sending saved it
            messages.success(request, success_message)
            return redirect(success_url(earlier) if callable(success_url) else success_url)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form)
        except Conflict as exc:
            show_conflict(form, exc.current)
            return render(request, template, {**context, "form": form}, status=409)
        except (ValidationError, AlreadyDone) as exc:
            form.add_error(None, exc if isinstance(exc, ValidationError) else str(exc))
            return render(request, template, {**context, "form": form})
        messages.success(request, success_message)
        return redirect(success_url(saved) if callable(success_url) else success_url)
    return render(request, template, {**context, "form": form})


def show_conflict(form, current: Any) -> None:
    """Put the stored row's values beside the user's own on the form (an error on each field that
    differs), and the stored versions in its data."""
    data = form.data.copy()
    for name in [n for n in form.fields if n == "version" or n.endswith("_version")]:
        holder = current if name == "version" else getattr(current, name.removesuffix("_version"), None)
        data[form.add_prefix(name)] = str(stored_version(holder))
    mine = dict(form.cleaned_data)
    form.data = data
    form.full_clean()
    who = changed_by(current)
    form.add_error(
        None,
        f"{who} har ändrat detta sedan du öppnade sidan, så dina ändringar sparades inte. Det som är "
        "sparat nu står vid varje fält där det skiljer sig; dina värden står kvar. Spara igen för att "
        "ersätta det sparade.",
    )
    for name in form.fields:
        stored = _stored_value(current, name)
        if stored is _ABSENT or name in ("version", "token") or name.endswith("_version"):
            continue
        if _shown(stored) != _shown(mine.get(name)):
            form.add_error(name, f"Sparat nu: {_shown(stored) or '(tomt)'}")


_ABSENT = object()


def _stored_value(current: Any, name: str) -> Any:
    for holder in (current, getattr(current, "indicator", None)):
        if holder is not None and name in {f.name for f in holder._meta.fields}:
            return getattr(holder, name)
    return _ABSENT


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format_exact(value)
    return str(value).strip()


def changed_by(row: Any) -> str:
    """Who saved the row last, from its history ("Någon annan" when it has none)."""
    history = getattr(row, "history", None)
    latest = history.select_related("history_user").first() if history is not None and row.pk else None
    user = latest.history_user if latest is not None else None
    if user is None:
        return "Någon annan"
    return user.get_full_name() or user.get_username()
