"""Database → ReportDocument, in a fixed number of queries. Templates and renderers only format."""

from __future__ import annotations

from decimal import Decimal

from styrkedja.budget.economy import economy_tables
from styrkedja.followup import models as fm
from styrkedja.followup.economics import round_economics
from styrkedja.followup.export import decision_texts, previous_values
from styrkedja.followup.suggestions import round_suggestions
from styrkedja.lib.periods import PeriodKind, parse_period
from styrkedja.plans import models as pm
from styrkedja.reports import document as d


def _goal_tree(
    plan: pm.Plan,
) -> tuple[list[d.GoalSection], dict[int, d.GoalSection], dict[int, d.IndicatorRow]]:
    goals = list(plan.goals.order_by("position"))
    sections = {
        g.pk: d.GoalSection(
            level=g.level, number=g.number, title=g.title, description=g.description, comment=g.comment
        )
        for g in goals
    }
    for er in pm.ExpectedResult.objects.filter(goal__plan=plan).order_by("goal_id", "position"):
        sections[er.goal_id].expected_results.append(d.ExpectedResultRow(er.text, er.quantified is not None))
    rows: dict[int, d.IndicatorRow] = {}
    for t in (
        pm.Target.objects.filter(plan=plan).select_related("indicator").order_by("goal__position", "position")
    ):
        ind = t.indicator
        row = d.IndicatorRow(
            name=ind.name,
            unit=ind.unit,
            direction=ind.direction,
            periodicity=ind.periodicity,
            gender_split=ind.gender_split,
            decimals=ind.decimals,
            table=t.table,
            target=t.value,
            band=t.band,
            kf_mode=t.kf_mode,
            kf_target=t.kf_value,
            kolada_kpi=ind.kolada_kpi,
            as_printed={f"plan_{k}": v for k, v in t.as_printed.items()},
        )
        rows[t.pk] = row
        sections[t.goal_id].indicators.append(row)
    roots = []
    for g in goals:
        if g.parent_id:
            sections[g.parent_id].children.append(sections[g.pk])
        else:
            roots.append(sections[g.pk])
    return roots, sections, rows


def _activities(plan: pm.Plan, sections: dict[int, d.GoalSection]) -> dict[int, d.ActivityRow]:
    rows = {}
    for a in pm.Activity.objects.filter(plan=plan).order_by("goal__position", "position"):
        row = d.ActivityRow(title=a.title, start=a.start, end=a.end, kind=a.kind)
        rows[a.pk] = row
        sections[a.goal_id].activities.append(row)
    return rows


def build_plan_document(plan: pm.Plan) -> d.ReportDocument:
    roots, sections, _ = _goal_tree(plan)
    _activities(plan, sections)
    tables = economy_tables(plan)
    adopted = tables.adopted()
    code = adopted.code if adopted else ""
    economy = d.Economy(
        versions=[(v.code, v.label) for v in tables.versions],
        budget_label=adopted.label if adopted else "",
        areas=[],
        requirement=[
            d.Amounts(label, amounts.get(code, d.ZERO)) for label, amounts in tables.requirement.lines
        ],
        requirement_by_version=[(label, dict(amounts)) for label, amounts in tables.requirement.lines],
        investments=[d.Amounts(label, amount) for label, amount in tables.investments],
        turnover=[
            d.TurnoverLine(g.area, g.heading, g.subtotal_label, label, costs, revenues)
            for g in tables.turnover
            for label, costs, revenues in g.rows
        ],
        turnover_total_label=tables.turnover_total_label,
        adjustments=[d.Adjustment(a[0], a[1]) for a in tables.adjustments],
        volumes=[d.Volume(area, label, places, None, price) for area, label, places, price in tables.volumes],
        efficiency_requirement=tables.efficiency_requirement,
    )
    printed = {a.name: a.names_as_printed for a in plan.budget_areas.all()}
    for area in tables.areas:
        economy.areas.append(
            d.AreaEconomy(
                name=area.name,
                names_as_printed=list(printed.get(area.name, [])),
                costs=d.Amounts("Kostnader", area.costs.get(code, d.ZERO)),
                revenues=d.Amounts("Intäkter", area.revenues.get(code, d.ZERO)),
                by_version={c: (area.costs[c], area.revenues[c]) for c in area.costs},
            )
        )
    return d.ReportDocument(
        kind="plan",
        organisation_code=plan.organisation.code,
        organisation_name=plan.organisation.name,
        year=plan.year,
        title=plan.title or f"Verksamhetsplan {plan.year}",
        period=str(plan.year),
        period_label=str(plan.year),
        introduction=plan.introduction,
        goals=roots,
        economy=economy,
    )


def followup_goals(
    round_: fm.Round,
) -> tuple[list[d.GoalSection], dict[int, d.GoalSection], dict[int, d.ActivityRow]]:
    """The goal tree with the round's outcomes, last year's values and activity reports: what the
    indicator pages need, without the economics and the assessments."""
    plan = round_.plan
    roots, sections, rows = _goal_tree(plan)
    activity_rows = _activities(plan, sections)
    previous = previous_values(round_)
    for o in round_.outcomes.all():
        row = rows.get(o.target_id)
        if row is None:
            continue
        row.total, row.men, row.women, row.forecast = o.total, o.men, o.women, o.forecast
        row.previous = previous.get(o.target_id)
        row.window_start, row.window_end, row.comment = o.window_start, o.window_end, o.comment
        row.period_label = o.as_printed.get("period", "")
        row.source, row.provenance = o.source, {k: str(v) for k, v in o.provenance.items()}
        row.as_printed.update(o.as_printed)
    _history(round_, rows)
    for r in round_.activity_reports.all():
        activity = activity_rows.get(r.activity_id)
        if activity:
            activity.status, activity.deviation = r.status, r.deviation
    return roots, sections, activity_rows


def build_followup_document(round_: fm.Round) -> d.ReportDocument:
    plan = round_.plan
    period = parse_period(round_.period)
    roots, sections, _ = followup_goals(round_)
    by_number = {s.number: s for s in sections.values()}
    for a in round_.assessments.select_related("goal"):
        section = by_number[a.goal.number]
        section.assessment, section.analysis, section.justification = a.value, a.analysis, a.justification
        section.suggested_when_saved = a.suggested_when_saved
    for number, suggestion in round_suggestions(round_).items():
        section = by_number[number]
        section.suggested, section.suggested_share = suggestion.value, suggestion.share
        section.reasons = [d.Reason(e.kind, e.label, e.met, e.reason) for e in suggestion.reasons]
    eco = round_economics(round_)
    printed = {a.name: a.names_as_printed for a in plan.budget_areas.all()}
    cells = {f.area.name: f.as_printed for f in round_.area_forecasts.select_related("area")}
    economy = d.Economy(
        budget_label=(v.label if (v := plan.budget_versions.filter(kind="adopted").first()) else ""),
        areas=[
            d.AreaEconomy(
                name=a.area,
                names_as_printed=sorted({a.name_as_printed, *printed.get(a.area, [])}),
                costs=d.Amounts("Kostnader", a.costs.budget, a.costs.forecast),
                revenues=d.Amounts("Intäkter", a.revenues.budget, a.revenues.forecast),
                last_year_net=a.last_year_net,
                commentary=a.commentary,
                as_printed={k: v for k, v in cells.get(a.area, {}).items() if k != "name"},
            )
            for a in eco.areas
        ],
        requirement=[d.Amounts(r.label, r.budget, r.forecast, r.last_year) for r in eco.requirement],
        investments=[d.Amounts(r.label, r.budget, r.forecast, r.last_year) for r in eco.investments],
        turnover=[d.TurnoverLine(*t) for t in eco.turnover],
        turnover_total_label=plan.economy.turnover_total_label if hasattr(plan, "economy") else "",
        adjustments=[d.Adjustment(*a) for a in eco.adjustments],
        volumes=[d.Volume(*v) for v in eco.volumes],
    )
    cover_row = fm.ReportCover.objects.filter(round=round_).first()
    cover = d.Cover(
        title=cover_row.title if cover_row else "",
        addressee=cover_row.addressee if cover_row else "",
        meeting_date=cover_row.meeting_date if cover_row else None,
        agenda_number=cover_row.agenda_number if cover_row else "",
        summary_analysis=cover_row.summary_analysis if cover_row else "",
        case_officers=[(c.name, c.phone) for c in round_.case_officers.all()],
        decisions=[
            d.Decision(
                x["number"],
                x["kind"],
                x["text"],
                Decimal(str(x["amount"])) if x["amount"] is not None else None,
                Decimal(str(x["amount_as_printed"])) if x["amount_as_printed"] is not None else None,
            )
            for x in decision_texts(round_, eco)
        ],
        attachments=[(a.number, a.title) for a in round_.attachments.all()],
    )
    return d.ReportDocument(
        kind="followup",
        organisation_code=round_.organisation.code,
        organisation_name=round_.organisation.name,
        year=period.year,
        title=cover.title or f"{period.label} – {round_.organisation.name}",
        period=period.code,
        period_label=period.label,
        period_start=period.start,
        period_end=period.end,
        final=period.kind is PeriodKind.YEAR,
        introduction=cover.summary_analysis,
        goals=roots,
        economy=economy,
        cover=cover,
        complaints=[d.Complaint(c.department, c.month, c.category, c.count) for c in round_.complaints.all()],
        signatures=[d.Signature(s.name, s.title, s.date, s.signed_as) for s in round_.signatures.all()],
        special_reports=[(s.title, s.text) for s in round_.special_reports.all()],
        locked=round_.is_locked,
    )


def _history(round_: fm.Round, rows: dict[int, d.IndicatorRow]) -> None:
    """Each indicator's earlier full-year outcomes (from the system; an imported report's printed previous
    year where the system has none), then the current period."""
    period = parse_period(round_.period)
    targets = dict(pm.Target.objects.filter(plan=round_.plan).values_list("pk", "indicator_id"))
    earlier: dict[int, list[d.HistoryPoint]] = {}
    for o in (
        fm.Outcome.objects.filter(
            round__organisation=round_.organisation, target__indicator_id__in=targets.values()
        )
        .exclude(round=round_)
        .select_related("round", "target")
        .order_by("round__period")
    ):
        if o.round.period.isdigit() and int(o.round.period) < period.year:
            earlier.setdefault(o.target.indicator_id, []).append(
                d.HistoryPoint(o.round.period, o.total, o.men, o.women, o.target.value)
            )
    for target_id, row in rows.items():
        points = list(earlier.get(targets[target_id], []))
        if not points and row.previous is not None:
            points.append(d.HistoryPoint(str(period.year - 1), row.previous))
        if row.total is not None:
            points.append(d.HistoryPoint(period.label, row.total, row.men, row.women, row.target))
        row.history = points
