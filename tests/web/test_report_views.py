"""The report buttons: every report address × every role, the formats, and the links on the pages.

Readers and above of the organisation download the report; someone without a role there gets 404 (as if
the plan or round did not exist), an anonymous visitor the login page.
"""

from __future__ import annotations

import hashlib
import importlib.util

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from styrkedja.followup.workflow import open_round

ROLES = ["nobody", "outsider", "reader", "reporter", "controller", "director", "admin", "superuser"]
CAN_VIEW = {"reader", "reporter", "controller", "director", "admin", "superuser"}
HAS_DOCX = importlib.util.find_spec("styrkedja.reports.renderers.docx") is not None


@pytest.fixture
def round_(world):
    return open_round(world.committee, "2022-T1", by=world.users["controller"])


@pytest.fixture
def clients(world) -> dict[str, Client]:
    world.users["superuser"] = get_user_model().objects.create_superuser("superuser", password="x")
    result = {}
    for role in ROLES:
        client = Client()
        client.force_login(world.users[role])
        result[role] = client
    return result


@pytest.mark.parametrize("role", ROLES)
def test_who_may_download_the_reports(world, round_, clients, role):
    for url in (
        reverse("plan_report", kwargs={"pk": world.plan.pk, "fmt": "html"}),
        reverse("round_report", kwargs={"pk": round_.pk, "fmt": "html"}),
    ):
        response = clients[role].get(url)
        expected = 200 if role in CAN_VIEW else 404
        assert response.status_code == expected, (url, role, response.status_code)


def test_an_anonymous_visitor_is_sent_to_the_login_page(world, round_):
    response = Client().get(reverse("round_report", kwargs={"pk": round_.pk, "fmt": "pdf"}))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_another_organisations_plan_answers_404(world, clients):
    url = reverse("plan_report", kwargs={"pk": world.other_plan.pk, "fmt": "pdf"})
    assert clients["reader"].get(url).status_code == 404
    assert clients["outsider"].get(url).status_code == 200


def test_an_unknown_format_or_object_answers_404(world, clients):
    assert clients["reader"].get(f"/rapporter/plan/{world.plan.pk}.xlsx").status_code == 404
    assert clients["reader"].get("/rapporter/uppfoljning/999999.pdf").status_code == 404


def test_the_pdf_is_served_with_its_hash_and_is_the_same_twice(world, round_, clients):
    url = reverse("round_report", kwargs={"pk": round_.pk, "fmt": "pdf"})
    first, second = clients["reader"].get(url), clients["reader"].get(url)
    assert first.status_code == 200 and first["Content-Type"] == "application/pdf"
    assert first.content.startswith(b"%PDF") and first.content == second.content
    assert first["X-Report-SHA256"] == hashlib.sha256(first.content).hexdigest()
    assert 'filename="' in first["Content-Disposition"] and "2022-T1" in first["Content-Disposition"]


def test_the_plan_report_as_html_names_the_plan(world, clients):
    response = clients["reader"].get(reverse("plan_report", kwargs={"pk": world.plan.pk, "fmt": "html"}))
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert "<!DOCTYPE html>" in page and world.plan.organisation.name in page


@pytest.mark.skipif(not HAS_DOCX, reason="the DOCX renderer is not in this build yet")
def test_the_plan_report_as_word(world, clients):
    response = clients["reader"].get(reverse("plan_report", kwargs={"pk": world.plan.pk, "fmt": "docx"}))
    assert response.status_code == 200 and response.content.startswith(b"PK")
    assert "attachment" in response["Content-Disposition"]


def test_the_plan_and_round_pages_link_to_the_reports(world, round_, clients):
    page = clients["reader"].get(reverse("plan", args=[world.plan.pk])).content.decode()
    for fmt in ("pdf", "docx", "html"):
        assert reverse("plan_report", kwargs={"pk": world.plan.pk, "fmt": fmt}) in page
    page = clients["reader"].get(reverse("round", args=[round_.pk])).content.decode()
    assert reverse("round_report", kwargs={"pk": round_.pk, "fmt": "pdf"}) in page


def test_a_locked_round_gives_its_locked_version(world, round_, clients):
    Round = type(round_)
    Round.objects.filter(pk=round_.pk).update(status="locked")
    page = clients["reader"].get(reverse("round", args=[round_.pk])).content.decode()
    assert "den låsta, godkända versionen" in page
    response = clients["reader"].get(reverse("round_report", kwargs={"pk": round_.pk, "fmt": "html"}))
    assert "Låst version" in response.content.decode()
