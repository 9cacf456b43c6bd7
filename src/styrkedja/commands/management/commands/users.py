"""`styrkedja users ACTION --organisation CODE …`: people and roles for scripted set-up, through the same
services as the people page (accounts/people.py), recorded in the history and the security log.

    styrkedja users list --organisation amn [--format json]
    styrkedja users invite --organisation amn --email anna@kommun.se --role reporter [--first-name … --last-name … --username …]
    styrkedja users grant --organisation amn --user anna --role controller
    styrkedja users revoke --organisation amn --user anna
    styrkedja users deactivate --organisation amn --user anna
    styrkedja users activate --organisation amn --user anna
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.http import Http404

from styrkedja.accounts import people as service
from styrkedja.commands import lookup
from styrkedja.organisations.models import Role

ACTIONS = ["list", "invite", "grant", "revoke", "deactivate", "activate"]


class Command(BaseCommand):
    help = "People and roles of an organisation: list, invite, grant, revoke, deactivate, activate."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=ACTIONS)
        parser.add_argument("--organisation", required=True, help="organisation code, e.g. amn")
        parser.add_argument("--user", help="the user name (grant, revoke, deactivate, activate)")
        parser.add_argument("--email", help="the new user's address (invite)")
        parser.add_argument("--role", choices=Role.values, help="the role (invite, grant)")
        parser.add_argument("--username", default="", help="the new user name (invite; default: the address)")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        organisation = lookup.organisation(options["organisation"])
        action = options["action"]
        try:
            if action == "list":
                return self._list(organisation, options["format"])
            if action == "invite":
                if not options["email"] or not options["role"]:
                    raise CommandError("invite needs --email and --role")
                user = service.invite(
                    organisation,
                    email=options["email"],
                    role=options["role"],
                    username=options["username"],
                    first_name=options["first_name"],
                    last_name=options["last_name"],
                    by=None,
                )
                self.stdout.write(
                    f"invited {user.get_username()} <{user.email}> as {options['role']} in {organisation.code}"
                )
                return None
            user = self._user(options["user"], action)
            if action == "grant":
                if not options["role"]:
                    raise CommandError("grant needs --role")
                service.set_role(organisation, user, options["role"], by=None, expected_version=None)
                self.stdout.write(f"{user.get_username()} is {options['role']} in {organisation.code}")
            elif action == "revoke":
                service.withdraw_role(organisation, user, by=None, expected_version=None)
                self.stdout.write(f"{user.get_username()} has no role in {organisation.code} any more")
            else:
                service.set_active(organisation, user, action == "activate", by=None, expected_version=None)
                self.stdout.write(
                    f"{user.get_username()}: account {'active' if action == 'activate' else 'switched off'}"
                )
        except ValidationError as exc:
            raise CommandError("; ".join(_messages(exc))) from None
        except (Http404, PermissionDenied) as exc:
            raise CommandError(str(exc)) from None
        return None

    def _user(self, username: str | None, action: str) -> Any:
        if not username:
            raise CommandError(f"{action} needs --user")
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"no user '{username}'")
        return user

    def _list(self, organisation: Any, fmt: str) -> None:
        rows = [
            {
                "username": p.user.get_username(),
                "name": p.user.get_full_name(),
                "email": p.user.email,
                "role": str(p.role),
                "given_at": p.given_at.code,
                "active": p.user.is_active,
            }
            for p in service.people(organisation, by=None)
        ]
        if fmt == "json":
            self.stdout.write(
                json.dumps({"organisation": organisation.code, "people": rows}, ensure_ascii=False)
            )
            return
        for row in rows:
            off = "" if row["active"] else " (switched off)"
            self.stdout.write(f"{row['username']}\t{row['role']}\t{row['given_at']}\t{row['email']}{off}")


def _messages(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [f"--{field.replace('_', '-')}: {m}" for field, ms in exc.message_dict.items() for m in ms]
    return list(exc.messages)
