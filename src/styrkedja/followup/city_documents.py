"""The city's round → its report document: the council's goal tree with the council's assessments, and
the roll-up of every committee (`followup/city_rollup.py`) for the city's own parts; the same document model
the committees' reports have, so the same renderers print it and the same checks (and the city's own,
`checks/city.py`) read it."""

from __future__ import annotations

from styrkedja.followup import models as fm
from styrkedja.followup.city_rollup import city_rollup
from styrkedja.lib.periods import parse_period
from styrkedja.plans import models as pm
from styrkedja.reports import document as d
from styrkedja.reports import kinds


def build_city_document(round_: fm.Round) -> d.ReportDocument:
    period = parse_period(round_.period)
    rollup = city_rollup(round_.organisation, round_.period, texts=True)
    goals = list(pm.Goal.objects.filter(plan=round_.plan).order_by("position"))
    sections = {
        g.pk: d.GoalSection(level=g.level, number=g.number, title=g.title, description=g.description)
        for g in goals
    }
    by_ref = {g.ref: g for g in rollup.goals}
    roots = []
    for g in goals:
        section = sections[g.pk]
        found = by_ref.get(g.number)
        if found is not None:
            section.assessment, section.analysis = found.assessment, found.analysis
            section.justification = found.justification
        if g.parent_id:
            sections[g.parent_id].children.append(section)
        else:
            roots.append(section)
    cover_row = fm.ReportCover.objects.filter(round=round_).first()
    kind = kinds.for_period(period, city=True)
    title = (cover_row.title if cover_row else "") or f"{kind.wording.title} {period.year}"
    return d.ReportDocument(
        kind=kind,
        organisation_code=round_.organisation.code,
        organisation_name=round_.organisation.name,
        year=period.year,
        title=title,
        period=period.code,
        period_label=period.label,
        period_start=period.start,
        period_end=period.end,
        introduction=cover_row.summary_analysis if cover_row else "",
        goals=roots,
        cover=d.Cover(title=title, summary_analysis=cover_row.summary_analysis if cover_row else ""),
        locked=round_.is_locked,
        city=rollup,
    )
