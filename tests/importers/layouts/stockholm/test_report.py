"""The follow-up report text importer: the seed T1 2021 of Arbetsmarknadsnämnden, and small made-up texts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from styrkedja.importers.layouts.stockholm.report import looks_like_report, parse_report_text
from styrkedja.importers.results import ReportParseResult
from styrkedja.importers.text import DocumentError
from styrkedja.lib.vocabulary import (
    ActivityKind,
    Direction,
    Fulfilment,
    GoalLevel,
    KfTargetMode,
    Periodicity,
    Unit,
)
from styrkedja.planfiles.followup_schema import FollowUpFile, Outcome
from styrkedja.planfiles.schema import Indicator, PlanFile
from tests.importers.layouts.stockholm.seeds import AMN, T1_2021, VP_2022, seed_text, walk

D = Decimal
seeds = pytest.mark.seeds


@pytest.fixture(scope="module")
def seed() -> ReportParseResult:
    return parse_report_text(seed_text(T1_2021), organisation=AMN, source=T1_2021)


def outcome(result: ReportParseResult, name: str) -> Outcome:
    found = [o for o in result.followup.outcomes if o.indicator == name]
    assert len(found) == 1, f"{len(found)} outcome rows named {name!r}"
    return found[0]


def indicator(result: ReportParseResult, name: str) -> Indicator:
    found = [i for goal in walk(result.plan.goals) for i in goal.indicators if i.name == name]
    assert len(found) == 1, f"{len(found)} indicators named {name!r}"
    return found[0]


# --- the seed: T1 2021 of Arbetsmarknadsnämnden -------------------------------------------------------


@seeds
def test_looks_like_report_tells_the_seeds_apart() -> None:
    assert looks_like_report(seed_text(T1_2021)) is True
    assert looks_like_report(seed_text(VP_2022)) is False


@seeds
def test_a_verksamhetsplan_is_not_a_report() -> None:
    with pytest.raises(DocumentError, match="not a tertialrapport"):
        parse_report_text(seed_text(VP_2022), organisation=AMN, source=VP_2022)


@seeds
def test_seed_counts(seed: ReportParseResult) -> None:
    summary = seed.summary()
    assert (summary["direction_goals"], summary["council_area_goals"], summary["committee_goals"]) == (
        3,
        9,
        10,
    )
    assert summary["goals"] == 22
    assert summary["rated_goals"] == 19
    assert summary["indicators"] == 48
    assert summary["outcome_rows"] == 48
    assert summary["outcome_comments"] == 11
    assert summary["activities"] == 55
    assert summary["activity_rows"] == 55
    assert summary["activity_deviations"] == 1
    assert summary["expected_results"] == 55
    assert summary["complaint_total"] == 148
    assert summary["signatures"] == 8
    assert summary["dated_signatures"] == 8
    assert summary["decisions"] == 9
    assert summary["attachments"] == 7
    assert summary["case_officers"] == 2
    assert summary["economy_tables"] == 2
    assert summary["economy_areas"] == 5
    assert summary["revenue_requirement_lines"] == 2
    assert summary["turnover_groups"] == 5
    assert summary["turnover_rows"] == 16
    assert summary["adjustments"] == 1
    assert summary["volumes"] == 4
    assert summary["special_reports"] == 2
    assert summary["unplaced"] == 1


@seeds
def test_seed_every_line_is_accounted_for(seed: ReportParseResult) -> None:
    assert sum(seed.line_counts.values()) == len(seed_text(T1_2021).split("\n"))
    # Only the signature spelled differently in the two signature lists is left to a human.
    assert [(u.line, u.text) for u in seed.unplaced] == [(1720, "Karin,Eriksson-Bech 2021-05-24")]
    assert "digital signature name differs" in seed.unplaced[0].reason
    assert "unplaced" not in seed.line_counts  # no line is unplaced as such


@seeds
def test_seed_goal_tree(seed: ReportParseResult) -> None:
    plan = seed.plan
    assert plan.year == 2021
    assert [g.number for g in plan.goals] == ["1", "2", "3"]
    area = [g.number for g in walk(plan.goals) if g.level is GoalLevel.COUNCIL_AREA]
    assert area == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.4", "2.5", "3.1", "3.2"]
    committee = [g.number for g in walk(plan.goals) if g.level is GoalLevel.COMMITTEE]
    assert committee == [
        "1.1.1",
        "1.1.2",
        "1.1.3",
        "1.2.1",
        "1.4.1",
        "2.1.1",
        "2.5.1",
        "3.1.1",
        "3.2.1",
        "3.2.2",
    ]
    goals = {g.number: g for g in walk(plan.goals)}
    assert goals["1.2"].title == "Stockholm är en trygg, säker och välskött stad att bo och vistas i"
    assert goals["1.1.3"].title.startswith("Stadens arbete bidrar till att nyanlända")
    assert goals["3.2.2"].title.endswith("rätt kompetens och en hållbar arbetsmiljö")
    assert len(goals["1.1.1"].expected_results) == 12
    assert goals["1.1.1"].description.startswith("En stor del av nämndens målgrupper")
    assert PlanFile.model_validate(plan.model_dump()) == plan


@seeds
def test_seed_numbered_subheadings_of_the_analysis_are_not_goals(seed: ReportParseResult) -> None:
    numbers = {g.number for g in walk(seed.plan.goals)}
    assert not {"2.2", "2.3", "2.6", "2.7", "1.1.1.1", "3.3", "3.4", "4", "5"} & numbers
    analysis = {a.goal: a.analysis for a in seed.followup.assessments}
    assert "\n\n2.1 Stockholmsjobb\n\n" in analysis["1.1.1"]
    assert "\n\n1.1 Unga i fokus\n\n" in analysis["1.1.1"]
    assert "\n\n7 Stockholmsmentor\n\n" in analysis["1.1.3"]


@seeds
def test_seed_assessments(seed: ReportParseResult) -> None:
    assessments = {a.goal: a.assessment for a in seed.followup.assessments}
    assert len(assessments) == 22
    assert {g for g, value in assessments.items() if value is None} == {"1", "2", "3"}
    assert {value for value in assessments.values() if value is not None} == {Fulfilment.FULLY}


@seeds
def test_seed_outcome_rows_cell_for_cell(seed: ReportParseResult) -> None:
    share = outcome(
        seed, "Andel aspiranter som är självförsörjande sex månader efter avslut på Jobbtorg Stockholm"
    )
    assert (share.goal, share.total, share.men, share.women) == ("1.1", D("75.28"), D("76.45"), D("73.69"))
    assert (share.previous, share.forecast, share.period_label) == (D("76.93"), D(72), "Tertial 1 2021")
    assert (share.window_start, share.window_end) == (dt.date(2021, 1, 1), dt.date(2021, 4, 30))
    assert share.as_printed == {
        "total": "75,28 %",
        "men": "76,45 %",
        "women": "73,69 %",
        "previous": "76,93 %",
        "forecast": "72 %",
        "target": "72 %",
        "kf_target": "Tas fram av nämnd",
        "period": "Tertial 1 2021",
    }
    share_plan = indicator(
        seed, "Andel aspiranter som är självförsörjande sex månader efter avslut på Jobbtorg Stockholm"
    )
    assert (share_plan.target, share_plan.kf_target_mode, share_plan.unit) == (
        D(72),
        KfTargetMode.DELEGATED_COMMITTEE,
        Unit.PERCENT,
    )

    jobs = outcome(seed, "Antal aspiranter som fått Stockholmsjobb")
    assert (jobs.total, jobs.men, jobs.women, jobs.previous, jobs.forecast) == (247, 148, 99, 359, 485)
    jobs_plan = indicator(seed, "Antal aspiranter som fått Stockholmsjobb")
    assert (jobs_plan.target, jobs_plan.kf_target, jobs_plan.kf_target_mode) == (485, 800, KfTargetMode.VALUE)
    assert (jobs_plan.unit, jobs_plan.periodicity, jobs_plan.table) == (
        Unit.COUNT,
        Periodicity.TERTIAL,
        "council",
    )

    # A half-year indicator in T1: only the previous year's outcome and the target are printed.
    sfi = outcome(seed, "Andel kursdeltagare inom sfi med godkänt betyg efter fullföljd kurs")
    assert (sfi.total, sfi.men, sfi.women, sfi.forecast) == (None, None, None, None)
    assert sfi.previous == D("97.62")
    assert sfi.as_printed["total"] == sfi.as_printed["forecast"] == ""
    assert (sfi.period_label, sfi.window_end) == ("Halvår 1 2021", dt.date(2021, 6, 30))
    sfi_plan = indicator(seed, "Andel kursdeltagare inom sfi med godkänt betyg efter fullföljd kurs")
    assert (sfi_plan.target, sfi_plan.periodicity) == (97, Periodicity.HALF_YEAR)


@seeds
def test_seed_keeps_cells_printed_with_the_wrong_unit(seed: ReportParseResult) -> None:
    name = "Genomsnittlig inskrivningstid för kvinnor och män som avslutas från Jobbtorg Stockholm"
    row = outcome(seed, name)
    assert (row.total, row.men, row.women, row.forecast) == (D("7.3"), D("6.6"), D("8.2"), 8)
    assert (row.as_printed["total"], row.as_printed["men"], row.as_printed["women"]) == (
        "7,3 mån",
        "6,6 %",
        "8,2 %",
    )
    plan = indicator(seed, name)
    assert (plan.unit, plan.direction, plan.target, plan.gender_split) == (
        Unit.MONTHS,
        Direction.LOWER,
        8,
        True,
    )


@seeds
def test_seed_gender_marked_rows_and_analysis_rows(seed: ReportParseResult) -> None:
    # "♀" in a cell of its own, with a cell missing: the cells stand right-aligned.
    name = (
        "Kvinnor och män inom komvux, exkl. sfi, som instämmer i att de är nöjda med sitt inflytande i"
        " undervisningen. Medelvärde skala 1-5."
    )
    row = outcome(seed, name)
    assert (row.goal, row.previous, row.total, row.period_label) == ("3.2.1", D("4.2"), None, "2021")
    plan = indicator(seed, name)
    assert (plan.target, plan.unit, plan.gender_split, plan.table) == (
        D("4.1"),
        Unit.SCALE,
        True,
        "committee",
    )
    staff = indicator(seed, "Andel medarbetare som genomfört stadens e-utbildning i dataskydd")
    assert (staff.target, staff.gender_split, staff.periodicity) == (100, False, Periodicity.YEAR)

    # The analysis on the line after an empty "Analys" row, and the analysis in the "Analys" row itself.
    plan_row = outcome(
        seed, "Andel inskrivna på Jobbtorg som har en individuell handlingsplan efter fem dagar"
    )
    assert plan_row.comment.startswith("Inskrivningssamtalen till Jobbtorg Stockholm")
    assert plan_row.as_printed["total"] == "85,52"
    assert plan_row.as_printed["kf_target"] == "100 %"
    exam = outcome(seed, "Andel nybörjare inom sfi som klarat kursen inom två år")
    assert exam.comment == "Det föreligger risk att målvärdet ej uppnås."
    band = indicator(seed, "Nämndens prognossäkerhet T2")
    assert (band.direction, band.band, band.kf_target_mode) == (Direction.BAND, 1, KfTargetMode.VALUE)


@seeds
def test_seed_activities(seed: ReportParseResult) -> None:
    activities = [a for goal in walk(seed.plan.goals) for a in goal.activities]
    kinds = [a.kind for a in activities]
    assert kinds.count(ActivityKind.COUNCIL_ASSIGNMENT) == 12
    assert kinds.count(ActivityKind.COMMITTEE) == 43
    reports = {r.title: r for r in seed.followup.activities}
    premises = next(r for title, r in reports.items() if title.startswith("Fastighetsnämnden ska bistå"))
    assert (premises.goal, premises.start, premises.end) == ("3.2", dt.date(2021, 1, 1), dt.date(2021, 6, 30))
    # The note goes on after a page break, under a repeated table header.
    assert premises.deviation.startswith("Aktiviteten är inte längre aktuell")
    assert premises.deviation.endswith("behöver finnas i samma lokaler.")
    assert [r.title for r in seed.followup.activities if r.deviation] == [premises.title]
    smart = reports["Arbetsmarknadsnämnden ska införa projektet Smarta prov."]
    assert (smart.goal, smart.end) == ("1.1.2", dt.date(2022, 12, 31))
    staff = reports[
        "Arbetsmarknadsförvaltningen ska genomföra kompetenshöjande insatser i personalekonomi för chefer"
    ]
    assert (staff.goal, staff.start) == ("3.2.2", dt.date(2020, 1, 1))


@seeds
def test_seed_economics(seed: ReportParseResult) -> None:
    totals = seed.economy_totals()
    assert totals["budget_net"] == D("888.5")
    assert totals["forecast_net"] == D("823.6")
    assert totals["deviation"] == D("64.9")
    assert totals["budget_costs"] == totals["forecast_costs"] == D("1299.0")
    assert (totals["budget_revenues"], totals["forecast_revenues"]) == (D("-410.5"), D("-475.4"))
    assert (totals["turnover_costs"], totals["turnover_revenues"]) == (D("214.2"), D("-214.2"))
    assert totals["investments_budget"] == D("4.0")
    economics = seed.followup.economics
    assert economics.budget_label == "Nämnd-budget 2021 (NB)"
    assert [a.area for a in economics.areas] == [
        "Jobbtorg Stockholm",
        "Regiongemensam samhällsorientering",
        "Vuxenutbildning Stockholm",
        "Nämnd och gemensam adm.",
        "Stadsövergripande inkl. Finsam",
    ]
    vux = economics.areas[2]
    assert (vux.budget_costs, vux.budget_revenues, vux.last_year_net) == (D("767.5"), D("-147.1"), D("4.0"))
    assert vux.as_printed["net/budget"] == "620,4"
    assert "Gymnasial vuxenutbildning" in vux.commentary
    skolverket = next(r for r in economics.revenue_requirement if r.label == "Skolverket")
    assert (skolverket.budget, skolverket.forecast, skolverket.last_year) == (
        D("-82.6"),
        D("-147.5"),
        D("2.7"),
    )
    assert [(i.label, i.budget, i.forecast, i.last_year) for i in economics.investments] == [
        ("Investeringar", D("4.0"), D("4.0"), D("1.3"))
    ]
    assert economics.printed_totals["SUMMA NÄMNDEN TOTALT/Netto/Prognos"] == "823,6"
    assert economics.printed_totals["SUMMA NÄMNDEN TOTALT/Netto/Avvikelse"] == "64,9"
    assert economics.summary.startswith("Sammantaget prognostiserar nämnden")


@seeds
def test_seed_turnover_volumes_and_adjustments(seed: ReportParseResult) -> None:
    economics = seed.followup.economics
    assert [g.area for g in economics.turnover] == [a.area for a in economics.areas]
    assert economics.turnover_total_label == "Summa ökade kostnader och intäkter totalt"
    jobbtorg = economics.turnover[0]
    assert (len(jobbtorg.rows), sum(r.costs for r in jobbtorg.rows)) == (7, D("45.0"))
    volumes = {v.label.lower(): v for v in economics.volumes}
    assert {k: (v.budget_places, v.forecast_places, v.amount_as_printed) for k, v in volumes.items()} == {
        "sfi": (9796, 9400, D("28.7")),
        "anpassad sfi": (0, 600, None),
        "grundläggande vuxenutbildning": (2100, 2350, D("11.0")),
        "gymnasial vuxenutbildning": (6500, 10400, D("173.4")),
    }
    assert {v.area for v in volumes.values()} == {"Vuxenutbildning Stockholm"}
    [adjustment] = economics.adjustments
    assert (adjustment.amount, adjustment.from_amount, adjustment.to_amount) == (
        D("64.9"),
        D("82.6"),
        D("147.5"),
    )
    assert adjustment.area == "Skolverket"


@seeds
def test_seed_plan_budget(seed: ReportParseResult) -> None:
    budget = seed.plan.budget
    assert [(v.code, v.kind, v.year) for v in budget.versions] == [("nb2021", "adopted", 2021)]
    assert sum(a.amounts["nb2021"].costs for a in budget.areas) == D("1299.0")
    assert [r.amounts["nb2021"] for r in budget.revenue_requirement] == [D("-82.6"), D("-111.0")]
    adm = next(a for a in budget.areas if a.name == "Nämnd och gemensam adm.")
    assert "Nämnd och gemensam administration" in adm.names_as_printed
    assert [p.budget_places for p in budget.performance_volumes] == [9796, 0, 2100, 6500]
    assert budget.turnover == [] and budget.adjustments == []  # the report's proposals, not the plan's


@seeds
def test_seed_cover(seed: ReportParseResult) -> None:
    followup = seed.followup
    assert (followup.year, followup.period) == (2021, "2021-T1")
    cover = followup.report
    assert cover.title == "Tertialrapport Tertial 1 2021 för Arbetsmarknadsnämnden"
    assert [(o.name, o.phone) for o in cover.case_officers] == [
        ("Patricia Anton", "08-508 46 396"),
        ("Maria Uppström", "08-508 46 399"),
    ]
    assert (cover.addressee, cover.meeting_date, cover.agenda_number) == (
        "Arbetsmarknadsnämnden",
        dt.date(2021, 5, 18),
        "8",
    )
    assert [d.number for d in cover.decisions] == list(range(1, 10))
    assert "214,2 mnkr" in cover.decisions[1].text
    assert "64,9 mnkr" in cover.decisions[2].text
    assert [a.number for a in cover.attachments] == list(range(1, 8))
    assert cover.attachments[1].title == "Handlingsplan mot våldsbejakande extremism, AMN 2021"
    assert cover.attachments[4].title.startswith("Ansökan Delmos - Etableringscentrum_Ansökan")
    assert cover.summary_analysis.startswith("Sammantaget bedömer arbetsmarknadsnämnden")
    assert cover.summary_analysis.count("\n\n") == 3  # four paragraphs, one of them cut by a page break


@seeds
def test_seed_complaints_signatures_and_special_reports(seed: ReportParseResult) -> None:
    followup = seed.followup
    complaints = followup.complaints
    assert {c.department for c in complaints} == {"Vuxenutbildning Stockholm"}
    assert {c.month for c in complaints} == {1, 2, 3}
    by_category: dict[str, int] = {}
    for c in complaints:
        by_category[c.category] = by_category.get(c.category, 0) + c.count
    assert by_category == {"Bemötande": 26, "Tillgänglighet": 93, "Verksamhetens innehåll": 29, "Övrigt": 0}
    signatures = followup.signatures
    assert [s.date for s in signatures].count(dt.date(2021, 5, 24)) == 7
    bister = next(s for s in signatures if s.name == "Fredrik Bister")
    assert (bister.title, bister.date) == ("ekonomichef", dt.date(2021, 5, 25))
    eriksson = next(s for s in signatures if s.name.startswith("Karin Eriksson"))
    assert (eriksson.name, eriksson.date) == ("Karin Eriksson-Beck", dt.date(2021, 5, 24))
    assert eriksson.signed_as == "Karin Eriksson-Bech"  # the digital list spells it so; both are kept
    assert [s.name for s in signatures if s.signed_as] == ["Karin Eriksson-Beck"]
    wattjersson = next(s for s in signatures if s.name == "Christina Wattjersson")
    assert wattjersson.title == "avdelningschef, Jobbtorg Stockholm"
    assert [r.title for r in followup.special_reports] == [
        "Konsekvenser av covid-19-pandemin",
        "Synpunkter och klagomål",
    ]
    assert FollowUpFile.model_validate(followup.model_dump()) == followup


# --- small made-up texts ---------------------------------------------------------------------------


def row(*cells: str) -> str:
    return "\t".join(cells)


HEADER = row(
    "Indikator",
    "Periodens utfall",
    "Utfall män/ pojkar",
    "Utfall kvinn or/ flickor",
    "Periodens utfall VB 2020",
    "Prognos helår",
    "Årsmål",
    "KF:s årsmål",
    "Period",
)
EMPTY8 = ("",) * 8

MINI = [
    "**Handläggare**  ",
    "Anna Andersson  ",
    "Telefon: 08-508 00 000",
    "",
    "**Till**  ",
    "Testnämnden  ",
    "den 3 juni 2021",
    "",
    "**Ärende 5**",
    "",
    "## **Tertialrapport Tertial 1 2021 för Testnämnden**",
    "",
    "### **Förvaltningens förslag till beslut**",
    "",
    "1. Nämnden godkänner tertialrapporten.",
    "2. Nämnden begär budgetjustering om 5,0 mnkr.",
    "",
    "## Innehållsförteckning",
    "",
    row("<b>Sammanfattande analys.....</b>", "<b>3</b>"),
    row("<b>Uppföljning av Kommunfullmäktiges inriktningsmål.....</b>", "<b>4</b>"),
    row("1. Ett första mål.....", "4"),
    row("1.1 Ett områdesmål.....", "5"),
    row("<b>Uppföljning av ekonomi.....</b>", "<b>9</b>"),
    row("<b>Övrigt.....</b>", "<b>10</b>"),
    "",
    "## Bilagor",
    "",
    "*Bilaga 1: Projektbilaga*",
    "",
    "## Sammanfattande analys",
    "",
    "Kort sammanfattning.",
    "",
    "## Uppföljning av Kommunfullmäktiges inriktningsmål",
    "",
    "KF:s inriktningsmål:",
    "",
    "### 1. Ett första mål",
    "",
    "Nämnden bedömer att målet uppnås.",
    "",
    "KF:s mål för verksamhetsområdet:",
    "",
    "## 1.1 Ett områdesmål",
    "",
    " Uppfylls delvis",
    "",
    "### Analys",
    "",
    "Analystext.",
    "",
    "## 1.1 En underrubrik",
    "",
    "Mer analystext.",
    "",
    HEADER,
    row("  Antal deltagare", "30 st", "20 st", "10 st", "25 st", "40 st", "40 st", "50 st", "Tertial 1 2021"),
    row("<b>Analys</b>", *EMPTY8),
    row("Prognosen bygger på utfallet.", *EMPTY8),
    row(
        " ♀ Andel kvinnor och män i arbete",
        "55 %",
        "50 %",
        "60 %",
        "",
        "60 %",
        "60 %",
        "Tas fram av nämnd",
        "2021",
    ),
    row("<b>Analys</b> Svårt läge.", *EMPTY8),
    row(" ♀", "Kvinnor och män som är nöjda. Medelvärde skala 1-5", "", "", "4,2", "", "4,1", "", "2021"),
    row("  Antal med en cell för mycket", "1", "2", "3", "4", "5", "6", "7", "8", "Tertial 1 2021"),
    row("  Andel utan period", "10 %", "", "", "", "", "20 %", "", "Snart"),
    "",
    row("Aktivitet", "Startdatum", "Slutdatum", "Avvikelse"),
    row("  Nämnden ska göra något", "2021-01-01", "2021-12-31", ""),
    row("  Nämnden ska göra något annat", "2021-02-01", "2021-06-30", ""),
    row("<b>Analys</b> Aktiviteten är inte längre", "", "", ""),
    "",
    row("Aktivitet", "Startdatum", "Slutdatum", "Avvikelse"),
    row("aktuell.", "", "", ""),
    "",
    "Nämndmål:",
    "",
    "### 1.1.1. Ett nämndmål",
    "",
    " Uppfylls helt",
    "",
    "#### Beskrivning",
    "",
    "Beskrivningstext.",
    "",
    "#### Förväntat resultat",
    "",
    "- Första resultatet.",
    "- Andra resultatet.",
    "",
    "#### Analys",
    "",
    "Analys av nämndmålet.",
    "",
    "## Uppföljning av ekonomi",
    "",
    "#### Sammanfattning",
    "",
    "Nämnden prognostiserar ett överskott.",
    "",
    row("Verksamhetsområde", "Nämnd-budget 2021 (NB)", "Prognos", "Avvikelse", "Netto-resultat 2020"),
    row("Område A", "", "", "", ""),
    row("Kostnader", "100,0", "90,0", "10,0", ""),
    row("Intäkter", "-20,0", "-20,0", "0,0", ""),
    row("Netto", "80,0", "70,0", "10,0", "1,0"),
    row("Nämndens intäktskrav", "", "", "", ""),
    row("Skolverket", "-10,0", "-15,0", "5,0", "0,5"),
    row("Netto", "-10,0", "-15,0", "5,0", "0,5"),
    row("SUMMA NÄMNDEN TOTALT", "", "", "", ""),
    row("Kostnader", "100,0", "90,0", "10,0", ""),
    row("Intäkter", "-30,0", "-35,0", "5,0", ""),
    row("Netto", "70,0", "55,0", "15,0", "1,5"),
    row("Investeringar", "2,0", "2,0", "0,0", "0,0"),
    "",
    "### Område A",
    "",
    "Budgeten motsvarar 1 000 helårsplatser. Prognosen är 1 100 helårsplatser, vilket motsvarar en"
    " budgetökning på 5,0 mnkr.",
    "",
    "## Budgetjusteringar",
    "",
    "Nämnden begär att intäktskravet för Skolverket ökas med 5,0 mnkr från 10,0 mnkr till 15,0 mnkr.",
    "",
    "## Övrigt",
    "",
    "### 1 Synpunkter och klagomål",
    "",
    "#### 1.1 Område A",
    "",
    row("Period: 2021", "Bemötande", "Tillgänglighet"),
    row("Januari", "2", "3"),
    row("Februari", "1", ""),
    row("<b>Summa</b>", "<b>3</b>", "<b>4</b>"),
    "",
    "Berit Bok  ",
    "Förvaltningsdirektör",
    "",
    "## Digitala signaturer",
    "",
    row("<b>Namn</b>", "<b>Datum</b>"),
    row("Berit,Bok", "2021-06-10"),
]


def mini(*replace: tuple[str, str]) -> ReportParseResult:
    text = "\n".join(MINI)
    for old, new in replace:
        assert old in text
        text = text.replace(old, new)
    return parse_report_text(text, organisation=AMN, source="mini.txt")


def line_of(text: str) -> int:
    return next(n for n, line in enumerate(MINI, start=1) if line.startswith(text))


def test_it_reads_an_indicator_table_with_analysis_and_gender_rows() -> None:
    result = mini()
    rows = {o.indicator: o for o in result.followup.outcomes}
    assert list(rows) == [
        "Antal deltagare",
        "Andel kvinnor och män i arbete",
        "Kvinnor och män som är nöjda. Medelvärde skala 1-5",
    ]
    count = rows["Antal deltagare"]
    assert (count.goal, count.total, count.men, count.women, count.previous, count.forecast) == (
        "1.1",
        30,
        20,
        10,
        25,
        40,
    )
    assert count.comment == "Prognosen bygger på utfallet."
    share = rows["Andel kvinnor och män i arbete"]
    assert (share.total, share.previous, share.comment, share.period_label) == (
        55,
        None,
        "Svårt läge.",
        "2021",
    )
    scale = rows["Kvinnor och män som är nöjda. Medelvärde skala 1-5"]
    assert (scale.previous, scale.as_printed["target"]) == (D("4.2"), "4,1")
    plan = {i.name: i for i in result.plan.goals[0].goals[0].indicators}
    assert plan["Andel kvinnor och män i arbete"].gender_split is True
    assert plan["Andel kvinnor och män i arbete"].kf_target_mode is KfTargetMode.DELEGATED_COMMITTEE
    assert (plan["Antal deltagare"].kf_target, plan["Antal deltagare"].unit) == (50, Unit.COUNT)
    assert plan["Kvinnor och män som är nöjda. Medelvärde skala 1-5"].unit is Unit.SCALE


def test_it_reports_malformed_indicator_rows_with_their_line_numbers() -> None:
    unplaced = {u.line: u.reason for u in mini().unplaced}
    assert unplaced[line_of("  Antal med en cell")] == "indicator row with 9 cells for 8 columns"
    assert unplaced[line_of("  Andel utan period")] == "indicator row: cannot read the Period"


def test_it_reads_goals_activities_and_the_cover() -> None:
    result = mini()
    goals = {g.number: g for g in walk(result.plan.goals)}
    assert list(goals) == ["1", "1.1", "1.1.1"]  # "1.1 En underrubrik" is not in the table of contents
    assert goals["1.1.1"].expected_results == ["Första resultatet.", "Andra resultatet."]
    assert goals["1.1.1"].description == "Beskrivningstext."
    assessments = {a.goal: a for a in result.followup.assessments}
    assert assessments["1.1"].assessment is Fulfilment.PARTLY
    assert assessments["1.1"].analysis == "Analystext.\n\n1.1 En underrubrik\n\nMer analystext."
    assert assessments["1"].assessment is None
    reports = result.followup.activities
    assert [(r.title, r.deviation) for r in reports] == [
        ("Nämnden ska göra något", ""),
        ("Nämnden ska göra något annat", "Aktiviteten är inte längre aktuell."),
    ]
    assert {a.kind for a in goals["1.1"].activities} == {ActivityKind.COUNCIL_ASSIGNMENT}
    cover = result.followup.report
    assert (cover.agenda_number, cover.meeting_date, cover.addressee) == (
        "5",
        dt.date(2021, 6, 3),
        "Testnämnden",
    )
    assert (cover.decisions[0].number, cover.decisions[0].text) == (1, "Nämnden godkänner tertialrapporten.")
    assert [(a.number, a.title) for a in cover.attachments] == [(1, "Projektbilaga")]
    assert result.followup.period == "2021-T1"
    assert [(s.name, s.title, s.date) for s in result.followup.signatures] == [
        ("Berit Bok", "Förvaltningsdirektör", dt.date(2021, 6, 10))
    ]


def test_it_reads_the_economy_and_checks_its_totals() -> None:
    result = mini()
    economics = result.followup.economics
    assert result.economy_totals()["deviation"] == D("15.0")
    assert [
        (v.label, v.budget_places, v.forecast_places, v.amount_as_printed) for v in economics.volumes
    ] == [("Område A", 1000, 1100, D("5.0"))]
    [adjustment] = economics.adjustments
    assert (adjustment.amount, adjustment.from_amount, adjustment.to_amount, adjustment.area) == (
        D("5.0"),
        D("10.0"),
        D("15.0"),
        "Skolverket",
    )
    assert not [u for u in result.unplaced if "Netto" in u.text]
    wrong = mini((row("Netto", "70,0", "55,0", "15,0", "1,5"), row("Netto", "70,0", "55,0", "15,0", "1,6")))
    [finding] = [u for u in wrong.unplaced if "Netto" in u.text]
    assert finding.line == line_of(row("Netto", "70,0", "55,0", "15,0", "1,5"))
    assert (
        finding.reason
        == "printed total differs from computed (Netto-resultat 2020: printed 1.6, computed 1.5)"
    )


def test_it_stores_complaints_and_reports_a_summa_row_that_disagrees() -> None:
    result = mini()
    complaints = [(c.department, c.month, c.category, c.count) for c in result.followup.complaints]
    assert complaints == [
        ("Område A", 1, "Bemötande", 2),
        ("Område A", 1, "Tillgänglighet", 3),
        ("Område A", 2, "Bemötande", 1),
        ("Område A", 2, "Tillgänglighet", 0),
    ]
    [finding] = [u for u in result.unplaced if "Summa" in u.text]
    assert finding.line == line_of("<b>Summa</b>")
    assert finding.reason == "printed total differs from computed (Tillgänglighet: printed 4, computed 3)"
    right = mini((row("<b>Summa</b>", "<b>3</b>", "<b>4</b>"), row("<b>Summa</b>", "<b>3</b>", "<b>3</b>")))
    assert not [u for u in right.unplaced if "Summa" in u.text]


def test_nothing_else_is_left_unplaced_in_the_small_report() -> None:
    result = mini()
    assert sorted(u.line for u in result.unplaced) == sorted(
        [line_of("  Antal med en cell"), line_of("  Andel utan period"), line_of("<b>Summa</b>")]
    )
    assert sum(result.line_counts.values()) == len(MINI)


def test_a_text_that_is_not_a_report_raises() -> None:
    text = "Verksamhetsplan 2022\n\nInledning\n\nNämnden planerar sitt arbete.\n"
    assert looks_like_report(text) is False
    with pytest.raises(DocumentError) as error:
        parse_report_text(text, organisation=AMN, source="plan.txt")
    assert error.value.source == "plan.txt"


def test_a_report_without_a_year_raises() -> None:
    with pytest.raises(DocumentError, match="year and period"):
        parse_report_text("## Tertialrapport\n\n Uppfylls helt\n", organisation=AMN)


@seeds
def test_seed_a_table_inside_an_analysis_is_kept_as_a_table(seed: ReportParseResult) -> None:
    from styrkedja.lib import text_tables

    tables = [
        table
        for assessment in seed.followup.assessments
        for paragraph in assessment.analysis.split("\n\n")
        if (table := text_tables.parse(paragraph)) is not None
    ]
    assert len(tables) == 1
    table = tables[0]
    assert table.caption == "Målgrupp: Kvinna, Man, Totalsumma"
    assert table.header[:3] == ["Målgrupp", "Kvinna jan-mars 2021", "Kvinna jan-mars 2020"]
    assert [row[0] for row in table.rows][:5] == [
        "Försörjningsstöd",
        "KAA 16-19 år",
        "Ingång 20-29 år",
        "Stockholmsjobb",
        "Övriga målgrupper",
    ]
    assert table.rows[1][1:] == ["185", "219", "292", "282", "477", "501"]
    assert table.align == ["left"] + ["right"] * 6
