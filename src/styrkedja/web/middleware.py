"""A write refused because an approved round depends on it (plans/locking.py, followup/models.py) answers
409 with the reason, whichever view it came from: a page for a form post, the message alone for htmx."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.html import escape

from styrkedja.plans.locking import Locked


class LockedMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, Locked):
            return None
        if request.headers.get("HX-Request"):
            return HttpResponse(f'<p class="error" role="alert">{escape(exception)}</p>', status=409)
        return render(request, "409.html", {"message": str(exception)}, status=409)
