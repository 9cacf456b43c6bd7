"""A write refused because an approved round depends on it answers 409 with the reason, whichever view
it came from, so views do not catch the refusal themselves: a locked round (followup/models.py) with the
round's own notice, a locked plan (plans/locking.py) with its message; a fragment for htmx, a page
otherwise."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape

from styrkedja.followup.models import RoundLocked
from styrkedja.plans.locking import Locked
from styrkedja.web.views.followup_common import is_htmx, locked_response


class LockedMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RoundLocked):
            return locked_response(request, exception.round)
        if not isinstance(exception, Locked):
            return None
        if is_htmx(request):
            return HttpResponse(f'<p class="error" role="alert">{escape(exception)}</p>', status=409)
        return render(request, "409.html", {"message": str(exception)}, status=409)
