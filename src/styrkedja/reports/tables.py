"""The report's content, format-neutral: what every renderer (HTML, PDF, DOCX) prints, in the documents' order.

`report_content(doc)` turns a `ReportDocument` into a `ReportContent`: metadata plus a flat list of
`Section`s in the order the committee's documents have them. Every number is already formatted the Swedish
way (`1 299,0`, `-410,5`, `75,28 %`, `485 st`, `7,3 mån`) through `styrkedja.lib.numbers`; renderers only
lay the strings out and never compute or format a number themselves. No Django here.

What a document has is its kind's (`styrkedja.reports.kinds`); the kinds of today print these parts.

Order of a tertialrapport or verksamhetsberättelse: cover memo (facts, förslag till beslut with amounts
computed from the tables) → table of contents → attachments → sammanfattande analys → the goal tree (each goal: its
rating, description, expected results, analysis, indicator table, indicator comments, charts, activity table)
→ economics (operating budget per area with the revenue-requirement block and totals, deviation chart, area
commentary, performance volumes, investments, omslutning, budget adjustments) → special reports → övrigt
(complaints per department, months × categories with Summa) → signatures.

A verksamhetsplan has: title page → table of contents → introduction → the goal tree (description,
expected results, comment, indicator and activity tables) → economics (net budget per area and version, one
table per area, revenue requirement, performance volumes, investments, budget adjustments, omslutning).

The building blocks (`Block`):

- `Heading(text, level)` — a sub-heading inside a section (Beskrivning, Analys …); not in the TOC.
- `Paragraph(text, style)` — style "body", "subheading" (a numbered heading inside prose: bold, not a
  document heading), "label" (a short bold caption, e.g. an indicator name before its comment), "note"
  (small print under a table).
- `BulletList(items)`, `NumberedList(items, start)`.
- `Facts(items)` — label/value pairs (the memo's Handläggare, Till, Sammanträde, Ärende).
- `Rating(value, label, colour, text_colour, word)` — a goal's rating: a key of the profile's scale with its
  label and colour.
- `Table(caption, header, rows, align, widths, kind)` — rows are `Row(cells, kind)`, kind "data" |
  "subtotal" | "total" | "section" (a group heading spanning the table, its first cell holds the text,
  the other cells are empty). `align` is "left" | "right" per column; `widths` are relative column widths
  (fractions summing to 1) for paged formats.
- `Figure(kind, anchor, source)` — a chart slot: kind "indicator" (source: the `IndicatorRow`) or
  "deviation" (source: the `Economy`); renderers ask `styrkedja.reports.charts` for the chart and skip the
  slot when it returns None.
- `Toc(entries)` — the table of contents: `TocEntry(level, number, title, anchor)`; page numbers are the
  renderer's business.
- `Signatures(entries)` — `Signature(name, title, date)`; `.table()` gives the same as a `Table`.

The blocks are defined in `blocks.py`, the goal tree in `goal_tables.py`, the economics and complaints in
`economy_tables.py`; everything is re-exported here: import from `styrkedja.reports.tables`.

A `Section` has an `anchor` (a stable id, unique in the document), a `title`, a `level` (1 = chapter;
goals: the profile's top level 2, each level below one more), an optional goal `number`, a `kicker` (the
small label the documents print above a goal heading: the goal level's name in the profile), its `blocks`,
whether it is in
the TOC (`in_toc`), a `role` ("memo" | "toc" | "body") and whether a paged format should start it on a new
page (`new_page`).

Goals, indicator rows and activity rows keep the plan's order (the order the plan file has them in).
Indicator cells keep the decimals the document printed (`IndicatorRow.as_printed`), but
the value printed is always computed from the stored number, never the printed text itself.
"""

from __future__ import annotations

import datetime as dt
import re

from styrkedja.lib.numbers import format_date_iso, format_date_long, format_mnkr, format_number
from styrkedja.reports import document as d
from styrkedja.reports.blocks import (
    Align,
    Block,
    BulletList,
    Facts,
    Figure,
    Heading,
    NumberedList,
    Paragraph,
    Rating,
    ReportContent,
    Row,
    RowKind,
    Section,
    Signature,
    Signatures,
    Table,
    Toc,
    TocEntry,
    block_data,
)
from styrkedja.reports.city_tables import city_economy_sections, city_goal_sections
from styrkedja.reports.economy_tables import (
    adjustments_table,
    complaint_tables,
    economy_sections,
    investments_table,
    operating_budget_table,
    plan_area_table,
    plan_net_table,
    plan_requirement_table,
    turnover_table,
    volumes_table,
)
from styrkedja.reports.goal_tables import (
    ACTIVITY_STATUS_LABELS,
    COMPLAINTS_TITLE,
    GENDER_MARK,
    GENDER_NOTE,
    PERIODICITY_LABELS,
    TOC_DEPTH,
    activity_table,
    goal_section,
    goal_sections,
    indicator_name,
    indicator_table,
    indicator_value,
    introduction_sections,
    kf_target_text,
    prose,
    slug,
    target_text,
)
from styrkedja.reports.kinds import Part

__all__ = [
    "ACTIVITY_STATUS_LABELS",
    "COMPLAINTS_TITLE",
    "GENDER_MARK",
    "GENDER_NOTE",
    "PERIODICITY_LABELS",
    "TOC_DEPTH",
    "Align",
    "Block",
    "BulletList",
    "Facts",
    "Figure",
    "Heading",
    "NumberedList",
    "Paragraph",
    "Rating",
    "ReportContent",
    "Row",
    "RowKind",
    "Section",
    "Signature",
    "Signatures",
    "Table",
    "Toc",
    "TocEntry",
    "activity_table",
    "adjustments_table",
    "block_data",
    "complaint_tables",
    "economy_sections",
    "goal_section",
    "goal_sections",
    "indicator_name",
    "indicator_table",
    "indicator_value",
    "investments_table",
    "kf_target_text",
    "operating_budget_table",
    "plan_area_table",
    "plan_net_table",
    "plan_requirement_table",
    "prose",
    "report_content",
    "slug",
    "target_text",
    "turnover_table",
    "volumes_table",
]

# --- Sections ------------------------------------------------------------------------------------

_AMOUNT_IN_TEXT = re.compile(r"-?\d{1,3}(?:[ \u00a0]?\d{3})*,\d mnkr")


def decision_text(decision: d.Decision) -> str:
    """The decision's text with its amount computed from the tables (not the amount once typed)."""
    if decision.amount is None:
        return decision.text
    amount = f"{format_mnkr(decision.amount)} mnkr"
    if _AMOUNT_IN_TEXT.search(decision.text):
        return _AMOUNT_IN_TEXT.sub(amount, decision.text, count=1)
    return f"{decision.text.rstrip('.')} ({amount})."


def memo_section(doc: d.ReportDocument) -> Section:
    cover = doc.cover
    facts: list[tuple[str, str]] = []
    if cover.case_officers:
        facts.append(
            ("Handläggare", "; ".join(f"{n}, telefon {p}" if p else n for n, p in cover.case_officers))
        )
    if cover.addressee:
        facts.append(("Till", cover.addressee))
    if cover.meeting_date:
        facts.append(("Sammanträde", format_date_long(cover.meeting_date)))
    if cover.agenda_number:
        facts.append(("Ärende", cover.agenda_number))
    blocks: list[Block] = [Facts(facts)] if facts else []
    if cover.decisions:
        blocks.append(Heading("Förslag till beslut", 2))
        blocks.append(
            NumberedList([decision_text(x) for x in sorted(cover.decisions, key=lambda x: x.number)])
        )
    return Section(
        anchor="tjansteutlatande", title=doc.title, level=1, blocks=blocks, in_toc=False, role="memo"
    )


def special_sections(doc: d.ReportDocument) -> list[Section]:
    reports = [(t, x) for t, x in doc.special_reports if t.strip().lower() != COMPLAINTS_TITLE.lower()]
    if not reports:
        return []
    out = [Section(anchor="sarskilda-redovisningar", title="Särskilda redovisningar", level=1, new_page=True)]
    for title, text in reports:
        out.append(Section(anchor="sarskild-" + slug(title), title=title, level=2, blocks=prose(text)))
    return out


def other_sections(doc: d.ReportDocument) -> list[Section]:
    complaint_text = next(
        (x for t, x in doc.special_reports if t.strip().lower() == COMPLAINTS_TITLE.lower()), ""
    )
    tables = complaint_tables(doc)
    if not tables and not complaint_text:
        return []
    blocks: list[Block] = []
    for department, table in tables:
        blocks += [Heading(department, 3), table]
    if complaint_text:
        blocks += prose(complaint_text)
    if doc.complaints:
        blocks.append(
            Paragraph(f"Totalt {format_number(doc.complaint_total)} synpunkter och klagomål under perioden.")
        )
    return [
        Section(anchor="ovrigt", title="Övrigt", level=1),
        Section(anchor="synpunkter-och-klagomal", title=COMPLAINTS_TITLE, level=2, blocks=blocks),
    ]


def signature_section(doc: d.ReportDocument) -> Section | None:
    if not doc.signatures:
        return None
    entries = [
        Signature(
            s.name, s.title[:1].upper() + s.title[1:] if s.title else "", format_date_iso(s.date), s.signed_as
        )
        for s in doc.signatures
    ]
    return Section(
        anchor="underskrifter", title="Underskrifter", level=1, blocks=[Signatures(entries)], in_toc=False
    )


def _toc(sections: list[Section]) -> Toc:
    return Toc(
        [
            TocEntry(s.level, s.number, s.title, s.anchor)
            for s in sections
            if s.in_toc and s.level <= TOC_DEPTH
        ]
    )


def _unique_anchors(sections: list[Section]) -> None:
    seen: set[str] = set()
    for section in sections:
        anchor, n = section.anchor, 1
        while anchor in seen:
            n += 1
            anchor = f"{section.anchor}-{n}"
        section.anchor = anchor
        seen.add(anchor)


def organisation_name(doc: d.ReportDocument) -> str:
    """The organisation's name; the memo's addressee when the organisation only has its code as name."""
    if doc.organisation_name.strip().lower() == doc.organisation_code.strip().lower() and doc.cover.addressee:
        return doc.cover.addressee
    return doc.organisation_name


def document_date(doc: d.ReportDocument) -> dt.date:
    return doc.cover.meeting_date or doc.period_end or dt.date(doc.year, 1, 1)


def report_content(doc: d.ReportDocument) -> ReportContent:
    """The whole report, in the documents' order, every number formatted; the parts its kind has."""
    kind = doc.kind
    words = kind.wording
    front: list[Section] = []
    body: list[Section] = []
    if kind.has(Part.COVER_MEMO):
        front.append(memo_section(doc))
    if kind.has(Part.ATTACHMENTS) and doc.cover.attachments:
        body.append(
            Section(
                anchor="bilagor",
                title="Bilagor",
                level=1,
                blocks=[BulletList([f"Bilaga {n}: {t}" for n, t in doc.cover.attachments])],
                in_toc=False,
            )
        )
    if kind.has(Part.INTRODUCTION) and doc.decisions:
        facts = [(word, f"{format_date_long(day)}, {reference}") for word, day, reference in doc.decisions]
        body.append(Section("beslut", "Beslut om planen", level=1, blocks=[Facts(facts)], in_toc=False))
    for part, anchor, title in (
        (Part.SUMMARY_ANALYSIS, "sammanfattande-analys", words.summary_analysis),
        (Part.INTRODUCTION, "inledning", words.introduction),
    ):
        if kind.has(part) and doc.introduction and part is Part.INTRODUCTION:
            body += introduction_sections(doc.introduction, title)
        elif kind.has(part) and doc.introduction:
            body.append(Section(anchor, title, level=1, blocks=prose(doc.introduction), new_page=True))
    body.append(Section(anchor="mal", title=words.goals, level=1, new_page=kind.goals_on_new_page))
    if kind.city:
        body += city_goal_sections(doc)
        body += city_economy_sections(doc)
    else:
        body += goal_sections(doc)
        body += economy_sections(doc)
    if kind.has(Part.SPECIAL_REPORTS):
        body += special_sections(doc)
    if kind.has(Part.COMPLAINTS):
        body += other_sections(doc)
    signatures = signature_section(doc) if kind.has(Part.SIGNATURES) else None
    if signatures:
        body.append(signatures)
    _unique_anchors(body)
    toc = Section(
        anchor="innehall",
        title="Innehållsförteckning",
        level=1,
        blocks=[_toc(body)],
        in_toc=False,
        role="toc",
    )
    date = document_date(doc)
    organisation = organisation_name(doc)
    return ReportContent(
        kind=kind,
        title=doc.title,
        subtitle=kind.subtitle(organisation, doc.year, doc.period, doc.period_label),
        organisation=organisation,
        author=organisation,
        date=date,
        date_label=format_date_long(date),
        sections=[*front, toc, *body],
        locked=doc.locked,
    )
