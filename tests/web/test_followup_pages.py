"""The follow-up pages show a round's real values the Swedish way, in a fixed number of queries."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from styrkedja.followup.models import ActivityReport, AreaForecast, Assessment, Outcome, Round
from styrkedja.followup.values import OutcomeInput, save_activity_report, save_assessment, save_outcome
from styrkedja.followup.workflow import open_round
from styrkedja.plans import models as pm
from tests.factories import add_goal, add_target, as_read, version_of

D = Decimal


def text_of(response) -> str:
    html = response.content.decode()
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html))


def goal_part(round_):
    return round_.parts.get(goal__isnull=False)


def last_year_outcome(world, target_key: str, total: str) -> None:
    """Last year's verksamhetsberättelse with one outcome of the same indicator."""
    plan = pm.Plan.objects.create(organisation=world.committee, year=2021)
    goal = add_goal(plan, "1", "Förra årets mål", "direction")
    indicator = world.targets[target_key].indicator
    target = pm.Target.objects.create(plan=plan, goal=goal, indicator=indicator, value=D("70"))
    last = Round.objects.create(organisation=world.committee, plan=plan, period="2021")
    Outcome.objects.create(round=last, target=target, total=D(total))


def test_the_round_list_shows_the_rounds_and_offers_controllers_to_open_one(world, client_as, round_):
    text = text_of(client_as("controller").get(reverse("rounds", args=["amn"])))
    assert "Tertial 1 2022" in text
    assert "Öppen" in text
    assert "2022-05-10" in text
    assert "0 av 2" in text
    assert "Öppna en uppföljning" in text
    assert "Öppna en uppföljning" not in text_of(client_as("reporter").get(reverse("rounds", args=["amn"])))


def test_opening_a_round_creates_its_parts_and_goes_to_the_overview(world, client_as):
    client = client_as("controller")
    response = client.post(
        reverse("round_open", args=["amn"]),
        as_read(client, reverse("round_open", args=["amn"]), {"period": "2022-T2", "deadline": "2022-09-15"}),
    )
    round_ = Round.objects.get(period="2022-T2")
    assert response.status_code == 302
    assert response["Location"] == reverse("round", args=[round_.pk])
    assert round_.deadline == date(2022, 9, 15)
    assert round_.parts.count() == 2
    text = text_of(client.get(response["Location"]))
    assert "Uppföljning Tertial 2 2022 har öppnats med 2 delar." in text


def test_opening_refuses_a_bad_period_a_year_without_plan_and_a_duplicate(world, client_as, round_):
    client = client_as("controller")
    url = reverse("round_open", args=["amn"])
    bad = client.post(url, as_read(client, url, {"period": "T1-2022"}))
    assert "Välj en period i listan" in bad.content.decode()
    assert 'aria-invalid="true"' in bad.content.decode()
    # Only the periods of a year with a plan are offered, and only they are taken.
    assert "Välj en period i listan" in text_of(client.post(url, as_read(client, url, {"period": "2023-T1"})))
    assert "Uppföljningen 2022-T1 för Arbetsmarknadsnämnden finns redan." in text_of(
        client.post(url, as_read(client, url, {"period": "2022-T1"}))
    )
    assert Round.objects.count() == 1


def test_the_period_is_chosen_from_the_plan_years_periods_and_t3_opens_the_full_year(world, client_as):
    client = client_as("controller")
    page = client.get(reverse("rounds", args=["amn"])).content.decode()
    assert '<select name="period"' in page
    options = re.findall(r'<option value="([^"]*)"', page)
    assert options == ["", "2022-T1", "2022-T2", "2022-T3", "2022-H1", "2022"]
    url = reverse("round_open", args=["amn"])
    assert client.post(url, as_read(client, url, {"period": "2022-T3"})).status_code == 302
    assert list(Round.objects.values_list("period", flat=True)) == ["2022"]
    assert "Uppföljningen 2022 för Arbetsmarknadsnämnden finns redan." in text_of(
        client.post(url, as_read(client, url, {"period": "2022"}))
    )


def test_the_overview_shows_period_status_deadline_parts_and_events(world, client_as, round_):
    text = text_of(client_as("reader").get(reverse("round", args=[round_.pk])))
    assert "Uppföljning Tertial 1 2022" in text
    assert "Tertial 1 2022" in text
    assert "2022-05-10" in text
    assert "Nämndmål 1.1.1 Kvinnor och män studerar eller arbetar" in text
    assert "Att fylla i" in text
    # status (the deadline has passed: in words, not only in colour), reporter, deadline
    assert "Att fylla i Försenad Ingen (alla rapportörer) 2022-05-10 passerad" in text
    assert "Uppföljningen öppnades" in text
    assert "av controller" not in text  # events name the user in their own column
    assert "controller" in text
    # What is missing in the goal part: 4 indicators (KF's two and the nämndmål's two), 2 goals, 2 activities.
    assert "4 indikatorer saknar utfall eller prognos" in text
    assert "2 mål saknar bedömning" in text
    assert "2 aktiviteter saknar status" in text
    assert "5 verksamhetsområden saknar prognos" in text
    # A reader sees no buttons.
    assert "Markera som klar" not in text
    assert "Godkänn och lås rapporten" not in text


def test_the_todo_list_shows_a_reporters_parts_with_what_is_missing_and_the_deadline(
    world, client_as, round_
):
    time = world.targets["inskrivningstid"]
    save_outcome(
        round_,
        time,
        OutcomeInput(total=D("7.3"), men=D("7.0"), women=D("7.6"), forecast=D("6.0")),
        by=world.users["reporter"],
        expected_version=version_of(Outcome, round=round_, target=time),
    )
    text = text_of(client_as("reporter").get(reverse("todo")))
    assert "Nämndmål 1.1.1 Kvinnor och män studerar eller arbetar" in text
    assert "Arbetsmarknadsnämnden, Tertial 1 2022" in text
    assert "3 indikatorer saknar utfall eller prognos" in text
    assert "2022-05-10 passerad" in text  # the deadline has passed: each row says so
    assert "Ekonomi" not in text  # the economics are the controllers'
    Round.objects.filter(pk=round_.pk).update(deadline=date(2999, 5, 10))
    assert "passerad" not in text_of(client_as("reporter").get(reverse("todo")))
    assert "Väntar på granskning" not in text
    # Someone else's part is not on the list; a reader has nothing to do.
    goal_part(round_).__class__.objects.filter(pk=goal_part(round_).pk).update(assignee=world.users["admin"])
    assert "Du har inget att fylla i just nu." in text_of(client_as("reporter").get(reverse("todo")))
    assert "Du har inget att fylla i just nu." in text_of(client_as("reader").get(reverse("todo")))


def test_the_part_page_shows_the_indicators_in_the_reports_columns(world, client_as, round_):
    last_year_outcome(world, "självförsörjande", "68.5")
    share = world.targets["självförsörjande"]
    save_outcome(
        round_,
        share,
        OutcomeInput(total=D("74.5"), men=D("73"), women=D("76"), forecast=D("75.28")),
        by=world.users["controller"],
        expected_version=version_of(Outcome, round=round_, target=share),
    )
    response = client_as("reader").get(reverse("part", args=[goal_part(round_).pk]))
    text = text_of(response)
    assert "föregående år" in text  # the profile's "Periodens utfall", then "föregående år"
    row = re.search(r"Andel aspiranter som är självförsörjande.*?Tertial 1 2022", text).group(0)
    assert (
        "74,5\u00a0% 73\u00a0% 76\u00a0% 68,5\u00a0% 75,28\u00a0% 72\u00a0% Tas fram av nämnd Period: Tertial 1 2022"
        in row
    )
    # Årsmål, KF:s årsmål, and the period in the row that unfolds below
    assert "550\u00a0st 800\u00a0st Period: Tertial 1 2022" in text
    assert "KF:s indikatorer, mål 1.1" in text
    assert "Nämndens indikatorer, mål 1.1.1" in text
    assert "<input" not in response.content.decode().split("Indikatorer")[1].split("Måluppfyllelse")[0]


def test_the_part_page_offers_inline_entry_with_the_version_to_a_reporter(world, client_as, round_):
    save_outcome(
        round_,
        world.targets["feriejobb"],
        OutcomeInput(total=D(1393)),
        by=world.users["reporter"],
        expected_version=version_of(Outcome, round=round_, target=world.targets["feriejobb"]),
    )
    part = goal_part(round_)
    html = client_as("reporter").get(reverse("part", args=[part.pk])).content.decode()
    target = world.targets["feriejobb"]
    assert f'action="{reverse("part_outcomes_save", args=[part.pk])}"' in html  # one form for the grid
    assert f'name="i{target.pk}-total" value="1 393"' in html
    assert f'name="i{target.pk}-version" value="1"' in html
    assert f'name="i{target.pk}-men"' not in html  # not reported by gender
    assert 'name="i{}-men"'.format(world.targets["självförsörjande"].pk) not in html  # the council goal's
    assert "Mätperiod från" in html
    assert "Markera som klar" in html


def test_the_part_page_reads_the_same_number_of_queries_for_5_and_48_indicators(world, client_as):
    plan = world.other_plan
    direction = add_goal(plan, "1", "Inriktning", "direction")
    area_goal = add_goal(plan, "1.1", "KF:s mål", "council_area", direction)
    goal = add_goal(plan, "1.1.1", "Nämndmål", "committee", area_goal)
    for i in range(5):
        add_target(goal, f"Indikator {i}", unit=pm.Unit.PERCENT, value="50", gender_split=i % 2 == 0)
    round_ = open_round(world.other_committee, "2022-T1", by=None)
    part = round_.parts.get(goal=goal)
    client = client_as("outsider")
    url = reverse("part", args=[part.pk])

    def count() -> int:
        for target in pm.Target.objects.filter(goal=goal)[:3]:
            if not Outcome.objects.filter(round=round_, target=target).exists():
                save_outcome(
                    round_, target, OutcomeInput(total=D(50), men=D(50), women=D(50), forecast=D(60)), by=None
                )
        client.get(url)  # warm caches (session, content types)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    few = count()
    for i in range(5, 48):
        add_target(
            goal if i % 2 else area_goal,
            f"Indikator {i}",
            unit=pm.Unit.COUNT,
            value="10",
            gender_split=i % 3 == 0,
        )
    assert pm.Target.objects.filter(plan=plan).count() == 48
    assert count() == few


def test_the_assessment_page_shows_the_suggestion_its_share_and_reasons(world, client_as, round_):
    save_outcome(round_, world.targets["inskrivningstid"], OutcomeInput(forecast=D("6.0")), by=None)
    save_outcome(round_, world.targets["feriejobb"], OutcomeInput(forecast=D("95")), by=None)
    goal = world.goals["1.1.1"]
    text = text_of(client_as("reporter").get(reverse("assessment", args=[round_.pk, goal.pk])))
    assert "Systemets förslag" in text
    assert "Uppfylls delvis" in text
    assert "Andel uppfyllt underlag: 50\u00a0%" in text
    assert "prognos 6,0\u00a0mån mot årsmål 5,5\u00a0mån: uppnås inte" in text
    assert "prognos 95\u00a0st mot årsmål 95\u00a0st: uppnås" in text
    assert "Motivering till avvikelse från förslaget" in text


def test_the_activity_page_lists_the_parts_activities_with_status(world, client_as, round_):
    save_activity_report(round_, world.activities[0], status="ongoing", deviation="", by=None)
    text = text_of(client_as("reader").get(reverse("part_activities", args=[goal_part(round_).pk])))
    assert "Genomlysning av sfi i egen och upphandlad regi" in text
    assert "KF-uppdrag" in text
    assert "1 av 2 med status" in text
    assert re.search(r"Genomlysning av sfi [^|]*? 2022-06-30 (Historik [^|]*? )?Pågår", text)  # its column
    assert re.search(r"Utveckla samverkan med Arbetsförmedlingen [^|]*? 2022-12-31 Ingen status", text)


def test_the_economics_page_shows_budget_forecast_deviation_and_totals(world, client_as, round_):
    jobbtorg = world.areas["Jobbtorg Stockholm"]
    AreaForecast.objects.create(
        round=round_, area=jobbtorg, costs=D("420.0"), revenues=D("-45.0"), last_year_net=D("350.2")
    )
    text = text_of(client_as("reader").get(reverse("round_economy", args=[round_.pk])))
    block = text.split("Prognos per verksamhetsområde, mnkr")[1].split("Vuxenutbildning")[0]
    # Budget costs, revenues, net; forecast costs, revenues, net; the net's deviation; last year's net.
    assert "Jobbtorg Stockholm 425,9 -58,4 367,5 420,0 -45,0 375,0 -7,5 350,2" in block
    assert "Avvikelse kostnader 5,9, intäkter -13,4, netto -7,5." in block
    assert "1 av 5 områden med prognos" in text
    subtotal = text.split("Summa exklusive intäktskrav, mnkr")[1]
    assert "Kostnader 1\u00a0393,1 –" in subtotal  # four areas lack a forecast: no partial sum
    assert "4 verksamhetsområden saknar prognos" in text
    assert "Statsbidrag från Skolverket -82,6 –" in text
    assert "Inventarier och larm 4,0 –" in text
    assert "Gymnasial vuxenutbildning 12\u00a0345,5" in text


def test_the_history_pages_list_changes_to_reported_values(world, client_as, round_):
    reporter = world.users["reporter"]
    target = world.targets["feriejobb"]
    outcome, _ = save_outcome(
        round_,
        target,
        OutcomeInput(total=D(40)),
        by=reporter,
        expected_version=version_of(Outcome, round=round_, target=target),
    )
    save_outcome(
        round_,
        target,
        OutcomeInput(total=D(45), forecast=D(95)),
        by=reporter,
        expected_version=version_of(Outcome, round=round_, target=target),
    )
    text = text_of(client_as("reader").get(reverse("history", args=["utfall", outcome.pk])))
    assert "Utfall Tertial 1 2022: Antal tillhandahållna platser för feriejobb" in text
    assert "Utfall: 40 → 45" in text
    assert "Prognos helår: – → 95" in text
    assert "Version" not in text
    assert "av reporter" in text

    goal = world.goals["1.1.1"]
    assessment = save_assessment(
        round_,
        goal,
        value="partly",
        analysis="Kort analys.",
        justification="",
        suggested=None,
        by=reporter,
        expected_version=version_of(Assessment, round=round_, goal=goal),
    )
    assert "Bedömning: – → Uppfylls delvis" in text_of(
        client_as("reader").get(reverse("history", args=["bedomning", assessment.pk]))
    ) or "Bedömning: Uppfylls delvis" in text_of(
        client_as("reader").get(reverse("history", args=["bedomning", assessment.pk]))
    )
    report = save_activity_report(
        round_,
        world.activities[0],
        status="done",
        deviation="",
        by=reporter,
        expected_version=version_of(ActivityReport, round=round_, activity=world.activities[0]),
    )
    assert "Status: Avslutad" in text_of(
        client_as("reader").get(reverse("history", args=["aktivitetsrapport", report.pk]))
    )
    forecast = AreaForecast.objects.create(
        round=round_, area=world.areas["Jobbtorg Stockholm"], costs=D("420.0"), revenues=D("-45.0")
    )
    assert "Prognos kostnader: 420" in text_of(
        client_as("reader").get(reverse("history", args=["prognos", forecast.pk]))
    )
    assert client_as("outsider").get(reverse("history", args=["utfall", outcome.pk])).status_code == 404
    assert ActivityReport.objects.count() == 1
