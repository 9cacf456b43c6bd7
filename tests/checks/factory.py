"""Small hand-made report documents for the rule tests: `report()` is consistent (no rule finds anything);
each test changes one thing and looks for the one finding it should cause."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from styrkedja.checks import Finding, load_config, run_checks
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
    Volume,
)

D = Decimal
SUFFIX = {"count": " st", "percent": " %", "months": " mån", "index": "", "scale": ""}


def printed(value: Decimal | None, unit: str) -> str:
    if value is None:
        return ""
    return str(value).replace(".", ",") + SUFFIX.get(unit, "")


def indicator(name: str = "Antal deltagare i insatsen", unit: str = "count", **kw: Any) -> IndicatorRow:
    values: dict[str, Any] = {
        "total": D(30),
        "men": D(10),
        "women": D(20),
        "previous": D(80),
        "forecast": D(96),
        "target": D(95),
    }
    values.update({k: kw.pop(k) for k in list(kw) if k in values})
    row = IndicatorRow(
        name=name,
        unit=unit,
        direction=kw.pop("direction", "higher"),
        periodicity=kw.pop("periodicity", "tertial"),
        gender_split=True,
        decimals=kw.pop("decimals", 0),
        table=kw.pop("table", "committee"),
        window_start=kw.pop("window_start", dt.date(2021, 1, 1)),
        window_end=kw.pop("window_end", dt.date(2021, 4, 30)),
        period_label="Tertial 1 2021",
        **values,
        **kw,
    )
    if "as_printed" not in kw:
        row.as_printed = {k: printed(v, unit) for k, v in values.items() if v is not None}
    return row


def activity(title: str = "Ta fram en plan för samverkan", **kw: Any) -> ActivityRow:
    return ActivityRow(
        title=title,
        start=kw.pop("start", dt.date(2021, 1, 1)),
        end=kw.pop("end", dt.date(2021, 12, 31)),
        kind=kw.pop("kind", "committee"),
        **kw,
    )


def goal(number: str = "1.1.1", **kw: Any) -> GoalSection:
    defaults: dict[str, Any] = {
        "level": "committee",
        "title": "Kvinnor och män studerar eller arbetar",
        "description": "Nämnden stöttar vägen till arbete.",
        "expected_results": [ExpectedResultRow("Fler deltar i insatserna.")],
        "indicators": [indicator()],
        "activities": [activity()],
        "assessment": "fully",
        "suggested": "fully",
        "suggested_share": D(1),
        "analysis": "Nämnden bedömer att målet uppfylls. Deltagandet ökar enligt plan.",
    }
    defaults.update(kw)
    return GoalSection(number=number, **defaults)


def area(name: str = "Jobbtorg Stockholm", costs: str = "398.0", revenues: str = "-45.0") -> AreaEconomy:
    return AreaEconomy(
        name=name,
        names_as_printed=[name],
        costs=Amounts("Kostnader", D(costs), D(costs)),
        revenues=Amounts("Intäkter", D(revenues), D(revenues)),
        last_year_net=D("0.3"),
        commentary="Området prognostiserar en budget i balans.",
    )


def economy(**kw: Any) -> Economy:
    defaults: dict[str, Any] = {
        "areas": [area(), area("Vuxenutbildning Stockholm", "767.5", "-147.1")],
        "requirement": [Amounts("Skolverket", D("-82.6"), D("-147.5"))],
        "turnover": [
            TurnoverLine(
                "Jobbtorg Stockholm", "Jobbtorg Stockholm", "S:a Jobbtorg", "EU-bidrag", D("45.0"), D("-45.0")
            ),
            TurnoverLine(
                "Vuxenutbildning Stockholm",
                "Vuxenutbildning Stockholm",
                "S:a Vuxenutbildning",
                "Statsbidrag",
                D("147.1"),
                D("-147.1"),
            ),
        ],
        "adjustments": [Adjustment(D("64.9"), "Intäktskravet ökas.", D("82.6"), D("147.5"))],
        "volumes": [Volume("Vuxenutbildning Stockholm", "sfi", D(100), D(110), D(50000), D("0.5"))],
    }
    defaults.update(kw)
    return Economy(**defaults)


def cover(**kw: Any) -> Cover:
    defaults: dict[str, Any] = {
        "title": "Tertialrapport 1 2021 för Arbetsmarknadsnämnden",
        "addressee": "Arbetsmarknadsnämnden",
        "meeting_date": dt.date(2021, 5, 18),
        "case_officers": [("Patricia Anton", "08-508 00 000")],
        "decisions": [
            Decision(1, "approve_report", "Nämnden godkänner rapporten."),
            Decision(2, "approve_turnover", "Omslutningen ökas med 192,1 mnkr.", D("192.1"), D("192.1")),
            Decision(
                3, "other", 'Nämnden fastställer "Handlingsplan mot extremism" i enlighet med bilaga 2.'
            ),
        ],
        "attachments": [(1, "AMN T1 2021"), (2, "Handlingsplan mot extremism, AMN 2021")],
    }
    defaults.update(kw)
    return Cover(**defaults)


def report(**kw: Any) -> ReportDocument:
    defaults: dict[str, Any] = {
        "kind": kinds.TERTIAL,
        "organisation_code": "amn",
        "organisation_name": "Arbetsmarknadsnämnden",
        "year": 2021,
        "title": "Tertialrapport 1 2021 för Arbetsmarknadsnämnden",
        "period": "2021-T1",
        "period_label": "Tertial 1 2021",
        "period_start": dt.date(2021, 1, 1),
        "period_end": dt.date(2021, 4, 30),
        "goals": [goal()],
        "economy": economy(),
        "cover": cover(),
        "signatures": [Signature("Karina Uddén", "Förvaltningsdirektör", dt.date(2021, 5, 10))],
    }
    defaults.update(kw)
    return ReportDocument(**defaults)


def plan(**kw: Any) -> ReportDocument:
    goals = kw.pop("goals", None) or [goal(assessment="", suggested=None, analysis="")]
    for g in goals:
        for row in g.indicators:
            row.total = row.men = row.women = row.previous = row.forecast = None
            row.as_printed = {"plan_target": printed(row.target, row.unit)}
    defaults: dict[str, Any] = {
        "kind": kinds.PLAN,
        "period": "2021",
        "period_label": "2021",
        "period_start": None,
        "period_end": None,
        "goals": goals,
        "cover": Cover(),
        "signatures": [],
    }
    defaults.update(kw)
    return report(**defaults)


def found(doc: ReportDocument, rule: str | None = None, **config: Any) -> list[Finding]:
    """The findings of one rule (or all), with per-rule settings `config={rule: {...}}`."""
    findings = run_checks(doc, load_config(config.get("config")))
    return [f for f in findings if rule is None or f.rule == rule]
