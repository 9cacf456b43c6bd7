"""Property tests: a report built consistently (counts that add up, shares between men and women, one unit
per row, omslutning that reconciles, decision amounts from the tables, dates that make sense) raises no
error, whatever its numbers; and a single broken count always does."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from styrkedja.checks import Severity, run_checks
from styrkedja.reports import kinds
from styrkedja.reports.document import (
    ActivityRow,
    Adjustment,
    Amounts,
    AreaEconomy,
    Cover,
    Decision,
    Economy,
    ExpectedResultRow,
    GoalSection,
    IndicatorRow,
    ReportDocument,
    Signature,
    TurnoverLine,
)
from tests.checks.factory import printed

YEAR = 2021
PERIOD_END = dt.date(YEAR, 4, 30)
AREA_NAMES = ["Alfa", "Beta vuxenutbildning", "Gamma service", "Delta", "Epsilon administration"]
tenths = st.integers(min_value=0, max_value=9999).map(lambda n: Decimal(n) / 10)


@st.composite
def indicator_rows(draw, number: int) -> IndicatorRow:
    unit = draw(st.sampled_from(["count", "percent", "months"]))
    if unit == "count":
        men, women = draw(st.integers(0, 500)), draw(st.integers(0, 500))
        total = Decimal(men + women)
        men, women = Decimal(men), Decimal(women)
    else:
        top = 1000 if unit == "percent" else 240
        men = Decimal(draw(st.integers(0, top))) / 10
        women = Decimal(draw(st.integers(0, top))) / 10
        low, high = sorted((men, women))
        share = Decimal(draw(st.integers(0, 100))) / 100
        total = (low + (high - low) * share).quantize(Decimal("0.1"))
    target = Decimal(draw(st.integers(1, 100)))
    forecast = target + Decimal(draw(st.integers(1, 10)))  # above: met, and never copied
    cells = {"total": total, "men": men, "women": women, "forecast": forecast, "target": target}
    return IndicatorRow(
        name=f"Indikator {number} om {draw(st.sampled_from(['deltagare', 'elever', 'platser', 'besök']))}",
        unit=unit,
        direction="higher",
        periodicity="tertial",
        gender_split=True,
        decimals=0 if unit == "count" else 1,
        table="committee",
        target=target,
        total=total,
        men=men,
        women=women,
        forecast=forecast,
        window_start=dt.date(YEAR, 1, 1),
        window_end=PERIOD_END,
        period_label="Tertial 1 2021",
        as_printed={k: printed(v, unit) for k, v in cells.items()},
    )


@st.composite
def activity_rows(draw, number: int) -> ActivityRow:
    start_month = draw(st.integers(1, 12))
    end_month = draw(st.integers(start_month, 12))
    end = (dt.date(YEAR + (end_month == 12), end_month % 12 + 1, 1)) - dt.timedelta(days=1)
    status = "done" if end <= PERIOD_END else draw(st.sampled_from(["", "ongoing", "not_started"]))
    return ActivityRow(f"Aktivitet {number}", dt.date(YEAR, start_month, 1), end, "committee", status)


@st.composite
def goals(draw) -> list[GoalSection]:
    out = []
    for g in range(draw(st.integers(1, 4))):
        rows = [draw(indicator_rows(10 * g + i)) for i in range(draw(st.integers(0, 4)))]
        activities = [draw(activity_rows(10 * g + i)) for i in range(draw(st.integers(0, 3)))]
        out.append(
            GoalSection(
                level="committee",
                number=f"1.1.{g + 1}",
                title=f"Mål {g + 1}",
                description="En beskrivning.",
                expected_results=[ExpectedResultRow("Ett förväntat resultat.")],
                indicators=rows,
                activities=activities,
                assessment="fully",
                suggested="fully",
                analysis="Arbetet går enligt plan.",
            )
        )
    return out


@st.composite
def economies(draw) -> Economy:
    names = draw(st.lists(st.sampled_from(AREA_NAMES), min_size=1, max_size=5, unique=True))
    areas, turnover = [], []
    for name in names:
        parts = draw(st.lists(tenths, min_size=1, max_size=3))
        revenue = -sum(parts, Decimal(0))
        costs = revenue * -1 + draw(tenths)
        forecast = costs + draw(st.integers(-50, 50)) / Decimal(10)
        areas.append(
            AreaEconomy(
                name, [name], Amounts("Kostnader", costs, forecast), Amounts("Intäkter", revenue, revenue)
            )
        )
        for i, part in enumerate(parts):
            turnover.append(
                TurnoverLine(name, name, f"S:a ökade kostnader och intäkter {name}", f"Rad {i}", part, -part)
            )
    before, change = draw(tenths), draw(tenths)
    return Economy(
        areas=areas,
        turnover=turnover,
        adjustments=[Adjustment(change, "Intäktskravet ändras.", before, before + change)],
    )


@st.composite
def reports(draw) -> ReportDocument:
    economy = draw(economies())
    meeting = dt.date(YEAR, 5, draw(st.integers(10, 31)))
    signed = [meeting - dt.timedelta(days=draw(st.integers(0, 9))) for _ in range(draw(st.integers(0, 4)))]
    total = sum((t.costs for t in economy.turnover), Decimal(0))
    return ReportDocument(
        kind=kinds.TERTIAL,
        organisation_code="tn",
        organisation_name="Testnämnden",
        year=YEAR,
        title="Tertialrapport 1 2021",
        period="2021-T1",
        period_label="Tertial 1 2021",
        period_start=dt.date(YEAR, 1, 1),
        period_end=PERIOD_END,
        goals=draw(goals()),
        economy=economy,
        cover=Cover(
            meeting_date=meeting,
            decisions=[
                Decision(1, "approve_turnover", "Omslutningen godkänns.", total, total),
                Decision(2, "other", 'Nämnden fastställer "Plan för samverkan" i enlighet med bilaga 2.'),
            ],
            attachments=[(1, "TN T1 2021"), (2, "Plan för samverkan, TN 2021")],
        ),
        signatures=[Signature(f"Person {chr(65 + i)}{'x' * i}", "chef", d) for i, d in enumerate(signed)],
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_a_consistent_report_raises_no_error(doc):
    errors = [f for f in run_checks(doc) if f.severity is Severity.ERROR]
    assert errors == [], "\n".join(f"{f.rule}: {f.message}" for f in errors)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.integers(1, 50))
def test_a_count_that_does_not_add_up_is_always_found(doc, off):
    rows = [r for g in doc.goals for r in g.indicators if r.unit == "count"]
    if not rows:
        return
    rows[0].total = (rows[0].total or Decimal(0)) + off
    assert any(f.rule == "indicator.gender_sum" and f.ref == rows[0].name for f in run_checks(doc))
