"""Report documents for the renderer tests.

- ``followup_doc`` / ``plan_doc``: small hand-made documents (no database) holding every kind of content a
  report has: a goal tree with ratings, indicator rows with a gender marker and history, activities with a
  deviation, the economics, complaints, signatures.
- ``seed_documents``: both seeds imported once per test session inside a transaction that is rolled back,
  with the documents built from them and the import's export JSON (what the fidelity tests compare with).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction

from styrkedja.reports import document as d
from styrkedja.reports import kinds

D = Decimal


def make_followup_doc() -> d.ReportDocument:
    jobs = d.IndicatorRow(
        name="Antal aspiranter som fått Stockholmsjobb",
        unit="count",
        direction="higher",
        periodicity="tertial",
        gender_split=True,
        decimals=0,
        table="council",
        target=D("485"),
        kf_mode="value",
        kf_target=D("800"),
        total=D("247"),
        men=D("148"),
        women=D("99"),
        previous=D("359"),
        forecast=D("485"),
        period_label="Tertial 1 2021",
        comment="Färre platser än vanligt under pandemin.",
        history=[
            d.HistoryPoint("2019", D("402"), D("230"), D("172"), D("450")),
            d.HistoryPoint("2020", D("359"), D("201"), D("158"), D("450")),
            d.HistoryPoint("Tertial 1 2021", D("247"), D("148"), D("99"), D("485")),
        ],
    )
    share = d.IndicatorRow(
        name="Andel aspiranter som är självförsörjande sex månader efter avslut",
        unit="percent",
        direction="higher",
        periodicity="tertial",
        gender_split=False,
        decimals=0,
        table="council",
        target=D("72"),
        kf_mode="delegated_committee",
        total=D("75.28"),
        men=D("76.45"),
        women=D("73.69"),
        previous=D("76.93"),
        forecast=D("72"),
        period_label="Tertial 1 2021",
        as_printed={"total": "75,28 %", "men": "76,45 %", "women": "73,69 %", "previous": "76,93 %"},
    )
    time = d.IndicatorRow(
        name="Genomsnittlig inskrivningstid",
        unit="months",
        direction="lower",
        periodicity="tertial",
        gender_split=False,
        decimals=1,
        table="committee",
        target=D("8"),
        total=D("7.3"),
        forecast=D("8"),
        as_printed={"target": "8 mån", "forecast": "8 mån"},
    )
    committee_goal = d.GoalSection(
        level="committee",
        number="1.1.1",
        title="Kvinnor och män studerar eller arbetar",
        description="Nämndens mål för arbete och studier.",
        expected_results=[d.ExpectedResultRow("Fler ska studera inom vuxenutbildningen.")],
        indicators=[time],
        activities=[
            d.ActivityRow(
                "Öka samverkan med arbetsgivare", dt.date(2021, 1, 1), dt.date(2021, 12, 31), "committee"
            ),
            d.ActivityRow(
                "Anordna forum för lärande",
                dt.date(2021, 1, 1),
                dt.date(2021, 6, 30),
                "committee",
                "not_relevant",
                "Aktiviteten är inte längre aktuell.",
            ),
        ],
        assessment="partly",
        analysis="Målet uppfylls delvis.\n\n1.1 Unga i fokus\n\nArbetet med unga fortsätter.",
    )
    area_goal = d.GoalSection(
        level="council_area",
        number="1.1",
        title="I Stockholm är människor självförsörjande",
        indicators=[share, jobs],
        activities=[
            d.ActivityRow(
                "Revidera riktlinjerna", dt.date(2021, 1, 1), dt.date(2021, 12, 31), "council_assignment"
            )
        ],
        children=[committee_goal],
        assessment="fully",
        analysis="Målet bedöms uppnås.",
    )
    direction = d.GoalSection(
        level="direction",
        number="1",
        title="En modern storstad med möjligheter för alla",
        analysis="Inriktningsmålet bedöms uppnås.",
        children=[area_goal],
    )
    economy = d.Economy(
        budget_label="NB 2021",
        areas=[
            d.AreaEconomy(
                "Jobbtorg Stockholm",
                ["Jobbtorg Stockholm"],
                d.Amounts("Kostnader", D("398.0"), D("398.0")),
                d.Amounts("Intäkter", D("-45.0"), D("-45.0")),
                D("0.3"),
                "Ingen avvikelse.",
            ),
            d.AreaEconomy(
                "Vuxenutbildning Stockholm",
                ["Vuxenutbildning Stockholm"],
                d.Amounts("Kostnader", D("901.0"), D("903.5")),
                d.Amounts("Intäkter", D("-171.9"), D("-171.9")),
                D("12.8"),
            ),
        ],
        requirement=[
            d.Amounts("Skolverket", D("-82.6"), D("-147.5"), D("2.7")),
            d.Amounts("Migrationsverket", D("-111.0"), D("-111.0"), D("59.1")),
        ],
        investments=[d.Amounts("Investeringar", D("4.0"), D("4.0"), D("1.3"))],
        turnover=[
            d.TurnoverLine(
                "Jobbtorg Stockholm", "Jobbtorg Stockholm", "S:a Jobbtorg", "EU-bidrag", D("8.7"), D("-8.7")
            ),
            d.TurnoverLine(
                "Jobbtorg Stockholm", "Jobbtorg Stockholm", "S:a Jobbtorg", "Försäljning", D("5.6"), D("-5.6")
            ),
        ],
        turnover_total_label="Summa ökade kostnader och intäkter totalt",
        adjustments=[
            d.Adjustment(
                D("64.9"), "Intäktskravet ökas från 82,6 mnkr till 147,5 mnkr.", D("82.6"), D("147.5")
            )
        ],
        volumes=[
            d.Volume(
                "Vuxenutbildning Stockholm", "gymnasial vuxenutbildning", D("6500"), D("10400"), D("44461.5")
            )
        ],
    )
    cover = d.Cover(
        title="Tertialrapport 1 2021 för Arbetsmarknadsnämnden",
        addressee="Arbetsmarknadsnämnden",
        meeting_date=dt.date(2021, 5, 18),
        agenda_number="8",
        case_officers=[("Patricia Anton", "08-508 46 396")],
        decisions=[
            d.Decision(1, "approve_report", "Nämnden godkänner tertialrapporten."),
            d.Decision(
                2, "approve_turnover", "Nämnden godkänner omslutning med 10,0 mnkr.", D("14.3"), D("10.0")
            ),
        ],
        attachments=[(1, "Projektbilaga")],
        summary_analysis="Måluppfyllelsen är god.",
    )
    return d.ReportDocument(
        kind=kinds.TERTIAL,
        organisation_code="amn",
        organisation_name="Arbetsmarknadsnämnden",
        year=2021,
        title=cover.title,
        period="2021-T1",
        period_label="Tertial 1 2021",
        period_start=dt.date(2021, 1, 1),
        period_end=dt.date(2021, 4, 30),
        introduction=cover.summary_analysis,
        goals=[direction],
        economy=economy,
        cover=cover,
        complaints=[
            d.Complaint("Vuxenutbildning Stockholm", month, category, count)
            for month, category, count in [
                (1, "Bemötande", 5),
                (1, "Tillgänglighet", 49),
                (2, "Bemötande", 10),
                (2, "Tillgänglighet", 31),
            ]
        ],
        signatures=[d.Signature("Karina Uddén", "förvaltningsdirektör", dt.date(2021, 5, 24))],
        special_reports=[("Konsekvenser av covid-19-pandemin", "Verksamheten har bedrivits på distans.")],
    )


def make_plan_doc() -> d.ReportDocument:
    row = d.IndicatorRow(
        name="Andel aspiranter som är självförsörjande",
        unit="percent",
        direction="higher",
        periodicity="tertial",
        gender_split=False,
        decimals=0,
        table="council",
        target=D("72"),
        kf_mode="delegated_committee",
    )
    goal = d.GoalSection(
        level="council_area",
        number="1.1",
        title="I Stockholm är människor självförsörjande",
        description="Beskrivning av målet.",
        comment="Kommentar till målet.",
        indicators=[row],
        activities=[
            d.ActivityRow(
                "Göra en genomlysning av sfi", dt.date(2022, 1, 1), dt.date(2022, 6, 30), "council_assignment"
            )
        ],
    )
    economy = d.Economy(
        versions=[("vp2022", "VP 2022"), ("vp2021", "VP 2021")],
        budget_label="VP 2022",
        areas=[
            d.AreaEconomy(
                "Jobbtorg Stockholm",
                ["Jobbtorg Stockholm"],
                d.Amounts("Kostnader", D("425.9")),
                d.Amounts("Intäkter", D("-58.4")),
                by_version={"vp2022": (D("425.9"), D("-58.4")), "vp2021": (D("398.0"), D("-45.0"))},
            )
        ],
        requirement=[d.Amounts("Statsbidrag från Skolverket", D("-82.6"))],
        requirement_by_version=[
            ("Statsbidrag från Skolverket", {"vp2022": D("-82.6"), "vp2021": D("-82.6")})
        ],
        investments=[d.Amounts("Investeringsbudget", D("4.0"))],
        volumes=[d.Volume("Vuxenutbildning Stockholm", "reguljär sfi", D("9796"))],
    )
    return d.ReportDocument(
        kind=kinds.PLAN,
        organisation_code="amn",
        organisation_name="Arbetsmarknadsnämnden",
        year=2022,
        title="Verksamhetsplan 2022",
        period="2022",
        period_label="2022",
        introduction="Inledning till planen.",
        goals=[d.GoalSection(level="direction", number="1", title="En modern storstad", children=[goal])],
        economy=economy,
    )


@pytest.fixture
def followup_doc() -> d.ReportDocument:
    return make_followup_doc()


@pytest.fixture
def plan_doc() -> d.ReportDocument:
    return make_plan_doc()


@dataclass
class SeedDocuments:
    followup: d.ReportDocument
    plan: d.ReportDocument
    followup_export: dict[str, Any]
    plan_export: dict[str, Any]


@pytest.fixture(scope="session")
def seed_documents(django_db_setup: Any, django_db_blocker: Any, seeds_dir: Any) -> SeedDocuments:
    """Both seeds imported (in a transaction rolled back at once) and their report documents."""
    from styrkedja.followup.documents import build_followup_document, build_plan_document
    from styrkedja.followup.models import Round
    from styrkedja.interchange.followup_export import followup_data
    from styrkedja.interchange.plan_export import export_data
    from styrkedja.plans.models import Plan

    with django_db_blocker.unblock(), transaction.atomic():
        call_command(
            "import_document",
            str(seeds_dir / "002_92e32f79cbecfdb4.txt"),
            "--organisation",
            "amn",
            verbosity=0,
        )
        call_command(
            "import_document",
            str(seeds_dir / "000_bb76e5e2b4aeeaea.txt"),
            "--organisation",
            "amn",
            verbosity=0,
        )
        round_ = Round.objects.get(period="2021-T1")
        plan = Plan.objects.get(year=2022)
        docs = SeedDocuments(
            followup=build_followup_document(round_),
            plan=build_plan_document(plan),
            followup_export=followup_data(round_),
            plan_export=export_data(plan),
        )
        transaction.set_rollback(True)
    return docs


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """The numbers found by the every-number fidelity test, and its exception list with the reasons."""
    import sys

    module = sys.modules.get("tests.reports.test_fidelity_numbers")
    if module is None or not module.RESULTS:
        return
    terminalreporter.section("every number back: the seeds")
    for line in module.RESULTS:
        terminalreporter.write_line(line)
    for seed, exceptions in module.EXCEPTIONS.items():
        for number, reason in exceptions.items():
            terminalreporter.write_line(f"exception {seed} {number}: {reason}")
