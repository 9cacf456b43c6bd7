"""The tables of the economy section of a printed verksamhetsplan, read as printed (no Django).

The net budget per area (`Verksamhetsområde netto` / `(mnkr) VP 2022 VP 2021 Justerad VP 2021`), one table
per area (a heading, then `Mnkr VP2022 VP2021 Justerad VP 2021` with Kostnader / Intäkter / Netto), the
intäktskrav table (heading `Nämndens intäktskrav`) and the omslutning table (`Ökade kostnader/intäkter
för: Kostnader Intäkter`, groups with a heading and an `S:a …` subtotal, a `Summa … totalt` row; the
header repeats on a new page). Labels may wrap above their amounts. Lines between tables are prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from styrkedja.importers.text import MONEY, Block, Ledger, Line, join_wrapped, parse_number
from styrkedja.planfiles.schema import BudgetVersion

_VERSION = re.compile(r"(?P<adjusted>Justerad\s+)?(?P<prefix>VP|NB)\s?(?P<year>\d{4})")
_HEADER_WORDS = {"mnkr", "(mnkr)", "verksamhetsområde", "netto"}
TURNOVER_HEADER = re.compile(r"Kostnader\s+Intäkter$")
MAX_LABEL = 60  # a line this long without amounts is prose: the table has ended


@dataclass
class Row:
    label: str
    values: list[Decimal]
    lines: list[Line]


@dataclass
class AreaTable:
    heading: Line
    columns: list[str]  # version codes
    rows: dict[str, Row] = field(default_factory=dict)


@dataclass
class Group:
    heading: str
    rows: list[Row] = field(default_factory=list)
    subtotal: Row | None = None


def split_money(text: str, columns: int) -> tuple[str, list[Decimal]] | None:
    """`label v1 … vN` (the label may be empty) with N amounts at the end of the line."""
    pattern = r"^(?P<label>.*?)\s*" + r"\s+".join(f"(?P<v{i}>{MONEY})" for i in range(columns)) + r"$"
    match = re.match(pattern, text)
    if match is None:
        return None
    values = [parse_number(match[f"v{i}"]) for i in range(columns)]
    if any(value is None for value in values):
        return None
    return match["label"].strip(), [value for value in values if value is not None]


class EconomyReader:
    """Reads the tables of the economy section; what lies between them is kept as prose blocks."""

    def __init__(self, lines: list[Line], *, year: int, ledger: Ledger, mid_word: bool = True) -> None:
        self.lines = lines
        self.year = year
        self.ledger = ledger
        self.mid_word = mid_word
        self.versions: dict[str, BudgetVersion] = {}
        self.tables: list[str] = []
        self.net_rows: list[Row] = []
        self.net_columns: list[str] = []
        self.area_tables: list[AreaTable] = []
        self.requirement: AreaTable | None = None
        self.groups: list[Group] = []
        self.turnover_total: Row | None = None
        self.prose: list[Block] = []
        self.sections: list[tuple[int, str | None]] = []  # where each table starts, and its area
        self.kinds: dict[int, str] = {}  # where each table starts: "net", "area", "requirement", "turnover"

    # --- reading ---------------------------------------------------------------------------
    def _columns(self, text: str) -> list[str] | None:
        matches = list(_VERSION.finditer(text))
        rest = _VERSION.sub(" ", text).lower().split()
        if len(matches) < 2 or any(word not in _HEADER_WORDS for word in rest):
            return None
        codes = []
        for match in matches:
            year, adjusted, prefix = int(match["year"]), bool(match["adjusted"]), match["prefix"]
            code = f"{prefix.lower()}{year}" + ("_adjusted" if adjusted else "")
            if year >= self.year:
                kind = "adjusted" if adjusted else "adopted"
            else:
                kind = "adjusted_previous" if adjusted else "previous"
            label = ("Justerad " if adjusted else "") + f"{prefix} {year}"
            self.versions.setdefault(code, BudgetVersion(code=code, label=label, kind=kind, year=year))
            codes.append(code)
        return codes

    def parse(self) -> None:
        i, block = 0, Block()
        while i < len(self.lines):
            line = self.lines[i]
            text = line.text
            columns = self._columns(text)
            if columns is not None or TURNOVER_HEADER.search(text):
                if block.lines:
                    self.prose.append(block)
                    block = Block()
                self.ledger.mark(line, Ledger.CONSUMED)
                if columns is None:
                    i = self._turnover(i + 1)
                elif text.lower().startswith("mnkr"):
                    i = self._area_table(i, columns)
                else:
                    i = self._net_table(i, columns)
                continue
            self.ledger.mark(line, Ledger.PROSE)
            block.add(line)
            i += 1
        if block.lines:
            self.prose.append(block)

    def _rows(self, start: int, columns: int) -> tuple[list[Row], int]:
        """Rows up to the first total row (`Netto`, `Summa …`) or the first line of prose."""
        rows: list[Row] = []
        pending: list[Line] = []
        i = start
        while i < len(self.lines):
            line = self.lines[i]
            if self._columns(line.text) is not None or TURNOVER_HEADER.search(line.text):
                break
            found = split_money(line.text, columns)
            if found is None:
                if len(line.text) > MAX_LABEL:
                    break
                pending.append(line)
                i += 1
                continue
            label = join_wrapped([*pending, Line(line.no, found[0] + " ")], mid_word=self.mid_word)
            rows.append(Row(label, found[1], [*pending, line]))
            self.ledger.mark([*pending, line], Ledger.CONSUMED)
            pending = []
            i += 1
            if label.lower().startswith(("netto", "summa")):
                break
        if pending:
            self.ledger.unplace(pending, "economy table: label without amounts")
        return rows, i

    def _net_table(self, i: int, columns: list[str]) -> int:
        if i > 0 and re.fullmatch(
            r"(?:verksamhetsområde\s+)?netto(?:\s*\(mnkr\))?", self.lines[i - 1].text.lower()
        ):
            self.ledger.mark(self.lines[i - 1], Ledger.CONSUMED)
        self.sections.append((self.lines[i].no, None))
        self.kinds[self.lines[i].no] = "net"
        self.net_rows, end = self._rows(i + 1, len(columns))
        self.net_columns = columns
        self.tables.append("net budget per area")
        return end

    def _area_table(self, i: int, columns: list[str]) -> int:
        heading = self.lines[i - 1] if i > 0 else None
        if (
            heading is None
            or len(heading.text) > MAX_LABEL
            or not heading.text[0].isupper()
            or heading.text.endswith((".", ",", ";", ":"))  # the end of a sentence, not a heading
            or self.ledger.status.get(heading.no) == Ledger.CONSUMED
        ):
            rows, end = self._rows(i + 1, len(columns))
            self.ledger.unplace(
                [self.lines[i], *(ln for row in rows for ln in row.lines)], "economy table without a heading"
            )
            return end
        self.ledger.mark(heading, Ledger.CONSUMED)
        rows, end = self._rows(i + 1, len(columns))
        table = AreaTable(heading, columns)
        is_requirement = "intäktskrav" in heading.text.lower()
        for row in rows:
            key = row.label if is_requirement else row.label.lower()
            if key in table.rows or (not is_requirement and key not in {"kostnader", "intäkter", "netto"}):
                self.ledger.unplace(row.lines, f"unexpected row in the table '{heading.text}'")
                continue
            table.rows[key] = row
        if is_requirement:
            self.requirement = table
            self.tables.append("revenue requirement")
        else:
            self.area_tables.append(table)
            self.tables.append(f"area: {heading.text}")
        self.sections.append((heading.no, None if is_requirement else heading.text))
        self.kinds[heading.no] = "requirement" if is_requirement else "area"
        return end

    def _turnover(self, i: int) -> int:
        self.sections.append((self.lines[i - 1].no, None))
        self.kinds[self.lines[i - 1].no] = "turnover"
        pending: list[Line] = []
        group: Group | None = None
        while i < len(self.lines):
            line = self.lines[i]
            if TURNOVER_HEADER.search(line.text):  # repeated on a new page
                self.ledger.mark(line, Ledger.CONSUMED)
                i += 1
                continue
            found = split_money(line.text, 2) if self._columns(line.text) is None else None
            if found is None:
                if len(line.text) > MAX_LABEL or self._columns(line.text) is not None:
                    break
                pending.append(line)
                i += 1
                continue
            label, values = found
            # The lines above a labelled row are a group heading; so are lines printed with the empty
            # amount cells as trailing space ("Jobbtorg Stockholm   ") above a wrapped label.
            heading = pending if label else []
            if not label:
                for above in pending[:-1]:
                    if not above.raw.endswith("  "):
                        break
                    heading.append(above)
            if heading:
                group = Group(join_wrapped(heading, mid_word=self.mid_word))
                self.groups.append(group)
                self.ledger.mark(heading, Ledger.CONSUMED)
                pending = pending[len(heading) :]
            if not label and not pending:
                self.ledger.unplace(line, "omslutning: amounts without a label")
                i += 1
                continue
            row = Row(
                join_wrapped([*pending, Line(line.no, label + " ")], mid_word=self.mid_word),
                values,
                [*pending, line],
            )
            self.ledger.mark(row.lines, Ledger.CONSUMED)
            pending = []
            i += 1
            low = row.label.lower()
            if low.startswith("summa") and ("totalt" in low or group is None):
                self.turnover_total = row
                break
            if low.startswith(("s:a", "summa")):
                if group is None:
                    self.ledger.unplace(row.lines, "omslutning: subtotal without rows")
                else:
                    group.subtotal, group = row, None
                continue
            if group is None:
                group = Group("")
                self.groups.append(group)
            group.rows.append(row)
        if pending:
            self.ledger.unplace(pending, "omslutning: label without amounts")
        self.tables.append("omslutning")
        return i
