"""Follow-up rounds and their parts; outcomes, assessments, activity reports and economic forecasts, read
and written through the follow-up services (`followup/values.py`, `followup/economy_editing.py`), which
check the role, the part, the lock and the version exactly as for the web; findings and roll-ups."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status

from styrkedja.api.endpoints import common, serialize
from styrkedja.api.problems import Problem
from styrkedja.api.schemas import (
    ActivityReportIn,
    ActivityReportOut,
    AreaForecastIn,
    AreaForecastOut,
    AssessmentIn,
    AssessmentOut,
    OrganisationRollup,
    OutcomeIn,
    OutcomeOut,
    OutcomeSaved,
    PartDetail,
    RollupOut,
    RoundFindings,
    RoundOpen,
    RoundOut,
    RoundPage,
)
from styrkedja.budget.models import BudgetArea
from styrkedja.followup import rollup
from styrkedja.followup.checking import check_round
from styrkedja.followup.city_rollup import NoCouncilPlan, city_rollup
from styrkedja.followup.economics import round_economics
from styrkedja.followup.economy_editing import save_area_forecast
from styrkedja.followup.models import ActivityReport, Assessment, Outcome, Round, check_open
from styrkedja.followup.permissions import EDIT_ROUND
from styrkedja.followup.scope import GoalTree, part_scope
from styrkedja.followup.suggestions import round_suggestions
from styrkedja.followup.values import OutcomeInput, save_activity_report, save_assessment, save_outcome
from styrkedja.followup.workflow import open_round as open_round_
from styrkedja.lib.periods import PeriodError, report_period
from styrkedja.lib.validation import MONEY, costs_problem, number_problem, revenues_problem
from styrkedja.lib.vocabulary import OrganisationKind
from styrkedja.organisations.models import Role
from styrkedja.organisations.permissions import visible_organisations
from styrkedja.plans.models import Activity, Goal, Target
from styrkedja.reports.city import rollup_json

router = Router(tags=["Uppföljningar"])
READ = {304: None, 401: Problem, 403: Problem, 404: Problem, 422: Problem}
WRITE = {400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}


@router.get("/rounds", response={200: RoundPage, **READ}, summary="Uppföljningar")
def list_rounds(
    request: HttpRequest,
    window: Query[common.Window],
    organisation: str | None = None,
    period: str | None = None,
    year: int | None = None,
):
    """Uppföljningarna i organisationerna där du har en roll; filtrera med `organisation` (kod), `period`
    (2021-T1, 2021-T2, 2021) och `year`."""
    orgs = [o.pk for o in visible_organisations(request.user)]
    rounds = Round.objects.select_related("organisation").filter(organisation_id__in=orgs)
    if organisation is not None:
        rounds = rounds.filter(organisation__code=organisation)
    if period is not None:
        try:
            rounds = rounds.filter(period=report_period(period).code)
        except PeriodError:
            rounds = rounds.none()
    if year is not None:
        rounds = rounds.filter(plan__year=year)
    rows = [serialize.round_summary(r) for r in rounds.order_by("organisation__code", "period", "pk")]
    return common.page(rows, window)


@router.post("/rounds", response={201: RoundOut, **WRITE}, summary="Öppna en uppföljning")
def open_round(request: HttpRequest, data: RoundOpen):
    """En uppföljning för perioden (controller och uppåt), med en del per nämndmål och en för ekonomin;
    organisationen behöver en verksamhetsplan för periodens år."""
    org, _ = common.organisation(request, data.organisation, EDIT_ROUND)
    round_ = open_round_(org, data.period, by=request.user, deadline=data.deadline)
    parts = round_.parts.select_related("goal", "assignee").order_by("position", "pk")
    return Status(201, {**serialize.round_summary(round_), "parts": [serialize.part(p) for p in parts]})


@router.get("/rounds/{round_id}", response={200: RoundOut, **READ}, summary="En uppföljning med delar")
def get_round(request: HttpRequest, round_id: int):
    round_, _ = common.round_(request, round_id)
    parts = round_.parts.select_related("goal", "assignee").order_by("position", "pk")
    return {**serialize.round_summary(round_), "parts": [serialize.part(p) for p in parts]}


@router.get("/parts/{part_id}", response={200: PartDetail, **READ}, summary="En del av en uppföljning")
def get_part(request: HttpRequest, part_id: int):
    part, _ = common.part(request, part_id)
    scope = part_scope(part, GoalTree.of_plan(part.round.plan_id))
    return {
        **serialize.part(part),
        "round_id": part.round_id,
        "goal_ids": sorted(scope.ids),
        "own_goal_ids": sorted(scope.own_ids),
    }


def _scope_ids(round_: Round, part_id: int | None) -> set[int] | None:
    if part_id is None:
        return None
    part = round_.parts.filter(pk=part_id).first()
    if part is None or part.goal_id is None:
        raise Http404("Finns inte.")
    part.round = round_
    return set(part_scope(part, GoalTree.of_plan(round_.plan_id)).ids)


@router.get("/rounds/{round_id}/outcomes", response={200: list[OutcomeOut], **READ}, summary="Utfall")
def list_outcomes(request: HttpRequest, round_id: int, part: int | None = None):
    """Varje indikator i uppföljningens plan med periodens utfall (kvinnor, män), prognos och kommentar;
    `part` begränsar till en dels indikatorer."""
    round_, _ = common.round_(request, round_id)
    goals = _scope_ids(round_, part)
    targets = Target.objects.filter(plan_id=round_.plan_id).select_related("indicator")
    if goals is not None:
        targets = targets.filter(goal_id__in=goals)
    outcomes = {o.target_id: o for o in Outcome.objects.filter(round=round_)}
    return [
        serialize.outcome(t, outcomes.get(t.pk)) for t in targets.order_by("goal__position", "position", "pk")
    ]


def _open_for(request: HttpRequest, round_id: int) -> Round:
    """The round for a change: 404/403 by role, then 409 when it is locked."""
    round_, _ = common.round_(request, round_id, Role.REPORTER)
    check_open(round_)
    return round_


@router.put(
    "/rounds/{round_id}/outcomes/{target_id}",
    response={200: OutcomeSaved, **WRITE},
    summary="Spara ett utfall",
)
def put_outcome(request: HttpRequest, round_id: int, target_id: int, data: OutcomeIn):
    """Periodens värden för en indikator. Valideras per enhet (en andel 0–100, ett antal helt och ≥ 0 …);
    en könsuppdelad indikator kräver kvinnor och män. Varningar (t.ex. kvinnor + män ≠ totalt) kommer
    tillbaka i `warnings`."""
    round_ = _open_for(request, round_id)
    target = Target.objects.select_related("indicator").filter(pk=target_id, plan_id=round_.plan_id).first()
    if target is None:
        raise Http404("Finns inte.")
    values = OutcomeInput(
        total=data.total,
        men=data.men,
        women=data.women,
        forecast=data.forecast,
        window_start=data.window_start,
        window_end=data.window_end,
        comment=data.comment.strip(),
    )
    saved, warnings = save_outcome(round_, target, values, by=request.user, expected_version=data.version)
    return {**serialize.outcome(target, saved), "warnings": warnings}


@router.get(
    "/rounds/{round_id}/assessments", response={200: list[AssessmentOut], **READ}, summary="Bedömningar"
)
def list_assessments(request: HttpRequest, round_id: int):
    """Varje mål med sin bedömning och systemets förslag."""
    round_, _ = common.round_(request, round_id)
    suggestions = round_suggestions(round_)
    stored = {a.goal_id: a for a in Assessment.objects.filter(round=round_)}
    return [
        serialize.assessment(g, stored.get(g.pk), _suggested(suggestions, g))
        for g in Goal.objects.filter(plan_id=round_.plan_id).order_by("position", "pk")
    ]


def _suggested(suggestions, goal: Goal) -> str | None:
    suggestion = suggestions.get(goal.number)
    return suggestion.value if suggestion else None


@router.put(
    "/rounds/{round_id}/assessments/{goal_id}",
    response={200: AssessmentOut, **WRITE},
    summary="Spara en bedömning",
)
def put_assessment(request: HttpRequest, round_id: int, goal_id: int, data: AssessmentIn):
    """Ett måls bedömning; en som avviker från systemets förslag kräver en motivering (`justification`)."""
    round_ = _open_for(request, round_id)
    goal = Goal.objects.filter(pk=goal_id, plan_id=round_.plan_id).first()
    if goal is None:
        raise Http404("Finns inte.")
    suggested = _suggested(round_suggestions(round_), goal)
    saved = save_assessment(
        round_,
        goal,
        value=data.value or "",
        analysis=data.analysis,
        justification=data.justification,
        suggested=suggested,
        by=request.user,
        expected_version=data.version,
    )
    return serialize.assessment(goal, saved, suggested)


@router.get(
    "/rounds/{round_id}/activity-reports",
    response={200: list[ActivityReportOut], **READ},
    summary="Aktivitetsrapporter",
)
def list_activity_reports(request: HttpRequest, round_id: int):
    round_, _ = common.round_(request, round_id)
    stored = {r.activity_id: r for r in ActivityReport.objects.filter(round=round_)}
    return [
        serialize.activity_report(a, stored.get(a.pk))
        for a in Activity.objects.filter(plan_id=round_.plan_id).order_by("goal__position", "position", "pk")
    ]


@router.put(
    "/rounds/{round_id}/activity-reports/{activity_id}",
    response={200: ActivityReportOut, **WRITE},
    summary="Spara en aktivitetsrapport",
)
def put_activity_report(request: HttpRequest, round_id: int, activity_id: int, data: ActivityReportIn):
    """En aktivitets status; en aktivitet som inte längre är aktuell kräver en avvikelse."""
    round_ = _open_for(request, round_id)
    activity = Activity.objects.filter(pk=activity_id, plan_id=round_.plan_id).first()
    if activity is None:
        raise Http404("Finns inte.")
    saved = save_activity_report(
        round_,
        activity,
        status=data.status or "",
        deviation=data.deviation,
        by=request.user,
        expected_version=data.version,
    )
    return serialize.activity_report(activity, saved)


@router.get(
    "/rounds/{round_id}/forecasts",
    response={200: list[AreaForecastOut], **READ},
    summary="Ekonomiska prognoser",
)
def list_forecasts(request: HttpRequest, round_id: int):
    """Varje verksamhetsområde: nämndbudgeten, prognosen för kostnader och intäkter och nettoavvikelsen
    (budget − prognos, mnkr)."""
    round_, _ = common.round_(request, round_id)
    return [serialize.area_forecast(a) for a in round_economics(round_).areas]


@router.put(
    "/rounds/{round_id}/forecasts/{area_id}",
    response={200: AreaForecastOut, **WRITE},
    summary="Spara ett områdes prognos",
)
def put_forecast(request: HttpRequest, round_id: int, area_id: int, data: AreaForecastIn):
    """Ett verksamhetsområdes prognos (controller och uppåt); kostnader ≥ 0, intäkter ≤ 0, mnkr."""
    round_ = _open_for(request, round_id)
    area = BudgetArea.objects.filter(pk=area_id, plan_id=round_.plan_id).first()
    if area is None:
        raise Http404("Finns inte.")
    found = {
        name: problem
        for name, problem in (
            ("costs", number_problem(data.costs, MONEY, "Kostnaderna") or costs_problem(data.costs)),
            (
                "revenues",
                number_problem(data.revenues, MONEY, "Intäkterna") or revenues_problem(data.revenues),
            ),
        )
        if problem
    }
    if found:
        raise ValidationError(found)  # lib/validation.py: the same rule as the forms and the files
    save_area_forecast(
        round_,
        area,
        costs=data.costs,
        revenues=data.revenues,
        commentary=data.commentary,
        by=request.user,
        expected_version=data.version,
    )
    row = next(a for a in round_economics(round_).areas if a.pk == area.pk)
    return serialize.area_forecast(row)


@router.get("/rounds/{round_id}/findings", response={200: RoundFindings, **READ}, summary="Avstämningsfynd")
def list_findings(request: HttpRequest, round_id: int):
    """Avstämningens fynd (docs/checks.md) med de godtagna avvikelserna och deras motivering."""
    round_, _ = common.round_(request, round_id)
    check = check_round(round_)
    return {
        "round_id": round_.pk,
        "counts": check.counts(),
        "blocking": len(check.blocking),
        "findings": [
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "kind": f.kind,
                "ref": f.ref,
                "goal": f.goal,
                "message": f.message,
                "key": f.key,
                "overridden": check.override_of(f) is not None,
                "justification": o.justification if (o := check.override_of(f)) else None,
            }
            for f in check.findings
        ],
    }


@router.get("/rounds/{round_id}/rollup", response={200: RollupOut, **READ}, summary="Sammanställning")
def get_rollup(request: HttpRequest, round_id: int):
    """Uppföljningen sammanställd: målen per bedömning, indikatorerna per uppfyllt målvärde, nettot."""
    round_, _ = common.round_(request, round_id)
    return rollup.committee_rollup(round_)


def _period_query(period: str) -> str:
    """The `period` query parameter as a period's code, or a 422 naming it."""
    try:
        return report_period(period).code
    except PeriodError as exc:
        raise ValidationError({"query.period": str(exc)}) from exc


@router.get(
    "/organisations/{code}/rollup",
    response={200: OrganisationRollup, **READ},
    summary="Sammanställning för en organisation och de under den",
)
def get_organisation_rollup(request: HttpRequest, code: str, period: str):
    """Periodens uppföljningar i organisationen och organisationerna under den som du ser, var och en
    sammanställd. (Stadens sammanställning över nämnderna byggs av `followup/rollup.py`.)"""
    org, _ = common.organisation(request, code)
    period_code = _period_query(period)
    return {
        "organisation": org.code,
        "period": period_code,
        "rounds": rollup.organisation_rollup(org, period_code, visible_organisations(request.user)),
    }


class CityGoalOut(Schema):
    ref: str
    title: str
    assessment: str | None
    suggested_assessment: str | None
    committee_ratings: dict[str, int]
    indicators: dict[str, int]


class CityRollupOut(Schema):
    """The same contract as `styrkedja rollup --format json` (docs/city.md)."""

    organisation: str
    period: str
    committees: int
    goals: list[CityGoalOut]
    economy: dict[str, Any]
    investments: list[dict[str, Any]]


@router.get(
    "/organisations/{code}/city-rollup",
    response={200: CityRollupOut, **READ},
    summary="Stadens sammanställning över nämnderna",
)
def get_city_rollup(request: HttpRequest, code: str, period: str):
    """Per kommunfullmäktiges mål nämndernas bedömningar och indikatorerna räknade per bedömning, stadens
    bedömning och förslaget utifrån dem; driftredovisningen och investeringarna per nämnd. Samma innehåll
    som `styrkedja rollup --format json`. Finns för kommunen (organisation av slaget stad) med en plan
    från kommunfullmäktige för året."""
    org, _ = common.organisation(request, code)
    period_code = _period_query(period)
    if org.kind != OrganisationKind.CITY:
        raise Http404("Sammanställningen över nämnderna finns bara för kommunen.")
    try:
        return rollup_json(city_rollup(org, period_code))
    except NoCouncilPlan as exc:
        raise Http404("Kommunfullmäktige har ingen plan för året.") from exc


__all__ = ["router"]
