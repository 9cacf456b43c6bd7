"""The city's documents' own sections (`Part.CITY_GOALS`, `CITY_OPERATIONS`, `CITY_INVESTMENTS`), from
the roll-up (`reports/city.py`): per council goal the council's rating, the committees' ratings counted
and written as sentences from the counts (so a sentence cannot disagree with its table), the council's
indicators with the city's values, the council's analysis and every committee's analysis gathered under
the goal; the driftredovisning and investeringsredovisning with their sums. Every number is formatted
here, the Swedish way; no Django here."""

from __future__ import annotations

from decimal import Decimal

from styrkedja.lib.numbers import format_mnkr, format_number, format_value
from styrkedja.profiles.counts import MISSING
from styrkedja.reports import document as d
from styrkedja.reports.blocks import Align, Block, Heading, Paragraph, Rating, Row, Section, Table
from styrkedja.reports.city import (
    ECONOMY_FIELDS,
    INVESTMENT_FIELDS,
    CityGoal,
    CityRollup,
    count_sentence,
    indicator_sentence,
)
from styrkedja.reports.goal_tables import TOC_DEPTH, goal_heading_level, prose, slug
from styrkedja.reports.kinds import Part

ECONOMY_HEADERS = {
    "revenues": "Intäkter",
    "costs": "Kostnader",
    "net": "Netto",
    "budget": "Budget (ram)",
    "result": "Resultat",
    "equity_in": "Eget kapital IB",
    "equity_out": "Eget kapital UB",
}
INVESTMENT_HEADERS = {
    "expenditure": "Utgifter",
    "income": "Inkomster",
    "net": "Netto",
    "budget": "Årets budget",
    "project_budget": "Projektbudget",
}
RIGHT: Align = "right"
AGGREGATION_NOTE = {
    "sum": "summan av nämndernas värden",
    "share": "andel ur nämndernas täljare och nämnare",
    "committee": "redovisas per nämnd",
}


def _label(rollup: CityRollup, key: str) -> str:
    return rollup.scale.labels.get(key, key)


def _ratings_table(goal: CityGoal, rollup: CityRollup) -> Table:
    rows = [
        Row([_label(rollup, k), format_number(goal.committee_ratings.get(k, 0))]) for k in rollup.scale.keys
    ]
    rows.append(Row(["Ingen bedömning", format_number(goal.committee_ratings.get(MISSING, 0))]))
    rows.append(Row(["Ansvariga nämnder", format_number(goal.responsible)], "total"))
    return Table(
        caption=f"Nämndernas bedömningar av mål {goal.ref}",
        header=["Bedömning", "Antal nämnder"],
        rows=rows,
        align=["left", "right"],
        widths=[0.7, 0.3],
        kind="city_ratings",
    )


def _indicator_table(goal: CityGoal, rollup: CityRollup) -> Table:
    scale = rollup.indicators_by
    keys = scale.keys
    rows = []
    for ind in goal.indicators:
        rows.append(
            Row(
                [
                    ind.name,
                    format_value(ind.total, ind.unit, ind.decimals) or "–",
                    format_value(ind.women, ind.unit, ind.decimals) or "–",
                    format_value(ind.men, ind.unit, ind.decimals) or "–",
                    format_value(ind.kf_target, ind.unit, ind.decimals) or "–",
                    format_number(ind.committees),
                    *[format_number(ind.counts.get(k, 0)) for k in keys],
                    scale.label(ind.rating) if ind.rating else "Inget värde",
                ]
            )
        )
    n = len(keys)
    return Table(
        caption=f"Kommunfullmäktiges indikatorer för mål {goal.ref}",
        header=[
            "Indikator",
            "Staden",
            "Kvinnor",
            "Män",
            "KF:s årsmål",
            "Nämnder",
            *[scale.label(k) for k in keys],
            "Bedömning",
        ],
        rows=rows,
        align=["left", *[RIGHT] * (6 + n - 1), "left"],
        widths=[0.28, 0.09, 0.08, 0.08, 0.08, 0.07, *[0.06] * n, 0.14 - 0.06 * (n - 3)],
        kind="city_indicators",
        note="Stadens värde: "
        + "; ".join(
            f"{k}: {v}"
            for k, v in AGGREGATION_NOTE.items()
            if any(i.aggregation == k for i in goal.indicators)
        ),
    )


def city_goal_sections(doc: d.ReportDocument) -> list[Section]:
    rollup = doc.city
    if rollup is None or not doc.kind.has(Part.CITY_GOALS):
        return []
    goals = {g.ref: g for g in rollup.goals}
    out: list[Section] = []
    for section in doc.all_goals():
        level = goal_heading_level(doc, section.level)
        s = Section(
            anchor="mal-" + slug(section.number or section.title),
            title=section.title,
            number=section.number,
            level=level,
            kicker=doc.profile.level_name(section.level),
            in_toc=level <= TOC_DEPTH,
            new_page=doc.profile.depth(section.level) == 0 and bool(out),
        )
        goal = goals.get(section.number)
        if goal is not None:
            s.blocks += _goal_blocks(goal, rollup)
        out.append(s)
    return out


def _goal_blocks(goal: CityGoal, rollup: CityRollup) -> list[Block]:
    blocks: list[Block] = []
    if goal.assessment:
        blocks.append(Rating(goal.assessment, _label(rollup, goal.assessment)))
    suggestion = _label(rollup, goal.suggested) if goal.suggested else "inget förslag (inga bedömningar)"
    blocks.append(
        Paragraph(f"Förslag utifrån nämndernas och indikatorernas bedömningar: {suggestion.lower()}.", "note")
    )
    blocks.append(Paragraph(count_sentence(goal.committee_ratings, goal.responsible, rollup.scale)))
    sentence = indicator_sentence(goal.indicator_counts, rollup.indicators_by)
    if sentence:
        blocks.append(Paragraph(sentence))
    blocks.append(_ratings_table(goal, rollup))
    if goal.indicators:
        blocks.append(_indicator_table(goal, rollup))
    if goal.analysis:
        blocks += [Heading("Kommunfullmäktiges analys", 3), *prose(goal.analysis)]
    if goal.justification:
        blocks += [Heading("Motivering", 3), *prose(goal.justification)]
    analyses = [r for r in goal.ratings if r.rating or r.analysis]
    if analyses:
        blocks.append(Heading("Nämndernas analyser", 3))
        for r in analyses:
            rating = _label(rollup, r.rating).lower() if r.rating else "ingen bedömning"
            blocks.append(Paragraph(f"{r.name} ({rating})", "label"))
            blocks += prose(r.analysis) if r.analysis else [Paragraph("Ingen analys lämnad.", "note")]
    return blocks


def _money(value: Decimal | None) -> str:
    return format_mnkr(value) if value is not None else "–"


def city_economy_sections(doc: d.ReportDocument) -> list[Section]:
    rollup = doc.city
    kind = doc.kind
    if rollup is None or not (kind.has(Part.CITY_OPERATIONS) or kind.has(Part.CITY_INVESTMENTS)):
        return []
    out = [Section(anchor="ekonomi", title=kind.wording.economy, level=1, new_page=True)]
    if kind.has(Part.CITY_OPERATIONS):
        total = rollup.economy_total
        rows = [Row([r.name, *[_money(getattr(r, f)) for f in ECONOMY_FIELDS]]) for r in rollup.economy]
        rows.append(Row(["Summa nämnderna", *[_money(total.sum(f)) for f in ECONOMY_FIELDS]], "total"))
        table = Table(
            caption="Driftredovisning per nämnd (mnkr)",
            header=["Nämnd", *[ECONOMY_HEADERS[f] for f in ECONOMY_FIELDS]],
            rows=rows,
            align=["left", *[RIGHT] * len(ECONOMY_FIELDS)],
            widths=[0.23, *[0.11] * len(ECONOMY_FIELDS)],
            kind="city_operations",
            note="Intäkter negativa, kostnader positiva; resultat = budget − netto (positivt är överskott); "
            "eget kapital vid årets slut = vid årets början + resultatet.",
        )
        out.append(Section(anchor="driftredovisning", title="Driftredovisning", level=2, blocks=[table]))
    if kind.has(Part.CITY_INVESTMENTS) and rollup.investments:
        rows = [
            Row([r.name, r.area, *[_money(getattr(r, f)) for f in INVESTMENT_FIELDS]])
            for r in rollup.investments
        ]
        rows.append(
            Row(["Summa", "", *[_money(rollup.investment_total(f)) for f in INVESTMENT_FIELDS]], "total")
        )
        table = Table(
            caption="Investeringsredovisning per nämnd och område (mnkr)",
            header=["Nämnd", "Område", *[INVESTMENT_HEADERS[f] for f in INVESTMENT_FIELDS]],
            rows=rows,
            align=["left", "left", *[RIGHT] * len(INVESTMENT_FIELDS)],
            widths=[0.24, 0.18, *[0.116] * len(INVESTMENT_FIELDS)],
            kind="city_investments",
        )
        out.append(
            Section(
                anchor="investeringsredovisning", title="Investeringsredovisning", level=2, blocks=[table]
            )
        )
    return out
