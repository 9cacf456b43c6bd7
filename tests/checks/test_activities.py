"""Activity rules: overdue without a word, cancelled without saying so, improbable dates."""

from __future__ import annotations

import datetime as dt

from styrkedja.checks import Severity
from tests.checks.factory import activity, found, goal, plan, report


def with_activities(*activities):
    return report(goals=[goal(activities=list(activities))])


def test_an_activity_past_its_end_without_status_or_deviation_is_a_warning():
    doc = with_activities(activity(end=dt.date(2021, 3, 31)))
    [finding] = found(doc, "activity.overdue_without_status")
    assert (
        finding.kind == "activity" and "2021-03-31" in finding.message and "ingen status" in finding.message
    )


def test_an_overdue_activity_that_is_done_cancelled_explained_or_not_yet_due_is_fine():
    activities = [
        activity("A", end=dt.date(2021, 3, 31), status="done"),
        activity("B", end=dt.date(2021, 3, 31), status="not_relevant", deviation="Utgår."),
        activity("C", end=dt.date(2021, 3, 31), status="ongoing", deviation="Försenad till juni."),
        activity("D", end=dt.date(2021, 6, 30)),
    ]
    assert found(with_activities(*activities), "activity.overdue_without_status") == []
    assert (
        found(
            plan(goals=[goal(activities=[activity(end=dt.date(2021, 3, 31))])]),
            "activity.overdue_without_status",
        )
        == []
    )


def test_an_overdue_activity_another_organisation_leads_is_left_to_it():
    theirs = activity(
        "Kommunstyrelsen ska tillsammans med nämnden se över fördelningen", end=dt.date(2021, 3, 31)
    )
    ours = activity(
        "Arbetsmarknadsnämnden ska tillsammans med socialnämnden ordna en mässa", end=dt.date(2021, 3, 31)
    )
    assert [f.ref for f in found(with_activities(theirs, ours), "activity.overdue_without_status")] == [
        ours.title
    ]


def test_grace_days_for_overdue_activities_are_configurable():
    doc = with_activities(activity(end=dt.date(2021, 4, 20)))
    assert len(found(doc, "activity.overdue_without_status")) == 1
    grace = {"activity.overdue_without_status": {"threshold": 15}}
    assert found(doc, "activity.overdue_without_status", config=grace) == []


def test_cancelled_without_a_deviation_is_an_error():
    [finding] = found(
        with_activities(activity(status="not_relevant")), "activity.cancelled_without_deviation"
    )
    assert finding.severity is Severity.ERROR
    assert (
        found(
            with_activities(activity(status="not_relevant", deviation="Ersatt av annan insats.")),
            "activity.cancelled_without_deviation",
        )
        == []
    )


def test_a_deviation_saying_cancelled_without_the_status_is_a_warning():
    doc = with_activities(activity(deviation="Aktiviteten är inte längre aktuell, då lokal redan finns."))
    [finding] = found(doc, "activity.cancelled_without_status")
    assert "inte längre aktuell" in finding.message
    ok = activity(deviation="Aktiviteten är inte längre aktuell.", status="not_relevant")
    late = activity(deviation="Arbetet är försenat men pågår.", status="ongoing")
    assert found(with_activities(ok, late), "activity.cancelled_without_status") == []


def test_an_end_before_the_start_is_an_error():
    doc = with_activities(activity(start=dt.date(2021, 6, 1), end=dt.date(2021, 3, 31)))
    [finding] = found(doc, "activity.end_before_start")
    assert "2021-03-31" in finding.message and "2021-06-01" in finding.message


def test_an_end_that_is_not_a_month_end_is_a_warning():
    [finding] = found(with_activities(activity(end=dt.date(2021, 12, 3))), "activity.end_not_month_end")
    assert "2021-12-03" in finding.message and "2021-12-31" in finding.message
    assert found(with_activities(activity(end=dt.date(2024, 2, 29))), "activity.end_not_month_end") == []
    near = {"activity.end_not_month_end": {"threshold": 3}}
    assert (
        found(with_activities(activity(end=dt.date(2021, 12, 29))), "activity.end_not_month_end", config=near)
        == []
    )


def test_a_short_activity_starting_in_an_earlier_year_is_a_warning_and_an_end_in_one_an_error():
    early = activity("Forum för lärande", start=dt.date(2020, 11, 1), end=dt.date(2021, 3, 31))
    old = activity("Digitala föreläsningar", start=dt.date(2020, 1, 1), end=dt.date(2020, 12, 31))
    doc = with_activities(early, old)
    assert [f.ref for f in found(doc, "activity.starts_before_year")] == ["Forum för lärande"]
    [ended] = found(doc, "activity.ended_before_year")
    assert ended.ref == "Digitala föreläsningar" and ended.severity is Severity.ERROR
    one_year = {"activity.starts_before_year": {"threshold": 1}}
    assert found(doc, "activity.starts_before_year", config=one_year) == []


def test_a_multi_year_activity_that_started_in_an_earlier_year_is_not_reported():
    two_years = activity("Forum för lärande", start=dt.date(2020, 1, 1), end=dt.date(2021, 12, 31))
    open_ended = activity("Utveckla samverkan", start=dt.date(2020, 1, 31), end=None)
    assert found(with_activities(two_years, open_ended), "activity.starts_before_year") == []


def test_a_date_far_from_the_year_is_a_warning():
    doc = with_activities(activity(end=dt.date(2211, 12, 31)))
    [finding] = found(doc, "activity.date_out_of_range")
    assert "2211-12-31" in finding.message
    assert found(with_activities(activity(end=dt.date(2023, 12, 31))), "activity.date_out_of_range") == []
