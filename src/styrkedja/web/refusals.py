"""Refusals on objects go to the security log: a view's 403 (role too low) and 404 (the object does not
exist, or is another organisation's and so hidden), with user, address and page. An address that matches no
page is not an object and is not logged."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from styrkedja.accounts.models import EventKind
from styrkedja.accounts.security_log import record


class RefusalLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, PermissionDenied):
            record(EventKind.PERMISSION_DENIED, request=request, method=request.method)
        elif isinstance(exception, Http404):
            record(EventKind.NOT_FOUND, request=request, method=request.method)
