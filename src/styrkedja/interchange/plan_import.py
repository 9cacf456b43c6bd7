"""Plan file → database, in one transaction: a plan is stored whole or not at all. The file must fit its
municipality's profile (goal levels, goal numbers); a plan that does not is refused (`PlanRefused`, whose
problems name their place in the file)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from styrkedja.audit import assign, save_by
from styrkedja.budget import models as bm
from styrkedja.lib.vocabulary import ValueSource
from styrkedja.organisations.models import Organisation
from styrkedja.organisations.profiles import profile_of_codes
from styrkedja.planfiles import schema as s
from styrkedja.planfiles.profile_check import plan_problems
from styrkedja.planfiles.reader import RowProblem
from styrkedja.plans import models as pm
from styrkedja.plans.editing import series_named
from styrkedja.plans.lifecycle import restore
from styrkedja.profiles import Profile


class PlanExists(Exception):
    pass


def ensure_organisation(ref: s.OrganisationRef, by: Any = None, reason: str = "") -> Organisation:
    """The organisation with this code, created (with its parents) when missing; names are not overwritten."""
    parent = ensure_organisation(ref.parent, by, reason) if ref.parent else None
    existing = Organisation.objects.filter(code=ref.code).first()
    if existing:
        return existing
    return save_by(Organisation(code=ref.code, name=ref.name, kind=ref.kind.value, parent=parent), by, reason)


class PlanRefused(ValueError):
    """A plan that does not fit its municipality's profile; the problems name their place in the file.
    Nothing has been stored."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems))


def plan_profile(pf: s.PlanFile) -> Profile:
    return profile_of_codes(pf.organisation.codes())


@transaction.atomic
def load_plan(
    pf: s.PlanFile, *, by: Any = None, replace: bool = False, reason: str = "plan import"
) -> pm.Plan:
    """Store a validated plan file. An existing plan for the same organisation and year is refused,
    or with replace=True deleted and stored anew, in the same transaction."""
    profile = plan_profile(pf)
    problems = [RowProblem(loc, message) for loc, message in plan_problems(pf, profile)]
    if problems:
        raise PlanRefused(problems)
    organisation = ensure_organisation(pf.organisation, by, reason)
    existing = pm.Plan.objects.filter(organisation=organisation, year=pf.year).first()
    if existing:
        if not replace:
            raise PlanExists(
                f"{organisation.code} already has a plan for {pf.year}; use --replace to overwrite it"
            )
        periods = sorted(existing.rounds.values_list("period", flat=True))
        if periods:
            raise PlanExists(
                f"{organisation.code} {pf.year}: the plan cannot be replaced, its follow-up rounds "
                f"({', '.join(periods)}) are built on it and would be lost; change it in the application, "
                "or import the file for another year"
            )
        existing.delete()
    plan = save_by(
        pm.Plan(organisation=organisation, year=pf.year, title=pf.title, introduction=pf.introduction),
        by,
        reason,
    )
    counter = _Counter(profile)
    for goal in pf.goals:
        _load_goal(plan, None, goal, by, reason, counter)
    _load_budget(plan, pf.budget, by, reason)
    # Last: an adopted plan refuses changes, so its status comes after its content.
    restore(plan, pf.status, [d.model_dump() for d in pf.decisions], by=by, reason=reason)
    return plan


class _Counter:
    def __init__(self, profile: Profile) -> None:
        self.goal = 0
        self.profile = profile


def _load_goal(
    plan: pm.Plan, parent: pm.Goal | None, g: s.Goal, by: Any, reason: str, counter: _Counter
) -> None:
    counter.goal += 1
    goal = save_by(
        pm.Goal(
            plan=plan,
            parent=parent,
            level=g.level,
            number=g.number,
            title=g.title,
            description=g.description,
            comment=g.comment,
            position=counter.goal,
        ),
        by,
        reason,
    )
    for position, text in enumerate(g.expected_results, 1):
        save_by(pm.ExpectedResult(goal=goal, text=text, position=position), by, reason)
    for position, ind in enumerate(g.indicators, 1):
        indicator = _indicator(plan, ind, by, reason, counter.profile)
        save_by(
            pm.Target(
                plan=plan,
                goal=goal,
                indicator=indicator,
                value=ind.target,
                band=ind.band,
                kf_mode=ind.kf_target_mode.value,
                kf_value=ind.kf_target,
                target_year=ind.target_year,
                table=ind.table,
                as_printed=dict(sorted(ind.as_printed.items())),
                position=position,
            ),
            by,
            reason,
        )
    for position, act in enumerate(g.activities, 1):
        save_by(
            pm.Activity(
                plan=plan,
                goal=goal,
                title=act.title,
                start=act.start,
                end=act.end,
                kind=act.kind.value,
                position=position,
            ),
            by,
            reason,
        )
    for child in g.goals:
        _load_goal(plan, goal, child, by, reason, counter)


def _indicator(plan: pm.Plan, ind: s.Indicator, by: Any, reason: str, profile: Profile) -> pm.Indicator:
    """An indicator's definition in the plan (one per name, shared by the plan's goals), updated to the
    file's; its series (found by name) takes the earlier values the file gives, its comparison values are
    the plan year's. A file that gives no decimals gets the profile's for the unit."""
    decimals = ind.decimals if "decimals" in ind.model_fields_set else profile.unit_decimals(ind.unit.value)
    values = {
        "code": ind.code,
        "unit": ind.unit.value,
        "direction": ind.direction.value,
        "periodicity": ind.periodicity.value,
        "gender_split": ind.gender_split,
        "decimals": decimals,
        "kolada_kpi": ind.kolada_kpi or "",
        "definition": ind.definition,
        "scale_min": ind.scale[0] if ind.scale else None,
        "scale_max": ind.scale[1] if ind.scale else None,
    }
    indicator = pm.Indicator.objects.filter(plan=plan, name=ind.name).first()
    if indicator is None:
        series = series_named(plan.organisation, ind.name, by, reason)
        indicator = save_by(pm.Indicator(plan=plan, series=series, name=ind.name, **values), by, reason)
    elif assign(indicator, values):
        save_by(indicator, by, reason)
    for point in ind.series:
        stored = pm.SeriesValue.objects.filter(
            series_id=indicator.series_id, period=point.period, source=ValueSource.FILE
        ).first()
        stored = stored or pm.SeriesValue(
            series_id=indicator.series_id, period=point.period, source=ValueSource.FILE
        )
        if (
            assign(stored, {"total": point.total, "men": point.men, "women": point.women})
            or stored.pk is None
        ):
            save_by(stored, by, reason)
    if ind.comparison and not indicator.comparisons.exists():
        for position, c in enumerate(ind.comparison, 1):
            save_by(
                pm.ComparisonValue(
                    indicator=indicator,
                    label=c.label,
                    value=c.value,
                    period=c.period or "",
                    source=c.source,
                    position=position,
                ),
                by,
                reason,
            )
    return indicator


def _load_budget(plan: pm.Plan, b: s.Budget, by: Any, reason: str) -> None:
    versions = {}
    for position, v in enumerate(b.versions, 1):
        versions[v.code] = save_by(
            bm.BudgetVersion(
                plan=plan, code=v.code, label=v.label, kind=v.kind, year=v.year, position=position
            ),
            by,
            reason,
        )
    areas = {}
    for position, a in enumerate(b.areas, 1):
        area = save_by(
            bm.BudgetArea(
                plan=plan,
                name=a.name,
                short_name=a.short_name,
                names_as_printed=list(a.names_as_printed),
                commentary=a.commentary,
                position=position,
            ),
            by,
            reason,
        )
        areas[a.name] = area
        for code, amounts in a.amounts.items():
            save_by(
                bm.AreaBudget(
                    area=area, version=versions[code], costs=amounts.costs, revenues=amounts.revenues
                ),
                by,
                reason,
            )
    for position, line in enumerate(b.revenue_requirement, 1):
        stored = save_by(
            bm.RevenueRequirementLine(plan=plan, label=line.label, position=position), by, reason
        )
        for code, amount in line.amounts.items():
            save_by(
                bm.RevenueRequirementAmount(line=stored, version=versions[code], amount=amount), by, reason
            )
    for position, group in enumerate(b.turnover, 1):
        grp = save_by(
            bm.TurnoverGroup(
                plan=plan,
                area=areas[group.area],
                heading=group.heading,
                subtotal_label=group.subtotal_label,
                position=position,
            ),
            by,
            reason,
        )
        for row_position, row in enumerate(group.rows, 1):
            save_by(
                bm.TurnoverRow(
                    group=grp, label=row.label, costs=row.costs, revenues=row.revenues, position=row_position
                ),
                by,
                reason,
            )
    for position, vol in enumerate(b.performance_volumes, 1):
        save_by(
            bm.PerformanceVolume(
                plan=plan,
                area=areas[vol.area],
                label=vol.label,
                budget_places=vol.budget_places,
                price_per_place=vol.price_per_place,
                position=position,
            ),
            by,
            reason,
        )
    for position, inv in enumerate(b.investments, 1):
        save_by(bm.Investment(plan=plan, label=inv.label, amount=inv.amount, position=position), by, reason)
    for position, adj in enumerate(b.adjustments, 1):
        save_by(
            bm.BudgetAdjustment(
                plan=plan,
                amount=adj.amount,
                reason=adj.reason,
                from_area=areas.get(adj.from_area),
                to_area=areas.get(adj.to_area),
                position=position,
            ),
            by,
            reason,
        )
    save_by(
        bm.PlanEconomy(
            plan=plan,
            efficiency_requirement=b.efficiency_requirement,
            turnover_total_label=b.turnover_total_label,
            summary=b.summary,
            requirement_commentary=b.requirement_commentary,
        ),
        by,
        reason,
    )
