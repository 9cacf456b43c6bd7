"""The demo, rendered under another municipality's profile, says none of Stockholm's words: every level
name, rating label and word of the documents and of the pages comes from the profile, nothing from the
code."""

from __future__ import annotations

import dataclasses
import html
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from styrkedja.followup.documents import build_followup_document, build_plan_document
from styrkedja.followup.models import Outcome, ReportCover, Round, RoundEvent
from styrkedja.plans.models import Activity, Goal, Plan, Target
from styrkedja.reports import document as d
from tests.profiles.reports import FORMATS, STOCKHOLM_WORDS, flat, needs_pdftotext, says, text_of

DATA = Path(__file__).parent / "data"

#: Stockholm's words of the plan's data and of the calendar, besides those of its documents.
STOCKHOLM_DATA_WORDS = ("KF-uppdrag", "Tas fram av", "Tertial 1 2021", "män/pojkar", "kvinnor/flickor")


@pytest.fixture
def demo(db):
    call_command("demo", "--quiet-login", verbosity=0)
    call_command("profile", "import", str(DATA / "annan.profile.yaml"), verbosity=0)
    # The data's own words (the title the committee gave its report) are not the code's.
    ReportCover.objects.update(title="")
    # … nor what the round's log recorded when the parts were assigned, under Stockholm's profile …
    RoundEvent.objects.update(comment="")
    # … nor the Period column as the committee printed it ("Tertial 1 2021").
    for outcome in Outcome.objects.exclude(as_printed={}):
        outcome.as_printed.pop("period", None)
        outcome.save()


def test_the_demo_has_what_the_words_name(demo) -> None:
    """The words below are tested because the demo has them to print."""
    assert Activity.objects.filter(kind="council_assignment").exists()
    assert Target.objects.filter(kf_mode="delegated_committee").exists()
    assert Target.objects.filter(indicator__gender_split=True).exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_demo_under_another_profile_has_no_stockholm_word(demo, fmt: str) -> None:
    if fmt == "pdf" and not needs_pdftotext:
        pytest.skip("poppler-utils missing: make setup installs it")
    round_ = Round.objects.get(organisation__code="amn", period="2021-T1")
    documents = [build_followup_document(round_), *[build_plan_document(p) for p in Plan.objects.all()]]
    for doc in documents:
        text = flat(text_of(doc, fmt))
        said = [word for word in (*STOCKHOLM_WORDS, *STOCKHOLM_DATA_WORDS) if says(text, word)]
        assert not said, f"{doc.kind.key} {doc.period} as {fmt} says {said}"
    followup = flat(text_of(documents[0], fmt))
    for word in (
        "Verksamhetsmål",
        "Fullmäktiges nyckeltal",
        "Helårsbedömning",
        "Målvärde",
        "Delår 1 2021",
        "Sätts av",
        "Män",
        "Kvinnor",
    ):
        assert says(followup, word), f"{fmt}: {word} missing"


@pytest.mark.parametrize("fmt", FORMATS)
def test_under_stockholms_profile_the_same_report_says_those_words(db, fmt: str) -> None:
    """The check above can fail: Stockholm's own report has every one of the words it looks for."""
    if fmt == "pdf" and not needs_pdftotext:
        pytest.skip("poppler-utils missing: make setup installs it")
    call_command("demo", "--quiet-login", verbosity=0)
    ReportCover.objects.update(title="")
    Outcome.objects.update(as_printed={})
    round_ = Round.objects.get(organisation__code="amn", period="2021-T1")
    text = flat(text_of(build_followup_document(round_), fmt))
    missing = [
        w for w in ("Tas fram av", "Tertial 1 2021", "män/pojkar", "kvinnor/flickor") if not says(text, w)
    ]
    assert not missing


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_report_without_economy_data_prints_no_economy_heading(demo, fmt: str) -> None:
    if fmt == "pdf" and not needs_pdftotext:
        pytest.skip("poppler-utils missing: make setup installs it")
    round_ = Round.objects.get(organisation__code="amn", period="2021-T1")
    built = build_followup_document(round_)
    with_economy = flat(text_of(built, fmt))
    assert says(with_economy, "Ekonomisk uppföljning")
    without = flat(text_of(dataclasses.replace(built, economy=d.Economy()), fmt))
    for heading in (
        "Ekonomisk uppföljning",
        "Analys av resultaträkning",
        "Investeringar",
        "Budgetjusteringar",
    ):
        assert not says(without, heading), f"{fmt}: {heading} printed without economy data"
    plan = build_plan_document(Plan.objects.get(organisation__code="amn", year=2022))
    assert says(flat(text_of(plan, fmt)), "Budget per verksamhetsområde")
    bare = flat(text_of(dataclasses.replace(plan, economy=d.Economy()), fmt))
    assert not says(bare, "Budget per verksamhetsområde")


PAGE_WORDS = ("KF-uppdrag", "Tas fram av", "Tertial 1 2021", "Utfall män", "Utfall kvinnor")


def _page_text(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return flat(html.unescape(re.sub(r"<[^>]+>", " ", body)))


def test_the_pages_under_another_profile_say_no_stockholm_word(demo, client: Client) -> None:
    client.force_login(User.objects.get(username="admin"))
    round_ = Round.objects.get(organisation__code="amn", period="2021-T1")
    urls = [
        reverse("round", args=[round_.pk]),
        reverse("round_indicators", args=[round_.pk]),
        reverse("rounds", args=["amn"]),
        *[reverse("part", args=[p.pk]) for p in round_.parts.filter(goal__isnull=False)],
        *[reverse("part_activities", args=[p.pk]) for p in round_.parts.filter(goal__isnull=False)],
        *[reverse("plan", args=[p.pk]) for p in Plan.objects.all()],
        *[reverse("goal", args=[g.pk]) for g in Goal.objects.filter(plan__year=2021)],
    ]
    words = (*PAGE_WORDS, "Nämndmål", "Uppfylls", "Uppnås", "Periodens utfall", "KF:s")
    seen = ""
    for url in urls:
        text = _page_text(client, url)
        said = [word for word in words if says(text, word)]
        assert not said, f"{url} says {said}"
        seen += text
    for word in ("Delår 1 2021", "Uppdrag från fullmäktige", "Sätts av verksamheten", "Verksamhetsmål 1"):
        assert says(seen, word), f"the pages do not say {word}"


def test_under_stockholms_profile_the_pages_say_those_words(db, client: Client) -> None:
    call_command("demo", "--quiet-login", verbosity=0)
    client.force_login(User.objects.get(username="admin"))
    round_ = Round.objects.get(organisation__code="amn", period="2021-T1")
    part = round_.parts.filter(goal__isnull=False).first()
    seen = _page_text(client, reverse("part", args=[part.pk]))
    seen += " ".join(
        _page_text(client, reverse("goal", args=[g.pk])) for g in Goal.objects.filter(plan__year=2021)
    )
    missing = [w for w in (*PAGE_WORDS, "Nämndmål") if not says(seen, w)]
    assert not missing
