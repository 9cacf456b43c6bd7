"""An organisation's people: who has which role, invitations, roles given and withdrawn, accounts switched
off and on (accounts/people.py holds the rules; this view only shows and sends)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from styrkedja.accounts import people as service
from styrkedja.edits.versions import Conflict, MissingVersion
from styrkedja.organisations.models import Organisation, Role
from styrkedja.organisations.permissions import has_role
from styrkedja.web.forms.people import InviteForm, RoleForm
from styrkedja.web.views.common import Crumb, authorise, organisation_crumbs


def _organisation(code: str) -> Organisation:
    return get_object_or_404(Organisation.objects.select_related("parent__parent__parent"), code=code)


@login_required
def people(request: HttpRequest, code: str) -> HttpResponse:
    organisation = _organisation(code)
    context = authorise(request, organisation, Role.ADMIN)
    form = InviteForm(request.POST or None, prefix="invite")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                user = service.invite(organisation, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(
                    request, f"{user.email} har bjudits in som {Role(form.cleaned_data['role']).label}."
                )
                return redirect("people", code)
        status = 400
    rows = [
        {"person": person, "form": _role_form(person)}
        for person in service.people(organisation, by=request.user)
    ]
    return render(
        request,
        "organisations/people.html",
        {
            **context,
            "organisation": organisation,
            "rows": rows,
            "form": form,
            "is_admin": has_role(context["role"], Role.ADMIN),
            "breadcrumbs": [
                *organisation_crumbs(organisation),
                Crumb("Personer och roller"),
            ],
        },
        status=status,
    )


def _role_form(person: service.Person) -> RoleForm | None:
    if person.membership is None:
        return None
    return RoleForm(
        initial={"version": person.membership.version, "role": person.membership.role, "action": "set"},
        prefix=f"p{person.user.pk}",
    )


@login_required
@require_POST
def person_role(request: HttpRequest, code: str, user_pk: int) -> HttpResponse:
    organisation = _organisation(code)
    authorise(request, organisation, Role.ADMIN)
    user = get_object_or_404(get_user_model(), pk=user_pk, memberships__organisation=organisation)
    form = RoleForm(request.POST, prefix=f"p{user.pk}")
    if not form.is_valid():
        messages.error(request, "Sidan var inaktuell; ladda om den och försök igen.")
        return redirect("people", code)
    data, name = form.cleaned_data, user.get_full_name() or user.get_username()
    try:
        if data["action"] == "set":
            service.set_role(
                organisation, user, data["role"], by=request.user, expected_version=data["version"]
            )
            done = f"{name} har nu rollen {Role(data['role']).label}."
        elif data["action"] == "withdraw":
            service.withdraw_role(organisation, user, by=request.user, expected_version=data["version"])
            done = f"{name} har inte längre någon roll i {organisation.name}."
        else:
            active = data["action"] == "activate"
            service.set_active(organisation, user, active, by=request.user, expected_version=data["version"])
            done = f"{name}s konto är {'aktiverat igen' if active else 'avstängt'}."
    except (Conflict, MissingVersion):
        messages.error(
            request,
            f"Någon annan har ändrat {name}s roll sedan du öppnade sidan; ingenting ändrades. Se rollen nu och försök igen.",
        )
        return redirect(reverse("people", args=[code]))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("people", code)
    messages.success(request, done)
    return redirect("people", code)
