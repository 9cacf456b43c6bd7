"""Mitt konto → Meddelanden: what the user gets by e-mail."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from styrkedja.lib.vocabulary import NoticeKind
from styrkedja.notices.choices import choice_of, save_choice
from styrkedja.web.forms.notices import NoticeChoiceForm
from styrkedja.web.views.common import Crumb, form_page


def changes(choice) -> list[dict]:
    """The user's own changes of the choice, newest first: when, and what was turned on or off."""
    if choice.pk is None:
        return []
    records = list(choice.history.order_by("-history_date", "-history_id")[:20])
    result = []
    for record, older in zip(records, [*records[1:], None], strict=True):
        turned = [
            f"{kind.label}: {'på' if getattr(record, str(kind)) else 'av'}"
            for kind in NoticeKind
            if older is None or getattr(older, str(kind)) != getattr(record, str(kind))
        ]
        result.append({"at": record.history_date, "what": "; ".join(turned)})
    return result


@login_required
def notice_choices(request: HttpRequest) -> HttpResponse:
    user = request.user
    choice = choice_of(user)
    form = NoticeChoiceForm(request.POST or None, choice=choice)
    return form_page(
        request,
        form,
        save=lambda f: save_choice(user, f.wanted(), expected_version=f.cleaned_data["version"]),
        success_url=reverse("notice_choices"),
        success_message="Dina val av meddelanden har sparats.",
        template="accounts/notices.html",
        context={
            "changes": changes(choice),
            "breadcrumbs": [
                Crumb("Start", reverse("home")),
                Crumb("Mitt konto", reverse("account")),
                Crumb("Meddelanden"),
            ],
        },
    )
