"""The cover memo of a printed follow-up report, its table of contents and its attachments (no Django).

The memo (tjänsteutlåtande) before the first section: `Handläggare` (names, each followed by
`Telefon: …`), `Till` (addressee, then the meeting date "den 18 maj 2021"), `Ärende 8`, the report's
title, and the numbered `förslag till beslut`. Then `Innehållsförteckning` (dotted entries with page
numbers, bold for the main sections) and `Bilagor` ("Bilaga 1: …").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from styrkedja.importers.text import Ledger, Line, swedish_date
from styrkedja.planfiles.followup_schema import Attachment, CaseOfficer, Cover, Decision

from .report_goals import NUMBERED, TocEntry
from .report_source import Source, clean, is_heading

__all__ = ["detect_period", "read_attachments", "read_cover", "read_toc"]

_PHONE = re.compile(r"^(?:Telefon|Tel\.?|Tfn)\s*:?\s*(?P<phone>[\d\s+()-]+)$", re.IGNORECASE)
_AGENDA = re.compile(r"^Ärende\s*(?:nr\.?\s*)?:?\s*(?P<n>\d+[a-z]?)$", re.IGNORECASE)
_DECISIONS = re.compile(r"förslag till beslut", re.IGNORECASE)
_DECISION = re.compile(r"^(?P<n>\d+)[.)]\s+(?P<text>.+)$")
REPORT_TITLE = re.compile(r"tertialrapport|verksamhetsberättelse|delårsrapport", re.IGNORECASE)
_TOC = re.compile(r"^(?P<title>.+?)\s*\.{3,}\s*(?P<page>\d+)?$")
_ATTACHMENT = re.compile(r"^Bilaga\s+(?P<n>\d+)\s*[:.–-]\s*(?P<title>.+)$", re.IGNORECASE)
_TERTIAL = re.compile(
    r"(?:tertialrapport|tertial)\s*(?:tertial\s*)?(?P<n>[1-3])\b\D{0,12}?(?P<year>(?:19|20)\d{2})",
    re.IGNORECASE,
)
_ANNUAL = re.compile(r"verksamhetsberättelse\D{0,12}?(?P<year>(?:19|20)\d{2})", re.IGNORECASE)
_INTERIM = re.compile(r"delårsrapport\D{0,12}?(?P<year>(?:19|20)\d{2})", re.IGNORECASE)
_PERIOD_CELL = re.compile(r"\bTertial\s+(?P<n>[1-3])\s+(?P<year>\d{4})\b")


def read_cover(source: Source, lines: Sequence[Line]) -> Cover:
    """The memo's fields; a line that is none of them is reported."""
    mode = ""
    officers: list[CaseOfficer] = []
    decisions: list[tuple[int, list[str]]] = []
    addressee: list[str] = []
    fields: dict[str, object] = {}
    for line in lines:
        if source.is_blank(line):
            mode = "decisions" if mode == "decisions" else ""
            continue
        text = clean(line.text)
        low = text.lower().rstrip(":")
        agenda = _AGENDA.match(text)
        if low in ("handläggare", "till"):
            mode = "officers" if low == "handläggare" else "addressee"
        elif agenda:
            fields["agenda_number"] = agenda["n"]
        elif is_heading(line) and _DECISIONS.search(text):
            mode = "decisions"
        elif is_heading(line) and REPORT_TITLE.search(text) and "title" not in fields:
            fields["title"], mode = text, ""
        elif mode == "officers":
            phone = _PHONE.match(text)
            if phone and officers:
                officers[-1] = CaseOfficer(name=officers[-1].name, phone=phone["phone"].strip())
            elif phone:
                source.unplace(line, "telephone number without a case officer")
                continue
            else:
                officers.append(CaseOfficer(name=text))
        elif mode == "addressee":
            date = swedish_date(text)
            if date is not None and "meeting_date" not in fields:
                fields["meeting_date"] = date
            else:
                addressee.append(text)
        elif mode == "decisions" and (found := _DECISION.match(text)):
            decisions.append((int(found["n"]), [found["text"]]))
        elif mode == "decisions" and decisions and not is_heading(line):
            decisions[-1][1].append(text)
        else:
            source.unplace(line, "cover memo line not understood")
            continue
        source.mark(line, Ledger.CONSUMED)
    return Cover.model_validate(
        {
            **fields,
            "case_officers": officers,
            "addressee": ", ".join(addressee),
            "decisions": [Decision(number=n, text=" ".join(parts)) for n, parts in decisions],
        }
    )


def read_toc(source: Source, lines: Sequence[Line]) -> list[TocEntry]:
    entries: list[TocEntry] = []
    for line in source.content(lines):
        cells = source.cells(line)
        found = _TOC.match(" ".join(cells).strip())
        if found is None:
            source.unplace(line, "table of contents line not understood")
            continue
        title = found["title"].rstrip(". ")
        numbered = NUMBERED.match(title)
        entries.append(
            TocEntry(
                numbered["number"] if numbered else None,
                numbered["title"] if numbered else title,
                line,
                "<b>" in source.raw[line.no - 1].lower() or "**" in line.text,
            )
        )
        source.mark(line, Ledger.CONSUMED)
    return entries


def read_attachments(source: Source, lines: Sequence[Line]) -> list[Attachment]:
    result: list[Attachment] = []
    for line in source.content(lines):
        text = clean(line.text)
        found = _ATTACHMENT.match(text) or _DECISION.match(text)
        if found is None:
            source.unplace(line, "attachment line not understood")
            continue
        title = found["title"] if "title" in found.groupdict() else found["text"]
        result.append(Attachment(number=int(found["n"]), title=title.strip()))
        source.mark(line, Ledger.CONSUMED)
    return result


def detect_period(title: str, text: str) -> tuple[int, str] | None:
    """The year and period code ("2021-T1", "2021" for a verksamhetsberättelse) from the title, else
    from the most common `Tertial N YYYY` of the indicator tables."""
    if found := _TERTIAL.search(title):
        return int(found["year"]), f"{found['year']}-T{found['n']}"
    if found := _INTERIM.search(title):
        return int(found["year"]), f"{found['year']}-T2"
    if found := _ANNUAL.search(title):
        return int(found["year"]), found["year"]
    cells = Counter((m["year"], m["n"]) for m in _PERIOD_CELL.finditer(text))
    if cells:
        (year, n), _ = cells.most_common(1)[0]
        return int(year), f"{year}-T{n}"
    return None
