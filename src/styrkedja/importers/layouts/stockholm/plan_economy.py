"""The economy section of a printed verksamhetsplan as a budget (no Django).

The tables are read by economy_tables: the net budget per area, one cost/revenue table per area, the
intäktskrav table and the omslutning table. From the prose come the performance volumes ("9 796
helårsplatser inom reguljär sfi."), the investment budget, KF's efficiency requirement and budget
adjustments. Only inputs are stored; every printed net, subtotal and total is checked against the stored
rows, and a difference is reported as unplaced ("printed total differs from computed").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from pydantic import ValidationError

from styrkedja.importers.text import NUMBER, Ledger, Line, paragraphs, parse_number, text_width
from styrkedja.planfiles.schema import (
    AreaAmounts,
    Budget,
    BudgetArea,
    Investment,
    PerformanceVolume,
    RevenueRequirementLine,
    TurnoverGroup,
    TurnoverRow,
)

from .economy_tables import EconomyReader, Row

_PLACES = re.compile(
    r"^(?:[•\-–]\s*)?(?P<n>\d{1,3}(?: \d{3})+|\d+)\s+helårsplatser\s+(?:inom\s+|för\s+)?(?P<label>.+?)\.?$"
)
_EFFICIENCY = re.compile(rf"effektiviseringskrav\w*\b[^.]*?(?P<n>{NUMBER})\s*mnkr", re.IGNORECASE)
_INVESTMENT = re.compile(rf"investeringsbudget\w*\b[^.]*?(?P<n>{NUMBER})\s*mnkr", re.IGNORECASE)
_ECONOMY_HEADINGS = re.compile(
    r"^(?:Investeringar|Resultatenheter|Budgetjusteringar|Omslutningsförändringar|Verksamhetsprojekt\b.*)$"
)
_STOP = {"intäkter", "kostnader", "ökade", "summa", "ersättning", "från", "och", "för"}
DIFFERS = "printed total differs from computed"


def _tokens(text: str) -> set[str]:
    return {word for word in re.findall(r"\w+", text.lower()) if len(word) >= 4} - _STOP


def _same(a: Sequence[Decimal], b: Sequence[Decimal]) -> bool:
    return len(a) == len(b) and all(x == y for x, y in zip(a, b, strict=True))


class _BudgetBuilder:
    """Builds the budget from what the reader found: stores inputs, checks every printed total."""

    def __init__(self, reader: EconomyReader, ledger: Ledger) -> None:
        self.ledger = ledger
        self.lines = reader.lines
        self.versions = reader.versions
        self.net_rows = reader.net_rows
        self.net_columns = reader.net_columns
        self.area_tables = reader.area_tables
        self.requirement = reader.requirement
        self.groups = reader.groups
        self.turnover_total = reader.turnover_total
        self.prose = reader.prose
        self.sections = reader.sections
        self.kinds = reader.kinds
        self.mid_word = reader.mid_word

    def _check(self, row: Row, codes: Sequence[str], computed: Sequence[Decimal], table: str = "") -> None:
        """Report each amount of a printed net/subtotal/total row that differs from the computed one."""
        printed_row = " ".join(line.text for line in row.lines)
        for code, printed, value in zip(codes, row.values, computed, strict=False):
            if printed != value:
                self.ledger.report(
                    row.lines[-1].no,
                    f"{table}: {printed_row}" if table else printed_row,
                    f"{DIFFERS} ({code}: printed {printed}, computed {value})",
                )

    def _areas(self) -> list[BudgetArea]:
        areas: list[BudgetArea] = []
        for table in self.area_tables:
            costs, revenues = table.rows.get("kostnader"), table.rows.get("intäkter")
            if costs is None or revenues is None:
                self.ledger.report(
                    table.heading.no, table.heading.text, "area table without Kostnader and Intäkter"
                )
                continue
            try:
                amounts = {
                    code: AreaAmounts(costs=costs.values[k], revenues=revenues.values[k])
                    for k, code in enumerate(table.columns)
                }
                area = BudgetArea(
                    name=table.heading.text, names_as_printed=[table.heading.text], amounts=amounts
                )
            except ValidationError as error:
                self.ledger.report(
                    table.heading.no, table.heading.text, f"area table rejected: {error.errors()[0]['msg']}"
                )
                continue
            if any(a.name == area.name for a in areas):
                self.ledger.report(table.heading.no, table.heading.text, "a second table for the same area")
                continue
            if "netto" in table.rows:
                nets = [a.costs + a.revenues for a in amounts.values()]
                self._check(table.rows["netto"], table.columns, nets, table.heading.text)
            areas.append(area)
        return areas

    def _requirement(self) -> list[RevenueRequirementLine]:
        result: list[RevenueRequirementLine] = []
        if self.requirement is not None:
            codes = self.requirement.columns
            for label, row in self.requirement.rows.items():
                if label.lower().startswith(("netto", "summa")):
                    continue
                result.append(
                    RevenueRequirementLine(label=label, amounts=dict(zip(codes, row.values, strict=False)))
                )
            for label, row in self.requirement.rows.items():
                if label.lower().startswith(("netto", "summa")):
                    self._check(row, codes, [sum((r.amounts[c] for r in result), Decimal(0)) for c in codes])
        return result

    def _net(
        self, areas: list[BudgetArea], requirement: list[RevenueRequirementLine]
    ) -> list[RevenueRequirementLine]:
        codes = self.net_columns

        def net(area: BudgetArea) -> list[Decimal]:
            return [area.amounts[c].costs + area.amounts[c].revenues for c in codes if c in area.amounts]

        unmatched = list(areas)
        pending: list[Row] = []
        for row in self.net_rows:
            low = row.label.lower()
            if low.startswith("summa"):
                continue
            if "intäktskrav" in low:
                if requirement:
                    self._check(
                        row,
                        codes,
                        [sum((r.amounts.get(c, Decimal(0)) for r in requirement), Decimal(0)) for c in codes],
                    )
                else:
                    requirement = [
                        RevenueRequirementLine(
                            label=row.label, amounts=dict(zip(codes, row.values, strict=False))
                        )
                    ]
                continue
            named = [a for a in unmatched if _tokens(a.name) == _tokens(row.label)]
            if named:
                unmatched.remove(named[0])
                self._check(row, codes, net(named[0]))
            else:
                pending.append(row)
        for row in pending:  # another spelling: find the area by its amounts
            same = [a for a in unmatched if _same(net(a), row.values)]
            if len(same) != 1:
                self.ledger.report(row.lines[0].no, row.label, "net table row matches no area table")
                continue
            unmatched.remove(same[0])
            index = areas.index(same[0])
            names = [*same[0].names_as_printed, row.label]
            areas[index] = same[0].model_copy(update={"names_as_printed": names})
        for row in self.net_rows:
            if row.label.lower().startswith("summa"):
                totals = [
                    sum(
                        (a.amounts[c].costs + a.amounts[c].revenues for a in areas if c in a.amounts),
                        Decimal(0),
                    )
                    + sum((r.amounts.get(c, Decimal(0)) for r in requirement), Decimal(0))
                    for c in codes
                ]
                self._check(row, codes, totals)
        return requirement

    def _turnover_groups(self, areas: list[BudgetArea]) -> list[TurnoverGroup]:
        adopted = next((v.code for v in self.versions.values() if v.kind == "adopted"), None)
        result: list[TurnoverGroup] = []
        for group in self.groups:
            rows = [TurnoverRow(label=r.label, costs=r.values[0], revenues=r.values[1]) for r in group.rows]
            sums = [sum((r.costs for r in rows), Decimal(0)), sum((r.revenues for r in rows), Decimal(0))]
            if group.subtotal is not None:
                self._check(group.subtotal, ["costs", "revenues"], sums)
            names = group.heading or (group.rows[0].label if group.rows else "")
            subtotal = group.subtotal.label if group.subtotal else ""

            def score(
                area: BudgetArea, names: str = names, subtotal: str = subtotal, sums: list[Decimal] = sums
            ) -> float:
                words = _tokens(names) | _tokens(subtotal)
                best = max(
                    len(words & _tokens(n)) / max(1, len(_tokens(n)))
                    for n in [area.name, *area.names_as_printed]
                )
                revenue = area.amounts[adopted].revenues if adopted in area.amounts else None
                return best + (1.0 if best and revenue is not None and revenue == sums[1] else 0.0)

            best_area = max(areas, key=score, default=None)
            if best_area is None or score(best_area) == 0:
                first = group.rows[0] if group.rows else group.subtotal
                self.ledger.report(
                    first.lines[0].no if first else 0, names, "omslutning group matches no budget area"
                )
                continue
            result.append(
                TurnoverGroup(area=best_area.name, heading=group.heading, subtotal_label=subtotal, rows=rows)
            )
        if self.turnover_total is not None:
            every = [row for group in self.groups for row in group.rows]
            self._check(
                self.turnover_total,
                ["costs", "revenues"],
                [
                    sum((r.values[0] for r in every), Decimal(0)),
                    sum((r.values[1] for r in every), Decimal(0)),
                ],
            )
        return result

    def _from_prose(self, areas: list[BudgetArea], budget: dict[str, object]) -> None:
        names = {a.name for a in areas}
        investments: list[Investment] = []
        volumes: list[PerformanceVolume] = []
        section = ""
        for block in self.prose:
            for line in block.lines:
                if _ECONOMY_HEADINGS.match(line.text):
                    section = line.text.lower()
                places = _PLACES.match(line.text)
                if places:
                    # The prose after an area's table belongs to that area.
                    area = next((a for start, a in reversed(self.sections) if start < line.no), None)
                    if area not in names:
                        self.ledger.unplace(line, "helårsplatser outside an area's section")
                        continue
                    count = parse_number(places["n"]) or Decimal(0)
                    volumes.append(PerformanceVolume(area=area, label=places["label"], budget_places=count))
                    self.ledger.mark(line, Ledger.CONSUMED)
                elif (
                    section == "budgetjusteringar"
                    and re.search(r"\d,\d\s*mnkr", line.text)
                    and "inga" not in line.text
                ):
                    self.ledger.unplace(line, "budget adjustment in prose not read")
            for match in _EFFICIENCY.finditer(block.text):
                if budget.get("efficiency_requirement") is None:
                    budget["efficiency_requirement"] = parse_number(match["n"])
                    self.ledger.mark(block.line_at(match.start("n")), Ledger.CONSUMED)
            for match in _INVESTMENT.finditer(block.text):
                amount = parse_number(match["n"])
                if amount is not None and not investments:
                    investments.append(Investment(label="Investeringsbudget", amount=amount))
                    self.ledger.mark(block.line_at(match.start("n")), Ledger.CONSUMED)
        budget["investments"] = investments
        budget["performance_volumes"] = volumes

    def _texts(self, areas: list[BudgetArea], budget: dict[str, object]) -> list[BudgetArea]:
        """The prose between the tables, kept with what it comments: before the first area's table the
        whole budget, after an area's table that area, after the intäktskrav table the requirement; the
        sections with headings of their own (investments, omslutning, adjustments) end a text."""
        by_heading = {printed: a.name for a in areas for printed in [*a.names_as_printed, a.name]}
        texts: dict[str, list[Line]] = {}
        owner: str | None = "summary"
        current: int | None = None
        starts = sorted(self.kinds)
        for block in self.prose:
            for line in block.lines:
                table = next((no for no in reversed(starts) if no < line.no), None)
                if table != current and table is not None:
                    current = table
                    kind = self.kinds[table]
                    area = next((a for no, a in self.sections if no == table), None)
                    if kind in ("net", "requirement"):
                        owner = "summary" if kind == "net" else "requirement"
                    elif kind == "area" and area is not None:
                        owner = by_heading.get(area)
                    else:
                        owner = None
                if _ECONOMY_HEADINGS.match(line.text):
                    owner = None
                if owner is not None and self.ledger.status.get(line.no) != Ledger.CONSUMED:
                    texts.setdefault(owner, []).append(line)
                    if self.ledger.status.get(line.no) == Ledger.PROSE:
                        self.ledger.mark(line, Ledger.TEXT)
        width = text_width(line for block in self.prose for line in block.lines)

        def text(key: str) -> str:
            return paragraphs(texts.get(key, []), width=width, mid_word=self.mid_word)

        budget["summary"] = text("summary")
        budget["requirement_commentary"] = text("requirement")
        return [a.model_copy(update={"commentary": text(a.name)}) for a in areas]

    def budget(self) -> Budget:
        areas = self._areas()
        requirement = self._net(areas, self._requirement())
        fields: dict[str, object] = {
            "versions": list(self.versions.values()),
            "areas": areas,
            "revenue_requirement": requirement,
            "turnover": self._turnover_groups(areas),
            "turnover_total_label": self.turnover_total.label if self.turnover_total else "",
            "adjustments": [],
            "efficiency_requirement": None,
        }
        fields["areas"] = self._texts(areas, fields)
        self._from_prose(areas, fields)
        try:
            return Budget.model_validate(fields)
        except ValidationError as error:
            first = self.lines[0].no if self.lines else 0
            self.ledger.report(first, "economy", f"budget rejected: {error.errors()[0]['msg']}")
            return Budget()


def parse_economy(
    lines: list[Line], *, year: int, ledger: Ledger, mid_word: bool = True
) -> tuple[Budget, list[str]]:
    """The budget of the economy section and the names of the tables recognised in it."""
    reader = EconomyReader(lines, year=year, ledger=ledger, mid_word=mid_word)
    reader.parse()
    return _BudgetBuilder(reader, ledger).budget(), reader.tables
