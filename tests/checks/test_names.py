"""Names: organisations against the profile's official list, one name spelled two ways, titles quoted
differently."""

from __future__ import annotations

from styrkedja.checks import Severity
from styrkedja.profiles.schema import stockholm
from tests.checks.factory import found, goal, report

OFFICIAL = [
    "Stockholms stad",
    "Socialnämnden",
    "Miljö- och hälsoskyddsnämnden",
    "Stockholm Vatten och Avfall AB",
]


def with_text(text: str, organisations: list[str] | None = OFFICIAL, **kw):
    doc = report(goals=[goal(analysis=text, **kw)])
    doc.profile = stockholm().model_copy(update={"organisations": organisations or []})
    return doc


def test_a_committee_or_company_not_written_as_in_the_official_list_is_a_warning():
    doc = with_text(
        "I samarbete med miljönämnden och Stockholm vatten och Avfall AB ordnar Stockholm stad kurser."
    )
    findings = found(doc, "report.organisation_not_official")
    assert {f.ref for f in findings} == {"miljönämnden", "Stockholm vatten och Avfall AB", "Stockholm stad"}
    assert all(f.severity is Severity.WARNING for f in findings)
    city = next(f for f in findings if f.ref == "Stockholm stad")
    assert city.values["official"] == "Stockholms stad"


def test_official_names_in_any_case_generic_bodies_and_other_companies_are_fine():
    text = (
        "Socialnämnden och nämnden samverkar; socialnämnden och miljö- och hälsoskyddsnämnden deltar, liksom "
        "stadsdelsnämnderna, Stockholms stad och Research Institutes of Sweden AB."
    )
    assert found(with_text(text), "report.organisation_not_official") == []
    assert (
        found(
            with_text("Samverkan med miljönämnden.", organisations=None), "report.organisation_not_official"
        )
        == []
    )


def test_the_same_name_with_other_capitals_is_a_warning():
    text = (
        "I projektet ”Unga i Arbete” deltar 20 personer. Projektet ”Unga i arbete” fortsätter under hösten."
    )
    [finding] = found(with_text(text), "report.name_two_spellings")
    assert finding.values["spellings"] == ["Unga i Arbete", "Unga i arbete"]


def test_a_name_and_an_ordinary_phrase_or_a_capital_at_the_start_are_fine():
    text = (
        "Projektet ”Unga i Arbete” fortsätter. Fler unga i arbete är målet. Unga i Arbete har 20 deltagare."
    )
    assert found(with_text(text), "report.name_two_spellings") == []


def test_a_goal_title_quoted_differently_is_a_warning():
    text = "Arbetet bidrar till målet ”Kvinnor och män studerar och arbetar” genom fler platser."
    [finding] = found(with_text(text), "report.title_quoted_differently")
    assert finding.ref == "Kvinnor och män studerar eller arbetar"
    exact = "Arbetet bidrar till målet ”Kvinnor och män studerar eller arbetar”, och till ”Trygg stad”."
    assert found(with_text(exact), "report.title_quoted_differently") == []


def test_the_organisation_an_activity_names_first_leads_it():
    from styrkedja.checks.names import bodies, leads

    assert leads("Idrottsnämnden ska i samarbete med arbetsmarknadsnämnden ordna läger") == "Idrottsnämnden"
    assert leads("Ta fram en plan för samverkan") is None
    assert bodies("Miljö- och hälsoskyddsnämnden samt Stockholm Vatten och Avfall AB") == [
        "Miljö- och hälsoskyddsnämnden",
        "Stockholm Vatten och Avfall AB",
    ]
