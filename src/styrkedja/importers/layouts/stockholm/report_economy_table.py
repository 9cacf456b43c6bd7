"""The budget and forecast table of a printed follow-up report (no Django).

`Verksamhetsområde | Nämnd-budget 2021 (NB) | Prognos | Avvikelse | Netto-resultat 2020`, then groups: a
label row with empty cells (an area, `Summa exkl. Nämndens intäktskrav`, `Nämndens intäktskrav`,
`SUMMA NÄMNDEN TOTALT`) and its rows (`Kostnader`, `Intäkter`, `Netto`, or the grant lines of the
intäktskrav block); an `Investeringar` row with values. The header repeats on a new page. Only inputs are
stored: every printed Netto, Summa and Avvikelse is checked against them and a difference is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from pydantic import ValidationError

from styrkedja.importers.text import Ledger, Line, parse_number
from styrkedja.planfiles.followup_schema import AreaForecast, InvestmentForecast, RequirementForecast

from .report_source import Source, clean

__all__ = ["DIFFERS", "ForecastTable", "TableRead", "is_forecast_header"]

DIFFERS = "printed total differs from computed"
_ROWS = {"kostnader": "costs", "intäkter": "revenues", "netto": "net"}


def _squash(cell: str) -> str:
    return cell.replace(" ", "").lower()


def is_forecast_header(cells: list[str]) -> bool:
    named = [_squash(c) for c in cells if c]
    return bool(named) and named[0].startswith("verksamhetsområde") and any("prognos" in c for c in named)


def _is_total(label: str) -> bool:
    return label.lower().startswith(("summa", "totalt"))


def _is_requirement(label: str) -> bool:
    return "intäktskrav" in label.lower()


@dataclass
class _Row:
    label: str
    line: Line
    values: dict[str, Decimal | None]
    printed: dict[str, str]


@dataclass
class _Group:
    label: str
    line: Line | None
    rows: list[_Row] = field(default_factory=list)


@dataclass
class TableRead:
    budget_label: str = ""
    areas: list[AreaForecast] = field(default_factory=list)
    requirement: list[RequirementForecast] = field(default_factory=list)
    investments: list[InvestmentForecast] = field(default_factory=list)
    printed_totals: dict[str, str] = field(default_factory=dict)


class ForecastTable:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.keys: list[str] = []
        self.headers: dict[str, str] = {}
        self.groups: list[_Group] = []
        self.investments: list[_Row] = []

    def header(self, line: Line) -> None:
        cells = self.source.cells(line)
        keys = []
        for cell in cells[1:]:
            low = _squash(cell)
            key = (
                "budget"
                if "budget" in low
                else "forecast"
                if "prognos" in low
                else "deviation"
                if "avvikelse" in low
                else "last_year"
                if "resultat" in low or "utfall" in low
                else ""
            )
            keys.append(key)
            if key:
                self.headers.setdefault(key, cell)
        if "budget" not in keys or "forecast" not in keys or "" in keys:
            self.source.report(line.no, line.text, "budget/forecast table header not understood")
        self.keys = keys
        self.source.mark(line, Ledger.CONSUMED)

    def feed(self, line: Line) -> None:
        cells = self.source.cells(line)
        label, cells = cells[0], cells[1:]
        if not label or (len(cells) > len(self.keys) and any(cells[len(self.keys) :])):
            self.source.unplace(line, "budget/forecast row not understood")
            return
        if not any(cells):
            self.groups.append(_Group(label, line))
            self.source.mark(line, Ledger.CONSUMED)
            return
        values = {
            key: parse_number(cell) if cell else None for key, cell in zip(self.keys, cells, strict=False)
        }
        if any(cell and values[key] is None for key, cell in zip(self.keys, cells, strict=False)):
            self.source.unplace(line, "budget/forecast row with a cell that is not an amount")
            return
        row = _Row(label, line, values, {k: c for k, c in zip(self.keys, cells, strict=False) if k and c})
        if re.match(r"investering", label, re.IGNORECASE):
            self.investments.append(row)
        elif not self.groups:
            self.source.unplace(line, "budget/forecast row before the first area")
            return
        else:
            self.groups[-1].rows.append(row)
        self.source.mark(line, Ledger.CONSUMED)

    def area_labels(self) -> list[str]:
        return [g.label for g in self.groups if not _is_total(g.label) and not _is_requirement(g.label)]

    # --- building and checking -------------------------------------------------------------
    def _check(self, group: str, row: _Row, computed: dict[str, Decimal]) -> None:
        for key, value in computed.items():
            printed = row.values.get(key)
            if printed is not None and printed != value:
                column = self.headers.get(key, key)
                self.source.report(
                    row.line.no,
                    f"{group}: {clean(row.line.text)}",
                    f"{DIFFERS} ({column}: printed {printed}, computed {value})",
                )

    def _deviation(self, group: str, row: _Row) -> None:
        budget, forecast = row.values.get("budget"), row.values.get("forecast")
        if budget is not None and forecast is not None:
            self._check(group, row, {"deviation": budget - forecast})

    def build(self) -> TableRead:
        read = TableRead(budget_label=self.headers.get("budget", ""))
        totals: list[_Group] = []
        for group in self.groups:
            low = group.label
            for row in group.rows:
                self._deviation(group.label, row)
            if _is_total(low):
                totals.append(group)
            elif _is_requirement(low):
                self._requirement(group, read)
            else:
                self._area(group, read)
        for row in self.investments:
            self._deviation(row.label, row)
            budget, forecast = row.values.get("budget"), row.values.get("forecast")
            if budget is None or forecast is None:
                self.source.unplace(row.line, "investment row without budget and forecast")
                continue
            read.investments.append(
                InvestmentForecast(
                    label=row.label, budget=budget, forecast=forecast, last_year=row.values.get("last_year")
                )
            )
        for group in totals:
            self._totals(group, read)
        return read

    def _printed(self, group: str, row: _Row, read: TableRead) -> None:
        for key, cell in row.printed.items():
            read.printed_totals[f"{group}/{row.label}/{self.headers.get(key, key)}"] = cell

    def _area(self, group: _Group, read: TableRead) -> None:
        rows = {_ROWS.get(r.label.lower(), ""): r for r in group.rows}
        for row in group.rows:
            if row.label.lower() not in _ROWS:
                self.source.unplace(row.line, f"unexpected row under the area '{group.label}'")
        costs, revenues, net = rows.get("costs"), rows.get("revenues"), rows.get("net")
        amounts = {
            f"{k}_{v}": r.values.get(v)
            for k, r in (("c", costs), ("r", revenues))
            if r
            for v in ("budget", "forecast")
        }
        if costs is None or revenues is None or any(value is None for value in amounts.values()):
            lines = [ln for ln in [group.line, *(r.line for r in group.rows)] if ln is not None]
            self.source.unplace(lines, "area without Kostnader and Intäkter for budget and forecast")
            return
        printed = {
            f"{_ROWS[r.label.lower()]}/{k}": c
            for r in group.rows
            if r.label.lower() in _ROWS
            for k, c in r.printed.items()
        }
        try:
            area = AreaForecast.model_validate(
                {
                    "area": group.label,
                    "budget_costs": amounts["c_budget"],
                    "budget_revenues": amounts["r_budget"],
                    "forecast_costs": amounts["c_forecast"],
                    "forecast_revenues": amounts["r_forecast"],
                    "last_year_net": net.values.get("last_year") if net else None,
                    "as_printed": printed,
                }
            )
        except ValidationError as error:
            self.source.unplace(group.line or costs.line, f"area rejected: {error.errors()[0]['msg']}")
            return
        if net is not None:
            self._check(
                group.label,
                net,
                {
                    "budget": area.budget_costs + area.budget_revenues,
                    "forecast": area.forecast_costs + area.forecast_revenues,
                },
            )
        read.areas.append(area)

    def _requirement(self, group: _Group, read: TableRead) -> None:
        lines: list[RequirementForecast] = []
        sums: list[_Row] = []
        for row in group.rows:
            if row.label.lower().startswith(("netto", "summa")):
                sums.append(row)
                continue
            budget, forecast = row.values.get("budget"), row.values.get("forecast")
            if budget is None or forecast is None:
                self.source.unplace(row.line, "intäktskrav line without budget and forecast")
                continue
            lines.append(
                RequirementForecast(
                    label=row.label, budget=budget, forecast=forecast, last_year=row.values.get("last_year")
                )
            )
        read.requirement.extend(lines)
        for row in sums:
            self._printed(group.label, row, read)
            computed = {
                "budget": sum((r.budget for r in lines), Decimal(0)),
                "forecast": sum((r.forecast for r in lines), Decimal(0)),
            }
            if all(r.last_year is not None for r in lines):
                computed["last_year"] = sum((r.last_year or Decimal(0) for r in lines), Decimal(0))
            self._check(group.label, row, computed)

    def _totals(self, group: _Group, read: TableRead) -> None:
        """`Summa exkl. …` adds the areas; the committee total adds the intäktskrav block as well."""
        with_requirement = "exkl" not in group.label.lower()
        areas, requirement = read.areas, read.requirement if with_requirement else []
        for row in group.rows:
            self._printed(group.label, row, read)
            kind = _ROWS.get(row.label.lower())
            if kind is None:
                self.source.unplace(row.line, f"unexpected row under '{group.label}'")
                continue
            computed: dict[str, Decimal] = {}
            for key in ("budget", "forecast"):
                costs = sum(
                    (a.budget_costs if key == "budget" else a.forecast_costs for a in areas), Decimal(0)
                )
                revenues = sum(
                    (a.budget_revenues if key == "budget" else a.forecast_revenues for a in areas), Decimal(0)
                ) + sum((r.budget if key == "budget" else r.forecast for r in requirement), Decimal(0))
                computed[key] = {"costs": costs, "revenues": revenues, "net": costs + revenues}[kind]
            last = [a.last_year_net for a in areas] + [r.last_year for r in requirement]
            if kind == "net" and all(value is not None for value in last):
                computed["last_year"] = sum((value or Decimal(0) for value in last), Decimal(0))
            self._check(group.label, row, computed)
