"""The main menu of every page: Start and Att göra for everyone signed in; for a user whose roles are in
one organisation (most people's case), that organisation's plans and follow-ups, and its people for its
administrators. Read when a page draws the menu (one query), not for every request."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from styrkedja.organisations.models import Membership, Role
from styrkedja.organisations.permissions import has_role


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    current: bool


def items(user: Any, path: str) -> list[MenuItem]:
    links = [("Start", reverse("home")), ("Att göra", reverse("todo"))]
    memberships = list(Membership.objects.filter(user=user).select_related("organisation")[:2])
    if len(memberships) == 1:
        membership = memberships[0]
        code = membership.organisation.code
        links += [
            ("Verksamhetsplaner", reverse("organisation", args=[code])),
            ("Uppföljningar", reverse("rounds", args=[code])),
        ]
        if has_role(membership.role, Role.ADMIN):
            links.append(("Personer", reverse("people", args=[code])))
    return [MenuItem(label, url, path == url) for label, url in links]


def main_menu(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"main_menu": SimpleLazyObject(lambda: items(user, request.path))}
