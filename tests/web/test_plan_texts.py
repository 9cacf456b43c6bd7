"""The plan's chapters and the areas' commentary in the browser: read as formatted text, edited in the
safe text format with a preview that saves nothing, each save guarded by the row's version and in the
history; HTML typed in is shown as text."""

from __future__ import annotations

import re

from django.urls import reverse

from styrkedja.budget.models import BudgetArea
from styrkedja.plans.models import Plan
from tests.factories import as_read

TEXT = """Nämnden ansvarar för **arbetsmarknaden**.

# Uppdrag och organisation
Förvaltningen har *tre* avdelningar. <script>alert(1)</script>

- Jobbtorg Stockholm
- Vuxenutbildning Stockholm
"""


def text_of(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_a_controller_previews_then_saves_the_chapters_and_a_reader_reads_them(world, client_as):
    client = client_as("controller")
    url = reverse("plan_texts_edit", args=[world.plan.pk])
    preview = client.post(
        url, as_read(client, url, {"title": "VP 2022", "introduction": TEXT, "preview": "1"})
    )
    html = preview.content.decode()
    assert preview.status_code == 200 and "Förhandsgranskning (inte sparad)" in html
    assert "<strong>arbetsmarknaden</strong>" in html and "<h3>Uppdrag och organisation</h3>" in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert Plan.objects.get(pk=world.plan.pk).introduction != TEXT  # a preview saves nothing
    saved = client.post(url, as_read(client, url, {"title": "VP 2022", "introduction": TEXT}))
    assert saved.status_code == 302
    assert Plan.objects.get(pk=world.plan.pk).introduction == TEXT.strip()
    page = client_as("reader").get(reverse("plan_texts", args=[world.plan.pk])).content.decode()
    assert '<h2 id="kapitel-1">Uppdrag och organisation</h2>' in page
    assert "<em>tre</em>" in page and "<li>Jobbtorg Stockholm</li>" in page and "<script>alert" not in page
    assert "Ändra kapitlen" not in page
    history = text_of(client_as("reader").get(reverse("history", args=["plan", world.plan.pk])))
    assert "Inledning:" in history and "av controller" in history


def test_a_stale_version_is_a_conflict_and_nothing_is_overwritten(world, client_as):
    client = client_as("controller")
    url = reverse("plan_texts_edit", args=[world.plan.pk])
    data = as_read(client, url, {"title": "", "introduction": "Min text."})
    plan = Plan.objects.get(pk=world.plan.pk)
    plan.introduction = "Någon annans text."
    plan.save()
    response = client.post(url, data)
    assert response.status_code == 409
    assert Plan.objects.get(pk=world.plan.pk).introduction == "Någon annans text."


def test_an_adopted_plans_chapters_cannot_be_edited(world, client_as):
    from datetime import date

    from styrkedja.plans import lifecycle

    lifecycle.adopt(world.plan, decided_on=date(2021, 12, 14), reference="AMN 1", by=None)
    client = client_as("controller")
    assert client.get(reverse("plan_texts_edit", args=[world.plan.pk])).status_code == 409
    assert "Ändra kapitlen" not in client.get(reverse("plan_texts", args=[world.plan.pk])).content.decode()


def test_area_commentary_is_previewed_saved_and_shown_formatted_on_the_economy_page(world, client_as):
    client = client_as("controller")
    area = world.areas["Jobbtorg Stockholm"]
    url = reverse("economy_texts_edit", args=[world.plan.pk])
    data = {"summary": "", "requirement_commentary": "", f"area_{area.pk}": "Kostnaderna **ökar**.\n\n- fler"}
    preview = client.post(url, as_read(client, url, {**data, "preview": "1"}))
    assert "Förhandsgranskning (inte sparad)" in preview.content.decode()
    assert "<strong>ökar</strong>" in preview.content.decode()
    assert BudgetArea.objects.get(pk=area.pk).commentary == ""
    assert client.post(url, as_read(client, url, data)).status_code == 302
    assert BudgetArea.objects.get(pk=area.pk).commentary == "Kostnaderna **ökar**.\n\n- fler"
    page = client_as("reader").get(reverse("economy", args=[world.plan.pk])).content.decode()
    assert "<p>Kostnaderna <strong>ökar</strong>.</p>" in page and "<li>fler</li>" in page
