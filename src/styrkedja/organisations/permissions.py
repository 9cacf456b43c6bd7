"""Who may do what: a user's role in an organisation, inherited down the organisation tree.

The rule for views: an object of an organisation where the user has no role at all answers 404 (its
existence is not disclosed); a role that is too low answers 403.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from styrkedja.organisations.models import ROLE_RANK, Membership, Organisation, Role

#: The lowest role that may change plan content (goals, indicators, activities, budget).
EDIT_PLAN = Role.CONTROLLER


def _highest(roles: list[str]) -> Role | None:
    valid = [Role(role) for role in roles if role in ROLE_RANK]
    return max(valid, key=ROLE_RANK.__getitem__, default=None)


def role_in(user, organisation: Organisation) -> Role | None:
    """The user's highest role in the organisation, from memberships of it or of any organisation above it.

    Superusers count as administrators everywhere; anonymous and inactive users have no role.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMIN
    chain = [org.pk for org in organisation.ancestors()]
    roles = Membership.objects.filter(user=user, organisation_id__in=chain).values_list("role", flat=True)
    return _highest(list(roles))


def has_role(role: Role | str | None, minimum: Role) -> bool:
    return role is not None and ROLE_RANK[Role(role)] >= ROLE_RANK[minimum]


def require_role(user, organisation: Organisation, minimum: Role = Role.READER) -> Role:
    """The user's role in the organisation, when it is at least `minimum`.

    Raises Http404 when the user has no role there at all, PermissionDenied when the role is too low.
    """
    role = role_in(user, organisation)
    if role is None:
        raise Http404("Sidan finns inte.")
    if not has_role(role, minimum):
        raise PermissionDenied("Din roll räcker inte för detta.")
    return role


def users_with_role(organisation: Organisation, minimum: Role) -> list:
    """Active users whose role in the organisation (as `role_in` computes it) is at least `minimum`,
    by name; two queries, however many members there are."""
    chain = [org.pk for org in organisation.ancestors()]
    candidates = (
        get_user_model()
        .objects.filter(Q(memberships__organisation_id__in=chain) | Q(is_superuser=True), is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    roles: dict[int, list[str]] = {}
    for user_id, role in Membership.objects.filter(organisation_id__in=chain).values_list("user_id", "role"):
        roles.setdefault(user_id, []).append(role)
    return [
        user
        for user in candidates
        if has_role(Role.ADMIN if user.is_superuser else _highest(roles.get(user.pk, [])), minimum)
    ]


def visible_organisations(user) -> list[Organisation]:
    """Every organisation where the user has a role: those with a membership and everything below them.

    The whole tree is read in one query and walked in memory; a municipality has at most a few hundred.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    everything = list(Organisation.objects.all())
    if user.is_superuser:
        return everything
    roots = set(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))
    children: dict[int | None, list[Organisation]] = {}
    for org in everything:
        children.setdefault(org.parent_id, []).append(org)
    seen: set[int] = set()
    stack = [org for org in everything if org.pk in roots]
    while stack:
        org = stack.pop()
        if org.pk in seen:
            continue
        seen.add(org.pk)
        stack.extend(children.get(org.pk, []))
    return [org for org in everything if org.pk in seen]
