"""The verksamhetsplan text importer: the seed VP 2022 of Arbetsmarknadsnämnden, and small made-up texts."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from styrkedja.importers.layouts.stockholm.plan import parse_plan_text
from styrkedja.importers.layouts.stockholm.plan_tables import scale_of
from styrkedja.importers.results import ParseResult
from styrkedja.importers.text import DocumentError
from styrkedja.lib.vocabulary import ActivityKind, Direction, KfTargetMode, Periodicity, Unit
from styrkedja.planfiles.schema import Indicator, PlanFile
from tests.importers.layouts.stockholm.seeds import AMN, T1_2021, VP_2022, seed_text, walk


@pytest.fixture(scope="module")
def seed() -> ParseResult:
    return parse_plan_text(seed_text(VP_2022), organisation=AMN, source=VP_2022)


def indicator(result: ParseResult, name: str) -> Indicator:
    found = [i for goal in walk(result.plan.goals) for i in goal.indicators if i.name == name]
    assert len(found) == 1, f"{len(found)} indicators named {name!r}"
    return found[0]


def doc(*lines: str) -> str:
    """A text as the PDF extraction prints it: every line that ends a word ends with a space; a line
    written here with a trailing "~" was broken mid-word and has none."""
    return "\n".join(line[:-1] if line.endswith("~") else line + " " for line in lines) + "\n"


# --- the seed: VP 2022 of Arbetsmarknadsnämnden ------------------------------------------------------

seeds = pytest.mark.seeds


@seeds
def test_seed_counts(seed: ParseResult) -> None:
    summary = seed.summary()
    assert summary["direction_goals"] == 3
    assert summary["council_area_goals"] == 8
    assert summary["committee_goals"] == 10
    assert summary["goals"] == 21
    assert summary["indicators"] == 48
    assert (summary["council_indicators"], summary["committee_indicators"]) == (25, 23)
    assert summary["activities"] == 67
    assert summary["council_assignments"] == 17
    assert summary["expected_results"] == 53
    assert summary["economy_tables"] == 8


@seeds
def test_seed_goal_tree(seed: ParseResult) -> None:
    plan = seed.plan
    assert plan.year == 2022
    assert [g.number for g in plan.goals] == ["1", "2", "3"]
    assert [g.number for g in plan.goals[0].goals] == ["1.1", "1.2", "1.3", "1.4"]
    assert [g.number for g in plan.goals[1].goals] == ["2.1", "2.5"]
    assert [g.number for g in plan.goals[2].goals] == ["3.1", "3.2"]
    committee = [g.number for g in walk(plan.goals) if g.level == "committee"]
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
    # The schema validates the tree (levels, numbering) on the way back in.
    assert PlanFile.model_validate(plan.model_dump()) == plan


@seeds
def test_seed_comment_subheadings_are_not_goals(seed: ParseResult) -> None:
    goals = {g.number: g for g in walk(seed.plan.goals)}
    assert len(goals) == 21
    assert not {"2.4.1", "2.4", "2.4.2", "1.1.1.1", "3.3", "4.1"} & goals.keys()
    assert "2.4.1 Stockholmsjobb" in goals["1.1.1"].comment
    assert "1.1.1 Samverkan kring unga" in goals["1.1.1"].comment
    assert goals["1.1.1"].comment.startswith("1. Stads- och förvaltningsövergripande uppdrag")


def t1_titles() -> dict[str, str]:
    """Goal titles in the T1 2021 report: its table of contents and the heading after each "Nämndmål:"."""
    lines = seed_text(T1_2021).splitlines()
    titles: dict[str, str] = {}
    for line in lines:
        toc = re.match(r"^(\d+(?:\.\d+)*)\.? (.+?)\.{3,}\s*\d+$", line.strip())
        if toc:
            titles[toc[1]] = toc[2].strip()
    for index, line in enumerate(lines):
        if line.strip() == "Nämndmål:":
            following = next(text for text in lines[index + 1 :] if text.strip())
            heading = re.match(r"^(\d+(?:\.\d+)*)\.? (.+)$", following.strip("#* \t"))
            if heading:
                titles.setdefault(heading[1], heading[2].strip("* "))
    return titles


@seeds
def test_seed_titles_match_the_t1_report(seed: ParseResult) -> None:
    t1 = t1_titles()
    ours = {g.number: g.title for g in walk(seed.plan.goals)}
    compared = {number for number in ours if number in t1}
    assert len(compared) == 21  # every goal of the VP also stands in the T1 report
    mismatches = {number for number in compared if ours[number] != t1[number]}
    # Known: the committee renamed goal 3.2.2 between the years ("… en hållbar arbetsmiljö" in T1 2021).
    assert mismatches == {"3.2.2"}
    assert (
        ours["3.2.2"]
        == "Nämndens medarbetare och chefer har rätt kompetens och en hälsofrämjande arbetsmiljö"
    )
    assert ours["1.4"] == (
        "I Stockholm får människor i behov av stöd insatser i tid präglade av hög kvalitet, evidens och"
        " rättssäkerhet"
    )


@seeds
def test_seed_indicator_rows(seed: ParseResult) -> None:
    jobs = indicator(seed, "Antal aspiranter som fått Stockholmsjobb")
    assert (jobs.target, jobs.kf_target, jobs.kf_target_mode) == (550, 800, KfTargetMode.VALUE)
    assert (jobs.unit, jobs.periodicity, jobs.direction, jobs.table) == (
        Unit.COUNT,
        Periodicity.TERTIAL,
        Direction.HIGHER,
        "council",
    )
    assert jobs.as_printed == {"target": "550 st", "kf_target": "800 st", "periodicity": "Tertial"}
    assert jobs.gender_split is False

    plan = indicator(seed, "Andel inskrivna på Jobbtorg som har en individuell handlingsplan efter fem dagar")
    assert (plan.target, plan.kf_target, plan.unit) == (100, 100, Unit.PERCENT)
    assert plan.as_printed["target"] == "100"
    assert plan.as_printed["kf_target"] == "100 %"

    summer = indicator(seed, "Antal tillhandahållna platser för feriejobb")
    assert summer.kf_target_mode is KfTargetMode.DELEGATED_COMMITTEE_OR_BOARD
    assert summer.kf_target is None
    assert summer.target == 95
    assert summer.as_printed["kf_target"] == "Tas fram av nämnd/styrelse"

    young = indicator(
        seed,
        "Genomsnittlig inskrivningstid för unga aspiranter (18-29 år) som avslutas från Jobbtorg Stockholm",
    )
    assert (young.target, young.unit, young.direction, young.decimals) == (
        Decimal("5.5"),
        Unit.MONTHS,
        Direction.LOWER,
        1,
    )
    assert young.kf_target_mode is KfTargetMode.DELEGATED_COMMITTEE

    wrapped = indicator(
        seed,
        "Andel kvinnor och män som har avslutats till arbete eller studier inom 12 månader efter inskrivning"
        " på Jobbtorg Stockholm",
    )
    assert (wrapped.target, wrapped.gender_split, wrapped.table) == (62, True, "council")

    summer_jobs = indicator(seed, "Antal ungdomar som fått feriejobb i stadens regi")
    assert (summer_jobs.target, summer_jobs.kf_target) == (0, 9000)

    committee = indicator(seed, "Andel nybörjare inom sfi som klarat kursen inom två år")
    assert (committee.target, committee.kf_target_mode, committee.periodicity) == (
        50,
        KfTargetMode.NONE,
        Periodicity.HALF_YEAR,
    )
    assert (committee.table, committee.gender_split) == ("committee", True)
    assert committee.as_printed == {"target": "50 %", "kf_target": "", "periodicity": "Halvår"}

    scale = indicator(
        seed, "Kvinnor och män inom sfi som kan rekommendera sin skola till andra. Medelvärde skala 1-5"
    )
    assert (scale.unit, scale.target, scale.decimals) == (Unit.SCALE, Decimal("4.4"), 1)

    band = indicator(seed, "Nämndens prognossäkerhet T2")
    assert (band.direction, band.band, band.unit, band.periodicity) == (
        Direction.BAND,
        1,
        Unit.PERCENT,
        Periodicity.YEAR,
    )
    assert band.as_printed["target"] == "+/-1 %"

    assert indicator(seed, "Sjukfrånvaro").direction is Direction.LOWER
    assert indicator(seed, "Index Bra arbetsgivare").unit is Unit.INDEX


@seeds
def test_seed_activities(seed: ParseResult) -> None:
    goals = {g.number: g for g in walk(seed.plan.goals)}
    first = goals["1.1"].activities[0]
    assert first.title.startswith(
        "Arbetsmarknadsnämnden ska göra en genomlysning av sfi i egen och upphandlad regi"
    )
    assert first.title.endswith("bidrar till ökad motivation och genomströmning av elever")
    assert (first.start, first.end, first.kind) == (
        dt.date(2022, 1, 1),
        dt.date(2022, 6, 30),
        ActivityKind.COUNCIL_ASSIGNMENT,
    )
    # The title and its dates on one line; a table continued after a repeated header.
    smarta = [
        a
        for a in goals["1.1.2"].activities
        if a.title == "Arbetsmarknadsnämnden ska införa projektet Smarta prov."
    ]
    assert len(smarta) == 1
    assert (smarta[0].start, smarta[0].kind) == (dt.date(2021, 1, 1), ActivityKind.COMMITTEE)
    assert len(goals["1.1.2"].activities) == 13
    assert len(goals["3.2.2"].activities) == 7  # split by a page header


@seeds
def test_seed_expected_results(seed: ParseResult) -> None:
    goals = {g.number: g for g in walk(seed.plan.goals)}
    results = goals["1.1.1"].expected_results
    assert len(results) == 12
    assert results[2].startswith("Minst 60 procent av de kvinnor och män inskrivna vid Jobbtorg Stockholm")
    assert "  " not in results[2] and "\n" not in results[2]
    assert goals["3.1.1"].expected_results == ["Samtliga verksamheter har en budget i balans."]


@seeds
def test_seed_economy(seed: ParseResult) -> None:
    budget = seed.plan.budget
    assert [(v.code, v.label, v.kind, v.year) for v in budget.versions] == [
        ("vp2022", "VP 2022", "adopted", 2022),
        ("vp2021", "VP 2021", "previous", 2021),
        ("vp2021_adjusted", "Justerad VP 2021", "adjusted_previous", 2021),
    ]
    assert [a.name for a in budget.areas] == [
        "Jobbtorg Stockholm",
        "Centrum för samhällsorientering",
        "Vuxenutbildning Stockholm",
        "Nämnd och gemensam administration",
        "Stadsövergripande verksamheter",
    ]
    costs = sum((a.amounts["vp2022"].costs for a in budget.areas), Decimal(0))
    revenues = sum((a.amounts["vp2022"].revenues for a in budget.areas), Decimal(0))
    requirement = sum((line.amounts["vp2022"] for line in budget.revenue_requirement), Decimal(0))
    assert (costs, revenues, requirement) == (Decimal("1393.1"), Decimal("-229.5"), Decimal("-168.3"))
    assert costs + revenues + requirement == Decimal("995.3")
    adjusted = sum(
        (a.amounts["vp2021_adjusted"].costs + a.amounts["vp2021_adjusted"].revenues for a in budget.areas),
        Decimal(0),
    ) + sum((line.amounts["vp2021_adjusted"] for line in budget.revenue_requirement), Decimal(0))
    assert adjusted == Decimal("1051.7")

    cso = budget.areas[1]
    assert cso.names_as_printed == ["Centrum för samhällsorientering", "Regiongemensam samhällsorientering"]
    assert [line.label for line in budget.revenue_requirement] == [
        "Statsbidrag från Skolverket",
        "Statsbidrag för flyktingmottagande",
        "Statsbidrag för Etableringscentrum",
    ]

    assert len(seed.economy_tables) == 8
    turnover = budget.turnover
    assert sum((row.costs for group in turnover for row in group.rows), Decimal(0)) == Decimal("229.5")
    assert sum((row.revenues for group in turnover for row in group.rows), Decimal(0)) == Decimal("-229.5")
    assert budget.turnover_total_label == "Summa ökade kostnader och intäkter totalt"
    assert [(g.area, g.heading) for g in turnover] == [
        ("Jobbtorg Stockholm", "Jobbtorg Stockholm"),
        ("Centrum för samhällsorientering", ""),
        ("Vuxenutbildning Stockholm", "Vuxenutbildning Stockholm"),
        ("Nämnd och gemensam administration", "Nämnd och gemensam administration"),
        ("Stadsövergripande verksamheter", "Intäkter Stadsövergripande"),
    ]
    assert turnover[0].subtotal_label == "S:a ökade kostnader och intäkter Jobbtorg"
    assert [row.label for row in turnover[1].rows] == [
        "Centrum för samhällsorientering, ersättning från kommuner"
    ]
    assert len(turnover[0].rows) == 6
    for group in turnover:  # each group's revenues reconcile with its area's revenue budget
        area = next(a for a in budget.areas if a.name == group.area)
        assert sum((row.revenues for row in group.rows), Decimal(0)) == area.amounts["vp2022"].revenues

    volumes = [(v.area, v.label, v.budget_places) for v in budget.performance_volumes]
    assert volumes == [
        ("Vuxenutbildning Stockholm", "reguljär sfi", 9796),
        ("Vuxenutbildning Stockholm", "grundläggande vuxenutbildning", 2440),
        ("Vuxenutbildning Stockholm", "gymnasial vuxenutbildning", 7400),
    ]
    assert [(i.label, i.amount) for i in budget.investments] == [("Investeringsbudget", Decimal("4.0"))]
    assert budget.efficiency_requirement == Decimal("10.8")
    assert budget.adjustments == []


@seeds
def test_seed_every_line_is_accounted_for(seed: ParseResult) -> None:
    assert seed.unplaced == [], "\n".join(f"{u.line}: {u.reason}: {u.text}" for u in seed.unplaced)
    total = len(seed_text(VP_2022).split("\n"))
    assert sum(seed.line_counts.values()) == total
    assert set(seed.line_counts) <= {"blank", "noise", "consumed", "text", "prose"}
    assert seed.line_counts["noise"] == 9  # three page headers of three lines each
    assert seed.plan.introduction.startswith("Inledning\n\nStockholms stads budget för 2022")


@seeds
@pytest.mark.parametrize("variant", ["crlf", "stripped"])
def test_seed_with_other_line_ends(variant: str) -> None:
    """Windows line ends, or no trailing spaces at all (so no mark of words broken at a line end)."""
    text = seed_text(VP_2022)
    if variant == "crlf":
        text = text.replace("\n", "\r\n")
    else:
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    result = parse_plan_text(text, organisation=AMN)
    summary = result.summary()
    assert (summary["goals"], summary["indicators"], summary["activities"], summary["expected_results"]) == (
        21,
        48,
        67,
        53,
    )
    assert summary["economy_tables"] == 8
    assert result.unplaced == []
    feriejobb = indicator(result, "Antal tillhandahållna platser för feriejobb")
    assert feriejobb.as_printed["kf_target"] == "Tas fram av nämnd/styrelse"


@seeds
def test_seed_with_a_wrong_total_reports_it() -> None:
    text = seed_text(VP_2022)
    changed = text.replace("Summa netto 995,3 888,5 1051,7", "Summa netto 995,4 888,5 1051,7")
    assert changed != text
    line = text[: text.index("Summa netto 995,3")].count("\n") + 1
    result = parse_plan_text(changed, organisation=AMN)
    assert [(u.line, u.reason) for u in result.unplaced] == [
        (line, "printed total differs from computed (vp2022: printed 995.4, computed 995.3)")
    ]


# --- small made-up texts ------------------------------------------------------------------------------

HEAD = (
    "Inledning",
    "Några ord om året.",
    "",
    "KF:s inriktningsmål: 1. En modern storstad med möjligheter och",
    "valfrihet för alla",
    "Nämnden bidrar till målet.",
    "",
    "KF:s mål för verksamhetsområdet: 1.1 I Stockholm är människor",
    "självförsörjande och vägen till arbete och svenskkunskaper är kort",
    "Nämnden bidrar till målet.",
    "",
    "  Indikator Årsmål KF:s årsmål Periodicitet",
    "",
)


def parse(*lines: str) -> tuple[ParseResult, str]:
    text = doc(*lines)
    return parse_plan_text(text, organisation=AMN, year=2022, source="test.txt"), text


def line_of(text: str, fragment: str) -> int:
    return next(no for no, line in enumerate(text.split("\n"), start=1) if fragment in line)


def test_wrapped_indicator_row() -> None:
    result, _ = parse(
        *HEAD,
        "Andel aspiranter som är självförsörjande sex månader efter avslut på",
        "Jobbtorg Stockholm",
        "",
        "72 % Tas fram av",
        "nämnd/styrel~",
        "se",
        "",
        "Tertial",
    )
    assert result.unplaced == []
    (row,) = result.plan.goals[0].goals[0].indicators
    assert (
        row.name == "Andel aspiranter som är självförsörjande sex månader efter avslut på Jobbtorg Stockholm"
    )
    assert (row.target, row.unit, row.periodicity) == (72, Unit.PERCENT, Periodicity.TERTIAL)
    assert row.kf_target_mode is KfTargetMode.DELEGATED_COMMITTEE_OR_BOARD
    assert row.as_printed == {
        "target": "72 %",
        "kf_target": "Tas fram av nämnd/styrelse",
        "periodicity": "Tertial",
    }
    assert (row.table, row.gender_split) == ("council", False)


def test_table_split_by_a_page_header() -> None:
    result, _ = parse(
        *HEAD,
        "Antal aspiranter som fått Stockholmsjobb 550 st 800 st Tertial",
        "",
        "",
        "Tjänsteutlåtande",
        "Sid 10 (78)",
        "",
        " start.stockholm",
        "",
        "   Indikator Årsmål KF:s årsmål Periodicitet",
        "",
        "Antal ungdomar som fått feriejobb i stadens regi 0 st 9 000 st Tertial",
        "",
        "Andel kursdeltagare inom sfi med godkänt betyg efter fullföljd kurs 97 % Tas fram av",
        "nämnd",
        "",
        "Halvår",
    )
    assert result.unplaced == []
    rows = result.plan.goals[0].goals[0].indicators
    assert [(r.target, r.kf_target, r.kf_target_mode) for r in rows] == [
        (550, 800, KfTargetMode.VALUE),
        (0, 9000, KfTargetMode.VALUE),
        (97, None, KfTargetMode.DELEGATED_COMMITTEE),
    ]
    assert result.line_counts["noise"] == 3


def test_name_ending_in_a_number_and_an_empty_kf_cell() -> None:
    # Two spaces before the periodicity mark the empty KF cell, so "2022" belongs to the name.
    result, _ = parse(*HEAD, "Antal platser för feriejobb 2022 550 st  Tertial")
    (row,) = result.plan.goals[0].goals[0].indicators
    assert (row.name, row.target, row.kf_target_mode) == (
        "Antal platser för feriejobb 2022",
        550,
        KfTargetMode.NONE,
    )


def test_malformed_target_line_is_unplaced_with_its_line_number() -> None:
    result, text = parse(
        *HEAD,
        "Antal aspiranter som fått Stockholmsjobb",
        "",
        "550 stycken 800 st Tertial",
        "",
        "Antal tillhandahållna platser för feriejobb 95 st Tas fram av",
        "nämnd",
        "",
        "Tertial",
    )
    assert [(u.line, u.reason) for u in result.unplaced] == [
        (line_of(text, "550 stycken"), "indicator row: cannot read Årsmål / KF:s årsmål / Periodicitet")
    ]
    assert "550 stycken 800 st" in result.unplaced[0].text
    (row,) = result.plan.goals[0].goals[0].indicators  # the next row is still read
    assert row.name == "Antal tillhandahållna platser för feriejobb"


def test_row_without_periodicity_does_not_swallow_the_next_row() -> None:
    result, text = parse(
        *HEAD,
        "Antal aspiranter som fått Stockholmsjobb",
        "",
        "550 st 800 st",
        "",
        "Antal tillhandahållna platser för feriejobb 95 st  Tertial",
    )
    assert [u.line for u in result.unplaced] == [line_of(text, "550 st 800 st")]
    assert [r.name for r in result.plan.goals[0].goals[0].indicators] == [
        "Antal tillhandahållna platser för feriejobb"
    ]


def test_activities_goals_and_left_overs() -> None:
    result, text = parse(
        *HEAD[:-2],
        "  Aktivitet Startdatum Slutdatum",
        "",
        " Arbetsmarknadsnämnden ska utreda hur något kan",
        "göras bättre",
        "",
        "2022-01-01 2022-06-30",
        "",
        " Kommunstyrelsen ska göra något. 2022-01-01 2022-03-31",
        "",
        " En aktivitet med fel datum 2022-13-01 2022-12-31",
        "",
        " Nämndmål: 1.1.1. Kvinnor och män studerar eller",
        "arbetar",
        "",
        "Beskrivning",
        "",
        "Nämnden arbetar för det.",
        "",
        "Förväntat resultat",
        "",
        "•Minst 60 procent av de kvinnor och män som avslutats",
        "arbetar eller studerar.",
        "•Nämnden har gjort det.",
        "",
        "Kommentar",
        "",
        "2.4.1 Stockholmsjobb",
        "Nämnden utökar antalet platser.",
        "",
        "Nämndmål: 1.2.1 Ett mål utan förälder",
        "",
        "Beskrivning",
        "Text.",
    )
    area = result.plan.goals[0].goals[0]
    assert [(a.title, a.end, a.kind) for a in area.activities] == [
        (
            "Arbetsmarknadsnämnden ska utreda hur något kan göras bättre",
            dt.date(2022, 6, 30),
            "council_assignment",
        ),
        ("Kommunstyrelsen ska göra något.", dt.date(2022, 3, 31), "council_assignment"),
    ]
    (goal,) = area.goals
    assert (goal.number, goal.title) == ("1.1.1", "Kvinnor och män studerar eller arbetar")
    assert goal.description == "Nämnden arbetar för det."
    assert goal.expected_results == [
        "Minst 60 procent av de kvinnor och män som avslutats arbetar eller studerar.",
        "Nämnden har gjort det.",
    ]
    assert goal.comment == "2.4.1 Stockholmsjobb\n\nNämnden utökar antalet platser."
    assert [(u.line, u.reason) for u in result.unplaced] == [
        (line_of(text, "fel datum"), "activity row with an invalid date"),
        (
            line_of(text, "utan förälder"),
            "goal 1.2.1 has no parent goal 1.2 in the document; the goal and its content are left out",
        ),
    ]


def test_economy_tables_with_a_wrong_subtotal() -> None:
    result, text = parse(
        *HEAD[:-2],
        "Redovisning av ekonomi",
        "Kommunfullmäktiges effektiviseringskrav på nämnden uppgår till 1,5 mnkr.",
        " Verksamhetsområde netto",
        "(mnkr) VP 2022 VP 2021 Justerad VP 2021",
        "",
        "Jobbtorg Stockholm 10,0 9,0 9,5",
        "",
        "Nämndens intäktskrav -2,0 -2,0 -2,0",
        "",
        "Summa netto 8,0 7,0 7,5",
        "",
        "Jobbtorg Stockholm",
        "Mnkr VP2022 VP2021 Justerad VP 2021",
        "",
        "Kostnader 1 012,0 11,0 11,5",
        "",
        "Intäkter -1 002,0 -2,0 -2,0",
        "",
        "Netto 10,0 9,0 9,5",
        "",
        " Nämndens intäktskrav",
        "Mnkr VP2022 VP2021 Justerad VP 2021",
        "",
        "Statsbidrag från",
        "Skolverket",
        "",
        "-2,0 -2,0 -2,0",
        "",
        "Netto -2,0 -2,0 -2,0",
        "",
        "Ökade kostnader/intäkter för: Kostnader Intäkter",
        "",
        "Jobbtorg Stockholm   ",
        "",
        "EU bidrag 1 000,0 -1 000,0",
        "",
        "Försäljningsintäkter 2,0 -2,0",
        "",
        "S:a ökade kostnader och intäkter",
        "Jobbtorg",
        "",
        "1 003,0 -1 002,0",
        "",
        "Summa ökade kostnader och intäkter",
        "totalt",
        "",
        "1 002,0 -1 002,0",
        " Särskilda redovisningar",
        "Agenda 2030",
        "Nämnden arbetar med målen.",
    )
    budget = result.plan.budget
    (area,) = budget.areas
    assert area.amounts["vp2022"].costs == Decimal("1012.0")
    assert budget.efficiency_requirement == Decimal("1.5")
    assert [line.label for line in budget.revenue_requirement] == ["Statsbidrag från Skolverket"]
    assert budget.turnover[0].area == "Jobbtorg Stockholm"
    assert len(result.economy_tables) == 4
    assert [(u.line, u.reason) for u in result.unplaced] == [
        (
            line_of(text, "1 003,0 -1 002,0"),
            "printed total differs from computed (costs: printed 1003.0, computed 1002.0)",
        )
    ]
    assert (
        result.line_counts["prose"] == 2
    )  # the efficiency sentence is consumed; the special report is prose


def test_not_a_plan() -> None:
    text = doc("Protokoll", "", "Nämnden sammanträdde och beslutade i enlighet med förslaget 2022.")
    with pytest.raises(DocumentError) as caught:
        parse_plan_text(text, organisation=AMN, source="protokoll.txt")
    error = caught.value
    assert (error.source, error.line) == ("protokoll.txt", 1)
    assert str(error).startswith("protokoll.txt:1: no goal headings")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("… kan rekommendera sin skola till andra. Medelvärde skala 1-5", (Decimal(1), Decimal(5))),
        ("Nöjdhet, skala 1–10.", (Decimal(1), Decimal(10))),
        ("Medelvärde", None),
        ("Skala 5-1", None),
    ],
)
def test_a_scale_range_stated_in_the_name_is_kept(name, expected):
    assert scale_of(name) == expected
