"""Open data out (docs/open-data.md): an organisation's adopted budgets and their follow-up as a Fiscal
Data Package (`datapackage.json` + `budget.csv`), and its indicator outcomes as CSV with stable codes.

Only what is decided is published: the budget versions of adopted plans (a draft plan is work in progress
and is not published) and the follow-up of approved (locked) rounds. The phases of the Fiscal Data
Package:

| styrkedja | phase |
|---|---|
| the budget as proposed (a version Förslag till budget of the adopted plan) | proposed |
| the plan's budget (Nämndbudget) | approved |
| the previous year's budget (VP föregående år) | approved, for that year |
| an adjusted budget (Justerad budget, this or last year) | adjusted |
| accounting outcome (Utfall, e.g. from a table import) | executed |
| the verksamhetsberättelse's (the year round's) outcome per area | executed |
| a forecast version, or a tertial round's forecast | not a phase: left out |

Amounts are mnkr as printed (factor 1 000 000 SEK), costs as expenditure and revenues as revenue (both
positive in the file, as the Fiscal Data Package counts them). An indicator's stable code is its Kolada
KPI when it has one, otherwise the organisation's code and the series' number (`amn-S12`): the series
joins the years, so next year's definition keeps the code.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from styrkedja.budget.models import AreaBudget
from styrkedja.followup.models import AreaForecast, Outcome, Round
from styrkedja.lib.periods import PeriodKind, parse_period
from styrkedja.lib.vocabulary import PLAN_DECIDED, RoundStatus, VersionKind
from styrkedja.organisations.models import Organisation

PHASES: dict[str, str] = {
    VersionKind.PROPOSED: "proposed",
    VersionKind.ADOPTED: "approved",
    VersionKind.PREVIOUS: "approved",
    VersionKind.ADJUSTED: "adjusted",
    VersionKind.ADJUSTED_PREVIOUS: "adjusted",
    VersionKind.OUTCOME: "executed",
}
BUDGET_FIELDS = [
    ("organisation_code", "string", "administrative-classification:generic:code", "Organisationens kod"),
    ("organisation", "string", "administrative-classification:generic:label", "Organisation"),
    ("fiscal_year", "integer", "date:fiscal-year", "Budgetår"),
    ("area", "string", "functional-classification:generic:label", "Verksamhetsområde"),
    ("direction", "string", "direction", "expenditure (kostnader) eller revenue (intäkter)"),
    ("phase", "string", "phase", "proposed, approved, adjusted eller executed"),
    ("source", "string", "source", "Budgetversion eller uppföljning"),
    ("amount", "number", "value", "Belopp, mnkr"),
]
INDICATOR_FIELDS = [
    "organisation_code", "plan_year", "period", "indicator_code", "indicator", "unit", "goal",
    "target", "total", "women", "men", "forecast", "source",
]  # fmt: skip


def _plans(organisation: Organisation):
    return organisation.plans.filter(status__in=PLAN_DECIDED).order_by("year")


def budget_rows(organisation: Organisation) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    plans = list(_plans(organisation))
    for b in (
        AreaBudget.objects.filter(area__plan__in=plans)
        .select_related("area", "version")
        .order_by("version__year", "area__position", "version__position")
    ):
        phase = PHASES.get(b.version.kind)
        if phase is None:
            continue
        rows += _pair(organisation, b.version.year, b.area.name, phase, b.version.label, b.costs, b.revenues)
    years = [
        r
        for r in Round.objects.filter(organisation=organisation, plan__in=plans, status=RoundStatus.LOCKED)
        if parse_period(r.period).kind is PeriodKind.YEAR
    ]
    for f in (
        AreaForecast.objects.filter(round__in=years)
        .select_related("area", "round__plan")
        .order_by("area__position")
    ):
        rows += _pair(
            organisation, f.round.plan.year, f.area.name, "executed", f"Verksamhetsberättelse {f.round.period}",
            f.costs, f.revenues,
        )  # fmt: skip
    # The same year, area, phase and direction once: a budget version of outcome beats nothing else.
    unique: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in rows:
        unique.setdefault(
            (row["fiscal_year"], row["area"], row["phase"], row["direction"], row["source"]), row
        )
    return list(unique.values())


def _pair(org, year, area, phase, source, costs: Decimal, revenues: Decimal) -> list[dict[str, Any]]:
    base = {
        "organisation_code": org.code,
        "organisation": org.name,
        "fiscal_year": year,
        "area": area,
        "phase": phase,
        "source": source,
    }
    return [
        {**base, "direction": "expenditure", "amount": costs},
        {**base, "direction": "revenue", "amount": -revenues},
    ]


def indicator_code(organisation: Organisation, series_id: int, kolada_kpi: str) -> str:
    return kolada_kpi or f"{organisation.code}-S{series_id}"


def indicator_rows(organisation: Organisation) -> list[dict[str, Any]]:
    rows = []
    outcomes = (
        Outcome.objects.filter(round__organisation=organisation, round__status=RoundStatus.LOCKED)
        .select_related("round__plan", "target__indicator", "target__goal")
        .order_by("round__plan__year", "round__period", "target__goal__position", "target__position")
    )
    for o in outcomes:
        ind = o.target.indicator
        rows.append(
            {
                "organisation_code": organisation.code,
                "plan_year": o.round.plan.year,
                "period": o.round.period,
                "indicator_code": indicator_code(organisation, ind.series_id, ind.kolada_kpi),
                "indicator": ind.name,
                "unit": ind.unit,
                "goal": o.target.goal.number,
                "target": o.target.value,
                "total": o.total,
                "women": o.women,
                "men": o.men,
                "forecast": o.forecast,
                "source": o.source,
            }
        )
    return rows


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return (
            format(value.normalize(), "f")
            if value == value.to_integral_value()
            else format(value, "f").rstrip("0")
        )
    return str(value)


def to_csv(rows: Iterable[dict[str, Any]], fields: list[str]) -> bytes:
    """RFC 4180 CSV in UTF-8, a point as the decimal mark (machine-readable; the pages print Swedish)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(fields)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in fields])
    return out.getvalue().encode("utf-8")


def budget_csv(organisation: Organisation) -> bytes:
    return to_csv(budget_rows(organisation), [name for name, *_ in BUDGET_FIELDS])


def indicators_csv(organisation: Organisation) -> bytes:
    return to_csv(indicator_rows(organisation), INDICATOR_FIELDS)


def datapackage(organisation: Organisation) -> dict[str, Any]:
    """The Fiscal Data Package's descriptor of `budget.csv` (and `indicators.csv` beside it)."""
    return {
        "profile": "fiscal-data-package",
        "name": f"styrkedja-{organisation.code}",
        "title": f"Budget och uppföljning – {organisation.name}",
        "description": "Förslag till budget, nämndbudget, justerad budget och utfall per verksamhetsområde, mnkr.",
        "countryCode": "SE",
        "licenses": [{"name": "CC0-1.0", "title": "Creative Commons Zero"}],
        "resources": [
            {
                "name": "budget",
                "path": "budget.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": {
                    "fields": [
                        {"name": name, "type": kind, "columnType": column, "title": title}
                        | (
                            {"decimalChar": ".", "currency": "SEK", "factor": 1_000_000}
                            if name == "amount"
                            else {}
                        )
                        for name, kind, column, title in BUDGET_FIELDS
                    ]
                },
            },
            {
                "name": "indicators",
                "path": "indicators.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": {"fields": [{"name": name, "type": "string"} for name in INDICATOR_FIELDS]},
            },
        ],
        "model": {
            "measures": {"amount": {"source": "amount", "currency": "SEK", "factor": 1_000_000}},
            "dimensions": {
                "organisation": {
                    "dimensionType": "classification",
                    "classificationType": "administrative",
                    "attributes": {
                        "code": {"source": "organisation_code"},
                        "label": {"source": "organisation", "labelfor": "code"},
                    },
                    "primaryKey": ["code"],
                },
                "date": {
                    "dimensionType": "datetime",
                    "attributes": {"fiscal_year": {"source": "fiscal_year"}},
                    "primaryKey": ["fiscal_year"],
                },
                "area": {
                    "dimensionType": "classification",
                    "classificationType": "functional",
                    "attributes": {"label": {"source": "area"}},
                    "primaryKey": ["label"],
                },
                "direction": {
                    "dimensionType": "fact",
                    "attributes": {"direction": {"source": "direction"}},
                    "primaryKey": ["direction"],
                },
                "phase": {
                    "dimensionType": "fact",
                    "attributes": {"phase": {"source": "phase"}},
                    "primaryKey": ["phase"],
                },
            },
        },
    }


def datapackage_json(organisation: Organisation) -> bytes:
    return (json.dumps(datapackage(organisation), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def is_published(organisation: Organisation) -> bool:
    setting = getattr(organisation, "open_data", None)
    return bool(setting and setting.enabled)
