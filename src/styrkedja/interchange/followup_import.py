"""Follow-up file → database, in one transaction. Creates the year's plan from the report when it is missing.

Rows of the report are matched to the plan by goal number, indicator name and activity title; area names
by any spelling the plan knows (`BudgetArea.names_as_printed`). What cannot be matched is returned as a
note, never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from styrkedja.audit import save_by
from styrkedja.budget import models as bm
from styrkedja.followup import models as fm
from styrkedja.followup.workflow import create_parts
from styrkedja.interchange.plan_import import ensure_organisation, load_plan
from styrkedja.lib.numbers import parse_number
from styrkedja.lib.periods import report_period
from styrkedja.lib.vocabulary import OrganisationKind
from styrkedja.planfiles import followup_schema as fs
from styrkedja.planfiles import schema as ps
from styrkedja.plans import models as pm


class RoundExists(Exception):
    pass


@dataclass
class ImportResult:
    round: fm.Round
    plan_created: bool
    notes: list[str] = field(default_factory=list)


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


class _Areas:
    """Finds a plan's area by any of its printed names, by its short form, or by the first word."""

    def __init__(self, plan: pm.Plan):
        self.areas = list(plan.budget_areas.all())

    def find(self, name: str) -> bm.BudgetArea | None:
        wanted = _key(name)
        for area in self.areas:
            names = [area.name, area.short_name, *area.names_as_printed]
            if wanted in {_key(n) for n in names if n}:
                return area
        for area in self.areas:
            for n in [area.name, *area.names_as_printed]:
                if _key(n).startswith(wanted) or wanted.startswith(_key(n)):
                    return area
        first = wanted.split(" ")[0] if wanted else ""
        matches = [a for a in self.areas if _key(a.name).split(" ")[0] == first]
        return matches[0] if len(matches) == 1 else None

    def ensure(self, plan: pm.Plan, name: str, by: Any) -> bm.BudgetArea:
        area = self.find(name)
        if area is None:
            area = bm.BudgetArea.objects.create(
                plan=plan, name=name, names_as_printed=[name], position=len(self.areas) + 1
            )
            self.areas.append(area)
        elif name not in area.names_as_printed and name != area.name:
            area.names_as_printed = [*area.names_as_printed, name]
            save_by(area, by)
        return area


def _plan_budget_from_report(f: fs.FollowUpFile) -> ps.Budget:
    """A plan created from a report gets the report's budget column as its adopted budget."""
    code = f"nb{f.year}"
    eco = f.economics
    return ps.Budget(
        versions=[
            ps.BudgetVersion(
                code=code, label=eco.budget_label or f"Nämndbudget {f.year}", kind="adopted", year=f.year
            )
        ],
        areas=[
            ps.BudgetArea(
                name=a.area,
                names_as_printed=[a.area],
                amounts={code: ps.AreaAmounts(costs=a.budget_costs, revenues=a.budget_revenues)},
            )
            for a in eco.areas
        ],
        revenue_requirement=[
            ps.RevenueRequirementLine(label=r.label, amounts={code: r.budget})
            for r in eco.revenue_requirement
        ],
        investments=[ps.Investment(label=i.label, amount=i.budget) for i in eco.investments],
        performance_volumes=[],
    )


@transaction.atomic
def import_followup(
    f: fs.FollowUpFile,
    plan_file: ps.PlanFile | None,
    *,
    by: Any = None,
    replace: bool = False,
    reason: str = "import",
) -> ImportResult:
    organisation = ensure_organisation(f.organisation, by, reason)
    period = report_period(f.period)
    plan = pm.Plan.objects.filter(organisation=organisation, year=period.year).first()
    created = False
    if plan is None:
        if plan_file is None:
            raise ValueError(f"{organisation.code} has no plan for {period.year} and the report brings none")
        if not plan_file.budget.areas:
            plan_file = plan_file.model_copy(update={"budget": _plan_budget_from_report(f)})
        plan = load_plan(plan_file, by=by, reason=reason)
        created = True
    existing = fm.Round.objects.filter(organisation=organisation, period=period.code).first()
    if existing:
        if existing.is_locked:
            raise fm.RoundLocked(existing)
        if not replace:
            raise RoundExists(f"{organisation.code} already has the follow-up {period.code}; use --replace")
        worked = list(
            existing.events.exclude(action__in=("imported", "opened")).values_list("action", flat=True)
        )
        if worked:
            raise RoundExists(
                f"{organisation.code} {period.code} cannot be replaced: people have worked in it "
                f"({len(worked)} recorded events, the first '{worked[0]}'), and replacing it would delete "
                "that record; correct it in the application instead"
            )
        fm.Round.objects.filter(pk=existing.pk).delete()
    round_ = fm.Round.objects.create(organisation=organisation, plan=plan, period=period.code)
    create_parts(round_)
    fm.RoundEvent.objects.create(round=round_, action=fm.RoundEventKind.IMPORTED, by=by, comment=reason)
    result = ImportResult(round_, created)
    _Writer(round_, plan, f, by, result.notes).write()
    return result


class _Writer:
    def __init__(self, round_: fm.Round, plan: pm.Plan, f: fs.FollowUpFile, by: Any, notes: list[str]):
        self.round, self.plan, self.f, self.by, self.notes = round_, plan, f, by, notes
        self.goals = {g.number: g for g in plan.goals.all()}
        self.targets = {
            (t.goal.number, _key(t.indicator.name)): t
            for t in pm.Target.objects.filter(plan=plan).select_related("goal", "indicator")
        }
        self.activities: dict[tuple[str, str], pm.Activity] = {
            (a.goal.number, _key(a.title)): a
            for a in pm.Activity.objects.filter(plan=plan).select_related("goal")
        }
        self.areas = _Areas(plan)

    def save(self, obj: Any) -> Any:
        obj._history_user = self.by
        obj.save()
        return obj

    def write(self) -> None:
        self._outcomes()
        self._assessments()
        self._activities()
        self._economics()
        self._cover()

    def _outcomes(self) -> None:
        for o in self.f.outcomes:
            target = self.targets.get((o.goal, _key(o.indicator)))
            if target is None:
                self.notes.append(
                    f"outcome for '{o.indicator}' under goal {o.goal}: the plan has no such indicator"
                )
                continue
            printed = dict(o.as_printed)
            if o.period_label:
                printed.setdefault("period", o.period_label)
            self.save(
                fm.Outcome(
                    round=self.round,
                    target=target,
                    total=o.total,
                    men=o.men,
                    women=o.women,
                    forecast=o.forecast,
                    numerator=o.numerator,
                    denominator=o.denominator,
                    window_start=o.window_start,
                    window_end=o.window_end,
                    comment=o.comment,
                    as_printed=dict(sorted(printed.items())),
                    source=fm.Source.IMPORT,
                    provenance={"previous_as_printed": str(o.previous)} if o.previous is not None else {},
                )
            )

    def _assessments(self) -> None:
        for a in self.f.assessments:
            goal = self.goals.get(a.goal)
            if goal is None:
                self.notes.append(f"assessment of goal {a.goal}: the plan has no such goal")
                continue
            self.save(
                fm.Assessment(
                    round=self.round,
                    goal=goal,
                    value=a.assessment.value if a.assessment else "",
                    analysis=a.analysis,
                    justification=a.justification,
                )
            )

    def _activities(self) -> None:
        for r in self.f.activities:
            activity = self.activities.get((r.goal, _key(r.title)))
            if activity is None:
                self.notes.append(
                    f"activity '{r.title[:60]}' under goal {r.goal}: the plan has no such activity"
                )
                continue
            self.save(
                fm.ActivityReport(
                    round=self.round,
                    activity=activity,
                    status=r.status.value if r.status else "",
                    deviation=r.deviation,
                )
            )

    def _economics(self) -> None:
        eco = self.f.economics
        for a in eco.areas:
            area = self.areas.ensure(self.plan, a.area, self.by)
            self.save(
                fm.AreaForecast(
                    round=self.round,
                    area=area,
                    costs=a.forecast_costs,
                    revenues=a.forecast_revenues,
                    last_year_net=a.last_year_net,
                    commentary=a.commentary,
                    as_printed={**a.as_printed, "name": a.area},
                )
            )
        lines = {_key(line.label): line for line in self.plan.revenue_requirements.all()}
        for r in eco.revenue_requirement:
            line = lines.get(_key(r.label))
            if line is None:
                line = bm.RevenueRequirementLine.objects.create(
                    plan=self.plan, label=r.label, position=len(lines) + 1
                )
                lines[_key(r.label)] = line
                self.notes.append(
                    f"revenue requirement '{r.label}' was not in the plan; added without a budget"
                )
            self.save(
                fm.RequirementForecast(
                    round=self.round, line=line, forecast=r.forecast, last_year=r.last_year
                )
            )
        investments = {_key(i.label): i for i in self.plan.investments.all()}
        for i in eco.investments:
            inv = investments.get(_key(i.label)) or next(iter(investments.values()), None)
            if inv is None:
                inv = bm.Investment.objects.create(plan=self.plan, label=i.label, amount=i.budget)
            self.save(
                fm.InvestmentForecast(
                    round=self.round, investment=inv, forecast=i.forecast, last_year=i.last_year
                )
            )
        position = 0
        for group in eco.turnover:
            area = self.areas.ensure(self.plan, group.area, self.by)
            for row in group.rows:
                position += 1
                self.save(
                    fm.TurnoverProposal(
                        round=self.round,
                        area=area,
                        heading=group.heading,
                        subtotal_label=group.subtotal_label,
                        label=row.label,
                        costs=row.costs,
                        revenues=row.revenues,
                        position=position,
                    )
                )
        for position, adj in enumerate(eco.adjustments, 1):
            self.save(
                fm.AdjustmentRequest(
                    round=self.round,
                    amount=adj.amount,
                    reason=adj.reason,
                    from_amount=adj.from_amount,
                    to_amount=adj.to_amount,
                    area=self.areas.find(adj.area) if adj.area else None,
                    requirement=next(
                        (ln for k, ln in lines.items() if adj.area and _key(adj.area) in k), None
                    ),
                    position=position,
                )
            )
        volumes = {
            (v.area.name, _key(v.label)): v for v in self.plan.performance_volumes.select_related("area")
        }
        for v in eco.volumes:
            area = self.areas.ensure(self.plan, v.area, self.by)
            volume = volumes.get((area.name, _key(v.label)))
            if volume is None:
                volume = bm.PerformanceVolume.objects.create(
                    plan=self.plan,
                    area=area,
                    label=v.label,
                    budget_places=v.budget_places or Decimal(0),
                    price_per_place=v.price_per_place,
                    position=len(volumes) + 1,
                )
                volumes[(area.name, _key(v.label))] = volume
            self.save(
                fm.VolumeForecast(
                    round=self.round,
                    volume=volume,
                    forecast_places=v.forecast_places
                    if v.forecast_places is not None
                    else volume.budget_places,
                    price_per_place=v.price_per_place,
                    amount_as_printed=v.amount_as_printed,
                )
            )
        for position, spent in enumerate(eco.investment_areas, 1):
            self.save(
                fm.InvestmentOutcome(
                    round=self.round,
                    area=spent.area,
                    expenditure=spent.expenditure,
                    income=spent.income,
                    position=position,
                )
            )
        if self.round.organisation.kind == OrganisationKind.CITY:
            # The city's report: its printed sums are kept for the checks to compare, never used.
            for key, text in sorted(eco.printed_totals.items()):
                self.save(fm.PrintedTotal(round=self.round, key=key, text=text))
        for c in self.f.complaints:
            self.save(
                fm.ComplaintCount(
                    round=self.round,
                    department=c.department,
                    month=c.month,
                    category=c.category,
                    count=c.count,
                )
            )
        for sr_position, sr in enumerate(self.f.special_reports, 1):
            self.save(fm.SpecialReport(round=self.round, title=sr.title, text=sr.text, position=sr_position))

    def _cover(self) -> None:
        cover = self.f.report
        self.save(
            fm.ReportCover(
                round=self.round,
                title=cover.title,
                addressee=cover.addressee,
                meeting_date=cover.meeting_date,
                agenda_number=cover.agenda_number,
                summary_analysis=cover.summary_analysis,
            )
        )
        for position, officer in enumerate(cover.case_officers, 1):
            self.save(
                fm.CaseOfficer(round=self.round, name=officer.name, phone=officer.phone, position=position)
            )
        for d in cover.decisions:
            kind, amount = decision_kind(d.text)
            self.save(
                fm.DecisionProposal(
                    round=self.round, kind=kind, text=d.text, amount_as_printed=amount, position=d.number
                )
            )
        for att in cover.attachments:
            self.save(fm.ReportAttachment(round=self.round, number=att.number, title=att.title))
        for position, sig in enumerate(self.f.signatures, 1):
            self.save(fm.Signature(round=self.round, position=position, **sig.model_dump()))


_AMOUNT = re.compile(r"(-?\d[\d\s\u00a0]*,\d)\s*mnkr")


def decision_kind(text: str) -> tuple[str, Decimal | None]:
    """What a printed decision proposal decides, and the amount it names (mnkr)."""
    match = _AMOUNT.search(text)
    amount = parse_number(match[1], decimal_point=False) if match else None
    lowered = text.lower()
    if "omslut" in lowered:
        return fm.DecisionKind.APPROVE_TURNOVER, amount
    if "budgetjustering" in lowered:
        return fm.DecisionKind.REQUEST_ADJUSTMENT, amount
    if "godkänna" in lowered and ("rapport" in lowered or "berättelse" in lowered):
        return fm.DecisionKind.APPROVE_REPORT, amount
    return fm.DecisionKind.OTHER, amount
