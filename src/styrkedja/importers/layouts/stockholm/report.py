"""Read the text extracted from a printed follow-up report (tertialrapport, verksamhetsberättelse) into
a follow-up file and the plan of its year as far as the report shows it (no Django).

The report is read in parts, found by their headings: the cover memo (report_cover), the table of
contents and the attachments, `Sammanfattande analys`, the goal tree with outcomes, assessments and
activities (report_goals, report_tables), `Uppföljning av ekonomi` (report_economy), `Särskilda
redovisningar`, `Övrigt` with the complaints and the signature block, and `Digitala signaturer`
(report_closing). Every non-blank line ends up in a structure, as captured or recognised prose, as page
noise, or in `ReportParseResult.unplaced` with its line number: nothing is dropped silently.
"""

from __future__ import annotations

import re

from pydantic import ValidationError

from styrkedja.importers.results import ReportParseResult
from styrkedja.importers.text import DocumentError, Ledger, Line
from styrkedja.planfiles.followup_schema import Economics, FollowUpFile
from styrkedja.planfiles.schema import (
    AreaAmounts,
    Budget,
    BudgetArea,
    BudgetVersion,
    Investment,
    OrganisationRef,
    PerformanceVolume,
    PlanFile,
    RevenueRequirementLine,
)

from .report_closing import merge_signatures, read_digital_signatures, read_other, read_special
from .report_cover import detect_period, read_attachments, read_cover, read_toc
from .report_economy import EconomyRead, read_economy
from .report_goals import GoalReader, TocEntry
from .report_source import Source, clean, prose

__all__ = ["GOAL_LABEL", "looks_like_report", "parse_report_text"]

_PARTS = (
    ("toc", r"innehållsförteckning"),
    ("attachments", r"bilagor"),
    ("summary", r"sammanfattande analys"),
    ("goals", r"uppföljning av (?:kommunfullmäktiges|kf:s) (?:inriktningsmål|mål)|uppföljning av mål"),
    ("economy", r"uppföljning av ekonomi|ekonomisk uppföljning|redovisning av ekonomi"),
    ("special", r"särskilda redovisningar"),
    ("other", r"övrigt"),
    ("digital", r"digitala signaturer"),
)
GOAL_LABEL = re.compile(r"^(?:KF:s inriktningsmål|KF:s mål för verksamhetsområdet|Nämndmål)\s*:")
_RATING_LINE = re.compile(r"(?im)^[ \t#*]*Uppfylls\s+(?:helt|delvis|inte|ej)\b")
_OUTCOME_HEADER = re.compile(r"(?i)periodens\s+utfall.*prognos|utfall\s+män")
_TITLE = re.compile(r"(?im)^[ \t#*]*(?:<b>)?\s*(?:tertialrapport|verksamhetsberättelse|delårsrapport)\b")


def looks_like_report(text: str) -> bool:
    """A follow-up report: outcome tables, fulfilment lines, or a report title near the top. A
    verksamhetsplan has none of them (it names its reports only in running prose)."""
    head = "\n".join([line for line in text.split("\n") if line.strip()][:60])
    return bool(_OUTCOME_HEADER.search(text) or _RATING_LINE.search(text) or _TITLE.search(head))


def _parts(source: Source) -> dict[str, tuple[int, int]]:
    """Where each part begins (its heading's index) and ends, in document order."""
    starts: list[tuple[str, int]] = []
    position = 0
    for key, pattern in _PARTS:
        regex = re.compile(rf"^(?:{pattern})$", re.IGNORECASE)
        for index in range(position, len(source.lines)):
            line = source.lines[index]
            if not source.has_tabs(line) and regex.match(clean(line.text).rstrip(":")):
                starts.append((key, index))
                position = index + 1
                break
    if "goals" not in {key for key, _ in starts}:  # no heading: the goals begin at the first goal label
        begin = next((index for key, index in starts if key == "summary"), 0)
        label = next(
            (i for i, ln in enumerate(source.lines) if i > begin and GOAL_LABEL.match(clean(ln.text))), None
        )
        if label is not None:
            starts = sorted([*starts, ("goals", label)], key=lambda item: item[1])
    result: dict[str, tuple[int, int]] = {}
    for n, (key, index) in enumerate(starts):
        end = starts[n + 1][1] if n + 1 < len(starts) else len(source.lines)
        result[key] = (index, end)
    return result


def _toc_part(toc: list[TocEntry], pattern: str) -> list[TocEntry]:
    """The entries under the (bold) main entry that matches `pattern`."""
    result: list[TocEntry] = []
    inside = False
    for entry in toc:
        if entry.bold:
            inside = bool(re.search(pattern, entry.title, re.IGNORECASE))
        elif inside:
            result.append(entry)
    return result


def parse_report_text(
    text: str, *, organisation: OrganisationRef, source: str = "<text>"
) -> ReportParseResult:
    """Read a follow-up report's extracted text. Raises DocumentError only when the text is not a
    follow-up report at all; everything else that cannot be placed is in `ReportParseResult.unplaced`."""
    if not looks_like_report(text):
        raise DocumentError(
            source,
            1,
            "no outcome tables, fulfilment values or report title: not a tertialrapport/verksamhetsberättelse",
        )
    src = Source.of(text, source)
    parts = _parts(src)

    def lines_of(key: str) -> list[Line]:
        if key not in parts:
            return []
        begin, end = parts[key]
        heading = src.lines[begin]
        if not GOAL_LABEL.match(clean(heading.text)):
            src.mark(heading, Ledger.CONSUMED)
            begin += 1
        return src.lines[begin:end]

    cover = read_cover(src, src.lines[: min((begin for begin, _ in parts.values()), default=len(src.lines))])
    toc = read_toc(src, lines_of("toc"))
    cover.attachments = read_attachments(src, lines_of("attachments"))
    summary = lines_of("summary")
    src.mark(src.content(summary), Ledger.TEXT)
    cover.summary_analysis = prose(summary)
    found = detect_period(cover.title, text)
    if found is None:
        raise DocumentError(source, 1, "cannot tell the report's year and period from its title or tables")
    year, period = found

    reader = GoalReader(src, [e for e in _toc_part(toc, r"inriktningsmål|mål") if e.number] or toc)
    for line in lines_of("goals"):
        reader.feed(line)
    goals = reader.finish()
    economy = read_economy(src, lines_of("economy"), year=year) if "economy" in parts else None
    special = read_special(src, lines_of("special"), [e.title for e in _toc_part(toc, r"särskilda")])
    other = read_other(src, lines_of("other"))
    digital = read_digital_signatures(src, lines_of("digital"))
    signatures = merge_signatures(src, other.signatures, digital)
    for line in src.lines:
        if src.status(line) is None:
            src.unplace(line, "line not accounted for")

    followup = FollowUpFile(
        organisation=organisation,
        year=year,
        period=period,
        outcomes=goals.outcomes,
        assessments=goals.assessments,
        activities=goals.activities,
        economics=economy.economics if economy else Economics(),
        complaints=other.complaints,
        report=cover,
        signatures=signatures,
        special_reports=special + other.reports,
    )
    plan = PlanFile(
        organisation=organisation,
        year=year,
        goals=goals.goals,
        budget=_plan_budget(src, economy, year) if economy else Budget(),
    )
    return ReportParseResult(
        plan=plan,
        followup=followup,
        unplaced=sorted(src.ledger.unplaced, key=lambda item: item.line),
        economy_tables=economy.tables if economy else [],
        line_counts=src.ledger.counts(),
    )


def _plan_budget(src: Source, economy: EconomyRead, year: int) -> Budget:
    """The adopted budget as the report prints it: areas, intäktskrav, investments and the budgeted
    performance volumes. The omslutning and the adjustment requests are the report's, not the plan's."""
    economics = economy.economics
    code = f"nb{year}"
    try:
        return Budget(
            versions=[BudgetVersion(code=code, label=f"NB {year}", kind="adopted", year=year)],
            areas=[
                BudgetArea(
                    name=a.area,
                    names_as_printed=[a.area, *dict.fromkeys(economy.names.get(a.area, []))],
                    amounts={code: AreaAmounts(costs=a.budget_costs, revenues=a.budget_revenues)},
                )
                for a in economics.areas
            ],
            revenue_requirement=[
                RevenueRequirementLine(label=r.label, amounts={code: r.budget})
                for r in economics.revenue_requirement
            ],
            investments=[Investment(label=i.label, amount=i.budget) for i in economics.investments],
            performance_volumes=[
                PerformanceVolume(area=v.area, label=v.label, budget_places=v.budget_places)
                for v in economics.volumes
                if v.budget_places is not None
            ],
        )
    except ValidationError as error:
        src.report(0, "economy", f"plan budget rejected: {error.errors()[0]['msg']}")
        return Budget()
