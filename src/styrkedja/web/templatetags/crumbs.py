"""Breadcrumbs that lead only to pages the user may read.

An organisation's page answers 404 to a user without a role in it or above it (organisations/
permissions.py); a reporter of a committee has none in the city above. Its crumb is shown as text, not as
a link: `{% reachable breadcrumbs as crumbs %}` in base.html, one query for the user's memberships.
"""

from __future__ import annotations

from dataclasses import replace

from django import template

from styrkedja.organisations.models import Membership

register = template.Library()


@register.simple_tag(takes_context=True)
def reachable(context, crumbs) -> list:
    user = context.get("user")
    if not any(crumb.organisation_id for crumb in crumbs):
        return list(crumbs)
    if user is not None and user.is_authenticated and user.is_active and user.is_superuser:
        return list(crumbs)
    member_of: set[int] = set()
    if user is not None and user.is_authenticated and user.is_active:
        member_of = set(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))
    # The crumbs run from the top of the tree down: a role in one organisation reaches those below it.
    reached = False
    out = []
    for crumb in crumbs:
        if crumb.organisation_id is not None:
            reached = reached or crumb.organisation_id in member_of
            if not reached:
                crumb = replace(crumb, url="")
        out.append(crumb)
    return out
