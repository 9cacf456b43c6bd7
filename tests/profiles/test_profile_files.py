"""The profile file (`styrkedja.profile/1`): Stockholm's as the default, refusals naming line and field,
export → import → export, the plan and follow-up files checked against it, the profile page with its
history, and an approved report that a later profile never changes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from styrkedja.followup.documents import build_followup_document
from styrkedja.followup.models import Assessment, Round
from styrkedja.followup.workflow import approve_part, approve_round
from styrkedja.organisations.models import MunicipalityProfile, Organisation
from styrkedja.organisations.profiles import profile_of
from styrkedja.planfiles.profile_file import parse_profile
from styrkedja.profiles import stockholm
from styrkedja.profiles.words import DOCUMENT_KINDS, FIELDS
from styrkedja.reports import kinds
from styrkedja.reports.tables import report_content

DATA = Path(__file__).parent / "data"


def test_stockholm_words_every_kind_of_document_in_full():
    assert set(DOCUMENT_KINDS) == set(kinds.KINDS)
    profile = stockholm()
    for kind in DOCUMENT_KINDS:
        wording = profile.wording(kind)  # a word missing would fail here
        assert wording == kinds.get(kind).wording
    assert set(FIELDS) <= set(profile.words["common"])
    assert profile.level_keys == ["direction", "council_area", "committee", "unit"]
    assert profile.ratings.keys == ["fully", "partly", "not"]


def test_an_organisation_without_a_profile_has_stockholms(db):
    organisation = Organisation.objects.create(code="annan", name="Annan nämnd", kind="committee")
    assert profile_of(organisation) == stockholm()


BAD = [
    ("levels: []\n", "levels", "at least 1"),
    ("goal_numbers: roman\n", "goal_numbers", "dotted_digits"),
    ("indicator_rule: {rule: threshold}\n", "indicator_rule", "partly_at"),
    ("units:\n  furlongs: {label: furlong}\n", "(file)", "furlongs"),
    ("words:\n  tertial: {headline: Rubrik}\n", "(file)", "headline"),
    ('organisations:\n  - ""\n', "organisations[0]", "at least 1 character"),
    ("accepted_words: [ok, {word: no}]\n", "accepted_words[1]", "valid string"),
    (
        "ratings:\n  scale:\n    - {key: good, label: Bra, colour: green}\n    - {key: bad, label: Dåligt, "
        'colour: "#ff0000"}\n',
        "ratings.scale[0].colour",
        "should match pattern",
    ),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("change", "field", "message"), BAD, ids=[b[1] + b[2] for b in BAD])
def test_a_bad_profile_is_refused_whole_naming_line_and_field(tmp_path, change, field, message):
    base = (DATA / "sjostad.profile.yaml").read_text(encoding="utf-8")
    key = change.split(":", 1)[0]
    kept, skipping = [], False
    for line in base.splitlines(keepends=True):
        if line.startswith(f"{key}:"):
            skipping = True
            continue
        if skipping and (line.startswith(" ") or not line.strip()):
            continue
        skipping = False
        kept.append(line)
    path = tmp_path / "profil.yaml"
    path.write_text("".join(kept) + change, encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("profile", "import", str(path))
    text = str(refused.value)
    assert f"{path}:" in text and message in text, text
    assert re.search(rf"{re.escape(str(path))}:\d+: {re.escape(field)}: ", text), text
    assert not MunicipalityProfile.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_export_import_export_gives_identical_text(fmt, tmp_path, capsys):
    call_command("profile", "import", str(DATA / "norrby.profile.yaml"))
    capsys.readouterr()
    call_command("profile", "export", "--organisation", "norrby", "--format", fmt)
    first = capsys.readouterr().out
    path = tmp_path / f"profil.{fmt}"
    path.write_text(first, encoding="utf-8")
    MunicipalityProfile.objects.all().delete()
    call_command("profile", "import", str(path))
    capsys.readouterr()
    call_command("profile", "export", "--organisation", "norrby", "--format", fmt)
    assert capsys.readouterr().out == first
    assert parse_profile(first, "export").name == "Norrby kommun"


@pytest.mark.django_db
def test_a_committee_exports_the_profile_of_its_kommun_or_stockholms(capsys):
    call_command("profile", "import", str(DATA / "norrby.profile.yaml"))
    call_command("plan", "import", str(DATA / "norrby.plan.yaml"))
    capsys.readouterr()
    call_command("profile", "export", "--organisation", "norrby-bou", "--format", "json")
    assert '"name": "Norrby kommun"' in capsys.readouterr().out
    Organisation.objects.create(code="fri", name="Fristående", kind="city")
    call_command("profile", "export", "--organisation", "fri")
    assert "name: Stockholms stad" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_plan_file_is_refused_when_its_levels_or_numbers_do_not_fit_the_profile(tmp_path):
    call_command("profile", "import", str(DATA / "sjostad.profile.yaml"))
    text = (DATA / "sjostad.plan.yaml").read_text(encoding="utf-8")
    wrong = text.replace('level: result\n        number: "1.2"', 'level: direction\n        number: "1.2"')
    wrong = wrong.replace('number: "1.1"', "number: A.1")
    path = tmp_path / "plan.yaml"
    path.write_text(wrong, encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("plan", "import", str(path))
    lines = str(refused.value).splitlines()[1:]
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"{path}:14: goals[0].goals[0].number: 'A.1' is not digits")
    assert lines[1].startswith(f"{path}:20: goals[0].goals[1].level: 'direction' is not a goal level")


@pytest.mark.django_db
def test_a_follow_up_file_is_refused_for_ratings_the_profile_does_not_have(tmp_path):
    call_command("profile", "import", str(DATA / "sjostad.profile.yaml"))
    call_command("plan", "import", str(DATA / "sjostad.plan.yaml"))
    text = (DATA / "sjostad.followup.yaml").read_text(encoding="utf-8")
    path = tmp_path / "uppfoljning.yaml"
    path.write_text(text.replace("assessment: met,", "assessment: fully,"), encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("followup", "import", str(path))
    assert f"{path}:14: assessments[1].assessment: 'fully' is not a goal rating of Sjöstads kommun" in str(
        refused.value
    )
    assert not Round.objects.exists()


@pytest.mark.django_db
def test_a_profile_that_would_not_fit_what_is_stored_is_refused(tmp_path):
    call_command("profile", "import", str(DATA / "sjostad.profile.yaml"))
    call_command("plan", "import", str(DATA / "sjostad.plan.yaml"))
    text = (DATA / "sjostad.profile.yaml").read_text(encoding="utf-8").replace("key: result", "key: outcome")
    path = tmp_path / "profil.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match="nivån 'result' finns inte i profilen"):
        call_command("profile", "import", str(path))
    assert profile_of(Organisation.objects.get(code="sjostad")).level_keys == ["area", "result"]


@pytest.mark.django_db
def test_a_changed_profile_never_changes_an_approved_report(tmp_path):
    """Approved under Sjöstad's profile, the report keeps its labels, words and suggestions when the
    profile is changed afterwards; an open round takes the new one."""
    call_command("profile", "import", str(DATA / "sjostad.profile.yaml"))
    call_command("plan", "import", str(DATA / "sjostad.plan.yaml"))
    call_command("followup", "import", str(DATA / "sjostad.followup.yaml"))
    round_ = Round.objects.get()
    Assessment.objects.filter(round=round_, goal__number="1.1").update(justification="Utbyggnaden är klar.")
    for part in round_.parts.all():
        part.status = "ready"
        part.save()
        approve_part(part, by=None)
    before = report_content(build_followup_document(round_))
    approve_round(round_, by=None)
    changed = (DATA / "sjostad.profile.yaml").read_text(encoding="utf-8")
    changed = changed.replace("label: Uppfyllt", "label: Klart").replace("rating: Resultat", "rating: Läge")
    changed = changed.replace("at_least: {met: 0.75}", "at_least: {met: 0.1}")
    path = tmp_path / "profil.yaml"
    path.write_text(changed, encoding="utf-8")
    call_command("profile", "import", str(path))
    round_.refresh_from_db()
    after = report_content(build_followup_document(round_))
    assert after.locked and dataclasses.replace(after, locked=False) == before
    round_.status = "open"
    round_._unlocking = True
    round_.profile = {}
    round_.save()
    reopened = build_followup_document(round_)
    assert reopened.profile.ratings.label("met") == "Klart"
    assert reopened.profile.wording("annual").rating == "Läge"


@pytest.mark.django_db
def test_the_profile_page_shows_and_changes_the_profile_with_the_files_validation(world, client_as):
    admin = client_as("admin")
    url = f"/organisationer/{world.committee.code}/profil/"
    page = admin.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Stockholms stad" in text and "Uppfylls delvis" in text and "Nämndmål" in text
    form = page.context["form"]
    yaml_text = form.initial["text"]
    assert f"organisation: {world.committee.code}" in yaml_text
    broken = yaml_text.replace("goal_numbers: dotted_digits", "goal_numbers: roman")
    refused = admin.post(url, {"text": broken, "version": 0})
    assert refused.status_code == 400
    assert "rad " in refused.content.decode() and "goal_numbers" in refused.content.decode()
    assert not MunicipalityProfile.objects.exists()
    renamed = yaml_text.replace("name: Nämndmål", "name: Verksamhetsmål", 1)
    saved = admin.post(url, {"text": renamed, "version": 0})
    assert saved.status_code == 302
    assert profile_of(world.committee).level_name("committee") == "Verksamhetsmål"
    stale = admin.post(url, {"text": yaml_text, "version": 0})
    assert stale.status_code == 409
    history = admin.get(f"/historik/profil/{world.committee.pk}/")
    assert history.status_code == 200
    assert "Kommunprofilen" in history.content.decode() and "Verksamhetsmål" in history.content.decode()
    goal = admin.get(f"/mal/{world.goals['1.1.1'].pk}/")
    assert "Verksamhetsmål" in goal.content.decode()
    assert client_as("controller").get(url).status_code == 403


def test_units_and_an_indicator_rule_by_direction():
    from styrkedja.profiles.rules import indicator_outcome

    rule = parse_profile((DATA / "norrby.profile.yaml").read_text(encoding="utf-8"), "norrby").indicator_rule
    assert indicator_outcome(Decimal(81), Decimal(100), "higher", None, rule) == "partly"
    assert indicator_outcome(Decimal(79), Decimal(100), "higher", None, rule) == "not_met"
    assert indicator_outcome(Decimal(24), Decimal(20), "lower", None, rule) == "partly"
    assert indicator_outcome(Decimal(26), Decimal(20), "lower", None, rule) == "not_met"
    assert indicator_outcome(Decimal(11), Decimal(10), "band", Decimal(1), rule) == "met"
    assert indicator_outcome(Decimal("11.2"), Decimal(10), "band", Decimal(1), rule) == "partly"
    assert indicator_outcome(None, Decimal(10), "higher", None, rule) is None
    assert stockholm().unit_label("per_100000") == "per 100 000 invånare"
    assert stockholm().unit_suffix("sek") == " kr"
    assert dt.date(2023, 1, 1).year == 2023


def test_the_official_names_and_the_accepted_words_are_read_and_stockholm_has_them():
    base = (DATA / "sjostad.profile.yaml").read_text(encoding="utf-8")
    text = base + "organisations: [Sjöstads kommun, Kommunstyrelsen]\naccepted_words: [SKN, Hamnlyftet]\n"
    profile = parse_profile(text, "sjostad.profile.yaml")
    assert profile.organisations == ["Sjöstads kommun", "Kommunstyrelsen"]
    assert profile.accepted_words == ["SKN", "Hamnlyftet"]
    assert parse_profile(base, "sjostad.profile.yaml").organisations == []
    assert {"Stockholms stad", "Arbetsmarknadsnämnden", "Miljö- och hälsoskyddsnämnden"} <= set(
        stockholm().organisations
    )
