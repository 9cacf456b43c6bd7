"""Database → report document (`styrkedja.reports.document`): the verksamhetsplan of a plan and the
follow-up report of a round, in a fixed number of queries. Templates and renderers only format; the
checks read the same documents."""

from __future__ import annotations

from collections.abc import Callable

from styrkedja.budget.document import plan_economy
from styrkedja.followup import models as fm
from styrkedja.followup.city_documents import build_city_document
from styrkedja.followup.decisions import round_decisions
from styrkedja.followup.economics import round_economics
from styrkedja.followup.previous import previous_values
from styrkedja.followup.profiles import profile_for_round
from styrkedja.followup.suggestions import indicator_suggestions, round_suggestions
from styrkedja.lib.periods import Period, PeriodError, PeriodKind, parse_period
from styrkedja.lib.vocabulary import OrganisationKind, PlanDecisionKind, ValueSource
from styrkedja.organisations.profiles import profile_of
from styrkedja.plans import models as pm
from styrkedja.plans.document import activity_rows, goal_sections
from styrkedja.profiles import Profile
from styrkedja.reports import document as d
from styrkedja.reports import kinds

#: Functions `(round, {target id: IndicatorRow})` that add to a round's indicator rows what the follow-up
#: app cannot know (an upward import): the exchange app registers Kolada's comparison (exchange/apps.py).
_ROW_ENRICHERS: list[Callable[[fm.Round, dict[int, d.IndicatorRow]], None]] = []


def register_row_enricher(enrich: Callable[[fm.Round, dict[int, d.IndicatorRow]], None]) -> None:
    if enrich not in _ROW_ENRICHERS:
        _ROW_ENRICHERS.append(enrich)


def build_plan_document(plan: pm.Plan) -> d.ReportDocument:
    profile = profile_of(plan.organisation)
    roots, sections, _ = goal_sections(plan, profile)
    activity_rows(plan, sections)
    economy = plan_economy(plan)
    return d.ReportDocument(
        profile=profile,
        kind=kinds.PLAN.worded(profile),
        organisation_code=plan.organisation.code,
        organisation_name=plan.organisation.name,
        year=plan.year,
        title=plan.title or f"Verksamhetsplan {plan.year}",
        period=str(plan.year),
        period_label=str(plan.year),
        introduction=plan.introduction,
        goals=roots,
        economy=economy,
        decisions=[
            (PlanDecisionKind.label_of(x.kind), x.decided_on, x.reference)
            for x in plan.decisions.order_by("number")
        ],
    )


def followup_goals(
    round_: fm.Round, profile: Profile | None = None
) -> tuple[list[d.GoalSection], dict[int, d.GoalSection], dict[int, d.ActivityRow]]:
    """The goal tree with the round's outcomes, last year's values and activity reports: what the
    indicator pages need, without the economics and the assessments."""
    plan = round_.plan
    profile = profile or profile_for_round(round_)
    kind = kinds.for_period(parse_period(round_.period)).worded(profile)
    roots, sections, rows = goal_sections(plan, profile)
    activities = activity_rows(plan, sections)
    previous = previous_values(round_)
    suggested = indicator_suggestions(round_, profile)
    for o in round_.outcomes.all():
        row = rows.get(o.target_id)
        if row is None:
            continue
        row.total, row.men, row.women, row.forecast = o.total, o.men, o.women, o.forecast
        row.previous = previous.get(o.target_id)
        row.window_start, row.window_end, row.comment = o.window_start, o.window_end, o.comment
        row.period_label = o.as_printed.get("period", "")
        row.rating, row.suggested_rating = o.rating, suggested.get(o.target_id)
        row.data_period = o.data_period
        row.source, row.provenance = o.source, {k: str(v) for k, v in o.provenance.items()}
        row.as_printed.update(o.as_printed)
    _history(round_, rows, kind.period_label(parse_period(round_.period)))
    for enrich in _ROW_ENRICHERS:
        enrich(round_, rows)
    for r in round_.activity_reports.all():
        row_ = activities.get(r.activity_id)
        if row_:
            row_.status, row_.deviation = r.status, r.deviation
    return roots, sections, activities


def build_followup_document(round_: fm.Round) -> d.ReportDocument:
    if round_.organisation.kind == OrganisationKind.CITY:
        return build_city_document(round_)
    plan = round_.plan
    period = parse_period(round_.period)
    profile = profile_for_round(round_)
    kind = kinds.for_period(period).worded(profile)
    period_label = kind.period_label(period)
    roots, sections, _ = followup_goals(round_, profile)
    by_number = {s.number: s for s in sections.values()}
    for a in round_.assessments.select_related("goal"):
        section = by_number[a.goal.number]
        section.assessment, section.analysis, section.justification = a.value, a.analysis, a.justification
        section.suggested_when_saved = a.suggested_when_saved
    for number, suggestion in round_suggestions(round_, profile).items():
        section = by_number[number]
        section.suggested, section.suggested_share = suggestion.value, suggestion.share
        section.reasons = [d.Reason(e.kind, e.label, e.met, e.reason) for e in suggestion.reasons]
    eco = round_economics(round_)
    printed = {a.name: a.names_as_printed for a in plan.budget_areas.all()}
    economy = d.Economy(
        budget_label=eco.budget_label,
        areas=[
            d.AreaEconomy(
                name=a.area,
                names_as_printed=sorted({a.name_as_printed, *printed.get(a.area, [])}),
                costs=d.Amounts("Kostnader", a.costs.budget, a.costs.forecast),
                revenues=d.Amounts("Intäkter", a.revenues.budget, a.revenues.forecast),
                last_year_net=a.last_year_net,
                commentary=a.commentary,
                as_printed={
                    k: v for k, v in (a.forecast.as_printed if a.forecast else {}).items() if k != "name"
                },
            )
            for a in eco.areas
        ],
        requirement=eco.requirement,
        investments=eco.investments,
        turnover=[d.TurnoverLine(*t) for t in eco.turnover],
        turnover_total_label=plan.economy.turnover_total_label if hasattr(plan, "economy") else "",
        adjustments=[d.Adjustment(*a) for a in eco.adjustments],
        volumes=[d.Volume(*v) for v in eco.volumes],
    )
    texts = fm.EconomyText.objects.filter(round=round_).first()
    if texts is not None:
        economy.summary, economy.requirement_commentary = texts.summary, texts.requirement_commentary
    cover_row = fm.ReportCover.objects.filter(round=round_).first()
    cover = d.Cover(
        title=cover_row.title if cover_row else "",
        addressee=cover_row.addressee if cover_row else "",
        meeting_date=cover_row.meeting_date if cover_row else None,
        agenda_number=cover_row.agenda_number if cover_row else "",
        summary_analysis=cover_row.summary_analysis if cover_row else "",
        case_officers=[(c.name, c.phone) for c in round_.case_officers.all()],
        decisions=[
            d.Decision(x.number, x.kind, x.text, x.amount, x.amount_as_printed)
            for x in round_decisions(round_, eco)
        ],
        attachments=[(a.number, a.title) for a in round_.attachments.all()],
    )
    return d.ReportDocument(
        profile=profile,
        kind=kind,
        organisation_code=round_.organisation.code,
        organisation_name=round_.organisation.name,
        year=period.year,
        title=cover.title or f"{period_label} – {round_.organisation.name}",
        period=period.code,
        period_label=period_label,
        period_start=period.start,
        period_end=period.end,
        introduction=cover.summary_analysis,
        goals=roots,
        economy=economy,
        cover=cover,
        complaints=[d.Complaint(c.department, c.month, c.category, c.count) for c in round_.complaints.all()],
        signatures=[d.Signature(s.name, s.title, s.date, s.signed_as) for s in round_.signatures.all()],
        special_reports=[(s.title, s.text) for s in round_.special_reports.all()],
        locked=round_.is_locked,
    )


def _history(round_: fm.Round, rows: dict[int, d.IndicatorRow], period_label: str) -> None:
    """Each indicator's earlier values, each with its period: the full years, and for a round of a part of
    the year (T1, T2 …) the same part of the earlier years (T1 2019, T1 2020 …), from the system's rounds,
    then its series' values imported outside any round (an imported report's printed previous year where
    there is neither); then the current period. The charts join values of one kind of period only."""
    period = parse_period(round_.period)
    part = "" if period.kind is PeriodKind.YEAR else period.code.partition("-")[2]  # "T1", "H1" …

    def earlier_period(code: str) -> Period | None:
        """The period of a value shown beside this round's: a full earlier year, or the same part of one."""
        try:
            found = parse_period(code)
        except PeriodError:
            return None
        if found.year >= period.year:
            return None
        if found.kind is PeriodKind.YEAR or (part and found.code.partition("-")[2] == part):
            return found
        return None

    def label(found: Period) -> str:
        return found.code if found.kind is PeriodKind.YEAR else found.label

    targets = dict(pm.Target.objects.filter(plan=round_.plan).values_list("pk", "indicator__series_id"))
    earlier: dict[int, dict[str, d.HistoryPoint]] = {}
    seen: set[tuple[int, str]] = set()  # one value per period: a plan file's, else a table's, else Kolada's
    values = pm.SeriesValue.objects.filter(series_id__in=targets.values())
    for v in sorted(values, key=lambda v: (v.period, list(ValueSource).index(ValueSource(v.source)))):
        if (v.series_id, v.period) in seen:
            continue
        seen.add((v.series_id, v.period))
        found = earlier_period(v.period)
        if found is not None:
            earlier.setdefault(v.series_id, {})[found.code] = d.HistoryPoint(
                label(found), v.total, v.men, v.women, imported=True, period=found.code
            )
    for o in (
        fm.Outcome.objects.filter(
            round__organisation=round_.organisation, target__indicator__series_id__in=targets.values()
        )
        .exclude(round=round_)
        .select_related("round", "target__indicator")
        .order_by("round__period")
    ):
        found = earlier_period(o.round.period)
        if found is not None:  # a round's outcome before the series'
            earlier.setdefault(o.target.indicator.series_id, {})[found.code] = d.HistoryPoint(
                label(found), o.total, o.men, o.women, o.target.value, period=found.code
            )
    previous = str(period.year - 1)
    for target_id, row in rows.items():
        by_period = dict(earlier.get(targets[target_id], {}))
        if row.previous is not None and previous not in by_period:
            by_period[previous] = d.HistoryPoint(previous, row.previous, period=previous)
        points = sorted(by_period.values(), key=lambda p: parse_period(p.period))
        if row.total is not None:
            points.append(
                d.HistoryPoint(period_label, row.total, row.men, row.women, row.target, period=period.code)
            )
        row.history = points
