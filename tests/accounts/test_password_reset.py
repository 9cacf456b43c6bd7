"""Resetting one's password by e-mail, through a real SMTP server: the link, the rules, one use only."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from styrkedja.accounts.models import EventKind, SecurityEvent

NEW = "Mycket-bättre-fras-i-år"
LINK = re.compile(r"http://testserver(/glomt-losenord/[^/\s]+/[^/\s]+/)")


def test_a_reset_link_by_mail_sets_a_new_password_once(db, smtp_server):
    user = get_user_model().objects.create_user("anna", "anna@kommun.example", "ett-gammalt-losenord")
    client = Client()
    sent = client.post(reverse("password_reset"), {"email": "anna@kommun.example"})
    assert sent.status_code == 302 and sent["Location"] == reverse("password_reset_sent")
    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert mail["To"] == "anna@kommun.example"
    assert mail["Subject"] == "Nytt lösenord till styrkedja"
    body = mail.get_content()
    link = LINK.search(body).group(1)

    form = client.get(link, follow=True)
    assert form.context["validlink"]
    set_url = form.redirect_chain[-1][0]
    weak = client.post(set_url, {"new_password1": "kort", "new_password2": "kort"})
    assert "new_password2" in weak.context["form"].errors
    done = client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW)
    assert Client().post(reverse("login"), {"username": "anna", "password": NEW}).status_code == 302

    used = Client().get(link, follow=True)
    assert not used.context["validlink"]
    assert "Länken gäller inte längre" in used.content.decode()
    notice = smtp_server.messages[1]
    assert notice["To"] == "anna@kommun.example"
    assert "Lösenordet till ditt konto har återställts" in notice.get_content()
    kinds = set(SecurityEvent.objects.values_list("kind", flat=True))
    assert {EventKind.PASSWORD_RESET_REQUESTED, EventKind.PASSWORD_RESET} <= kinds


def test_an_unknown_address_gets_the_same_answer_and_no_mail(db, smtp_server):
    answer = Client().post(reverse("password_reset"), {"email": "ingen@kommun.example"})
    assert answer.status_code == 302 and answer["Location"] == reverse("password_reset_sent")
    assert smtp_server.messages == []


def test_a_reset_lifts_the_accounts_lockout(db, smtp_server):
    get_user_model().objects.create_user("anna", "anna@kommun.example", "ett-gammalt-losenord")
    for n in range(5):
        Client(REMOTE_ADDR="192.0.2.1").post(reverse("login"), {"username": "anna", "password": f"fel{n}"})
    client = Client(REMOTE_ADDR="198.51.100.2")
    client.post(reverse("password_reset"), {"email": "anna@kommun.example"})
    link = LINK.search(smtp_server.messages[0].get_content()).group(1)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(set_url, {"new_password1": NEW, "new_password2": NEW})
    assert client.post(reverse("login"), {"username": "anna", "password": NEW}).status_code == 302
