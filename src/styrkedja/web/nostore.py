"""Pages shown to a signed-in person are never kept by the browser or a proxy (`Cache-Control: no-store`).

A page kept in the browser's cache comes back on Back with the form and the versions it was read with;
saving it then reports a conflict with one's own earlier save, or shows values that are no longer
stored. With no-store the browser fetches the page again. A response that sets its own Cache-Control
(a report download, a public page) keeps it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
