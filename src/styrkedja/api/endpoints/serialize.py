"""Stored rows as the API's schemas (plain dicts of the schemas' fields)."""

from __future__ import annotations

from typing import Any

from styrkedja.budget.economy import economy_tables
from styrkedja.budget.models import BudgetArea, RevenueRequirementLine
from styrkedja.edits.versions import stored_version
from styrkedja.followup import models as fm
from styrkedja.plans import models as pm


def user_name(user: Any) -> str | None:
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


def plan_summary(plan: pm.Plan) -> dict[str, Any]:
    return {
        "id": plan.pk,
        "organisation": plan.organisation.code,
        "year": plan.year,
        "title": plan.title,
        "status": plan.status,
        "version": plan.version,
    }


def goal(g: pm.Goal, results: list[str]) -> dict[str, Any]:
    return {
        "id": g.pk,
        "parent_id": g.parent_id,
        "level": g.level,
        "number": g.number,
        "title": g.title,
        "description": g.description,
        "comment": g.comment,
        "expected_results": results,
        "version": g.version,
    }


def indicator(i: pm.Indicator) -> dict[str, Any]:
    return {
        "id": i.pk,
        "series_id": i.series_id,
        "name": i.name,
        "unit": i.unit,
        "direction": i.direction,
        "periodicity": i.periodicity,
        "gender_split": i.gender_split,
        "decimals": i.decimals,
        "kolada_kpi": i.kolada_kpi,
        "definition": i.definition,
        "scale_min": i.scale_min,
        "scale_max": i.scale_max,
        "version": i.version,
    }


def target(t: pm.Target) -> dict[str, Any]:
    return {
        "id": t.pk,
        "goal_id": t.goal_id,
        "indicator_id": t.indicator_id,
        "table": t.table,
        "value": t.value,
        "band": t.band,
        "kf_mode": t.kf_mode,
        "kf_value": t.kf_value,
        "version": t.version,
    }


def activity(a: pm.Activity) -> dict[str, Any]:
    return {
        "id": a.pk,
        "goal_id": a.goal_id,
        "title": a.title,
        "start": a.start,
        "end": a.end,
        "kind": a.kind,
        "version": a.version,
    }


def budget(plan: pm.Plan) -> dict[str, Any]:
    tables = economy_tables(plan)
    areas = list(
        BudgetArea.objects.filter(plan=plan).order_by("position", "pk").values("pk", "name", "version")
    )
    by_name = {a["name"]: a for a in areas}
    lines = list(
        RevenueRequirementLine.objects.filter(plan=plan).order_by("position", "pk").values("pk", "version")
    )
    return {
        "versions": [
            {"code": v.code, "label": v.label, "kind": v.kind, "year": v.year} for v in tables.versions
        ],
        "areas": [
            {
                "id": by_name[a.name]["pk"],
                "name": a.name,
                "costs": a.costs,
                "revenues": a.revenues,
                "net": a.net,
                "version": by_name[a.name]["version"],
            }
            for a in tables.areas
        ],
        "revenue_requirement": [
            {"id": line["pk"], "label": label, "amounts": amounts, "version": line["version"]}
            for line, (label, amounts) in zip(lines, tables.requirement.lines, strict=False)
        ],
        "total_costs": tables.total_costs,
        "total_revenues": tables.total_revenues,
        "total_net": tables.total_net,
    }


def plan_full(plan: pm.Plan) -> dict[str, Any]:
    goals = list(pm.Goal.objects.filter(plan=plan).order_by("position", "pk"))
    results: dict[int, list[str]] = {}
    for r in pm.ExpectedResult.objects.filter(goal__plan=plan).order_by("goal_id", "position", "pk"):
        results.setdefault(r.goal_id, []).append(r.text)
    return {
        **plan_summary(plan),
        "introduction": plan.introduction,
        "goals": [goal(g, results.get(g.pk, [])) for g in goals],
        "indicators": [indicator(i) for i in pm.Indicator.objects.filter(plan=plan).order_by("name", "pk")],
        "targets": [
            target(t)
            for t in pm.Target.objects.filter(plan=plan).order_by("goal__position", "position", "pk")
        ],
        "activities": [
            activity(a)
            for a in pm.Activity.objects.filter(plan=plan).order_by("goal__position", "position", "pk")
        ],
        "budget": budget(plan),
    }


def round_summary(r: fm.Round) -> dict[str, Any]:
    return {
        "id": r.pk,
        "organisation": r.organisation.code,
        "plan_id": r.plan_id,
        "period": r.period,
        "status": r.status,
        "deadline": r.deadline,
        "version": r.version,
    }


def part(p: fm.Part) -> dict[str, Any]:
    return {
        "id": p.pk,
        "title": p.title,
        "goal_id": p.goal_id,
        "goal_number": p.goal.number if p.goal is not None else None,
        "status": p.status,
        "assignee": user_name(p.assignee) if p.assignee_id else None,
        "version": p.version,
    }


def outcome(t: pm.Target, o: fm.Outcome | None) -> dict[str, Any]:
    ind = t.indicator
    return {
        "target_id": t.pk,
        "goal_id": t.goal_id,
        "indicator": ind.name,
        "unit": ind.unit,
        "gender_split": ind.gender_split,
        "target": t.value,
        "total": o.total if o else None,
        "women": o.women if o else None,
        "men": o.men if o else None,
        "forecast": o.forecast if o else None,
        "window_start": o.window_start if o else None,
        "window_end": o.window_end if o else None,
        "comment": o.comment if o else "",
        "source": o.source if o else fm.Source.MANUAL,
        "version": stored_version(o),
    }


def assessment(g: pm.Goal, a: fm.Assessment | None, suggested: str | None) -> dict[str, Any]:
    return {
        "goal_id": g.pk,
        "goal_number": g.number,
        "value": (a.value or None) if a else None,
        "suggested": suggested or None,
        "analysis": a.analysis if a else "",
        "justification": a.justification if a else "",
        "version": stored_version(a),
    }


def activity_report(act: pm.Activity, r: fm.ActivityReport | None) -> dict[str, Any]:
    return {
        "activity_id": act.pk,
        "goal_id": act.goal_id,
        "title": act.title,
        "status": (r.status or None) if r else None,
        "deviation": r.deviation if r else "",
        "version": stored_version(r),
    }


def area_forecast(row: Any) -> dict[str, Any]:
    """One area of `followup/economics.round_economics`."""
    f = row.forecast
    net = row.net
    return {
        "area_id": row.pk,
        "area": row.area,
        "budget_costs": row.costs.budget,
        "budget_revenues": row.revenues.budget,
        "costs": row.costs.forecast,
        "revenues": row.revenues.forecast,
        "net_deviation": net.deviation,
        "commentary": row.commentary,
        "version": stored_version(f),
    }


def cover(round_: fm.Round, c: fm.ReportCover | None, decisions: list[Any]) -> dict[str, Any]:
    return {
        "round_id": round_.pk,
        "title": c.title if c else "",
        "addressee": c.addressee if c else "",
        "meeting_date": c.meeting_date if c else None,
        "agenda_number": c.agenda_number if c else "",
        "summary_analysis": c.summary_analysis if c else "",
        "decisions": [
            {"number": d.number, "kind": d.kind, "text": d.text, "amount": d.amount} for d in decisions
        ],
        "version": stored_version(c),
    }


def turnover(t: fm.TurnoverProposal) -> dict[str, Any]:
    return {
        "id": t.pk,
        "area_id": t.area_id,
        "area": t.area.name,
        "heading": t.heading,
        "label": t.label,
        "costs": t.costs,
        "revenues": t.revenues,
        "version": t.version,
    }


def adjustment(a: fm.AdjustmentRequest) -> dict[str, Any]:
    return {
        "id": a.pk,
        "amount": a.amount,
        "reason": a.reason,
        "from_amount": a.from_amount,
        "to_amount": a.to_amount,
        "area_id": a.area_id,
        "version": a.version,
    }


def requirement_forecast(
    line: RevenueRequirementLine, budget: Any, f: fm.RequirementForecast | None
) -> dict[str, Any]:
    return {
        "line_id": line.pk,
        "label": line.label,
        "budget": budget,
        "forecast": f.forecast if f else None,
        "version": stored_version(f),
    }


def current_of(row: Any) -> dict[str, Any] | None:
    """The stored row of a conflict, as the API shows such a row."""
    if isinstance(row, fm.Part):
        return part(row)
    if isinstance(row, fm.ReportCover):
        return cover(row.round, row, [])
    if isinstance(row, fm.TurnoverProposal):
        return turnover(row)
    if isinstance(row, fm.AdjustmentRequest):
        return adjustment(row)
    if isinstance(row, fm.RequirementForecast):
        return requirement_forecast(row.line, None, row)
    if isinstance(row, fm.Outcome):
        return outcome(row.target, row)
    if isinstance(row, fm.Assessment):
        return assessment(row.goal, row, row.suggested_when_saved)
    if isinstance(row, fm.ActivityReport):
        return activity_report(row.activity, row)
    if isinstance(row, fm.AreaForecast):
        return {
            "area_id": row.area_id,
            "costs": row.costs,
            "revenues": row.revenues,
            "commentary": row.commentary,
            "version": row.version,
        }
    if isinstance(row, pm.Goal):
        return goal(row, [r.text for r in row.expected_results.order_by("position", "pk")])
    if isinstance(row, pm.Target):
        return target(row)
    if isinstance(row, pm.Indicator):
        return indicator(row)
    if isinstance(row, pm.Activity):
        return activity(row)
    if row is None:
        return None
    return {"id": getattr(row, "pk", None), "version": getattr(row, "version", None)}
