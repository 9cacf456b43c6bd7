"""Logging in and out, the second factor, one's password, single sign-on's return, and the administrators'
security page. Thin: authorise → form → service (styrkedja.accounts) → render."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from styrkedja.accounts import lockout, second_factor
from styrkedja.accounts.models import EventKind, SecurityEvent
from styrkedja.accounts.notifications import notify_change
from styrkedja.accounts.security_log import record
from styrkedja.accounts.sso import provider_logout_url
from styrkedja.web.forms.accounts import CodeForm, EventFilterForm
from styrkedja.web.table_download import offers_xlsx
from styrkedja.web.views.common import Crumb

#: Session key of a login whose password was right and whose code is still to come.
PENDING = "styrkedja_pending_login"
PENDING_SECONDS = 300
CODE_ATTEMPTS = 5
EVENTS_SHOWN = 200


def _signed_in(request: HttpRequest) -> AbstractBaseUser:
    """The user of a page behind `login_required`."""
    assert request.user.is_authenticated
    return request.user


def _crumbs(label: str) -> list[Crumb]:
    return [Crumb("Start", reverse("home")), Crumb(label)]


class Login(auth_views.LoginView):
    """Password login (when STYRKEDJA_LOCAL_LOGIN is on) and the button to the identity provider. A right
    password of someone who needs a second factor leads to the code page, not yet to a session."""

    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.LOCAL_LOGIN:
            raise Http404("Inloggning med lösenord är avstängd.")
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),
            "sso": settings.SSO,
            "local_login": settings.LOCAL_LOGIN,
        }

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if not second_factor.needs_code(user):
            return super().form_valid(form)
        self.request.session[PENDING] = {
            "user": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "at": int(time.time()),
            "failures": 0,
        }
        return redirect("login_code")


def _pending(request: HttpRequest) -> tuple[dict[str, Any], Any] | None:
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return (pending, user) if user is not None else None


def _complete_login(request: HttpRequest, pending: dict[str, Any], user: Any, device: Any) -> HttpResponse:
    request.session.pop(PENDING, None)
    user.otp_device = device  # django-otp keeps the session verified through the login
    auth_login(request, user, backend=pending["backend"])
    target = pending["next"]
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse(settings.LOGIN_REDIRECT_URL)
    return redirect(target)


WRONG_CODE = "Koden stämmer inte. Kontrollera klockan i telefonen och försök igen."


def _second_step(
    request: HttpRequest,
    pending: dict[str, Any],
    user: Any,
    device: Any,
    verify: Callable[..., bool],
    template: str,
) -> HttpResponse:
    """The code page of a login (verify: check a code, or confirm a new app with it). After CODE_ATTEMPTS
    wrong codes the login starts again from the password."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if verify(device, form.cleaned_data["code"], request=request):
            return _complete_login(request, pending, user, device)
        pending["failures"] += 1
        request.session[PENDING] = pending
        if pending["failures"] >= CODE_ATTEMPTS:
            request.session.pop(PENDING, None)
            messages.error(request, "För många felaktiga koder. Logga in igen.")
            return redirect("login")
        form.add_error("code", WRONG_CODE)
    context = {"form": form}
    if template.endswith("enrol.html"):
        context.update(_enrol_context(device, form))
    return render(request, template, context)


def login_code(request: HttpRequest) -> HttpResponse:
    found = _pending(request)
    if found is None:
        return redirect("login")
    pending, user = found
    device = second_factor.confirmed_device(user)
    if device is None:
        return redirect("login_enrol")
    return _second_step(request, pending, user, device, second_factor.check, "accounts/login_code.html")


def _enrolment(request: HttpRequest, key: str, user: Any) -> Any:
    """The unconfirmed device being set up in this session (a new one the first time)."""
    device = second_factor.unconfirmed_device(user, request.session.get(key))
    if device is None:
        device = second_factor.new_device(user)
        request.session[key] = device.pk
    return device


def _enrol_context(device: Any, form: CodeForm) -> dict[str, Any]:
    return {"form": form, "qr": second_factor.qr_svg(device), "secret": second_factor.secret(device)}


def login_enrol(request: HttpRequest) -> HttpResponse:
    """An administrator's first password login: set up the authenticator app, then log in with its code."""
    found = _pending(request)
    if found is None:
        return redirect("login")
    pending, user = found
    if second_factor.confirmed_device(user) is not None:
        return redirect("login_code")
    device = _enrolment(request, "styrkedja_login_enrol", user)
    return _second_step(request, pending, user, device, second_factor.confirm, "accounts/login_enrol.html")


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Log out here, and at the identity provider when the login came from there."""
    target = reverse(settings.LOGOUT_REDIRECT_URL)
    if settings.SSO and request.session.get("oidc_id_token"):
        target = provider_logout_url(request)
    auth_logout(request)
    return redirect(target)


def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's login is ours, with its lockout and second factor; a logged-in user who is not staff is
    refused rather than sent round again."""
    if request.user.is_authenticated:
        raise PermissionDenied("Administrationen är bara för administratörer.")
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"), reverse("login"))


def locked_out(request: HttpRequest, response: Any = None, credentials: Any = None) -> HttpResponse:
    """django-axes' answer to a locked-out account or address (STYRKEDJA_LOGIN_FAILURE_LIMIT failures)."""
    minutes = settings.AXES_COOLOFF_TIME * 60 if settings.AXES_COOLOFF_TIME else None
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = _signed_in(request)
    return render(
        request,
        "accounts/account.html",
        {
            "local": user.has_usable_password(),
            "device": second_factor.confirmed_device(user),
            "required": second_factor.required_for(user),
            "breadcrumbs": _crumbs("Mitt konto"),
        },
    )


@login_required
def totp_enrol(request: HttpRequest) -> HttpResponse:
    if not _signed_in(request).has_usable_password():
        raise Http404("Tvåstegsverifieringen sköts av identitetsleverantören.")
    device = _enrolment(request, "styrkedja_account_enrol", request.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.confirm(device, form.cleaned_data["code"], request=request):
            request.session.pop("styrkedja_account_enrol", None)
            messages.success(request, "Tvåstegsverifieringen är på. Koden behövs från nästa inloggning.")
            return redirect("account")
        form.add_error("code", WRONG_CODE)
    context = {**_enrol_context(device, form), "breadcrumbs": _crumbs("Tvåstegsverifiering")}
    return render(request, "accounts/totp_enrol.html", context)


@login_required
@require_POST
def totp_remove(request: HttpRequest) -> HttpResponse:
    if second_factor.required_for(request.user):
        raise PermissionDenied("Administratörer måste ha tvåstegsverifiering.")
    second_factor.remove(request.user, request=request)
    messages.success(request, "Tvåstegsverifieringen är avstängd.")
    return redirect("account")


class PasswordChange(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("account")

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not request.user.has_usable_password():
            raise Http404("Lösenordet sköts av identitetsleverantören.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "breadcrumbs": _crumbs("Byt lösenord")}

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        event = record(EventKind.PASSWORD_CHANGED, request=self.request, user=form.user)
        notify_change(form.user, EventKind.PASSWORD_CHANGED.value, event.address)
        messages.success(self.request, "Lösenordet är bytt.")
        return response


class LocalOnly:
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.LOCAL_LOGIN:
            raise Http404("Lösenord används inte här: logga in via kommunens inloggning.")
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class PasswordReset(LocalOnly, auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_sent")

    def form_valid(self, form: Any) -> HttpResponse:
        # The answer is the same whether or not the address belongs to someone.
        record(EventKind.PASSWORD_RESET_REQUESTED, request=self.request, email=form.cleaned_data["email"])
        return super().form_valid(form)


class PasswordResetSent(LocalOnly, auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_sent.html"


class PasswordResetConfirm(LocalOnly, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        lockout.forget_account(form.user.get_username())
        event = record(EventKind.PASSWORD_RESET, request=self.request, user=form.user)
        notify_change(form.user, EventKind.PASSWORD_RESET.value, event.address)
        return response


class PasswordResetComplete(LocalOnly, auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class SsoOnly:
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.SSO:
            raise Http404("Inloggning via identitetsleverantör är inte inställd.")
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class SingleSignOnStart(SsoOnly, OIDCAuthenticationRequestView):
    """To the identity provider (mozilla-django-oidc: state, nonce, PKCE)."""


class SingleSignOnReturn(SsoOnly, OIDCAuthenticationCallbackView):
    """Back from the provider: the code is exchanged, the ID token checked, the account made or updated
    with its roles (accounts/sso.py), and the user logged in."""


def _require_superuser(request: HttpRequest) -> None:
    if not request.user.is_superuser:
        raise PermissionDenied("Säkerhetsloggen är bara för administratörer.")


@login_required
@offers_xlsx
def security(request: HttpRequest) -> HttpResponse:
    """Lockouts in force (with their unlock buttons) and the latest events of the security log."""
    _require_superuser(request)
    form = EventFilterForm(request.GET or None)
    events = SecurityEvent.objects.select_related("user")
    if form.is_valid():
        if form.cleaned_data["kind"]:
            events = events.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["username"]:
            events = events.filter(username=form.cleaned_data["username"])
    return render(
        request,
        "accounts/security.html",
        {
            "form": form,
            "lockouts": lockout.active_lockouts(),
            "events": events[:EVENTS_SHOWN],
            "shown": EVENTS_SHOWN,
            "breadcrumbs": _crumbs("Säkerhet"),
        },
    )


@login_required
@require_POST
def unlock(request: HttpRequest, pk: int) -> HttpResponse:
    _require_superuser(request)
    lifted = lockout.unlock(pk, by=request.user, request=request)
    if lifted is None:
        raise Http404("Spärren finns inte längre.")
    messages.success(request, f"Spärren för {lifted.username or lifted.address} är hävd.")
    return redirect("security")
