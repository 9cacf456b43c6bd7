"""Three municipalities of our own making, whose profiles differ in every field (levels and their number,
goal numbers, rating scales and non-ratings, indicator ratings and rules, goal rules, words, units), each
carried through the same chain: profile import → plan import → follow-up import → suggestion → checks →
the report as HTML, DOCX and PDF (and the follow-up export)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.management import call_command

from styrkedja.checks import run_checks
from styrkedja.followup.documents import build_followup_document
from styrkedja.followup.models import Part, Round
from styrkedja.followup.suggestions import round_suggestions
from styrkedja.interchange.followup_export import followup_data
from styrkedja.plans.models import Goal, Plan
from tests.profiles.reports import FORMATS, STOCKHOLM_WORDS, flat, needs_pdftotext, says, text_of

DATA = Path(__file__).parent / "data"


@dataclass
class Case:
    name: str
    committee: str
    period: str
    suggestions: dict[str, str | None]
    findings: set[tuple[str, str]]  # (rule, goal)
    parts: list[str]  # the parts' titles, but the economy
    words: list[str]  # words of the profile the reports print
    levels: dict[str, str] = field(default_factory=dict)
    running_head: str = ""  # the running head (PDF)
    memo_heading: str = ""  # the cover memo's heading (PDF, HTML)


CASES = [
    Case(
        "norrby",
        "norrby-bou",
        "2023-T2",
        suggestions={"P1": "yellow", "ÖM.11": "yellow", "ÖM.11.4": "orange", "A1": "green"},
        findings={("goal.rating_above_suggestion", "ÖM.11.4")},
        parts=[
            "Verksamhetsmål ÖM.11.4 Fler elever klarar skolan",
            "Verksamhetsmål A1 Alla barn har en bra start",
        ],
        running_head="Delårsrapport 2023",
        memo_heading="Tjänsteskrivelse",
        words=[
            "januari–augusti 2023",
            "Mål och resultat",
            "Strategiskt mål",
            "Verksamhetsmål",
            "Fullmäktiges indikatorer – ÖM.11",
            "Verksamhetens indikatorer – ÖM.11.4",
            "KF-7 Anmälda brott",
            "930,0 /100 000",
            "Fullmäktiges målvärde",
            "Måluppfyllelse: Delvis uppnått",
            "Måluppfyllelse: Kan ej bedömas",
            "80 % (2025)",
            "januari–december 2022",
            "Riket",
            "1 200,5 /100 000",
            "Kolada",
            "Tidigare år – ÖM.11",
            "1 010,0 /100 000",
            "22 d",
            "95 000 kr",
        ],
        levels={"ÖM.11.4": "goal", "P1": "perspective"},
    ),
    Case(
        "sjostad",
        "sjostad-ks",
        "2023",
        suggestions={"1": None, "1.1": "not_met", "1.2": "met"},
        findings={
            ("goal.rating_above_suggestion", "1.1"),
            ("goal.fully_with_missed_targets", "1.1"),
        },
        parts=["Resultatmål 1.1 Alla har fiber", "Resultatmål 1.2 Högt placerad i rankningen"],
        running_head="Årsredovisning 2023",
        memo_heading="Tjänsteskrivelse",
        words=[
            "Målområden och resultat",
            "Målområde",
            "Resultatmål",
            "Egna nyckeltal – 1.1",
            "Resultat: Uppfyllt",
            "Resultat: Ingen mätning i år",
            "Resultat: Ej aktuellt",
            "45:e",
            "93,5 %",
            "Kommunens mål",
        ],
    ),
    Case(
        "bergvik",
        "bergvik-sn",
        "2023-Q2",
        suggestions={
            "V": "r4",
            "V.1": "r4",
            "V.1.1": "r4",
            "F1": "r4",
            "VM1": "r4",
            "E1": "r6",
        },
        findings={("goal.rating_above_suggestion", "VM1"), ("goal.rating_above_suggestion", "F1")},
        parts=["Verksamhetsmål VM1 Kortare väntan"],
        running_head="Kvartalsrapport 2 2023",
        memo_heading="Missiv",
        words=[
            "Kvartal 2 2023",
            "Vision",
            "Fullmäktigemål",
            "Enhetens mål",
            "Verksamhetens mått – VM1",
            "Helårsbedömning",
            "Målnivå",
            "Läge: Bra",
            "Läge: Godtagbart",
            "Läge: Mycket dåligt",
            "10,5 d",
            "2 100 kronor",
        ],
    ),
]


def load(case: Case) -> Round:
    call_command("profile", "import", str(DATA / f"{case.name}.profile.yaml"), verbosity=0)
    call_command("plan", "import", str(DATA / f"{case.name}.plan.yaml"), verbosity=0)
    call_command("followup", "import", str(DATA / f"{case.name}.followup.yaml"), verbosity=0)
    return Round.objects.select_related("organisation", "plan").get(organisation__code=case.committee)


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_import_follow_up_suggest_and_check(case: Case) -> None:
    round_ = load(case)
    assert round_.period == case.period
    for number, level in case.levels.items():
        assert Goal.objects.get(plan=round_.plan, number=number).level == level
    suggestions = round_suggestions(round_)
    assert {number: s.value for number, s in suggestions.items()} == case.suggestions
    assert [p.title for p in Part.objects.filter(round=round_, goal__isnull=False)] == case.parts
    findings = run_checks(build_followup_document(round_))
    goals = {(f.rule, f.ref) for f in findings if f.kind == "goal"}
    assert goals & {(r, g) for r, g in case.findings} == case.findings
    assert not {rule for rule, _ in goals} & {"goal.assessment_missing"}


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_reports_speak_the_profile(case: Case, fmt: str) -> None:
    if fmt == "pdf" and not needs_pdftotext:
        pytest.skip("poppler-utils missing: make setup installs it")
    round_ = load(case)
    text = flat(text_of(build_followup_document(round_), fmt)).replace("● ", "")
    words = [
        *case.words,
        *([case.running_head] if fmt == "pdf" else []),
        *([case.memo_heading] if fmt != "docx" else []),
    ]
    missing = [word for word in words if not says(text, word)]
    assert not missing, f"{fmt}: the report lacks {missing}"
    stockholm = [word for word in STOCKHOLM_WORDS if says(text, word)]
    assert not stockholm, f"{fmt}: the report says {stockholm}"


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_exports_keep_the_plans_order_levels_and_ratings(case: Case, capsys) -> None:
    round_ = load(case)
    data = json.loads(json.dumps(followup_data(round_)))

    def walk(goals):
        for goal in goals:
            yield goal
            yield from walk(goal["goals"])

    goals = list(walk(data["goals"]))
    assert [g["number"] for g in goals] == [g.number for g in round_.plan.goals.order_by("position")]
    assert {g["number"]: g["suggested_assessment"] for g in goals} == case.suggestions
    capsys.readouterr()
    call_command("plan", "export", "--organisation", case.committee, "--year", "2023", "--format", "yaml")
    exported = capsys.readouterr().out
    plan = (DATA / f"{case.name}.plan.yaml").read_text(encoding="utf-8")
    names = [
        line.split("name: ", 1)[1].split(",")[0].strip(" }") for line in plan.splitlines() if "name: " in line
    ]
    indicator_names = [n for n in names if n in exported and n not in {case.committee}]
    positions = [exported.index(f"name: {n}") for n in indicator_names if f"name: {n}" in exported]
    assert positions == sorted(positions), "the export keeps the file's order"
    assert Plan.objects.filter(organisation__code=case.committee).count() == 1
