"""One's personal access tokens of the API (docs/api.md): made and revoked here by their user. A new
token is shown once, on the page that made it; only its SHA-256 is stored."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from styrkedja.exchange.models import ApiToken
from styrkedja.exchange.tokens import create_token, revoke_token
from styrkedja.web.forms.api_tokens import ApiTokenForm
from styrkedja.web.views.common import Crumb


@login_required
def api_tokens(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert user.is_authenticated
    form = ApiTokenForm(request.POST or None)
    made = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        _, made = create_token(user, name=data["name"], scope=data["scope"], days=data["days"])
        form = ApiTokenForm()
    response = render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "made": made,
            "tokens": ApiToken.objects.filter(user=user),
            "docs_url": "/api/v1/docs",
            "breadcrumbs": [
                Crumb("Start", reverse("home")),
                Crumb("Mitt konto", reverse("account")),
                Crumb("API-nycklar"),
            ],
        },
        status=201 if made else 200,
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def api_token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        token = revoke_token(request.user, pk)
    except ApiToken.DoesNotExist:
        raise Http404("Sidan finns inte.") from None
    messages.success(request, f"Nyckeln ”{token.name}” är återkallad och fungerar inte längre.")
    return redirect("api_tokens")
