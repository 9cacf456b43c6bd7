"""`followup export`: the plan JSON of the year, each object enriched with what the round reports."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from styrkedja.followup import models as fm
from styrkedja.followup.decisions import round_decisions
from styrkedja.followup.economics import RoundEconomics, Row, round_economics
from styrkedja.followup.previous import previous_values
from styrkedja.followup.profiles import profile_for_round
from styrkedja.followup.suggestions import indicator_suggestions, round_suggestions
from styrkedja.interchange.plan_export import export_data
from styrkedja.plans.models import Target
from styrkedja.profiles import stockholm


def _n(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    value = value.normalize()
    return int(value) if value == value.to_integral_value() else float(value)


def _row(row: Row) -> dict[str, Any]:
    return {
        "budget": _n(row.budget),
        "forecast": _n(row.forecast),
        "deviation": _n(row.deviation),
        "last_year": _n(row.last_year),
    }


def decision_texts(round_: fm.Round, eco: RoundEconomics | None = None) -> list[dict[str, Any]]:
    """Decision proposals as the file has them; turnover and adjustment amounts are computed from the tables."""
    return [
        {
            "number": d.number,
            "kind": d.kind,
            "text": d.text,
            "amount": _n(d.amount),
            "amount_as_printed": _n(d.amount_as_printed),
        }
        for d in round_decisions(round_, eco)
    ]


def followup_data(round_: fm.Round) -> dict[str, Any]:
    data = export_data(round_.plan)
    data["period"] = round_.period
    data["status"] = round_.status
    outcomes = {
        (o.target.goal.number, o.target.indicator.name): o
        for o in round_.outcomes.select_related("target__goal", "target__indicator")
    }
    previous = previous_values(round_)
    target_ids = {
        (number, name): pk
        for pk, number, name in Target.objects.filter(plan=round_.plan_id).values_list(
            "pk", "goal__number", "indicator__name"
        )
    }
    assessments = {a.goal.number: a for a in round_.assessments.select_related("goal")}
    reports = {}
    for r in round_.activity_reports.select_related("activity__goal"):
        reports[(r.activity.goal.number, r.activity.position)] = r
    profile = profile_for_round(round_)
    suggestions = round_suggestions(round_, profile)
    suggested_ratings = indicator_suggestions(round_, profile)
    own_profile = profile != stockholm()

    def walk(goals: list[dict[str, Any]]) -> None:
        for goal in goals:
            number = goal["number"]
            a = assessments.get(number)
            goal["assessment"] = (a.value or None) if a else None
            goal["analysis"] = a.analysis if a else ""
            goal["justification"] = a.justification if a else ""
            goal["suggested_when_assessed"] = (a.suggested_when_saved or None) if a else None
            s = suggestions.get(number)
            goal["suggested_assessment"] = s.value if s else None
            for ind in goal["indicators"]:
                o = outcomes.get((number, ind["name"]))
                ind["outcome"] = {
                    "total": _n(o.total) if o else None,
                    "men": _n(o.men) if o else None,
                    "women": _n(o.women) if o else None,
                    "window": [str(o.window_start), str(o.window_end)] if o and o.window_start else None,
                    "comment": o.comment if o else "",
                    "as_printed": o.as_printed if o else {},
                }
                # Added with the profiles, so written only when there is something to say: a value's own
                # period, the indicator's rating, and the suggested one where ratings are in use (a
                # rating given, or a profile of its own).
                if o and o.data_period:
                    ind["outcome"]["data_period"] = o.data_period
                if o and o.rating:
                    ind["outcome"]["rating"] = o.rating
                if o and (o.rating or own_profile):
                    ind["outcome"]["suggested_rating"] = suggested_ratings.get(o.target_id)
                if o and (o.numerator is not None or o.denominator is not None):
                    ind["outcome"]["numerator"] = _n(o.numerator)
                    ind["outcome"]["denominator"] = _n(o.denominator)
                ind["previous"] = _n(previous.get(target_ids.get((number, ind["name"]), 0)))
                ind["forecast"] = _n(o.forecast) if o else None
            for position, act in enumerate(goal["activities"], 1):
                r = reports.get((number, position))
                act["status"] = (r.status or None) if r else None
                act["deviation"] = r.deviation if r else ""
            walk(goal["goals"])

    walk(data["goals"])
    eco = round_economics(round_)
    texts = fm.EconomyText.objects.filter(round=round_).first()
    data["economics"] = {
        "areas": [
            {
                "area": a.area,
                "name_as_printed": a.name_as_printed,
                "costs": _row(a.costs),
                "revenues": _row(a.revenues),
                "net": _row(a.net),
                "commentary": a.commentary,
            }
            for a in eco.areas
        ],
        "subtotal_excluding_requirement": {
            "costs": _row(eco.subtotal_costs),
            "revenues": _row(eco.subtotal_revenues),
            "net": _row(eco.subtotal_net),
        },
        "revenue_requirement": [{"label": r.label, **_row(r)} for r in eco.requirement],
        "revenue_requirement_net": _row(eco.requirement_net),
        "total": {
            "costs": _row(eco.total_costs),
            "revenues": _row(eco.total_revenues),
            "net": _row(eco.total_net),
        },
        "investments": [{"label": r.label, **_row(r)} for r in eco.investments],
        "summary": texts.summary if texts else "",
        "requirement_commentary": texts.requirement_commentary if texts else "",
        "turnover": [
            {
                "area": t[0],
                "heading": t[1],
                "subtotal_label": t[2],
                "label": t[3],
                "costs": _n(t[4]),
                "revenues": _n(t[5]),
            }
            for t in eco.turnover
        ],
        "turnover_total": _n(eco.turnover_total),
        "adjustments": [
            {"amount": _n(a[0]), "reason": a[1], "from": _n(a[2]), "to": _n(a[3])} for a in eco.adjustments
        ],
        "volumes": [
            {
                "area": v[0],
                "label": v[1],
                "budget_places": _n(v[2]),
                "forecast_places": _n(v[3]),
                "price_per_place": _n(v[4]),
                "amount_as_printed": _n(v[5]),
            }
            for v in eco.volumes
        ],
    }
    investment_areas = list(round_.investment_outcomes.all())
    if investment_areas:
        data["economics"]["investment_areas"] = [
            {"area": i.area, "expenditure": _n(i.expenditure), "income": _n(i.income)}
            for i in investment_areas
        ]
    data["complaints"] = [
        {"department": c.department, "month": c.month, "category": c.category, "count": c.count}
        for c in round_.complaints.all()
    ]
    cover = fm.ReportCover.objects.filter(round=round_).first()
    data["report"] = {
        "title": cover.title if cover else "",
        "addressee": cover.addressee if cover else "",
        "meeting_date": str(cover.meeting_date) if cover and cover.meeting_date else None,
        "agenda_number": cover.agenda_number if cover else "",
        "case_officers": [{"name": c.name, "phone": c.phone} for c in round_.case_officers.all()],
        "decisions": decision_texts(round_, eco),
        "attachments": [{"number": a.number, "title": a.title} for a in round_.attachments.all()],
        "summary_analysis": cover.summary_analysis if cover else "",
    }
    data["signatures"] = [
        {"name": s.name, "title": s.title, "date": str(s.date) if s.date else None}
        | ({"signed_as": s.signed_as} if s.signed_as else {})
        for s in round_.signatures.all()
    ]
    data["special_reports"] = [{"title": s.title, "text": s.text} for s in round_.special_reports.all()]
    return data
