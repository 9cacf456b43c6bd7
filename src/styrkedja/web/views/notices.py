"""Mitt konto → Meddelanden: what the user gets by e-mail."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from styrkedja.notices.choices import choice_of, save_choice
from styrkedja.web.forms.notices import NoticeChoiceForm
from styrkedja.web.views.common import Crumb, form_page


@login_required
def notice_choices(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = NoticeChoiceForm(request.POST or None, choice=choice_of(user))
    return form_page(
        request,
        form,
        save=lambda f: save_choice(user, f.wanted(), expected_version=f.cleaned_data["version"]),
        success_url=reverse("notice_choices"),
        success_message="Dina val av meddelanden har sparats.",
        template="accounts/notices.html",
        context={
            "breadcrumbs": [
                Crumb("Start", reverse("home")),
                Crumb("Mitt konto", reverse("account")),
                Crumb("Meddelanden"),
            ],
        },
    )
