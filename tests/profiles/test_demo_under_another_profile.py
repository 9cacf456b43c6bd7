"""The demo, rendered under another municipality's profile, says none of Stockholm's words: every level
name, rating label and word of the documents comes from the profile, nothing from the code."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from styrkedja.followup.documents import build_followup_document, build_plan_document
from styrkedja.followup.models import ReportCover, Round
from styrkedja.plans.models import Plan
from tests.profiles.reports import FORMATS, STOCKHOLM_WORDS, flat, needs_pdftotext, says, text_of

DATA = Path(__file__).parent / "data"


@pytest.fixture
def demo(db):
    call_command("demo", "--quiet-login", verbosity=0)
    call_command("profile", "import", str(DATA / "annan.profile.yaml"), verbosity=0)
    # The data's own words (the title the committee gave its report) are not the code's.
    ReportCover.objects.update(title="")


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_demo_under_another_profile_has_no_stockholm_word(demo, fmt: str) -> None:
    if fmt == "pdf" and not needs_pdftotext:
        pytest.skip("poppler-utils missing: make setup installs it")
    round_ = Round.objects.get(organisation__code="amn", period="2021-T1")
    documents = [build_followup_document(round_), *[build_plan_document(p) for p in Plan.objects.all()]]
    for doc in documents:
        text = flat(text_of(doc, fmt))
        said = [word for word in STOCKHOLM_WORDS if says(text, word)]
        assert not said, f"{doc.kind.key} {doc.period} as {fmt} says {said}"
    followup = flat(text_of(documents[0], fmt))
    for word in ("Verksamhetsmål", "Fullmäktiges nyckeltal", "Helårsbedömning", "Målvärde", "Delår 1 2021"):
        assert says(followup, word), f"{fmt}: {word} missing"
