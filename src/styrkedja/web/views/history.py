"""History pages: who changed what in an object, and when, from the simple-history records, newest first."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from styrkedja.budget.models import (
    AreaBudget,
    BudgetAdjustment,
    BudgetArea,
    BudgetVersion,
    CommitteeFrame,
    Investment,
    InvestmentFrame,
    PerformanceVolume,
    PlanEconomy,
    RevenueRequirementAmount,
    RevenueRequirementLine,
    TurnoverGroup,
    TurnoverRow,
)
from styrkedja.checks import rule_title
from styrkedja.exchange.models import KoladaComparison, OpenData
from styrkedja.followup.models import (
    ActivityReport,
    AdjustmentRequest,
    AreaForecast,
    Assessment,
    CaseOfficer,
    ComplaintCount,
    DecisionProposal,
    EconomyText,
    FindingOverride,
    InvestmentForecast,
    InvestmentOutcome,
    Outcome,
    Part,
    PartStatus,
    PrintedTotal,
    ReportAttachment,
    ReportCover,
    RequirementForecast,
    Round,
    Signature,
    SpecialReport,
    TurnoverProposal,
    VolumeForecast,
)
from styrkedja.followup.profiles import profile_for_round
from styrkedja.lib.numbers import format_date_iso, format_datetime, format_exact, format_mnkr
from styrkedja.lib.validation import DIGITS, MONEY
from styrkedja.lib.vocabulary import PlanDecisionKind
from styrkedja.organisations.models import Membership, MunicipalityProfile, Organisation, Role
from styrkedja.organisations.profiles import profile_of
from styrkedja.plans.models import (
    Activity,
    ComparisonValue,
    ExpectedResult,
    Goal,
    Indicator,
    IndicatorSeries,
    Plan,
    PlanDecision,
    Responsibility,
    SeriesValue,
    Target,
)
from styrkedja.web.table_download import offers_xlsx
from styrkedja.web.views.common import (
    ORG_CHAIN,
    Crumb,
    authorise,
    get_goal,
    get_plan,
    goal_crumbs,
    organisation_crumbs,
    plan_crumbs,
)
from styrkedja.web.views.followup_common import (
    get_part,
    get_round,
    part_crumbs,
    period_label,
    round_crumbs,
    round_title,
    user_name,
)
from styrkedja.web.views.profiles import profile_summary

HIDDEN_FIELDS = {"id", "position", "as_printed", "names_as_printed", "version", "provenance"}
ACTIONS = {"+": "Skapad", "~": "Ändrad", "-": "Borttagen"}


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    when: datetime
    who: str
    what: str
    action: str
    reason: str
    changes: list[Change] = field(default_factory=list)
    order: tuple = ()


@dataclass
class Source:
    """Historical records of one kind of object, how to name each record, and how to show a stored value
    whose label is not the model's (a goal level or a rating, named by the municipality's profile)."""

    records: Iterable
    label: Callable[[Any], str]
    values: dict[str, Callable[[str], str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Subject:
    """A history page: how it is built from its object's id, the models whose changes it shows (every
    model that users change must be on one, tests/web/test_history.py), the role it needs."""

    build: Callable[[HttpRequest, int], dict]
    models: tuple[type, ...]
    minimum: Role = Role.READER


def _display(record, name: str, values: dict[str, Callable[[str], str]] | None = None) -> str:
    model_field = type(record)._meta.get_field(name)
    value = getattr(record, model_field.attname)
    if value is None or value == "":
        return "–"
    if values and name in values:
        return values[name](value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, Decimal):
        model = record.instance_type._meta
        if DIGITS.get(f"{model.app_label}.{model.object_name}.{name}") is MONEY:
            return format_mnkr(value)  # 426,0 and -60,0, as every other page prints money
        return format_exact(value)
    if isinstance(value, datetime):
        return format_datetime(timezone.localtime(value) if timezone.is_aware(value) else value)
    if isinstance(value, date):
        return format_date_iso(value)
    return str(value)


def _shown_fields(record) -> list[str]:
    return [
        f.name
        for f in record.instance_type._meta.fields
        if f.name not in HIDDEN_FIELDS and not f.is_relation and f.editable
    ]


def _label_of(record, name: str) -> str:
    label = str(type(record)._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def entries(sources: list[Source]) -> list[Entry]:
    """Every record as an entry with its changes against the same object's previous record, newest first."""
    result: list[Entry] = []
    for source in sources:
        previous: dict[int, object] = {}
        for record in sorted(source.records, key=lambda r: (r.history_date, r.history_id)):
            shown = _shown_fields(record)
            before = previous.get(record.id)
            if record.history_type == "~" and before is not None:
                delta = record.diff_against(before, included_fields=shown)
                changes = [
                    Change(
                        _label_of(record, c.field),
                        _display(before, c.field, source.values),
                        _display(record, c.field, source.values),
                    )
                    for c in sorted(delta.changes, key=lambda c: shown.index(c.field))
                ]
            elif record.history_type == "+":
                changes = [
                    Change(_label_of(record, n), "–", _display(record, n, source.values))
                    for n in shown
                    if _display(record, n) != "–"
                ]
            else:
                changes = []
            previous[record.id] = record
            if record.history_type == "~" and before is not None and not changes:
                continue  # saved without a visible change (only the order, say): nothing to tell
            result.append(
                Entry(
                    when=record.history_date,
                    who=user_name(record.history_user),
                    what=source.label(record),
                    action=ACTIONS.get(record.history_type, record.history_type),
                    reason=record.history_change_reason or "",
                    changes=changes,
                    order=(record.history_date, record.history_id),
                )
            )
    return sorted(result, key=lambda e: e.order, reverse=True)


def _with_user(queryset):
    return queryset.select_related("history_user")


def _goal(request: HttpRequest, pk: int) -> dict:
    goal = get_goal(pk)
    profile = profile_of(goal.plan.organisation)
    return {
        "organisation": goal.plan.organisation,
        "title": f"Mål {goal.number} {goal.title}",
        "back": reverse("goal", args=[goal.pk]),
        "crumbs": goal_crumbs(goal),
        "sources": [
            Source(
                _with_user(goal.history.all()), lambda r: f"Mål {r.number}", {"level": profile.level_name}
            ),
            Source(
                _with_user(ExpectedResult.history.filter(goal_id=goal.pk)), lambda r: "Förväntat resultat"
            ),
        ],
    }


def _target(request: HttpRequest, pk: int) -> dict:
    target = get_object_or_404(Target.objects.select_related("indicator", f"goal__plan__{ORG_CHAIN}"), pk=pk)
    return {
        "organisation": target.goal.plan.organisation,
        "title": f"Indikator: {target.indicator.name}",
        "back": reverse("goal", args=[target.goal_id]),
        "crumbs": goal_crumbs(target.goal),
        "sources": [
            Source(_with_user(target.history.all()), lambda r: f"Årsmål {target.plan.year}"),
            Source(_with_user(Indicator.history.filter(id=target.indicator_id)), lambda r: "Indikator"),
            Source(
                _with_user(IndicatorSeries.history.filter(id=target.indicator.series_id)),
                lambda r: "Indikatorserie",
            ),
            Source(
                _with_user(SeriesValue.history.filter(series_id=target.indicator.series_id)),
                lambda r: f"Värde {r.period} ({r.get_source_display()})",
            ),
            Source(
                _with_user(ComparisonValue.history.filter(indicator_id=target.indicator_id)),
                lambda r: f"Jämförelse {r.label}",
            ),
        ],
    }


def _activity(request: HttpRequest, pk: int) -> dict:
    activity = get_object_or_404(Activity.objects.select_related(f"goal__plan__{ORG_CHAIN}"), pk=pk)
    return {
        "organisation": activity.goal.plan.organisation,
        "title": f"Aktivitet: {activity.title}",
        "back": reverse("goal", args=[activity.goal_id]),
        "crumbs": goal_crumbs(activity.goal),
        "sources": [Source(_with_user(activity.history.all()), lambda r: "Aktivitet")],
    }


def _versions(plan_id: int) -> dict[int, str]:
    return dict(BudgetVersion.objects.filter(plan_id=plan_id).values_list("pk", "label"))


def _area(request: HttpRequest, pk: int) -> dict:
    area = get_object_or_404(BudgetArea.objects.select_related(f"plan__{ORG_CHAIN}"), pk=pk)
    versions = _versions(area.plan_id)
    economy_url = reverse("economy", args=[area.plan_id])
    return {
        "organisation": area.plan.organisation,
        "title": f"Budget för {area.name}",
        "back": economy_url,
        "crumbs": [*plan_crumbs(area.plan), Crumb("Ekonomi", economy_url)],
        "sources": [
            Source(_with_user(area.history.all()), lambda r: "Verksamhetsområde"),
            Source(
                _with_user(AreaBudget.history.filter(area_id=area.pk)),
                lambda r: f"Budget {versions.get(r.version_id, '')}".strip(),
            ),
        ],
    }


def _requirements(request: HttpRequest, pk: int) -> dict:
    plan = get_plan(pk)
    versions = _versions(plan.pk)
    lines = dict(RevenueRequirementLine.history.filter(plan_id=plan.pk).values_list("id", "label"))
    economy_url = reverse("economy", args=[plan.pk])
    return {
        "organisation": plan.organisation,
        "title": "Nämndens intäktskrav",
        "back": economy_url,
        "crumbs": [*plan_crumbs(plan), Crumb("Ekonomi", economy_url)],
        "sources": [
            Source(
                _with_user(RevenueRequirementLine.history.filter(plan_id=plan.pk)),
                lambda r: "Intäktskravets rad",
            ),
            Source(
                _with_user(RevenueRequirementAmount.history.filter(line_id__in=list(lines))),
                lambda r: f"{lines.get(r.line_id, '')}, {versions.get(r.version_id, '')}",
            ),
        ],
    }


def _plan(request: HttpRequest, pk: int) -> dict:
    """The plan itself and its economy's rows that have no page of their own: budget versions,
    investments, performance volumes, the omslutning table, budget adjustments, plan-wide facts."""
    plan = get_plan(pk)
    groups = dict(TurnoverGroup.history.filter(plan_id=plan.pk).values_list("id", "heading"))
    names = dict(Organisation.objects.filter(parent=plan.organisation).values_list("id", "name"))
    return {
        "organisation": plan.organisation,
        "title": f"Verksamhetsplan {plan.year}",
        "back": reverse("plan", args=[plan.pk]),
        "crumbs": plan_crumbs(plan),
        "sources": [
            Source(_with_user(plan.history.all()), lambda r: "Planen"),
            Source(
                _with_user(PlanDecision.history.filter(plan_id=plan.pk)),
                lambda r: f"Beslut {r.number}: {PlanDecisionKind.label_of(r.kind)}",
            ),
            Source(_with_user(PlanEconomy.history.filter(plan_id=plan.pk)), lambda r: "Planens ekonomi"),
            Source(_with_user(BudgetVersion.history.filter(plan_id=plan.pk)), lambda r: f"Budget {r.label}"),
            Source(
                _with_user(Investment.history.filter(plan_id=plan.pk)), lambda r: f"Investering {r.label}"
            ),
            Source(
                _with_user(PerformanceVolume.history.filter(plan_id=plan.pk)),
                lambda r: f"Prestationsvolym {r.label}",
            ),
            Source(
                _with_user(TurnoverGroup.history.filter(plan_id=plan.pk)),
                lambda r: f"Omslutning {r.heading}".strip(),
            ),
            Source(
                _with_user(TurnoverRow.history.filter(group_id__in=list(groups))),
                lambda r: f"Omslutningsförändring {r.label}",
            ),
            Source(
                _with_user(BudgetAdjustment.history.filter(plan_id=plan.pk)),
                lambda r: f"Budgetjustering {r.reason[:60]}",
            ),
            Source(
                _with_user(CommitteeFrame.history.filter(plan_id=plan.pk)),
                lambda r: f"Budgetram {names.get(r.organisation_id, '')}".strip(),
            ),
            Source(
                _with_user(InvestmentFrame.history.filter(plan_id=plan.pk)),
                lambda r: f"Investeringsram {names.get(r.organisation_id, '')} {r.area}".strip(),
            ),
            Source(
                _with_user(Responsibility.history.filter(plan_id=plan.pk)),
                lambda r: f"Ansvarig nämnd: {names.get(r.organisation_id, 'alla nämnder')}",
            ),
        ],
    }


def _profile(request: HttpRequest, pk: int) -> dict:
    """The municipality profile stored for the organisation: each change, with who and when."""
    organisation = get_object_or_404(Organisation.objects.select_related("parent__parent__parent"), pk=pk)
    return {
        "organisation": organisation,
        "title": f"Kommunprofil för {organisation.name}",
        "back": reverse("profile", args=[organisation.code]),
        "crumbs": organisation_crumbs(organisation),
        "sources": [
            Source(
                _with_user(MunicipalityProfile.history.filter(organisation_id=organisation.pk)),
                lambda r: "Kommunprofilen",
                {"data": profile_summary},
            )
        ],
    }


def _organisation(request: HttpRequest, pk: int) -> dict:
    """The organisation and who has had which role in it (for its administrators)."""
    organisation = get_object_or_404(Organisation.objects.select_related("parent__parent__parent"), pk=pk)
    roles = dict(Role.choices)
    return {
        "organisation": organisation,
        "title": organisation.name,
        "back": reverse("organisation", args=[organisation.code]),
        "crumbs": organisation_crumbs(organisation),
        "sources": [
            Source(_with_user(organisation.history.all()), lambda r: "Organisationen"),
            Source(
                _with_user(Membership.history.filter(organisation_id=organisation.pk)).select_related("user"),
                lambda r: f"Behörighet för {user_name(r.user)} ({roles.get(r.role, r.role)})",
            ),
            Source(
                _with_user(OpenData.history.filter(organisation_id=organisation.pk)), lambda r: "Öppna data"
            ),
            Source(
                _with_user(KoladaComparison.history.filter(organisation_id=organisation.pk)),
                lambda r: "Kolada-jämförelse",
            ),
        ],
    }


ROUND_CHAIN = f"round__{ORG_CHAIN}"


def _outcome(request: HttpRequest, pk: int) -> dict:
    outcome = get_object_or_404(Outcome.objects.select_related(ROUND_CHAIN, "target__indicator"), pk=pk)
    label = period_label(outcome.round)
    scale = profile_for_round(outcome.round).indicator_ratings
    return {
        "organisation": outcome.round.organisation,
        "title": f"Utfall {label}: {outcome.target.indicator.name}",
        "back": reverse("round", args=[outcome.round_id]),
        "crumbs": round_crumbs(outcome.round),
        "sources": [
            Source(_with_user(outcome.history.all()), lambda r: f"Utfall {label}", {"rating": scale.label})
        ],
    }


def _assessment(request: HttpRequest, pk: int) -> dict:
    assessment = get_object_or_404(Assessment.objects.select_related(ROUND_CHAIN, "goal"), pk=pk)
    goal = assessment.goal
    scale = profile_for_round(assessment.round).ratings
    return {
        "organisation": assessment.round.organisation,
        "title": f"Bedömning av mål {goal.number} {goal.title}",
        "back": reverse("assessment", args=[assessment.round_id, goal.pk]),
        "crumbs": round_crumbs(assessment.round),
        "sources": [
            Source(
                _with_user(assessment.history.all()),
                lambda r: f"Bedömning av mål {goal.number}",
                {"value": scale.label, "suggested_when_saved": scale.label},
            )
        ],
    }


def _activity_report(request: HttpRequest, pk: int) -> dict:
    report = get_object_or_404(ActivityReport.objects.select_related(ROUND_CHAIN, "activity"), pk=pk)
    return {
        "organisation": report.round.organisation,
        "title": f"Uppföljning av aktivitet: {report.activity.title}",
        "back": reverse("round", args=[report.round_id]),
        "crumbs": round_crumbs(report.round),
        "sources": [Source(_with_user(report.history.all()), lambda r: "Aktivitetens status")],
    }


def _area_forecast(request: HttpRequest, pk: int) -> dict:
    forecast = get_object_or_404(AreaForecast.objects.select_related(ROUND_CHAIN, "area"), pk=pk)
    return {
        "organisation": forecast.round.organisation,
        "title": f"Prognos för {forecast.area.name}",
        "back": reverse("round_economy", args=[forecast.round_id]),
        "crumbs": round_crumbs(forecast.round),
        "sources": [Source(_with_user(forecast.history.all()), lambda r: f"Prognos {forecast.area.name}")],
    }


def _round(request: HttpRequest, pk: int) -> dict:
    round_ = get_round(pk)
    return {
        "organisation": round_.organisation,
        "title": round_title(round_),
        "back": reverse("round", args=[round_.pk]),
        "crumbs": round_crumbs(round_),
        "sources": [Source(_with_user(round_.history.all()), lambda r: "Uppföljningen")],
    }


def _part(request: HttpRequest, pk: int) -> dict:
    part = get_part(pk)
    statuses = dict(PartStatus.choices)
    return {
        "organisation": part.round.organisation,
        "title": f"{part.title}, {period_label(part.round)}",
        "back": reverse("part", args=[part.pk]),
        "crumbs": part_crumbs(part),
        "sources": [
            Source(_with_user(part.history.all()), lambda r: f"Delen ({statuses.get(r.status, r.status)})")
        ],
    }


def _round_rows(
    model,
    title: str,
    label: Callable[[Any, dict[int, str]], str],
    back: str = "round",
    lines=None,
) -> Subject:
    """The history of one kind of a round's rows, addressed by the round, so removed rows are in it too.

    `label(record, names)` names a record; `names` holds the labels of the plan's `lines` the rows belong
    to (removed lines too, by their last recorded label). `back` is the page showing the rows."""

    def build(request: HttpRequest, pk: int) -> dict:
        round_ = get_round(pk)
        back_url = reverse(back, args=[round_.pk])
        crumbs = round_crumbs(round_)
        if back == "round_economy":
            crumbs.append(Crumb("Ekonomi", back_url))
        names: dict[int, str] = {}
        if lines is not None:
            recorded = lines.history.filter(plan_id=round_.plan_id).order_by("history_date", "history_id")
            names = dict(recorded.values_list("id", "label"))
        return {
            "organisation": round_.organisation,
            "title": f"{title}, {period_label(round_)}",
            "back": back_url,
            "crumbs": crumbs,
            "sources": [
                Source(_with_user(model.history.filter(round_id=round_.pk)), lambda r: label(r, names))
            ],
        }

    return Subject(build, (model,))


SUBJECTS: dict[str, Subject] = {
    "mal": Subject(_goal, (Goal, ExpectedResult)),
    "indikator": Subject(_target, (Target, Indicator, IndicatorSeries, SeriesValue, ComparisonValue)),
    "aktivitet": Subject(_activity, (Activity,)),
    "omrade": Subject(_area, (BudgetArea, AreaBudget)),
    "intaktskrav": Subject(_requirements, (RevenueRequirementLine, RevenueRequirementAmount)),
    "utfall": Subject(_outcome, (Outcome,)),
    "bedomning": Subject(_assessment, (Assessment,)),
    "aktivitetsrapport": Subject(_activity_report, (ActivityReport,)),
    "prognos": Subject(_area_forecast, (AreaForecast,)),
    "uppfoljning": Subject(_round, (Round,)),
    "del": Subject(_part, (Part,)),
    "plan": Subject(
        _plan,
        (
            Plan,
            PlanDecision,
            PlanEconomy,
            BudgetVersion,
            CommitteeFrame,
            InvestmentFrame,
            Responsibility,
            Investment,
            PerformanceVolume,
            TurnoverGroup,
            TurnoverRow,
            BudgetAdjustment,
        ),
    ),
    "organisation": Subject(
        _organisation, (Organisation, Membership, OpenData, KoladaComparison), minimum=Role.ADMIN
    ),
    "profil": Subject(_profile, (MunicipalityProfile,), minimum=Role.ADMIN),
    "ekonomitexter": _round_rows(
        EconomyText, "Ekonomiavsnittets texter", lambda r, names: "Texterna", "round_economy"
    ),
    "prognos-intaktskrav": _round_rows(
        RequirementForecast,
        "Prognos för intäktskraven",
        lambda r, names: f"Prognos {names.get(r.line_id, '')}",
        "round_economy",
        RevenueRequirementLine,
    ),
    "prognos-investeringar": _round_rows(
        InvestmentForecast,
        "Prognos för investeringarna",
        lambda r, names: f"Prognos {names.get(r.investment_id, '')}",
        "round_economy",
        Investment,
    ),
    "prognos-prestationer": _round_rows(
        VolumeForecast,
        "Prognos för prestationsvolymerna",
        lambda r, names: f"Prognos {names.get(r.volume_id, '')}",
        "round_economy",
        PerformanceVolume,
    ),
    "investeringsutfall": _round_rows(
        InvestmentOutcome,
        "Investeringar per område",
        lambda r, _: f"Investeringar {r.area}",
        "round_economy",
    ),
    "tryckta-summor": _round_rows(PrintedTotal, "Tryckta summor", lambda r, _: f"Tryckt summa {r.key}"),
    "omslutning": _round_rows(
        TurnoverProposal,
        "Omslutningsförändringar",
        lambda r, _: f"Omslutningsförändring {r.label}",
        "round_economy",
    ),
    "budgetjusteringar": _round_rows(
        AdjustmentRequest,
        "Budgetjusteringar",
        lambda r, _: f"Budgetjustering {r.reason[:60]}",
        "round_economy",
    ),
    "framsida": _round_rows(ReportCover, "Rapportens framsida", lambda r, _: "Framsidan"),
    "handlaggare": _round_rows(CaseOfficer, "Handläggare", lambda r, _: f"Handläggare {r.name}"),
    "beslut": _round_rows(
        DecisionProposal, "Förslag till beslut", lambda r, _: f"Förslag till beslut {r.position}"
    ),
    "bilagor": _round_rows(ReportAttachment, "Bilagor", lambda r, _: f"Bilaga {r.number}"),
    "underskrifter": _round_rows(Signature, "Underskrifter", lambda r, _: f"Underskrift {r.name}"),
    "sarskilda-redovisningar": _round_rows(
        SpecialReport, "Särskilda redovisningar", lambda r, _: f"Särskild redovisning {r.title}"
    ),
    "synpunkter": _round_rows(
        ComplaintCount,
        "Synpunkter och klagomål",
        lambda r, _: f"Synpunkter {r.department}, månad {r.month}, {r.category}",
    ),
    "godtagna-avvikelser": _round_rows(
        FindingOverride,
        "Godtagna avvikelser",
        lambda r, _: f"Godtagen avvikelse ({rule_title(r.rule)}): {r.ref[:60]}",
    ),
}


@login_required
@offers_xlsx
def history(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    if kind not in SUBJECTS:
        raise Http404("Sidan finns inte.")
    found = SUBJECTS[kind]
    subject = found.build(request, pk)
    context = authorise(request, subject["organisation"], found.minimum)
    return render(
        request,
        "history/detail.html",
        {
            **context,
            "title": subject["title"],
            "back_url": subject["back"],
            "entries": entries(subject["sources"]),
            "breadcrumbs": [*subject["crumbs"], Crumb("Historik")],
        },
    )
