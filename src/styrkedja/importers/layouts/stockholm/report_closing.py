"""The closing parts of a printed follow-up report (no Django): special reports (`Särskilda
redovisningar`), `Övrigt` with the complaints tables (month rows × category columns per department, a
printed Summa row that is checked, not stored), the signature block (a name, then title lines) and the
`Digitala signaturer` list ("Förnamn,Efternamn <tab> 2021-05-24").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from difflib import SequenceMatcher

from styrkedja.importers.text import MONTHS, Ledger, Line, parse_date, parse_number
from styrkedja.planfiles.followup_schema import Complaint, Signature, SpecialReport

from .report_goals import NUMBERED
from .report_source import Source, clean, is_heading, prose, tokens_match

__all__ = ["ClosingRead", "merge_signatures", "read_digital_signatures", "read_other", "read_special"]

_NAME = re.compile(r"^[A-ZÅÄÖÉ][\w-]+(?: [A-ZÅÄÖÉ][\w-]+){1,3}$")
_SUM = re.compile(r"^(?:Summa|Totalt|Total)$", re.IGNORECASE)
_COMPLAINTS = re.compile(r"synpunkter|klagomål", re.IGNORECASE)
DIFFERS = "printed total differs from computed"


@dataclass
class ClosingRead:
    complaints: list[Complaint] = field(default_factory=list)
    reports: list[SpecialReport] = field(default_factory=list)
    signatures: list[tuple[str, str]] = field(default_factory=list)  # name, title


def read_special(source: Source, lines: Sequence[Line], titles: list[str]) -> list[SpecialReport]:
    """One report per title of the table of contents (else per unnumbered heading); the numbered
    headings under it stay in its text."""
    reports: list[tuple[str, list[Line]]] = []
    for line in lines:
        text = clean(line.text)
        if is_heading(line) and (
            any(tokens_match(text, t) >= 0.8 for t in titles) if titles else not NUMBERED.match(text)
        ):
            reports.append((text, []))
            source.mark(line, Ledger.CONSUMED)
        elif not source.is_blank(line):
            if not reports:
                reports.append(("Särskilda redovisningar", []))
            reports[-1][1].append(line)
            source.mark(line, Ledger.TEXT)
    return [SpecialReport(title=title, text=prose(body, source)) for title, body in reports]


def _signature_groups(source: Source, lines: Sequence[Line]) -> int:
    """Where the signature block at the end of the lines begins (len(lines) when there is none)."""
    start = len(lines)
    end = len(lines)
    while end > 0:
        begin = end
        while begin > 0 and not source.is_blank(lines[begin - 1]):
            begin -= 1
        group = lines[begin:end]
        if group:
            head, rest = clean(group[0].text), [clean(ln.text) for ln in group[1:]]
            signature = (
                len(group) <= 4
                and not any(source.has_tabs(ln) or is_heading(ln) for ln in group)
                and _NAME.match(head) is not None
                and all(len(t) <= 60 and not t.endswith(".") and not re.search(r"\d", t) for t in rest)
            )
            if not signature:
                break
            start = begin
        end = begin - 1 if begin > 0 else 0
    return start


def read_other(source: Source, lines: Sequence[Line]) -> ClosingRead:
    """`Övrigt`: its sections as special reports (their text), the complaints tables, and the
    signature block at its end."""
    read = ClosingRead()
    split = _signature_groups(source, lines)
    for group in _groups(source, lines[split:]):
        read.signatures.append((clean(group[0].text), ", ".join(clean(ln.text) for ln in group[1:])))
        source.mark(group, Ledger.CONSUMED)
    sections: list[tuple[str, list[Line]]] = []
    department = ""
    table: _Complaints | None = None
    for line in lines[:split]:
        if source.is_blank(line):
            continue
        text = clean(line.text)
        heading = NUMBERED.match(text) if is_heading(line) else None
        if is_heading(line) and (heading is None or "." not in heading["number"] or not sections):
            sections.append((heading["title"] if heading else text, []))
            source.mark(line, Ledger.CONSUMED)
            table, department = None, ""
            continue
        if not sections:
            sections.append(("Övrigt", []))
        if heading is not None:  # a numbered sub-heading: the department of the complaints below
            department = heading["title"]
            sections[-1][1].append(line)
            source.mark(line, Ledger.CONSUMED)
            table = None
            continue
        if source.has_tabs(line) and _COMPLAINTS.search(sections[-1][0]):
            cells = source.cells(line)
            if table is None and cells[0].lower() not in MONTHS and not _SUM.match(cells[0]):
                table = _Complaints(source, department or sections[-1][0], line, read.complaints)
            elif table is None:
                source.unplace(line, "complaints row without a table header")
            else:
                table.feed(line)
            continue
        table = None
        sections[-1][1].append(line)
        source.mark(line, Ledger.TEXT)
    read.reports = [SpecialReport(title=title, text=prose(body, source)) for title, body in sections]
    return read


def _groups(source: Source, lines: Sequence[Line]) -> list[list[Line]]:
    groups: list[list[Line]] = [[]]
    for line in lines:
        if source.is_blank(line):
            groups.append([])
        else:
            groups[-1].append(line)
    return [group for group in groups if group]


class _Complaints:
    """One complaints table: `Period: 2021 | category …`, month rows, perhaps a Summa row."""

    def __init__(self, source: Source, department: str, header: Line, into: list[Complaint]) -> None:
        self.source = source
        self.department = department
        self.categories = source.cells(header)[1:]
        self.counts: dict[str, int] = dict.fromkeys(self.categories, 0)
        self.into = into
        source.mark(header, Ledger.CONSUMED)

    def feed(self, line: Line) -> None:
        cells = self.source.cells(line)
        label, values = cells[0], cells[1:]
        if len(values) > len(self.categories) and any(values[len(self.categories) :]):
            self.source.unplace(line, "complaints row with more cells than categories")
            return
        numbers = [parse_number(v) if v else Decimal(0) for v in values]
        if any(n is None or n < 0 or n != n.to_integral_value() for n in numbers):
            self.source.unplace(line, "complaints row with a cell that is not a count")
            return
        counts = [int(n) for n in numbers if n is not None]
        if _SUM.match(label):
            for category, printed, cell in zip(self.categories, counts, values, strict=False):
                if printed != self.counts[category] and (cell or self.counts[category]):
                    self.source.report(
                        line.no,
                        f"{self.department}: {clean(line.text)}",
                        f"{DIFFERS} ({category}: printed {printed}, computed {self.counts[category]})",
                    )
            self.source.mark(line, Ledger.CONSUMED)
            return
        month = MONTHS.get(label.lower())
        if month is None:
            self.source.unplace(line, "complaints row without a month")
            return
        for category, count in zip(self.categories, counts, strict=False):
            self.counts[category] += count
            self.into.append(
                Complaint(department=self.department, month=month, category=category, count=count)
            )
        self.source.mark(line, Ledger.CONSUMED)


def read_digital_signatures(source: Source, lines: Sequence[Line]) -> list[tuple[str, dt.date, Line]]:
    result: list[tuple[str, dt.date, Line]] = []
    for line in source.content(lines):
        cells = [c for c in source.cells(line) if c]
        if [c.lower() for c in cells] == ["namn", "datum"]:
            source.mark(line, Ledger.CONSUMED)
            continue
        date = parse_date(cells[-1]) if len(cells) == 2 else None
        if date is not None:
            result.append((" ".join(cells[0].replace(",", " ").split()), date, line))
            source.mark(line, Ledger.CONSUMED)
        elif not source.has_tabs(line) and not re.search(r"\d{4}-\d", line.text):
            source.mark(line, Ledger.PROSE)
        else:
            source.unplace(line, "digital signature line not understood")
    return result


def merge_signatures(
    source: Source, block: list[tuple[str, str]], digital: list[tuple[str, dt.date, Line]]
) -> list[Signature]:
    """The signature block's names and titles with the dates of the digital signatures, matched by
    name; a name spelled differently in the two places is matched by similarity and reported."""
    left = list(digital)
    result: list[Signature] = []
    for name, title in block:
        match = _best(name, left)
        date, signed_as = None, ""
        if match is not None:
            left.remove(match)
            date = match[1]
            if match[0].lower() != name.lower():
                signed_as = match[0]
                source.report(
                    match[2].no,
                    match[2].text,
                    f"digital signature name differs from the signature block ('{name}'); matched by "
                    "similarity, both spellings kept",
                )
        result.append(Signature(name=name, title=title, date=date, signed_as=signed_as))
    result.extend(Signature(name=name, date=date) for name, date, _ in left)
    return result


def _best(name: str, digital: list[tuple[str, dt.date, Line]]) -> tuple[str, dt.date, Line] | None:
    def ratio(entry: tuple[str, dt.date, Line]) -> float:
        words = entry[0].lower().split()
        turned = " ".join(words[1:] + words[:1])
        return max(SequenceMatcher(None, name.lower(), text).ratio() for text in (" ".join(words), turned))

    best = max(digital, key=ratio, default=None)
    return best if best is not None and ratio(best) >= 0.85 else None
