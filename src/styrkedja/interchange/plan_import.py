"""Plan file → database, in one transaction: a plan is stored whole or not at all. The file must fit its
municipality's profile (goal levels, goal numbers); a plan that does not is refused (`PlanRefused`, whose
problems name their place in the file).

The council's plan (a plan of an organisation of kind `city`) also stores the committees it names, the
committees responsible for its goals, indicators and assignments, and its frames. A committee's goals and
indicators that stand for the council's (`council_goal`, `council_indicator`, or a goal of a council level
with the council's number, an indicator of the council's table with the council's name) are linked to
them when the council's plan of the year exists, whichever of the two plans is imported first.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from styrkedja.audit import assign, save_by
from styrkedja.budget import models as bm
from styrkedja.lib.vocabulary import Aggregation, OrganisationKind, ValueSource
from styrkedja.organisations.models import Organisation
from styrkedja.organisations.profiles import profile_of, profile_of_codes
from styrkedja.planfiles import schema as s
from styrkedja.planfiles.profile_check import plan_problems
from styrkedja.planfiles.reader import RowProblem
from styrkedja.plans import models as pm
from styrkedja.plans.editing import series_named
from styrkedja.plans.lifecycle import restore
from styrkedja.profiles import Profile


class PlanExists(Exception):
    pass


def ensure_organisation(
    ref: s.OrganisationRef, by: Any = None, reason: str = "", parent: Organisation | None = None
) -> Organisation:
    """The organisation with this code, created (with its parents) when missing; names are not overwritten."""
    if ref.parent:
        parent = ensure_organisation(ref.parent, by, reason)
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
    is_council = organisation.kind == OrganisationKind.CITY
    committees = {
        c.code: ensure_organisation(
            s.OrganisationRef(code=c.code, name=c.name, kind=OrganisationKind.COMMITTEE),
            by,
            reason,
            organisation,
        )
        for c in pf.committees
    }
    loader = _Loader(
        plan, by, reason, profile, council=None if is_council else council_plan_of(organisation, pf.year)
    )
    loader.committees = committees
    for goal in pf.goals:
        loader.goal(None, goal)
    _load_budget(plan, pf.budget, by, reason)
    if is_council:
        _load_frames(plan, pf.budget, committees, by, reason)
        link_committee_plans(plan, by, reason)
    # Last: an adopted plan refuses changes, so its status comes after its content.
    restore(plan, pf.status, [d.model_dump() for d in pf.decisions], by=by, reason=reason)
    return plan


def council_plan_of(organisation: Organisation, year: int) -> pm.Plan | None:
    """The council's plan of the year for a committee: the plan of the nearest organisation of kind city
    above it."""
    city = next((o for o in organisation.ancestors()[1:] if o.kind == OrganisationKind.CITY), None)
    if city is None:
        return None
    return pm.Plan.objects.filter(organisation=city, year=year).first()


class Unresolved(ValueError):
    """A committee's plan names a council goal or indicator that the council's plan does not have."""


class _Loader:
    def __init__(self, plan: pm.Plan, by: Any, reason: str, profile: Profile, council: pm.Plan | None):
        self.plan, self.by, self.reason, self.council = plan, by, reason, council
        self.profile = profile
        self.position = 0
        self.committees: dict[str, Organisation] = {}
        self.council_goals = {g.number: g for g in council.goals.all()} if council else {}
        self.council_targets = (
            {t.indicator.name: t for t in council.targets.select_related("indicator")} if council else {}
        )

    def _responsible(self, responsible: s.Responsible, **thing: Any) -> None:
        if responsible is None:
            return
        if responsible == "all":
            organisations: list[Organisation | None] = [None]
        else:
            organisations = []
            for code in responsible:
                org = self.committees.get(code) or Organisation.objects.filter(code=code).first()
                if org is None:
                    raise Unresolved(f"no committee '{code}' (list it under committees)")
                organisations.append(org)
        for position, org in enumerate(organisations, 1):
            save_by(
                pm.Responsibility(plan=self.plan, organisation=org, position=position, **thing),
                self.by,
                self.reason,
            )

    def _lacking(self) -> str:
        if self.council is None:
            return "but the municipality above it has no council's plan for the year (import that first)"
        return "which the council's plan of the year does not have"

    def _council_goal(self, g: s.Goal) -> pm.Goal | None:
        if g.council_goal is not None:
            found = self.council_goals.get(g.council_goal)
            if found is None:
                raise Unresolved(f"goal {g.number} names council goal {g.council_goal}, {self._lacking()}")
            return found
        if self.profile.is_council_level(g.level):
            return self.council_goals.get(g.number)
        return None

    def goal(self, parent: pm.Goal | None, g: s.Goal) -> None:
        self.position += 1
        council_goal = self._council_goal(g)
        goal = save_by(
            pm.Goal(
                plan=self.plan,
                parent=parent,
                level=g.level,
                number=g.number,
                title=g.title or (council_goal.title if council_goal else ""),
                description=g.description
                or (council_goal.description if g.council_goal and council_goal else ""),
                comment=g.comment,
                position=self.position,
                council_goal=council_goal,
            ),
            self.by,
            self.reason,
        )
        self._responsible(g.responsible, goal=goal)
        for position, text in enumerate(g.expected_results, 1):
            save_by(pm.ExpectedResult(goal=goal, text=text, position=position), self.by, self.reason)
        for position, ind in enumerate(g.indicators, 1):
            council_target = self._council_target(ind)
            indicator = _indicator(
                self.plan,
                ind,
                self.by,
                self.reason,
                self.profile,
                council_target.indicator if council_target else None,
            )
            kf_mode, kf_value = ind.kf_target_mode.value, ind.kf_target
            if ind.council_indicator and council_target and ind.kf_target_mode.value == "none":
                kf_mode, kf_value = council_target.kf_mode, council_target.kf_value
            save_by(
                pm.Target(
                    plan=self.plan,
                    goal=goal,
                    indicator=indicator,
                    value=ind.target,
                    band=ind.band,
                    kf_mode=kf_mode,
                    kf_value=kf_value,
                    target_year=ind.target_year,
                    table=ind.table,
                    as_printed=dict(sorted(ind.as_printed.items())),
                    position=position,
                ),
                self.by,
                self.reason,
            )
            self._responsible(ind.responsible, indicator=indicator)
        for position, act in enumerate(g.activities, 1):
            activity = save_by(
                pm.Activity(
                    plan=self.plan,
                    goal=goal,
                    title=act.title,
                    start=act.start,
                    end=act.end,
                    kind=act.kind.value,
                    position=position,
                ),
                self.by,
                self.reason,
            )
            self._responsible(act.responsible, activity=activity)
        for child in g.goals:
            self.goal(goal, child)

    def _council_target(self, ind: s.Indicator) -> pm.Target | None:
        if ind.council_indicator is not None:
            found = self.council_targets.get(ind.council_indicator)
            if found is None:
                raise Unresolved(
                    f"indicator '{ind.name}' names council indicator '{ind.council_indicator}', {self._lacking()}"
                )
            return found
        if ind.table == "council":
            return self.council_targets.get(ind.name)
        return None


def _indicator(
    plan: pm.Plan,
    ind: s.Indicator,
    by: Any,
    reason: str,
    profile: Profile,
    council: pm.Indicator | None = None,
) -> pm.Indicator:
    """An indicator's definition in the plan (one per name, shared by the plan's goals), updated to the
    file's; one that stands for the council's indicator and leaves its definition out takes the council's.
    Its series (found by name) takes the earlier values the file gives, its comparison values are the plan
    year's. A file that gives no decimals gets the profile's for the unit."""
    if ind.unit is None or ind.periodicity is None:
        assert council is not None  # the schema and _council_target see to it
        values: dict[str, Any] = {field: getattr(council, field) for field in pm.COUNCIL_DEFINITION}
        values["code"] = ind.code or council.code
    else:
        decimals = (
            ind.decimals if "decimals" in ind.model_fields_set else profile.unit_decimals(ind.unit.value)
        )
        values = {
            "code": ind.code,
            "unit": ind.unit.value,
            "direction": ind.direction.value,
            "periodicity": ind.periodicity.value,
            "first_year": ind.first_year,
            "gender_split": ind.gender_split,
            "decimals": decimals,
            "kolada_kpi": ind.kolada_kpi or "",
            "definition": ind.definition,
            "scale_min": ind.scale[0] if ind.scale else None,
            "scale_max": ind.scale[1] if ind.scale else None,
        }
    values["aggregation"] = (ind.aggregation or Aggregation.COMMITTEE).value
    values["council_indicator"] = council
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


def _load_frames(
    plan: pm.Plan, b: s.Budget, committees: dict[str, Organisation], by: Any, reason: str
) -> None:
    def committee(code: str) -> Organisation:
        org = committees.get(code) or Organisation.objects.filter(code=code).first()
        if org is None:
            raise Unresolved(f"the frames name committee '{code}', which is neither listed nor known")
        return org

    for position, f in enumerate(b.frames, 1):
        save_by(
            bm.CommitteeFrame(
                plan=plan,
                organisation=committee(f.committee),
                net_frame=f.net_frame,
                equity_in=f.equity_in,
                position=position,
            ),
            by,
            reason,
        )
    for position, i in enumerate(b.investment_frames, 1):
        save_by(
            bm.InvestmentFrame(
                plan=plan,
                organisation=committee(i.committee),
                area=i.area,
                budget=i.budget,
                project_budget=i.project_budget,
                position=position,
            ),
            by,
            reason,
        )


def link_committee_plans(council: pm.Plan, by: Any, reason: str) -> int:
    """Link the goals and council indicators of the committees' plans of the year, imported before the
    council's, to the council's (by number at the council's levels, by name in the council's table).
    Plans that an approved round has locked, or the committee adopted, are left as they are. The number
    of rows linked."""
    from styrkedja.plans.locking import adopted_plan, locked_round

    profile = profile_of(council.organisation)
    council_levels = [key for key in profile.level_keys if profile.is_council_level(key)]
    goals = {g.number: g for g in council.goals.all()}
    indicators = {t.indicator.name: t.indicator for t in council.targets.select_related("indicator")}
    linked = 0
    plans = pm.Plan.objects.filter(year=council.year, organisation__parent=council.organisation)
    for plan in plans.exclude(pk=council.pk):
        if locked_round(plan.pk) is not None or adopted_plan(plan.pk) is not None:
            continue
        for goal in plan.goals.filter(level__in=council_levels, council_goal__isnull=True):
            if goal.number in goals:
                goal.council_goal = goals[goal.number]
                save_by(goal, by, reason)
                linked += 1
        rows = pm.Target.objects.filter(plan=plan, table="council", indicator__council_indicator__isnull=True)
        for indicator in pm.Indicator.objects.filter(pk__in=rows.values("indicator_id")):
            if indicator.name in indicators:
                indicator.council_indicator = indicators[indicator.name]
                save_by(indicator, by, reason)
                linked += 1
    return linked


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
