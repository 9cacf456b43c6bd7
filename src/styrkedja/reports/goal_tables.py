"""The goal tree of a report as sections: rating, texts, indicator tables (every cell formatted with the
decimals the document printed), indicator comments, chart slots, activity tables; rows sorted as the
documents sort them. Part of `styrkedja.reports.tables`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from styrkedja.lib import text_tables
from styrkedja.lib.numbers import format_date_iso, format_value, natural_decimals, printed_decimals
from styrkedja.lib.vocabulary import ActivityStatus, Fulfilment, GoalLevel, KfTargetMode, Periodicity
from styrkedja.reports import document as d
from styrkedja.reports.blocks import (
    Align,
    Block,
    BulletList,
    Figure,
    Heading,
    Paragraph,
    Rating,
    Row,
    Section,
    Table,
)
from styrkedja.reports.charts import indicator_chart
from styrkedja.reports.kinds import Part

# Labels of stored values come from the vocabulary (lib/vocabulary.py), the same the pages show.
RATING_LABELS = Fulfilment.labels
LEVEL_KICKERS = GoalLevel.labels
GOAL_LEVELS = {"direction": 2, "council_area": 3, "committee": 4, "unit": 5}
PERIODICITY_LABELS = Periodicity.labels
# "Värde" and "Inget" print as the value or nothing, not as words.
KF_MODE_LABELS = {
    mode.value: mode.label
    for mode in (KfTargetMode.DELEGATED_COMMITTEE, KfTargetMode.DELEGATED_COMMITTEE_OR_BOARD)
}
GENDER_MARK = "♀"
GENDER_NOTE = "♀ = indikatorn redovisas för kvinnor och män."
ACTIVITY_STATUS_LABELS = ActivityStatus.labels
COMPLAINTS_TITLE = "Synpunkter och klagomål"
TOC_DEPTH = 3

# --- Helpers ----------------------------------------------------------------------------------


def slug(text: str) -> str:
    """`1.1.1 Kvinnor och män` → `1-1-1-kvinnor-och-man` (ASCII, stable)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:60] or "avsnitt"


_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}", "é": "e", "ü": "y"})


def swedish_key(text: str) -> tuple[str, str]:
    """Sort key in Swedish alphabetical order (å, ä, ö after z; case-insensitive, then case)."""
    return (text.lower().translate(_SWEDISH_ORDER), text)


_PROSE_HEADING = re.compile(r"^\d+(?:\.\d+)*\.?\s+\S")
_BULLET = re.compile(r"^\s*(?:[-•·*▪]|\u2013)\s+")


def _is_prose_heading(line: str) -> bool:
    """A numbered line ("1.1 Unga i fokus"), or a short capitalised line without closing punctuation
    ("Egen regi"), standing alone as a paragraph."""
    if line.endswith((".", ":", ";", ",", "!", "?")):
        return False
    if _PROSE_HEADING.match(line):
        return len(line) <= 120
    return len(line) <= 60 and line[:1].isupper()


def text_table(table: text_tables.TextTable) -> Table:
    """A table written inside a text (`lib/text_tables.py`), as a table of the report."""
    return Table(
        caption=table.caption,
        header=table.header,
        rows=[Row(cells) for cells in table.rows],
        align=list(table.align),
        kind="text",
    )


def prose(text: str) -> list[Block]:
    """Stored prose → paragraphs; a short line standing alone without closing punctuation becomes a prose
    sub-heading, lines starting with a dash or bullet become a list, a pipe table (`lib/text_tables.py`)
    a table."""
    blocks: list[Block] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        table = text_tables.parse(chunk)
        if table is not None:
            blocks.append(text_table(table))
            continue
        if all(_BULLET.match(line) for line in lines):
            blocks.append(BulletList([_BULLET.sub("", line) for line in lines]))
            continue
        joined = " ".join(lines)
        if len(lines) == 1 and _is_prose_heading(joined):
            blocks.append(Paragraph(joined, "subheading"))
        else:
            blocks.append(Paragraph(joined))
    return blocks


def _decimals(row: d.IndicatorRow, key: str, value: Decimal | None) -> int:
    printed = printed_decimals(row.as_printed.get(key) or row.as_printed.get(f"plan_{key}"))
    if printed is not None:
        return printed
    return max(row.decimals, natural_decimals(value))


def indicator_value(row: d.IndicatorRow, key: str, value: Decimal | None) -> str:
    """A value of an indicator row, with its unit and the decimals the document printed for that cell."""
    return format_value(value, row.unit, _decimals(row, key, value))


def target_text(row: d.IndicatorRow) -> str:
    if row.target is None:
        return ""
    if row.direction == "band" and row.band is not None:
        band = indicator_value(row, "target", row.band)
        if row.target == 0:
            return f"+/- {band}"
        return f"{indicator_value(row, 'target', row.target)} +/- {band}"
    return indicator_value(row, "target", row.target)


def kf_target_text(row: d.IndicatorRow) -> str:
    if row.kf_mode in KF_MODE_LABELS:
        return KF_MODE_LABELS[row.kf_mode]
    if row.kf_mode != "value" or row.kf_target is None:
        return ""
    if row.direction == "band" and row.band is not None and row.kf_target == 0:
        return f"+/- {indicator_value(row, 'kf_target', row.band)}"
    return indicator_value(row, "kf_target", row.kf_target)


def indicator_name(row: d.IndicatorRow) -> str:
    return f"{GENDER_MARK} {row.name}" if row.gender_split else row.name


def period_text(row: d.IndicatorRow, doc: d.ReportDocument) -> str:
    if not doc.kind.has(Part.OUTCOME_TABLES):
        return PERIODICITY_LABELS.get(row.periodicity, row.periodicity)
    if row.period_label:
        return row.period_label
    if row.periodicity == "year":
        return str(doc.year)
    if row.periodicity == "half_year":
        return f"Halvår 1 {doc.year}"
    return doc.period_label


def sorted_indicators(rows: list[d.IndicatorRow]) -> list[d.IndicatorRow]:
    return sorted(rows, key=lambda r: swedish_key(r.name))


def sorted_activities(rows: list[d.ActivityRow]) -> list[d.ActivityRow]:
    return sorted(rows, key=lambda a: swedish_key(a.title))


# --- Goal tables ------------------------------------------------------------------------------

Item = TypeVar("Item", d.IndicatorRow, d.ActivityRow)

# A column of the follow-up indicator table: header, cell, alignment, relative width.
Column = tuple[str, Callable[[d.IndicatorRow], str], Align, float]

INDICATOR_TABLE_NAMES = {"council": "KF:s indikatorer", "committee": "Nämndens indikatorer"}
ACTIVITY_TABLE_NAMES = {
    "council_assignment": "KF:s uppdrag och aktiviteter",
    "committee": "Nämndens aktiviteter",
}


def indicator_table(
    goal: d.GoalSection, rows: list[d.IndicatorRow], table: str, doc: d.ReportDocument
) -> Table:
    caption = f"{INDICATOR_TABLE_NAMES.get(table, 'Indikatorer')} – {goal.number}"
    rows = sorted_indicators(rows)
    note = GENDER_NOTE if any(r.gender_split for r in rows) else ""
    if not doc.kind.has(Part.OUTCOME_TABLES):
        return Table(
            caption=caption,
            header=["Indikator", "Årsmål", "KF:s årsmål", "Periodicitet"],
            rows=[
                Row([indicator_name(r), target_text(r), kf_target_text(r), period_text(r, doc)]) for r in rows
            ],
            align=["left", "right", "right", "left"],
            widths=[0.58, 0.14, 0.16, 0.12],
            kind="indicators",
            note=note,
        )
    forecast: list[Column] = (
        [("Prognos helår", lambda r: indicator_value(r, "forecast", r.forecast), "right", 0.085)]
        if doc.kind.wording.prints_forecasts
        else []
    )
    columns: list[Column] = [
        ("Indikator", indicator_name, "left", 0.23),
        ("Periodens utfall", lambda r: indicator_value(r, "total", r.total), "right", 0.085),
        ("Utfall män/pojkar", lambda r: indicator_value(r, "men", r.men), "right", 0.085),
        ("Utfall kvinnor/flickor", lambda r: indicator_value(r, "women", r.women), "right", 0.085),
        (
            f"Periodens utfall VB {doc.year - 1}",
            lambda r: indicator_value(r, "previous", r.previous),
            "right",
            0.085,
        ),
        *forecast,
        ("Årsmål", target_text, "right", 0.085),
        ("KF:s årsmål", kf_target_text, "right", 0.12),
        ("Period", lambda r: period_text(r, doc), "left", 0.14),
    ]
    return Table(
        caption=caption,
        header=[name for name, _, _, _ in columns],
        rows=[Row([cell(r) for _, cell, _, _ in columns]) for r in rows],
        align=[align for _, _, align, _ in columns],
        widths=[width for _, _, _, width in columns],
        kind="indicators",
        note=note,
    )


COMPARISON_SOURCE = "Källa: Kolada"
_RIGHT: Align = "right"


def comparison_table(goal: d.GoalSection, rows: list[d.IndicatorRow]) -> Table | None:
    """The goal's indicators linked to Kolada: the period's outcome beside Riket, the own municipality
    and its peers, for the latest year Kolada has; attributed to Kolada."""
    linked = [r for r in sorted_indicators(rows) if r.comparison]
    if not linked:
        return None
    labels = list(dict.fromkeys(p.label for r in linked for p in r.comparison))
    body = []
    for r in linked:
        values = {p.label: p for p in r.comparison}
        cells = [indicator_name(r), indicator_value(r, "total", r.total), str(r.comparison_year or "")]
        for label in labels:
            point = values.get(label)
            # Kolada's values carry up to six decimals: shown with at least one.
            shown = max(r.decimals, 1)
            text = "" if point is None or point.value is None else format_value(point.value, r.unit, shown)
            cells.append(f"{text} ({point.status})" if point is not None and point.status and text else text)
        body.append(Row(cells))
    return Table(
        caption=f"Jämförelse med andra kommuner – {goal.number}",
        header=["Indikator", "Periodens utfall", "År i Kolada", *labels],
        rows=body,
        align=["left", "right", "right", *(_RIGHT for _ in labels)],
        widths=[0.34, 0.12, 0.1, *([0.44 / max(1, len(labels))] * len(labels))],
        kind="comparison",
        note=COMPARISON_SOURCE,
    )


def activity_deviation(a: d.ActivityRow) -> str:
    if a.deviation:
        return a.deviation
    if a.status == "not_relevant":
        return ACTIVITY_STATUS_LABELS[a.status]
    return ""


def activity_table(goal: d.GoalSection, rows: list[d.ActivityRow], kind: str, doc: d.ReportDocument) -> Table:
    caption = f"{ACTIVITY_TABLE_NAMES.get(kind, 'Aktiviteter')} – {goal.number}"
    rows = sorted_activities(rows)
    if not doc.kind.has(Part.OUTCOME_TABLES):
        return Table(
            caption=caption,
            header=["Aktivitet", "Startdatum", "Slutdatum"],
            rows=[Row([a.title, format_date_iso(a.start), format_date_iso(a.end)]) for a in rows],
            align=["left", "left", "left"],
            widths=[0.72, 0.14, 0.14],
            kind="activities",
        )
    return Table(
        caption=caption,
        header=["Aktivitet", "Startdatum", "Slutdatum", "Avvikelse"],
        rows=[
            Row([a.title, format_date_iso(a.start), format_date_iso(a.end), activity_deviation(a)])
            for a in rows
        ],
        align=["left", "left", "left", "left"],
        widths=[0.5, 0.12, 0.12, 0.26],
        kind="activities",
    )


def _group(items: list[Item], key: str, order: tuple[str, ...]) -> list[tuple[str, list[Item]]]:
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(getattr(item, key), []).append(item)
    known = [(k, groups[k]) for k in order if k in groups]
    return known + [(k, v) for k, v in groups.items() if k not in order]


def goal_section(goal: d.GoalSection, doc: d.ReportDocument) -> Section:
    level = GOAL_LEVELS.get(goal.level, 5)
    anchor = "mal-" + slug(goal.number or goal.title)
    section = Section(
        anchor=anchor,
        title=goal.title,
        number=goal.number,
        level=level,
        kicker=LEVEL_KICKERS.get(goal.level, ""),
        in_toc=level <= TOC_DEPTH,
        new_page=goal.level == "direction",
    )
    blocks = section.blocks
    sub = level + 1
    assessed = doc.kind.has(Part.ASSESSMENTS)
    if assessed and goal.assessment:
        blocks.append(Rating(goal.assessment, RATING_LABELS.get(goal.assessment, goal.assessment)))
    if goal.description:
        blocks += [Heading("Beskrivning", sub), *prose(goal.description)]
    if goal.expected_results:
        blocks += [Heading("Förväntat resultat", sub), BulletList([e.text for e in goal.expected_results])]
    if doc.kind.has(Part.GOAL_COMMENTS) and goal.comment:
        blocks += [Heading("Kommentar", sub), *prose(goal.comment)]
    if assessed and goal.analysis:
        blocks += [Heading("Analys", sub), *prose(goal.analysis)]
    if assessed and goal.justification:
        answered = goal.suggested_when_saved or goal.suggested or ""
        said = f" (systemets förslag: {RATING_LABELS[answered].lower()})" if answered in RATING_LABELS else ""
        blocks += [
            Paragraph(f"Motivering till avvikelse från förslaget{said}", "label"),
            *prose(goal.justification),
        ]
    for table, rows in _group(goal.indicators, "table", ("council", "committee")):
        blocks.append(indicator_table(goal, rows, table, doc))
        if doc.kind.has(Part.OUTCOME_TABLES):
            for row in sorted_indicators(rows):
                if row.comment:
                    blocks += [Paragraph(f"Analys: {indicator_name(row)}", "label"), *prose(row.comment)]
            for row in sorted_indicators(rows):
                chart = indicator_chart(row)
                if chart is not None and len([p for p in row.history if p.total is not None]) >= 2:
                    blocks.append(Figure(f"{anchor}-diagram-{slug(row.name)}", chart))
            compared = comparison_table(goal, rows)
            if compared is not None:
                blocks.append(compared)
    for kind, acts in _group(goal.activities, "kind", ("council_assignment", "committee")):
        blocks.append(activity_table(goal, acts, kind, doc))
    return section


def goal_sections(doc: d.ReportDocument) -> list[Section]:
    """Every goal in tree order; each direction goal but the first (which follows the chapter heading)
    starts a new page."""
    sections = [goal_section(g, doc) for g in doc.all_goals()]
    if sections:
        sections[0].new_page = False
    return sections
