"""The read-only pages render the plan's real values, the Swedish way."""

from __future__ import annotations

import re

from django.urls import reverse

from tests.factories import add_goal


def text_of(response) -> str:
    """The response's HTML with tags removed and whitespace collapsed (no-break spaces kept)."""
    html = response.content.decode()
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html))


def test_it_lists_the_organisations_and_plans_of_the_user_on_the_start_page(world, client_as):
    response = client_as("reader").get(reverse("home"))
    text = text_of(response)
    assert response.status_code == 200
    assert "Arbetsmarknadsnämnden" in text
    assert "Jobbtorg Stockholm" in text  # a child of the committee
    assert "Verksamhetsplan 2022" in text
    assert "Utbildningsnämnden" not in text
    assert "Stockholms stad" not in text  # above the membership: no role there


def test_it_shows_an_organisations_plans(world, client_as):
    response = client_as("reader").get(reverse("organisation", args=["amn"]))
    assert response.status_code == 200
    assert reverse("plan", args=[world.plan.pk]) in response.content.decode()


def test_it_shows_the_goal_tree_with_counts_on_the_plan_page(world, client_as):
    response = client_as("reader").get(reverse("plan", args=[world.plan.pk]))
    text = text_of(response)
    assert "1.1.1 Kvinnor och män studerar eller arbetar" in text
    assert "KF:s inriktningsmål" in text
    assert "Enhetsmål" in text
    assert "2 indikatorer · 2 aktiviteter" in text
    assert "1 indikator · 0 aktiviteter" not in text
    assert reverse("economy", args=[world.plan.pk]) in response.content.decode()


def test_it_shows_the_goal_with_its_indicator_and_activity_tables(world, client_as):
    response = client_as("reader").get(reverse("goal", args=[world.goals["1.1"].pk]))
    text = text_of(response)
    assert "KF:s indikatorer" in text
    assert "72\u00a0%" in text  # the target with its unit, never wrapping
    assert "Tas fram av nämnd" in text
    assert "550\u00a0st 800\u00a0st" in text  # Årsmål and KF:s årsmål
    assert "♀" in text
    assert "Tertial" in text


def test_it_marks_quantified_expected_results_and_council_assignments(world, client_as):
    response = client_as("reader").get(reverse("goal", args=[world.goals["1.1.1"].pk]))
    text = text_of(response)
    assert "Mätbart: minst 60\u00a0%" in text
    assert "Samverkan med arbetsgivare har utvecklats." in text
    assert "5,5\u00a0mån" in text
    assert "Tas fram av nämnd/styrelse" in text
    assert "KF-uppdrag Utveckla samverkan med Arbetsförmedlingen" in text
    assert "2022-01-01 2022-06-30" in text
    assert "Nämndens indikatorer" in text
    assert "Fler aspiranter går vidare till studier" in text  # the child goal


def test_it_shows_edit_links_only_to_those_who_may_edit(world, client_as):
    url = reverse("goal", args=[world.goals["1.1.1"].pk])
    edit = reverse("goal_edit", args=[world.goals["1.1.1"].pk])
    assert edit not in client_as("reporter").get(url).content.decode()
    assert edit in client_as("controller").get(url).content.decode()


def test_it_shows_the_economy_tables_with_swedish_numbers(world, client_as):
    response = client_as("reader").get(reverse("economy", args=[world.plan.pk]))
    text = text_of(response)
    assert response.status_code == 200
    # Net per area and the committee's total, as in VP 2022.
    assert "Jobbtorg Stockholm 367,5 353,0 355,8" in text
    assert "Nämndens intäktskrav -168,3 -193,6 -250,0" in text
    assert "Summa netto 995,3 888,5 1\u00a0051,7" in text
    # One cost/revenue/net table per area.
    assert "Kostnader 815,7 767,5 980,8" in text
    assert "Intäkter -138,3 -147,1 -147,1" in text
    assert "Netto 677,4 620,4 833,7" in text
    # Intäktskrav, omslutning with its subtotal, volumes and investments.
    assert "Statsbidrag från Skolverket -82,6 -82,6 -153,5" in text
    assert "Försäljningsintäkter 12,2 -12,2" in text
    assert "Summa Jobbtorg Stockholm 13,0 -13,0" in text
    assert "12\u00a0345,5 61\u00a0000" in text
    assert "Summa investeringar 4,0" in text
    assert "10,8&nbsp;mnkr" in response.content.decode()


def test_it_prints_a_cost_of_1393_1_as_1_393_1(world, client_as):
    area = world.areas["Jobbtorg Stockholm"]
    area.budgets.filter(version=world.versions[0]).update(costs="1393.1")
    text = text_of(client_as("reader").get(reverse("economy", args=[world.plan.pk])))
    assert "Kostnader 1\u00a0393,1 398,0 400,8" in text


def test_it_reads_the_plan_page_in_the_same_number_of_queries_however_many_goals(
    world, client_as, django_assert_max_num_queries
):
    client = client_as("reader")
    url = reverse("plan", args=[world.plan.pk])
    client.get(url)  # warm up the session and the content types
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    parent = world.goals["1.1"]
    for n in range(2, 32):
        add_goal(world.plan, f"1.1.{n}", f"Mål nummer {n}", "committee", parent)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert "1.1.31 Mål nummer 31" in text_of(response)


def test_it_sends_anonymous_visitors_to_the_login_page(world, client):
    response = client.get(reverse("plan", args=[world.plan.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_logs_in_and_out_with_its_own_swedish_pages(world, client):
    page = client.get(reverse("login"))
    assert 'lang="sv"' in page.content.decode()
    assert "Logga in" in text_of(page)
    wrong = client.post(reverse("login"), {"username": "reader", "password": "fel"})
    assert "användarnamn" in text_of(wrong).lower()
    ok = client.post(reverse("login"), {"username": "reader", "password": "rätt-hemligt-lösen"})
    assert ok.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    out = client.post(reverse("logout"))
    assert out.status_code == 302
    assert client.get(reverse("home")).status_code == 302
