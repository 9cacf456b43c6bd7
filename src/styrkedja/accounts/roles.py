"""Roles from the identity provider's groups (STYRKEDJA_OIDC_GROUP_ROLES, docs/settings.md).

The mapping names, for each group, organisations and a role in each. At every sign-in the user's
memberships in the organisations the mapping names are made to match the groups the provider sent: a role
granted by a group appears, a changed one changes, one whose group is gone is removed. Memberships in
organisations the mapping does not name are left as an administrator set them. Every change is saved with
its author and reason (django-simple-history) and written to the security log.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from styrkedja.accounts.models import EventKind
from styrkedja.accounts.security_log import record
from styrkedja.audit import delete_by, save_by
from styrkedja.organisations.models import ROLE_RANK, Membership, Organisation, Role

GroupRoles = dict[str, list[tuple[str, str]]]
REASON = "roll från identitetsleverantörens grupper"


@dataclass(frozen=True)
class RoleChange:
    organisation: str
    before: str | None
    after: str | None

    @property
    def kind(self) -> EventKind:
        if self.before is None:
            return EventKind.ROLE_GRANTED
        return EventKind.ROLE_REMOVED if self.after is None else EventKind.ROLE_CHANGED


def wanted_roles(groups: Iterable[str], mapping: GroupRoles) -> dict[str, Role]:
    """Organisation code → the highest role the groups give there."""
    wanted: dict[str, Role] = {}
    for group in groups:
        for code, role_name in mapping.get(group, []):
            role = Role(role_name)
            if code not in wanted or ROLE_RANK[role] > ROLE_RANK[wanted[code]]:
                wanted[code] = role
    return wanted


@transaction.atomic
def sync_roles(
    user: Any, groups: Iterable[str], mapping: GroupRoles, request: Any = None
) -> list[RoleChange]:
    wanted = wanted_roles(groups, mapping)
    managed = {code for targets in mapping.values() for code, _ in targets}
    organisations = {org.code: org for org in Organisation.objects.filter(code__in=managed)}
    current = {
        m.organisation.code: m
        for m in Membership.objects.select_related("organisation").filter(
            user=user, organisation__code__in=managed
        )
    }
    changes: list[RoleChange] = []
    for code, organisation in sorted(organisations.items()):
        want, have = wanted.get(code), current.get(code)
        if want is not None and have is None:
            save_by(Membership(user=user, organisation=organisation, role=want), user, REASON)
            changes.append(RoleChange(code, None, want.value))
        elif want is not None and have is not None and have.role != want:
            before, have.role = have.role, want
            save_by(have, user, REASON)
            changes.append(RoleChange(code, before, want.value))
        elif want is None and have is not None:
            delete_by(have, user)
            changes.append(RoleChange(code, have.role, None))
    for change in changes:
        record(
            change.kind,
            request=request,
            user=user,
            organisation=change.organisation,
            before=change.before,
            after=change.after,
            source="oidc",
        )
    return changes
