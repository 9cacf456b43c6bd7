"""The city-wide roll-up of a period, computed from every committee's round in plain SQL: a fixed number
of queries whatever the number of committees, goals and indicators (the ORM would spend longer building
the objects than the database takes to add them up).

- per council goal: the committees' ratings of it (their goal that stands for it, `Goal.council_goal`)
  counted per rating key, and the responsible committees that gave none (`missing`);
- per council indicator: the committees' rows (their definitions that stand for it,
  `Indicator.council_indicator`), each judged against the committee's own target (forecast in T1/T2,
  outcome in the year), counted on the profile's indicator scale; the indicator's rating is suggested
  from the share of the committees that meet their target under the profile's indicator rule; the city's value where the definition allows it (`sum`: the sums of
  the committees' values, women and men too; `share`: the sum of the numerators over the sum of the
  denominators; `committee`: none);
- the council's own assessment (the city round's) and the suggestion from the counts of its committees'
  ratings and its indicators' ratings under the profile's goal rule (`profiles/counts.py`);
- the economy: each committee's revenues and costs from its round, its frame and equity from the council's
  plan; investments per committee and area from the frames and the rounds.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db import connection

from styrkedja.budget.models import BudgetArea, CommitteeFrame, InvestmentFrame
from styrkedja.followup.models import (
    AreaForecast,
    Assessment,
    InvestmentOutcome,
    Outcome,
    PrintedTotal,
    RequirementForecast,
    Round,
)
from styrkedja.lib.periods import PeriodKind, report_period
from styrkedja.lib.vocabulary import Aggregation, OrganisationKind
from styrkedja.organisations.models import Organisation
from styrkedja.organisations.profiles import profile_of
from styrkedja.plans.models import Goal, Indicator, Plan, Responsibility, Target
from styrkedja.profiles import Profile
from styrkedja.profiles import counts as counts_of
from styrkedja.reports import city as c


class NoCouncilPlan(ValueError):
    pass


def _t(model: Any) -> str:
    return str(model._meta.db_table)


def _rows(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def _dec(value: Any, places: int = 4) -> Decimal | None:
    """A database number as an exact Decimal (SQLite answers sums of decimals as floats)."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places))


def _money(value: Any) -> Decimal | None:
    return _dec(value, 1)


def council_plan(city: Organisation, year: int) -> Plan:
    plan = Plan.objects.filter(organisation=city, year=year).first()
    if plan is None:
        raise NoCouncilPlan(f"{city.code} has no council's plan for {year}")
    return plan


_COMMITTEES = f"SELECT id FROM {_t(Organisation)} WHERE parent_id = %(city)s AND kind = %(committee)s"


def _params(city: Organisation, plan: Plan, period: str) -> dict[str, Any]:
    return {
        "city": city.pk,
        "committee": OrganisationKind.COMMITTEE.value,
        "plan": plan.pk,
        "period": period,
        "area_level": profile_of(city).council_key,
    }


def _rated_sql() -> str:
    """(council goal, committee, rating, analysis) of the committees' assessments in the period."""
    return f"""
        SELECT g.council_goal_id AS goal_id, r.organisation_id AS org_id, a.value AS value,
               a.analysis AS analysis
        FROM {_t(Assessment)} a
        JOIN {_t(Round)} r ON r.id = a.round_id
        JOIN {_t(Goal)} g ON g.id = a.goal_id
        WHERE r.period = %(period)s AND r.organisation_id IN ({_COMMITTEES})
          AND g.council_goal_id IN (SELECT id FROM {_t(Goal)} WHERE plan_id = %(plan)s)
    """


def _responsible_sql() -> str:
    """(council goal, committee) for every committee responsible for a council goal of the area level:
    those named, or every committee when the goal names none or `all`."""
    resp = _t(Responsibility)
    return f"""
        SELECT g.id AS goal_id, o.id AS org_id
        FROM {_t(Goal)} g CROSS JOIN {_t(Organisation)} o
        WHERE g.plan_id = %(plan)s AND g.level = %(area_level)s
          AND o.parent_id = %(city)s AND o.kind = %(committee)s
          AND (NOT EXISTS (SELECT 1 FROM {resp} x WHERE x.goal_id = g.id)
               OR EXISTS (SELECT 1 FROM {resp} x WHERE x.goal_id = g.id
                          AND (x.organisation_id IS NULL OR x.organisation_id = o.id)))
    """


def _goal_counts_sql() -> str:
    return f"""
        WITH rated AS ({_rated_sql()}), responsible AS ({_responsible_sql()})
        SELECT goal_id, value, COUNT(*) FROM rated WHERE value <> '' GROUP BY goal_id, value
        UNION ALL
        SELECT p.goal_id, '', COUNT(*) FROM responsible p
        WHERE NOT EXISTS (SELECT 1 FROM rated x WHERE x.goal_id = p.goal_id AND x.org_id = p.org_id
                          AND x.value <> '')
        GROUP BY p.goal_id
        UNION ALL
        SELECT goal_id, '*', COUNT(*) FROM responsible GROUP BY goal_id
    """


def _indicator_sql(final: bool) -> str:
    value = "o.total" if final else "o.forecast"
    met = f"""CASE WHEN {value} IS NULL OR t.value IS NULL THEN NULL
                   WHEN k.direction = 'higher' AND {value} >= t.value THEN 1
                   WHEN k.direction = 'lower' AND {value} <= t.value THEN 1
                   WHEN k.direction = 'band' AND ABS({value} - t.value) <= COALESCE(t.band, 0) THEN 1
                   ELSE 0 END"""
    return f"""
        SELECT k.council_indicator_id, COUNT(*),
               SUM(o.total), COUNT(o.total), SUM(o.men), COUNT(o.men), SUM(o.women), COUNT(o.women),
               SUM(o.numerator), COUNT(o.numerator), SUM(o.denominator), COUNT(o.denominator),
               SUM(CASE WHEN ({met}) = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN ({met}) = 0 THEN 1 ELSE 0 END)
        FROM {_t(Outcome)} o
        JOIN {_t(Round)} r ON r.id = o.round_id
        JOIN {_t(Target)} t ON t.id = o.target_id
        JOIN {_t(Indicator)} k ON k.id = t.indicator_id
        WHERE r.period = %(period)s AND r.organisation_id IN ({_COMMITTEES})
          AND k.council_indicator_id IN (SELECT id FROM {_t(Indicator)} WHERE plan_id = %(plan)s)
        GROUP BY k.council_indicator_id
    """


def _economy_sql() -> str:
    rounds = f"SELECT id FROM {_t(Round)} WHERE period = %(period)s"
    return f"""
        SELECT o.id, o.code, o.name, f.net_frame, f.equity_in, a.costs, a.revenues, q.requirement
        FROM {_t(Organisation)} o
        LEFT JOIN {_t(Round)} r ON r.organisation_id = o.id AND r.period = %(period)s
        LEFT JOIN {_t(CommitteeFrame)} f ON f.organisation_id = o.id AND f.plan_id = %(plan)s
        LEFT JOIN (SELECT round_id, SUM(costs) AS costs, SUM(revenues) AS revenues
                   FROM {_t(AreaForecast)} WHERE round_id IN ({rounds}) GROUP BY round_id) a
               ON a.round_id = r.id
        LEFT JOIN (SELECT round_id, SUM(forecast) AS requirement
                   FROM {_t(RequirementForecast)} WHERE round_id IN ({rounds}) GROUP BY round_id) q
               ON q.round_id = r.id
        WHERE o.parent_id = %(city)s AND o.kind = %(committee)s
        ORDER BY o.name, o.code
    """


def _investments_sql() -> str:
    return f"""
        SELECT o.code, o.name, f.area, f.budget, f.project_budget, NULL, NULL, f.position
        FROM {_t(InvestmentFrame)} f JOIN {_t(Organisation)} o ON o.id = f.organisation_id
        WHERE f.plan_id = %(plan)s
        UNION ALL
        SELECT o.code, o.name, i.area, NULL, NULL, i.expenditure, i.income, i.position
        FROM {_t(InvestmentOutcome)} i
        JOIN {_t(Round)} r ON r.id = i.round_id
        JOIN {_t(Organisation)} o ON o.id = r.organisation_id
        WHERE r.period = %(period)s AND r.organisation_id IN ({_COMMITTEES})
    """


def _signs_sql() -> str:
    return f"""
        SELECT o.code, o.name, b.name, af.costs, af.revenues
        FROM {_t(AreaForecast)} af
        JOIN {_t(Round)} r ON r.id = af.round_id
        JOIN {_t(Organisation)} o ON o.id = r.organisation_id
        JOIN {_t(BudgetArea)} b ON b.id = af.area_id
        WHERE r.period = %(period)s AND r.organisation_id IN ({_COMMITTEES})
          AND (af.costs < 0 OR af.revenues > 0)
        ORDER BY o.name, b.position
    """


def city_rollup(city: Organisation, period: str, *, texts: bool = False) -> c.CityRollup:
    """The roll-up of the period; with `texts`, every committee's rating and analysis under each goal too
    (what the city's documents print)."""
    code = report_period(period).code
    final = report_period(period).kind is PeriodKind.YEAR
    plan = council_plan(city, report_period(period).year)
    params = _params(city, plan, code)
    profile = profile_of(city)
    scale = profile.ratings

    goals = list(
        Goal.objects.filter(plan=plan, level=profile.council_key)
        .order_by("position")
        .values_list("pk", "number", "title")
    )
    city_round = Round.objects.filter(organisation=city, period=code).first()
    council: dict[int, tuple[str, str, str]] = {}
    printed: dict[str, str] = {}
    if city_round is not None:
        council = {
            goal_id: (value, analysis, justification)
            for goal_id, value, analysis, justification in Assessment.objects.filter(
                round=city_round
            ).values_list("goal_id", "value", "analysis", "justification")
        }
        printed = dict(PrintedTotal.objects.filter(round=city_round).values_list("key", "text"))

    committee_counts: dict[int, dict[str, int]] = defaultdict(dict)
    responsible: dict[int, int] = {}
    for goal_id, value, n in _rows(_goal_counts_sql(), params):
        if value == "*":
            responsible[goal_id] = n
        elif value == "":
            committee_counts[goal_id][counts_of.MISSING] = n
        else:
            committee_counts[goal_id][value] = n

    indicators = _indicators(plan, params, final, profile)
    by_goal: dict[int, list[c.CityIndicator]] = defaultdict(list)
    for goal_id, indicator_id in (
        Target.objects.filter(plan=plan).order_by("position").values_list("goal_id", "indicator_id")
    ):
        if indicator_id in indicators:
            by_goal[goal_id].append(indicators[indicator_id])

    texts_by_goal: dict[int, list[c.CommitteeRating]] = defaultdict(list)
    if texts:
        names = dict(
            Organisation.objects.filter(parent=city, kind=OrganisationKind.COMMITTEE).values_list(
                "pk", "name"
            )
        )
        codes = dict(
            Organisation.objects.filter(parent=city, kind=OrganisationKind.COMMITTEE).values_list(
                "pk", "code"
            )
        )
        for goal_id, org_id, value, analysis in _rows(_rated_sql(), params):
            texts_by_goal[goal_id].append(c.CommitteeRating(codes[org_id], names[org_id], value, analysis))
        for rows in texts_by_goal.values():
            rows.sort(key=lambda r: (r.name, r.code))

    out_goals = []
    for goal_id, number, title in goals:
        counts = {**counts_of.empty_counts(scale), counts_of.MISSING: 0, **committee_counts.get(goal_id, {})}
        ind_counts = {**counts_of.empty_counts(profile.indicator_ratings), counts_of.NO_OUTCOME: 0}
        for ind in by_goal.get(goal_id, []):
            key = ind.rating if ind.rating is not None else counts_of.NO_OUTCOME
            ind_counts[key] = ind_counts.get(key, 0) + 1
        value, analysis, justification = council.get(goal_id, ("", "", ""))
        out_goals.append(
            c.CityGoal(
                ref=number,
                title=title,
                assessment=value,
                analysis=analysis,
                justification=justification,
                suggested=counts_of.suggest_goal(profile, counts, ind_counts),
                responsible=responsible.get(goal_id, 0),
                committee_ratings=counts,
                indicator_counts=ind_counts,
                ratings=texts_by_goal.get(goal_id, []),
                indicators=by_goal.get(goal_id, []),
            )
        )

    economy = [
        c.EconomyRow(
            committee=code_,
            name=name,
            revenues=None
            if revenues is None and requirement is None
            else (_money(revenues) or Decimal(0)) + (_money(requirement) or Decimal(0)),
            costs=_money(costs),
            budget=_money(frame),
            equity_in=_money(equity_in),
        )
        for _, code_, name, frame, equity_in, costs, revenues, requirement in _rows(_economy_sql(), params)
    ]
    committees = len(economy)
    return c.CityRollup(
        organisation=city.code,
        organisation_name=city.name,
        period=code,
        scale=scale,
        indicator_scale=profile.indicator_ratings,
        committees=committees,
        goals=out_goals,
        economy=economy,
        investments=_investments(params),
        printed=printed,
        sign_issues=[
            c.SignIssue(code_, name, area, _money(costs) or Decimal(0), _money(revenues) or Decimal(0))
            for code_, name, area, costs, revenues in _rows(_signs_sql(), params)
        ],
    )


def _indicators(
    plan: Plan, params: dict[str, Any], final: bool, profile: Profile
) -> dict[int, c.CityIndicator]:
    scale = profile.indicator_ratings
    definitions = {
        pk: (name, unit, decimals, aggregation, gender_split)
        for pk, name, unit, decimals, aggregation, gender_split in Indicator.objects.filter(
            plan=plan
        ).values_list("pk", "name", "unit", "decimals", "aggregation", "gender_split")
    }
    kf_targets: dict[int, Decimal | None] = {}
    for indicator_id, kf_value, value in Target.objects.filter(plan=plan).values_list(
        "indicator_id", "kf_value", "value"
    ):
        kf_targets.setdefault(indicator_id, kf_value if kf_value is not None else value)
    sums = {row[0]: row[1:] for row in _rows(_indicator_sql(final), params)}
    out: dict[int, c.CityIndicator] = {}
    for pk, (name, unit, decimals, aggregation, gender_split) in definitions.items():
        row = sums.get(pk)
        ind = c.CityIndicator(
            name=name,
            unit=unit,
            decimals=decimals,
            aggregation=aggregation,
            gender_split=gender_split,
            kf_target=kf_targets.get(pk),
            committees=row[0] if row else 0,
        )
        if row:
            n, total, n_total, men, n_men, women, n_women, num, n_num, den, n_den, met, missed = row
            if aggregation == Aggregation.SUM:
                # Only when every committee's row has the value: a sum with holes is not the city's.
                ind.total = _dec(total) if n_total == n else None
                ind.men = _dec(men) if n_men == n else None
                ind.women = _dec(women) if n_women == n else None
            elif aggregation == Aggregation.SHARE and n_num == n and n_den == n and _dec(den):
                ind.total = (100 * (_dec(num) or Decimal(0)) / (_dec(den) or Decimal(1))).quantize(
                    Decimal("0.01")
                )
            met, missed = int(met or 0), int(missed or 0)
            counts = counts_of.empty_counts(scale)
            counts[scale.best] += met
            counts[scale.worst] += missed
            ind.counts = counts
            ind.rating = counts_of.suggest_indicator_from_counts(profile, met, missed)
        out[pk] = ind
    return out


def _investments(params: dict[str, Any]) -> list[c.InvestmentRow]:
    merged: dict[tuple[str, str], c.InvestmentRow] = {}
    order: dict[tuple[str, str], tuple[str, int]] = {}
    for code, name, area, budget, project, expenditure, income, position in _rows(_investments_sql(), params):
        key = (code, area)
        row = merged.get(key)
        if row is None:
            row = merged[key] = c.InvestmentRow(code, name, area, None, None, None, None)
            order[key] = (name, int(position or 0))
        if budget is not None:
            row.budget, row.project_budget = _money(budget), _money(project)
        if expenditure is not None or income is not None:
            row.expenditure, row.income = _money(expenditure), _money(income)
    return [merged[k] for k in sorted(merged, key=lambda k: (order[k][0], k[0], order[k][1], k[1]))]
