"""Texts against tables and texts: a trend in words against the indicator's numbers, "the activities go to
plan" against the activity table, a project stopped in the text while its activities go on."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from styrkedja.checks import Severity
from tests.checks.factory import activity, found, goal, indicator, report

D = Decimal


def sickness(total: str, previous: str):
    return indicator("Sjukfrånvaro", "percent", total=D(total), previous=D(previous), men=None, women=None)


def test_a_trend_in_words_against_the_numbers_is_a_warning():
    row = sickness("4.6", "4.4")
    doc = report(goals=[goal(indicators=[row], analysis="Sjukfrånvaron har minskat under perioden.")])
    [finding] = found(doc, "report.trend_against_numbers")
    assert finding.ref == "Sjukfrånvaro" and finding.severity is Severity.WARNING
    assert "4,6" in finding.message and "4,4" in finding.message


def test_a_trend_in_words_that_agrees_or_is_negated_or_about_something_else_is_fine():
    agrees = report(goals=[goal(indicators=[sickness("4", "4.4")], analysis="Sjukfrånvaron har minskat.")])
    assert found(agrees, "report.trend_against_numbers") == []
    negated = report(
        goals=[goal(indicators=[sickness("4.6", "4.4")], analysis="Sjukfrånvaron har inte minskat.")]
    )
    assert found(negated, "report.trend_against_numbers") == []
    other = report(goals=[goal(indicators=[sickness("4.6", "4.4")], analysis="Antalet elever har minskat.")])
    assert found(other, "report.trend_against_numbers") == []


def test_an_index_named_by_its_initials_is_read():
    row = indicator("Nöjd Kundindex", "index", total=D(78), previous=D(80), men=None, women=None)
    doc = report(goals=[goal(indicators=[row], analysis="NKI har ökat.")])
    assert len(found(doc, "report.trend_against_numbers")) == 1


CLAIM = "Nämnden bedömer att målet uppnås. Samtliga aktiviteter pågår enligt plan."


def test_activities_to_plan_against_a_cancelled_or_deviating_activity_is_a_warning():
    cancelled = activity(
        "Arbetsmarknadsnämnden ska ordna en mässa", status="not_relevant", deviation="Utgår."
    )
    doc = report(goals=[goal(activities=[activity(), cancelled], analysis=CLAIM)])
    [finding] = found(doc, "report.plan_claim_against_activities")
    assert finding.ref == "1.1.1" and "inte längre aktuell" in finding.message
    late = activity("Ta fram en rutin", end=dt.date(2021, 3, 31))
    assert (
        len(
            found(
                report(goals=[goal(activities=[late], analysis=CLAIM)]),
                "report.plan_claim_against_activities",
            )
        )
        == 1
    )


def test_activities_to_plan_with_a_qualifier_or_led_by_others_or_all_on_track_is_fine():
    cancelled = activity(
        "Arbetsmarknadsnämnden ska ordna en mässa", status="not_relevant", deviation="Utgår."
    )
    most = "Nämnden bedömer att målet uppnås, då de flesta aktiviteter pågår enligt plan."
    assert (
        found(
            report(goals=[goal(activities=[cancelled], analysis=most)]),
            "report.plan_claim_against_activities",
        )
        == []
    )
    others = activity("Idrottsnämnden ska i samarbete med nämnden ordna läger", end=dt.date(2021, 3, 31))
    assert (
        found(
            report(goals=[goal(activities=[others], analysis=CLAIM)]), "report.plan_claim_against_activities"
        )
        == []
    )
    assert found(report(goals=[goal(analysis=CLAIM)]), "report.plan_claim_against_activities") == []


def test_a_project_stopped_in_the_text_while_its_activities_show_no_deviation_is_a_warning():
    runs = activity("Kommunstyrelsen ska ansvara för förvaltningen av Portalen med stöd av nämnden")
    doc = report(goals=[goal(activities=[runs])])
    doc.economy.summary = "Prognosen exkluderar merkostnader till följd av att projektet Portalen avbröts."
    [finding] = found(doc, "report.stopped_without_deviation")
    assert finding.ref == "Portalen" and runs.title in finding.values["activities"]


def test_a_stopped_project_whose_activities_say_so_or_a_project_going_on_is_fine():
    said = activity("Nämnden ska delta i Portalen", deviation="Projektet avbröts i mars.")
    doc = report(goals=[goal(activities=[said])])
    doc.economy.summary = "Projektet Portalen avbröts i mars."
    assert found(doc, "report.stopped_without_deviation") == []
    going = report(goals=[goal(activities=[activity("Nämnden ska delta i Portalen")])])
    going.economy.summary = "Projektet Portalen har inte avbrutits utan pågår."
    assert found(going, "report.stopped_without_deviation") == []
