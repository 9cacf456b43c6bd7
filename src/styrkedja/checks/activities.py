"""Rules on activities: past their end without a word, cancelled without saying so, improbable dates."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator

from styrkedja.checks.context import Context
from styrkedja.checks.findings import Severity, values
from styrkedja.checks.names import led_by_other
from styrkedja.checks.registry import Hit, rule
from styrkedja.lib.vocabulary import ActivityStatus
from styrkedja.reports.document import ActivityRow, GoalSection
from styrkedja.reports.kinds import Part

STATUS_SV = {"": "ingen status", **{value: label.lower() for value, label in ActivityStatus.labels.items()}}
_CANCELLED = re.compile(
    r"inte längre aktuell|ej längre aktuell|inte aktuell längre|avbrut\w*|avbryts|utgår|ställts in|"
    r"ställs in|inställd|har upphört|läggs ned|lagts ned|avförs",
    re.IGNORECASE,
)


def _title(activity: ActivityRow) -> str:
    return activity.title if len(activity.title) <= 90 else activity.title[:88].rstrip() + "…"


def _hit(goal: GoalSection, activity: ActivityRow, message: str, **extra: object) -> Hit:
    return Hit(
        "activity",
        activity.title,
        f"Aktiviteten ”{_title(activity)}” (mål {goal.number}) {message}",
        values(goal=goal.number, start=activity.start, end=activity.end, **extra),
    )


@rule(
    "activity.overdue_without_status",
    Severity.WARNING,
    "Slutdatum passerat utan status eller avvikelse",
    threshold=0,
    threshold_doc="antal dagar efter slutdatumet innan aktiviteten räknas som försenad",
)
def overdue_without_status(ctx: Context, grace: int) -> Iterator[Hit]:
    end_of_period = ctx.doc.period_end
    if not ctx.kind.has(Part.OUTCOME_TABLES) or end_of_period is None:
        return
    for goal, a in ctx.activities:
        late = a.end is not None and a.end + dt.timedelta(days=grace) <= end_of_period
        if not late or a.status in ("done", "not_relevant") or led_by_other(ctx, a.title):
            continue  # another organisation's activity reports its status there
        if a.deviation.strip():
            continue
        yield _hit(
            goal,
            a,
            f"skulle vara klar {a.end}, före periodens slut {end_of_period}, men har "
            f"{STATUS_SV.get(a.status, a.status)} och ingen avvikelse.",
            status=a.status,
        )


@rule(
    "activity.cancelled_without_deviation",
    Severity.ERROR,
    "Inte längre aktuell, utan avvikelse",
)
def cancelled_without_deviation(ctx: Context, _: None) -> Iterator[Hit]:
    for goal, a in ctx.activities:
        if a.status == "not_relevant" and not a.deviation.strip():
            yield _hit(goal, a, "är markerad ”inte längre aktuell” men avvikelsen som förklarar det saknas.")


@rule(
    "activity.cancelled_without_status",
    Severity.WARNING,
    "Avvikelsen säger att aktiviteten utgår, men statusen gör det inte",
)
def cancelled_without_status(ctx: Context, _: None) -> Iterator[Hit]:
    for goal, a in ctx.activities:
        match = _CANCELLED.search(a.deviation)
        if match and a.status != "not_relevant":
            yield _hit(
                goal,
                a,
                f"har avvikelsen ”{match.group(0)}” men statusen är {STATUS_SV.get(a.status, a.status)}, "
                "inte ”inte längre aktuell”.",
                status=a.status,
            )


@rule(
    "activity.end_before_start",
    Severity.ERROR,
    "Slutdatum före startdatum",
)
def end_before_start(ctx: Context, _: None) -> Iterator[Hit]:
    for goal, a in ctx.activities:
        if a.start and a.end and a.end < a.start:
            yield _hit(goal, a, f"slutar {a.end}, före sitt startdatum {a.start}.")


@rule(
    "activity.end_not_month_end",
    Severity.WARNING,
    "Slutdatum som inte är ett månadsslut",
    threshold=0,
    threshold_doc="antal dagar före månadsslutet som ett slutdatum ändå godtas",
)
def end_not_month_end(ctx: Context, days: int) -> Iterator[Hit]:
    for goal, a in ctx.activities:
        if a.end is None:
            continue
        last = a.end.replace(day=calendar.monthrange(a.end.year, a.end.month)[1])
        if (last - a.end).days > days:
            yield _hit(goal, a, f"slutar {a.end}, inte vid ett månadsslut (menades {last}?).")


@rule(
    "activity.starts_before_year",
    Severity.WARNING,
    "Startdatum före verksamhetsåret",
    threshold=0,
    threshold_doc="antal år före verksamhetsåret som ett startdatum får ligga",
)
def starts_before_year(ctx: Context, years: int) -> Iterator[Hit]:
    """A multi-year activity (one that runs a year or more, or has no end) starts in an earlier year by
    nature; only a short one that starts before the year is reported."""
    first_day = dt.date(ctx.doc.year - years, 1, 1)
    for goal, a in ctx.activities:
        if not a.start or a.start >= first_day or (a.end is not None and a.end < dt.date(ctx.doc.year, 1, 1)):
            continue
        if a.end is None or (a.end - a.start).days >= 365:
            continue
        yield _hit(
            goal,
            a,
            f"startar {a.start}, före verksamhetsåret {ctx.doc.year}, och är ingen flerårig aktivitet.",
        )


@rule(
    "activity.ended_before_year",
    Severity.ERROR,
    "Aktivitet från ett tidigare år",
)
def ended_before_year(ctx: Context, _: None) -> Iterator[Hit]:
    first_day = dt.date(ctx.doc.year, 1, 1)
    for goal, a in ctx.activities:
        if a.end and a.end < first_day:
            yield _hit(
                goal,
                a,
                f"slutade {a.end}, före verksamhetsåret {ctx.doc.year}: en aktivitet från ett tidigare år.",
            )


@rule(
    "activity.date_out_of_range",
    Severity.WARNING,
    "Osannolikt årtal",
    threshold=4,
    threshold_doc="antal år före eller efter verksamhetsåret som ett datum rimligen kan ligga",
)
def date_out_of_range(ctx: Context, years: int) -> Iterator[Hit]:
    for goal, a in ctx.activities:
        odd = [d for d in (a.start, a.end) if d and abs(d.year - ctx.doc.year) > years]
        if odd:
            yield _hit(goal, a, f"har datumet {odd[0]}, långt från verksamhetsåret {ctx.doc.year}.")
