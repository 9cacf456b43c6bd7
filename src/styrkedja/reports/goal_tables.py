"""The goal tree of a report as sections: rating, texts, indicator tables (every cell formatted with the
decimals the document printed), indicator comments, chart slots, activity tables; goals, indicators and
activities in the plan's order, levels, ratings and words as the municipality's profile has them. Part of
`styrkedja.reports.tables`."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

from styrkedja.lib import markup, text_tables
from styrkedja.lib.numbers import format_date_iso, format_value, natural_decimals, printed_decimals
from styrkedja.lib.periods import Period, PeriodError, PeriodKind, parse_period
from styrkedja.lib.vocabulary import ActivityStatus, Periodicity
from styrkedja.reports import document as d
from styrkedja.reports.blocks import (
    Align,
    Block,
    BulletList,
    Figure,
    Heading,
    NumberedList,
    Paragraph,
    Rating,
    Row,
    Section,
    Table,
)
from styrkedja.reports.charts import indicator_chart
from styrkedja.reports.kinds import Part

# Labels of stored values come from the vocabulary (lib/vocabulary.py), the same the pages show; goal levels
# and ratings from the municipality's profile (`doc.profile`).
PERIODICITY_LABELS = Periodicity.labels
GENDER_MARK = "♀"
GENDER_NOTE = "♀ = indikatorn redovisas för kvinnor och män."
ACTIVITY_STATUS_LABELS = ActivityStatus.labels
COMPLAINTS_TITLE = "Synpunkter och klagomål"
TOC_DEPTH = 3
#: The heading level of the top goal level; each level below is one more, down to the deepest heading.
TOP_GOAL_HEADING = 2
DEEPEST_HEADING = 6


def goal_heading_level(doc: d.ReportDocument, level: str) -> int:
    return min(TOP_GOAL_HEADING + doc.profile.depth(level), DEEPEST_HEADING)


# --- Helpers ----------------------------------------------------------------------------------


def slug(text: str) -> str:
    """`1.1.1 Kvinnor och män` → `1-1-1-kvinnor-och-man` (ASCII, stable)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:60] or "avsnitt"


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


def markup_blocks(blocks: list[markup.Block], heading_level: int) -> list[Block]:
    """Blocks of the safe text format (lib/markup.py) as report blocks: `#` a heading at `heading_level`,
    `##` the next, paragraphs with their emphasis and links, lists, tables."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, markup.Heading):
            out.append(Heading(block.text, min(6, heading_level + block.level - 1)))
        elif isinstance(block, markup.Paragraph):
            styled = any(span.style for span in block.spans)
            out.append(Paragraph(block.text, spans=list(block.spans) if styled else []))
        elif isinstance(block, markup.ListBlock):
            items = [markup.plain(item) for item in block.items]
            out.append(NumberedList(items, block.start) if block.ordered else BulletList(items))
        else:
            out.append(text_table(block))
    return out


def marked_up(text: str, heading_level: int) -> list[Block]:
    """A text of the safe text format (an area's commentary …) as report blocks."""
    return markup_blocks(markup.parse(text), heading_level)


def introduction_sections(text: str, title: str) -> list[Section]:
    """The plan's introduction (the safe text format): what precedes its first `#` heading under the
    introduction's own title, and each `#` heading a chapter of its own (Uppdrag och organisation …)."""
    before, chapters = markup.chapters(text)
    sections = []
    if before or not chapters:
        sections.append(Section("inledning", title, level=1, blocks=markup_blocks(before, 1), new_page=True))
    for index, (heading, blocks) in enumerate(chapters):
        sections.append(
            Section(
                f"kapitel-{index + 1}-{slug(heading)}",
                heading,
                level=1,
                blocks=markup_blocks(blocks, 1),
                new_page=index == 0 and not before,
            )
        )
    return sections


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
    """The indicator's decimals, never fewer than the value holds; more where an imported document printed
    the cell with more (`75,28 %` for a whole-number indicator), never fewer (`6,0 mån`, not `6 mån`,
    beside `5,2 mån`)."""
    printed = printed_decimals(row.as_printed.get(key) or row.as_printed.get(f"plan_{key}"))
    return max(row.decimals, natural_decimals(value, None), printed or 0)


def indicator_value(row: d.IndicatorRow, key: str, value: Decimal | None) -> str:
    """A value of an indicator row, with its unit and the decimals the document printed for that cell."""
    return format_value(value, row.unit, _decimals(row, key, value), row.unit_suffix)


def target_text(row: d.IndicatorRow) -> str:
    if row.target is None:
        return ""
    if row.direction == "band" and row.band is not None:
        band = indicator_value(row, "target", row.band)
        if row.target == 0:
            return f"+/- {band}"
        text = f"{indicator_value(row, 'target', row.target)} +/- {band}"
    else:
        text = indicator_value(row, "target", row.target)
    return f"{text} ({row.target_year})" if row.target_year else text


def kf_target_text(row: d.IndicatorRow, doc: d.ReportDocument) -> str:
    """The council's target: its value, or in the profile's words who sets it ("Värde" and "Inget" print as
    the value or nothing)."""
    delegated = doc.kind.wording.kf_mode_label(row.kf_mode)
    if delegated:
        return delegated
    if row.kf_mode != "value" or row.kf_target is None:
        return ""
    if row.direction == "band" and row.band is not None and row.kf_target == 0:
        return f"+/- {indicator_value(row, 'kf_target', row.band)}"
    return indicator_value(row, "kf_target", row.kf_target)


def indicator_name(row: d.IndicatorRow) -> str:
    name = f"{row.code} {row.name}" if row.code else row.name
    return f"{GENDER_MARK} {name}" if row.gender_split else name


def data_period_label(code: str, doc: d.ReportDocument) -> str:
    """The name of a value's own period (`2020` → "2020", `2020-T2` as the document names a period)."""
    try:
        return doc.kind.period_label(parse_period(code))
    except PeriodError:
        return code


def period_text(row: d.IndicatorRow, doc: d.ReportDocument) -> str:
    if not doc.kind.has(Part.OUTCOME_TABLES):
        return PERIODICITY_LABELS.get(row.periodicity, row.periodicity)
    if row.data_period:
        return data_period_label(row.data_period, doc)
    if row.period_label:
        return row.period_label
    if not row.measured_in(doc.year):
        return f"{PERIODICITY_LABELS.get(row.periodicity, row.periodicity)}, ej {doc.year}"
    if row.periodicity in ("year", "every_other_year"):
        return str(doc.year)
    if row.periodicity == "half_year":
        return doc.kind.wording.calendar_label(Period(doc.year, PeriodKind.HALF_YEAR, 1))
    return doc.period_label


# --- Goal tables ------------------------------------------------------------------------------

Item = TypeVar("Item", d.IndicatorRow, d.ActivityRow)

# A column of the follow-up indicator table: header, cell, alignment, relative width.
Column = tuple[str, Callable[[d.IndicatorRow], str], Align, float]


def indicator_table_name(table: str, doc: d.ReportDocument) -> str:
    words = doc.kind.wording
    return {"council": words.council_indicators, "committee": words.committee_indicators}.get(
        table, "Indikatorer"
    )


def activity_table_name(kind: str, doc: d.ReportDocument) -> str:
    words = doc.kind.wording
    return {"council_assignment": words.council_activities, "committee": words.committee_activities}.get(
        kind, "Aktiviteter"
    )


def indicator_table(
    goal: d.GoalSection, rows: list[d.IndicatorRow], table: str, doc: d.ReportDocument
) -> Table:
    words = doc.kind.wording
    caption = f"{indicator_table_name(table, doc)} – {goal.number}"
    note = GENDER_NOTE if any(r.gender_split for r in rows) else ""
    if not doc.kind.has(Part.OUTCOME_TABLES):
        return Table(
            caption=caption,
            header=[words.indicator, words.target, words.council_target, words.periodicity],
            rows=[
                Row([indicator_name(r), target_text(r), kf_target_text(r, doc), period_text(r, doc)])
                for r in rows
            ],
            align=["left", "right", "right", "left"],
            widths=[0.58, 0.14, 0.16, 0.12],
            kind="indicators",
            note=note,
        )
    forecast: list[Column] = (
        [(words.forecast, lambda r: indicator_value(r, "forecast", r.forecast), "right", 0.085)]
        if words.prints_forecasts
        else []
    )
    scale = doc.profile.indicator_ratings
    ratings: list[Column] = (
        [(words.rating, lambda r: scale.label(r.rating) if r.rating else "", "left", 0.1)]
        if doc.kind.has(Part.ASSESSMENTS) and any(r.rating for r in rows)
        else []
    )
    columns: list[Column] = [
        (words.indicator, indicator_name, "left", 0.23),
        (words.outcome, lambda r: indicator_value(r, "total", r.total), "right", 0.085),
        (words.men, lambda r: indicator_value(r, "men", r.men), "right", 0.085),
        (words.women, lambda r: indicator_value(r, "women", r.women), "right", 0.085),
        (
            words.previous.format(year=doc.year - 1),
            lambda r: indicator_value(r, "previous", r.previous),
            "right",
            0.085,
        ),
        *forecast,
        (words.target, target_text, "right", 0.085),
        (words.council_target, lambda r: kf_target_text(r, doc), "right", 0.12),
        (words.period, lambda r: period_text(r, doc), "left", 0.14),
        *ratings,
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
    linked = [r for r in rows if r.comparison]
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
    caption = f"{activity_table_name(kind, doc)} – {goal.number}"
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


def rating_block(key: str, doc: d.ReportDocument) -> Rating:
    """A goal's rating with its label, and the colour of its rating on the profile's scale (a state that is
    not a rating has none)."""
    scale = doc.profile.ratings
    found = scale.rating(key)
    return Rating(
        key,
        scale.label(key),
        colour=found.colour if found else "",
        text_colour=found.text_colour if found else "",
        word=doc.kind.wording.rating,
    )


def comparisons_table(goal: d.GoalSection, rows: list[d.IndicatorRow]) -> Table | None:
    """The values the goal's indicators are compared with (Riket, similar municipalities …)."""
    lines = [(r, c) for r in rows for c in r.comparisons]
    if not lines:
        return None
    return Table(
        caption=f"Jämförelser – {goal.number}",
        header=["Indikator", "Jämförelse", "Värde", "Period", "Källa"],
        rows=[
            Row([indicator_name(r), c.label, indicator_value(r, "comparison", c.value), c.period, c.source])
            for r, c in lines
        ],
        align=["left", "left", "right", "left", "left"],
        widths=[0.32, 0.18, 0.2, 0.12, 0.18],
        kind="comparisons",
    )


def series_table(goal: d.GoalSection, rows: list[d.IndicatorRow]) -> Table | None:
    """Earlier values of the goal's indicators, a column per year, for the indicators with a series of
    their own (values imported outside any round)."""
    shown = [r for r in rows if any(p.imported for p in r.history)]
    if not shown:
        return None
    periods = sorted({p.label for r in shown for p in r.history if p.total is not None and p.label.isdigit()})
    if len(periods) < 2:
        return None
    right: Align = "right"
    cells = []
    for r in shown:
        by_period = {p.label: p.total for p in r.history}
        cells.append(
            Row([indicator_name(r), *[indicator_value(r, "series", by_period.get(p)) for p in periods]])
        )
    return Table(
        caption=f"Tidigare år – {goal.number}",
        header=["Indikator", *periods],
        rows=cells,
        align=["left", *[right for _ in periods]],
        widths=[0.4, *[0.6 / len(periods)] * len(periods)],
        kind="series",
    )


def goal_section(goal: d.GoalSection, doc: d.ReportDocument) -> Section:
    level = goal_heading_level(doc, goal.level)
    anchor = "mal-" + slug(goal.number or goal.title)
    section = Section(
        anchor=anchor,
        title=goal.title,
        number=goal.number,
        level=level,
        kicker=doc.profile.level_name(goal.level),
        in_toc=level <= TOC_DEPTH,
        new_page=doc.profile.depth(goal.level) == 0,
    )
    blocks = section.blocks
    sub = level + 1
    assessed = doc.kind.has(Part.ASSESSMENTS)
    if assessed and goal.assessment:
        blocks.append(rating_block(goal.assessment, doc))
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
        labels = doc.profile.ratings.labels
        said = f" (systemets förslag: {labels[answered].lower()})" if answered in labels else ""
        blocks += [
            Paragraph(f"Motivering till avvikelse från förslaget{said}", "label"),
            *prose(goal.justification),
        ]
    for table, rows in _group(goal.indicators, "table", ("council", "committee")):
        blocks.append(indicator_table(goal, rows, table, doc))
        if doc.kind.has(Part.OUTCOME_TABLES):
            for row in rows:
                if row.comment:
                    blocks += [Paragraph(f"Analys: {indicator_name(row)}", "label"), *prose(row.comment)]
            for row in rows:
                chart = indicator_chart(row, doc.kind.wording.target)
                if chart is not None and len([p for p in row.history if p.total is not None]) >= 2:
                    blocks.append(Figure(f"{anchor}-diagram-{slug(row.name)}", chart))
            compared = comparison_table(goal, rows)
            if compared is not None:
                blocks.append(compared)
    for extra in (series_table(goal, goal.indicators), comparisons_table(goal, goal.indicators)):
        if extra is not None:
            blocks.append(extra)
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
