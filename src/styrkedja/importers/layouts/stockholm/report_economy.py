"""The economy section of a printed follow-up report (no Django).

`Uppföljning av ekonomi`: a summary (`Sammanfattning`), the budget/forecast table (report_economy_table),
one commentary section per area (a heading naming the area; its sub-headings stay in its text, and the
performance volumes are read from it), `Nämndens intäktskrav`, `Resultatenheter`, `Investeringar`,
`Omslutningsförändringar` (prose and the omslutning table, read with the verksamhetsplan's reader) and
`Budgetjusteringar` (requests in prose: "… ökas med 64,9 mnkr från 82,6 mnkr till 147,5 mnkr").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from styrkedja.importers.text import NUMBER, Block, Ledger, Line, parse_number
from styrkedja.planfiles.followup_schema import (
    AdjustmentRequest,
    Economics,
    TurnoverGroup,
    TurnoverRow,
    VolumeForecast,
)

from .economy_tables import EconomyReader, Row
from .report_economy_table import DIFFERS, ForecastTable, TableRead, is_forecast_header
from .report_source import Source, clean, is_heading, prose, tokens_match

__all__ = ["EconomyRead", "read_economy"]

_SECTIONS = {
    "resultatenheter": "units",
    "investeringar": "investments",
    "omslutningsförändringar": "turnover",
    "omslutningsförändring": "turnover",
    "budgetjusteringar": "adjustments",
    "budgetjustering": "adjustments",
}
_PLACES = r"(?P<n>\d{1,3}(?: \d{3})+|\d+)\s+(?:helårsplatser|helårsprestationer|prestationer)"
_LABEL = r"[^\s.,;]+(?:\s(?!och\b|vilket\b|samt\b|men\b|som\b)[^\s.,;]+){0,2}"
_QUANTITY = re.compile(rf"(?<![\d,])(?<!\d ){_PLACES}(?:\s+(?:inom|för)\s+(?P<label>{_LABEL}))?")
_LABEL_BEFORE = re.compile(r"(?:för|inom)\s+(?P<label>[^\s.,;]+)\s+motsvarande\s+$")
_NO_BUDGET = re.compile(r"inga budgetmedel för (?P<label>[^.,;]+?)(?=[.,;]|$)")
_CHANGE = re.compile(rf"budget(?P<dir>ökning|minskning)\w*\s+(?:på|om|med)\s+(?P<n>{NUMBER})\s*mnkr")
_ADJUST = re.compile(
    rf"(?:ökas|minskas|höjs|sänks|justeras|utökas)\s+med\s+(?P<n>{NUMBER})\s*mnkr"
    rf"(?:\s+från\s+(?P<from>{NUMBER})\s*mnkr\s+till\s+(?P<to>{NUMBER})\s*mnkr)?"
)
_REQUEST = re.compile(rf"budgetjustering\w*\s+(?:på|om|med)\s+(?P<n>{NUMBER})\s*mnkr")
_SENTENCES = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")


@dataclass
class EconomyRead:
    economics: Economics
    table: TableRead
    names: dict[str, list[str]] = field(default_factory=dict)  # area → other spellings
    tables: list[str] = field(default_factory=list)


def _area(heading: str, names: Sequence[str]) -> str | None:
    scores = sorted(((tokens_match(heading, name), name) for name in names), reverse=True)
    if scores and scores[0][0] == 1.0 and (len(scores) == 1 or scores[1][0] < 1.0):
        return scores[0][1]
    return None


def read_economy(source: Source, lines: Sequence[Line], *, year: int) -> EconomyRead:
    table = ForecastTable(source)
    in_table = False
    section, area = "summary", ""
    parts: dict[str, list[Line]] = {}
    commentary: dict[str, list[Line]] = {}
    names: dict[str, list[str]] = {}
    for line in lines:
        if source.is_blank(line):
            continue
        cells = source.cells(line) if source.has_tabs(line) else []
        if cells and is_forecast_header(cells):
            table.header(line)
            in_table = True
            continue
        if in_table and cells:
            table.feed(line)
            continue
        in_table = False
        text = clean(line.text)
        if is_heading(line) or text.lower() in _SECTIONS:
            known = _SECTIONS.get(text.lower())
            named = _area(text, table.area_labels())
            if known is not None or named is not None or "intäktskrav" in text.lower():
                section = known or ("area" if named else "requirement")
                area = named or ""
                if named is not None and text != named:
                    names.setdefault(named, []).append(text)
                source.mark(line, Ledger.CONSUMED)
                continue
            if section == "summary" and not table.groups:
                source.mark(line, Ledger.CONSUMED)  # "Analys av resultaträkning …", "Sammanfattning"
                continue
        if section == "area":
            commentary.setdefault(area, []).append(line)
        else:
            parts.setdefault(section, []).append(line)
        source.mark(line, Ledger.TEXT if section in ("area", "summary", "requirement") else Ledger.PROSE)
    read = table.build()
    economics = Economics(
        budget_label=read.budget_label,
        areas=[
            a.model_copy(update={"commentary": prose(commentary.get(a.area, []), source)}) for a in read.areas
        ],
        revenue_requirement=read.requirement,
        investments=read.investments,
        printed_totals=read.printed_totals,
        summary=prose(parts.get("summary", []), source),
        requirement_commentary=prose(parts.get("requirement", []), source),
    )
    economics.volumes = [
        v for a in economics.areas for v in _volumes(source, a.area, commentary.get(a.area, []))
    ]
    economics.adjustments = _adjustments(source, parts.get("adjustments", []), read)
    turnover = parts.get("turnover", [])
    if turnover:
        reader = EconomyReader(turnover, year=year, ledger=source.ledger, mid_word=False)
        reader.parse()
        economics.turnover = _turnover(source, reader, read, names)
        if reader.turnover_total is not None:
            economics.turnover_total_label = reader.turnover_total.label
    tables = (["budget and forecast per area"] if table.keys else []) + (
        ["omslutning"] if turnover and economics.turnover else []
    )
    return EconomyRead(economics, read, names, tables)


def _volumes(source: Source, area: str, lines: list[Line]) -> list[VolumeForecast]:
    """Places in the budget and in the forecast, per label, from the commentary of an area; the stated
    budget change (mnkr) goes with the first volume of its sub-section."""
    result: dict[str, dict[str, object]] = {}
    sections: list[tuple[str, Block]] = [(area, Block())]
    for line in lines:
        if is_heading(line):
            sections.append((clean(line.text), Block()))
        else:
            sections[-1][1].add(Line(line.no, clean(line.text)))
    for heading, block in sections:
        first: str | None = None
        offset = 0
        for sentence in _SENTENCES.split(block.text):
            start = block.text.index(sentence, offset)
            offset = start + len(sentence)
            kind = "forecast_places" if re.search(r"prognos", sentence, re.IGNORECASE) else "budget_places"
            found: list[tuple[str, Decimal, int]] = []
            for match in _QUANTITY.finditer(sentence):
                before = _LABEL_BEFORE.search(sentence[: match.start()])
                label = match["label"] or (before["label"] if before else heading)
                found.append((label, parse_number(match["n"]) or Decimal(0), match.start()))
            if kind == "budget_places":
                found += [(m["label"], Decimal(0), m.start()) for m in _NO_BUDGET.finditer(sentence)]
            for label, value, at in found:
                entry = result.setdefault(label.lower(), {"area": area, "label": label})
                entry.setdefault(kind, value)
                first = first or label.lower()
                source.mark(block.line_at(start + at), Ledger.CONSUMED)
            change = _CHANGE.search(sentence)
            if change and first is not None and "amount_as_printed" not in result[first]:
                amount = parse_number(change["n"]) or Decimal(0)
                result[first]["amount_as_printed"] = -amount if change["dir"] == "minskning" else amount
                source.mark(block.line_at(start + change.start("n")), Ledger.CONSUMED)
    return [VolumeForecast.model_validate(entry) for entry in result.values()]


def _adjustments(source: Source, lines: list[Line], read: TableRead) -> list[AdjustmentRequest]:
    result: list[AdjustmentRequest] = []
    labels = [r.label for r in read.requirement] + [a.area for a in read.areas]
    for line in lines:
        text = clean(line.text)
        found = False
        for sentence in _SENTENCES.split(text):
            match = _ADJUST.search(sentence) or _REQUEST.search(sentence)
            amount = parse_number(match["n"]) if match else None
            if match is None or amount is None:
                continue
            groups = match.groupdict()
            concerned = [label for label in labels if label.lower() in sentence.lower()]
            result.append(
                AdjustmentRequest(
                    amount=amount,
                    reason=sentence,
                    from_amount=parse_number(groups["from"]) if groups.get("from") else None,
                    to_amount=parse_number(groups["to"]) if groups.get("to") else None,
                    area=concerned[0] if concerned else "",
                )
            )
            found = True
        if found:
            source.mark(line, Ledger.CONSUMED)
        elif re.search(r"\d,\d\s*mnkr", text) and not re.search(r"\binga\b", text, re.IGNORECASE):
            source.unplace(line, "budget adjustment in prose not read")
    return result


def _turnover(
    source: Source, reader: EconomyReader, read: TableRead, names: dict[str, list[str]]
) -> list[TurnoverGroup]:
    result: list[TurnoverGroup] = []
    for group in reader.groups:
        rows = [TurnoverRow(label=r.label, costs=r.values[0], revenues=r.values[1]) for r in group.rows]
        sums = [sum((r.costs for r in rows), Decimal(0)), sum((r.revenues for r in rows), Decimal(0))]
        if group.subtotal is not None:
            _check(source, group.subtotal, sums)
        labels = [group.heading] if group.heading else [r.label for r in rows]

        def score(area_name: str, labels: list[str] = labels, revenue: Decimal = sums[1]) -> float:
            words = max(max(tokens_match(n, area_name), tokens_match(area_name, n)) for n in labels)
            budget = next(a.budget_revenues for a in read.areas if a.area == area_name)
            return words + (0.5 if budget == revenue else 0.0)

        best = max((a.area for a in read.areas), key=score, default=None)
        if best is None or score(best) < 0.5:
            first = group.rows[0].lines[0] if group.rows else None
            source.report(
                first.no if first else 0, labels[0] if labels else "", "omslutning group matches no area"
            )
            best = group.heading or (labels[0] if labels else "")
        elif group.heading and group.heading != best:
            names.setdefault(best, []).append(group.heading)
        result.append(
            TurnoverGroup(
                area=best,
                heading=group.heading,
                subtotal_label=group.subtotal.label if group.subtotal else "",
                rows=rows,
            )
        )
    if reader.turnover_total is not None:
        every = [row for group in reader.groups for row in group.rows]
        _check(
            source,
            reader.turnover_total,
            [sum((r.values[0] for r in every), Decimal(0)), sum((r.values[1] for r in every), Decimal(0))],
        )
    return result


def _check(source: Source, row: Row, computed: list[Decimal]) -> None:
    for column, printed, value in zip(("costs", "revenues"), row.values, computed, strict=False):
        if printed != value:
            text = " ".join(line.text for line in row.lines)
            source.report(
                row.lines[-1].no, text, f"{DIFFERS} ({column}: printed {printed}, computed {value})"
            )
