"""Sessions end after STYRKEDJA_SESSION_IDLE_TIMEOUT seconds without a request and, whatever happens,
STYRKEDJA_SESSION_MAX_AGE seconds after the login (the session cookie's own age is the same). The time of
the last request is written at most once a minute, so a page view does not always write the session."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse

from styrkedja.accounts.models import EventKind
from styrkedja.accounts.security_log import record
from styrkedja.accounts.signals import LOGGED_IN_AT, SEEN_AT

WRITE_EVERY = 60


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            logged_in = session.setdefault(LOGGED_IN_AT, now)
            seen = session.setdefault(SEEN_AT, now)
            idle, age = now - seen, now - logged_in
            if idle > settings.SESSION_IDLE_TIMEOUT or age > settings.SESSION_COOKIE_AGE:
                user = request.user
                reason = "idle" if idle > settings.SESSION_IDLE_TIMEOUT else "max_age"
                logout(request)
                record(EventKind.SESSION_EXPIRED, request=request, user=user, reason=reason)
                messages.info(request, "Du har loggats ut eftersom sessionen gick ut. Logga in igen.")
                return redirect_to_login(request.get_full_path())
            if now - seen >= WRITE_EVERY:
                session[SEEN_AT] = now
        return self.get_response(request)
