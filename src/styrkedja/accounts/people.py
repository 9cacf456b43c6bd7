"""People and roles: an organisation's administrators invite users, give, change and withdraw roles, and
switch accounts off and on again. The web pages and `styrkedja users` go through these services; every
change is in the history (django-simple-history, with its author) and in the security log.

An administrator acts on the organisations where they are administrator (and those below them); another
organisation's people answer 404. Switching an account off or on acts on the whole account, so it needs an
administrator of every organisation where the account has a role. Nobody switches off their own account
or withdraws their own administrator role (an organisation is never left without the one who did it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from styrkedja.accounts.models import EventKind
from styrkedja.accounts.security_log import record
from styrkedja.audit import delete_by, save_by
from styrkedja.edits.versions import check_edit, locked, save_checked
from styrkedja.organisations.models import Membership, Organisation, Role
from styrkedja.organisations.permissions import require_role, role_in

USERNAME = re.compile(r"^[\w.@+-]{1,150}$")


@dataclass(frozen=True)
class Person:
    """A user with a role in the organisation or above it, as the people page lists them."""

    user: Any
    membership: Membership | None  # the role given here (None: it comes from an organisation above)
    role: Role
    given_at: Organisation


def require_admin(by: Any, organisation: Organisation) -> None:
    require_role(by, organisation, Role.ADMIN)


def people(organisation: Organisation, *, by: Any) -> list[Person]:
    """Everyone with a role here, from a membership here or above; two queries."""
    if by is not None:
        require_admin(by, organisation)
    chain = {org.pk: org for org in organisation.ancestors()}
    rows = (
        Membership.objects.filter(organisation_id__in=chain)
        .select_related("user")
        .order_by("user__first_name", "user__last_name", "user__username")
    )
    nearest: dict[int, Membership] = {}
    depth = {pk: i for i, pk in enumerate(chain)}  # 0: the organisation itself
    for membership in rows:
        kept = nearest.get(membership.user_id)
        if kept is None or depth[membership.organisation_id] < depth[kept.organisation_id]:
            nearest[membership.user_id] = membership
    result = []
    for membership in nearest.values():
        here = membership.organisation_id == organisation.pk
        result.append(
            Person(
                membership.user,
                membership if here else None,
                Role(membership.role),
                chain[membership.organisation_id],
            )
        )
    return sorted(result, key=lambda p: (p.user.get_full_name() or p.user.get_username()).casefold())


def _clean_invitation(email: str, username: str, first_name: str, last_name: str) -> tuple[str, str]:
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError({"email": "Skriv en e-postadress, t.ex. anna.andersson@kommun.se."}) from None
    username = (username or email).strip()
    if not USERNAME.match(username):
        raise ValidationError({"username": "Användarnamnet får bestå av bokstäver, siffror och . @ + - _."})
    if get_user_model().objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": f"Det finns redan ett konto med användarnamnet {username}."})
    for name, value in (("first_name", first_name), ("last_name", last_name)):
        if len(value) > 150:
            raise ValidationError({name: "Högst 150 tecken."})
    return email, username


@transaction.atomic
def invite(
    organisation: Organisation,
    *,
    email: str,
    role: Role | str,
    by: Any,
    username: str = "",
    first_name: str = "",
    last_name: str = "",
) -> Any:
    """A new account with a role here. With local login the user gets a link by e-mail to choose a
    password (once, within the reset link's lifetime); with single sign-on, a note to log in there."""
    if by is not None:
        require_admin(by, organisation)
    role = _role(role)
    email, username = _clean_invitation(email, username, first_name.strip(), last_name.strip())
    user = get_user_model()(
        username=username, email=email, first_name=first_name.strip(), last_name=last_name.strip()
    )
    user.set_unusable_password()
    try:
        with transaction.atomic():  # invited twice at once: the username's unique index lets one in
            user.save()
    except IntegrityError:
        raise ValidationError(
            {"username": f"Det finns redan ett konto med användarnamnet {username}."}
        ) from None
    save_by(Membership(user=user, organisation=organisation, role=role), by, "inbjudan")
    record(EventKind.ACCOUNT_INVITED, user=user, organisation=organisation.code, role=str(role), by=_name(by))
    transaction.on_commit(lambda: _send_invitation(user, organisation, role, by))
    return user


def invitation_text(user: Any, organisation: Organisation, role: Role, by: Any) -> str:
    who = f"{by.get_full_name() or by.get_username()} har" if by is not None else "Du har"
    lines = [
        f"Hej {user.get_full_name() or user.get_username()},",
        "",
        f"{who} gett dig ett konto i styrkedja med rollen {role.label} i {organisation.name}.",
        f"Ditt användarnamn är {user.get_username()}.",
        "",
    ]
    base = settings.PUBLIC_URL.rstrip("/")
    if settings.LOCAL_LOGIN:
        uid = urlsafe_base64_encode(force_bytes(user.pk))
        token = default_token_generator.make_token(user)
        link = base + reverse("password_reset_confirm", kwargs={"uidb64": uid, "token": token})
        lines += ["Välj ditt lösenord här (länken kan användas en gång):", "", link]
    else:
        lines += ["Logga in med kommunens inloggning här:", "", base + reverse("login")]
    return "\n".join(lines) + "\n"


def _send_invitation(user: Any, organisation: Organisation, role: Role, by: Any) -> None:
    send_mail(
        "styrkedja: ditt nya konto",
        invitation_text(user, organisation, role, by),
        None,
        [user.email],
        fail_silently=True,
    )


def _role(role: Role | str) -> Role:
    if role not in Role.values:
        raise ValidationError(
            {"role": f"Okänd roll {role!r}; välj en av {', '.join(r.label for r in Role)}."}
        )
    return Role(role)


def _name(user: Any) -> str:
    return user.get_username() if user is not None else ""


@transaction.atomic
def set_role(
    organisation: Organisation, user: Any, role: Role | str, *, by: Any, expected_version: int | None
) -> Membership:
    """Give the user this role here, or change the role given here."""
    if by is not None:
        require_admin(by, organisation)
    role = _role(role)
    same = Membership.objects.filter(user=user, organisation=organisation)
    stored = locked(same).first()
    check_edit(stored, expected_version, by)
    if (
        stored is not None
        and by is not None
        and user.pk == by.pk
        and role != Role.ADMIN
        and stored.role == Role.ADMIN
    ):
        raise PermissionDenied("Du kan inte ta bort din egen administratörsroll.")
    before = stored.role if stored is not None else None
    membership = stored or Membership(user=user, organisation=organisation)
    if before != role:
        membership.role = role
        save_checked(membership, by, same)
        kind = EventKind.ROLE_GRANTED if before is None else EventKind.ROLE_CHANGED
        record(kind, user=user, organisation=organisation.code, before=before, after=str(role), by=_name(by))
    return membership


@transaction.atomic
def withdraw_role(organisation: Organisation, user: Any, *, by: Any, expected_version: int | None) -> None:
    if by is not None:
        require_admin(by, organisation)
        if user.pk == by.pk:
            raise PermissionDenied("Du kan inte ta bort din egen roll.")
    stored = locked(Membership.objects.filter(user=user, organisation=organisation)).first()
    if stored is None:
        raise Http404("Användaren har ingen roll här.")
    check_edit(stored, expected_version, by)
    before = stored.role
    delete_by(stored, by)
    record(EventKind.ROLE_REMOVED, user=user, organisation=organisation.code, before=before, by=_name(by))


def _require_admin_of_account(user: Any, by: Any) -> None:
    if by is None or by.is_superuser:
        return
    if user.pk == by.pk:
        raise PermissionDenied("Du kan inte stänga av ditt eget konto.")
    if user.is_superuser:
        raise PermissionDenied("Ett konto med alla rättigheter sköts av systemets administratör.")
    organisations = Organisation.objects.filter(memberships__user=user)
    for organisation in organisations:
        if role_in(by, organisation) != Role.ADMIN:
            raise PermissionDenied(
                f"Kontot har en roll i {organisation.name}, där du inte är administratör; "
                "be en administratör där eller systemets administratör."
            )


@transaction.atomic
def set_active(
    organisation: Organisation, user: Any, active: bool, *, by: Any, expected_version: int | None
) -> Any:
    """Switch the account off (it can no longer log in; its roles and history stay) or on again. The
    version is the user's membership here, read with the page."""
    if by is not None:
        require_admin(by, organisation)
    membership = locked(Membership.objects.filter(user=user, organisation=organisation)).first()
    if membership is None:
        raise Http404("Användaren har ingen roll här.")
    check_edit(membership, expected_version, by)
    _require_admin_of_account(user, by)
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
        save_by(membership, by, "konto aktiverat igen" if active else "konto avstängt")  # in the history
        kind = EventKind.ACCOUNT_REACTIVATED if active else EventKind.ACCOUNT_DEACTIVATED
        record(kind, user=user, organisation=organisation.code, by=_name(by))
    return user
