"""Follow-up file → database, in one transaction. Creates the year's plan from the report when it is missing.

Rows of the report are matched to the plan (interchange/followup_matching.py). A row that matches
nothing — an outcome, assessment or activity, an area, intäktskrav line, investment or volume the plan
does not have — refuses the whole file, naming the row and the plan's nearest candidates; with
`skip_unmatched=True` the rest is stored and every skipped row is returned. Never skipped, always
refused: a value its indicator's unit does not allow (the rules of lib/validation.py, as on the web), a
budget column that differs from the plan's adopted budget, and a second row for the same thing. Nothing
is created in the plan to make a row fit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction

from styrkedja.followup import models as fm
from styrkedja.followup.workflow import create_parts
from styrkedja.interchange.followup_economy_import import EconomyWriter
from styrkedja.interchange.followup_matching import key as _key
from styrkedja.interchange.plan_import import ensure_organisation, load_plan
from styrkedja.lib.numbers import parse_number
from styrkedja.lib.outcomes import OutcomeValues, validate_outcome
from styrkedja.lib.periods import report_period
from styrkedja.organisations.profiles import profile_of_codes
from styrkedja.planfiles import followup_schema as fs
from styrkedja.planfiles import schema as ps
from styrkedja.planfiles.profile_check import followup_problems
from styrkedja.planfiles.reader import RowProblem
from styrkedja.plans import models as pm


class RoundExists(Exception):
    pass


class FileRefused(Exception):
    """Rows of a follow-up file that the plan or the rules refuse; nothing has been stored."""

    def __init__(self, problems: list[RowProblem]):
        self.problems = problems
        super().__init__("\n".join(f"{'.'.join(map(str, p.loc))}: {p.message}" for p in problems))


@dataclass
class ImportResult:
    round: fm.Round
    plan_created: bool
    skipped: list[RowProblem] = field(default_factory=list)  # rows matching nothing, with skip_unmatched


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
            for a in {a.area: a for a in eco.areas}.values()
        ],
        revenue_requirement=[
            ps.RevenueRequirementLine(label=r.label, amounts={code: r.budget})
            for r in eco.revenue_requirement
        ],
        investments=[ps.Investment(label=i.label, amount=i.budget) for i in eco.investments],
        performance_volumes=[
            ps.PerformanceVolume(
                area=v.area,
                label=v.label,
                budget_places=v.budget_places or Decimal(0),
                price_per_place=v.price_per_place,
            )
            for v in eco.volumes
            if v.area in {a.area for a in eco.areas}
        ],
    )


@transaction.atomic
def import_followup(
    f: fs.FollowUpFile,
    plan_file: ps.PlanFile | None,
    *,
    by: Any = None,
    replace: bool = False,
    reason: str = "import",
    skip_unmatched: bool = False,
) -> ImportResult:
    """Store a follow-up file as the round of its period. Raises FileRefused (and stores nothing) for
    rows the plan, the rules or the municipality's profile refuse (a rating it does not have); with
    `skip_unmatched`, rows that match nothing in the plan are left out and listed in the result instead."""
    profile = profile_of_codes(f.organisation.codes())
    not_in_profile = [RowProblem(loc, message) for loc, message in followup_problems(f, profile)]
    if not_in_profile:
        raise FileRefused(not_in_profile)
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
    writer = _Writer(round_, plan, f, by)
    writer.write()
    refused = [p for p, unmatched in writer.problems if not (skip_unmatched and unmatched)]
    if refused:
        raise FileRefused(refused)  # rolls the transaction back: nothing is stored
    return ImportResult(round_, created, [p for p, _ in writer.problems])


class _Writer(EconomyWriter):
    """A follow-up file's rows → the round; the problems are collected, not raised (see import_followup)."""

    def write(self) -> None:
        self._outcomes()
        self._assessments()
        self._activities()
        self.economics()
        self._complaints()
        self._cover()

    def _outcomes(self) -> None:
        seen: dict[Any, int] = {}
        for i, o in enumerate(self.f.outcomes):
            loc: tuple[str | int, ...] = ("outcomes", i)
            target = self.rows.targets.get((o.goal, _key(o.indicator)))
            if target is None:
                self.unmatched((*loc, "indicator"), self.rows.missing_indicator(o.goal, o.indicator))
                continue
            if not self.once(seen, target.pk, loc, f"'{o.indicator}' under goal {o.goal}"):
                continue
            indicator = target.indicator
            # A printed report may leave out women and men: the consistency checks report that, the
            # import keeps what was printed. Every value must fit its unit, as on the web.
            verdict = validate_outcome(
                OutcomeValues(o.total, o.men, o.women, o.forecast),
                unit=indicator.unit,
                gender_split=False,
                scale=indicator.scale,
            )
            for name, messages in verdict.errors.items():
                for message in messages:
                    self.refuse((*loc, name), message)
            if not verdict.ok:
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
                    rating=o.rating or "",
                    data_period=o.data_period or "",
                    as_printed=dict(sorted(printed.items())),
                    source=fm.Source.IMPORT,
                    provenance={"previous_as_printed": str(o.previous)} if o.previous is not None else {},
                )
            )

    def _assessments(self) -> None:
        seen: dict[Any, int] = {}
        for i, a in enumerate(self.f.assessments):
            loc: tuple[str | int, ...] = ("assessments", i)
            goal = self.rows.goals.get(a.goal)
            if goal is None:
                self.unmatched((*loc, "goal"), self.rows.missing_goal(a.goal))
                continue
            if not self.once(seen, goal.pk, loc, f"goal {a.goal}"):
                continue
            self.save(
                fm.Assessment(
                    round=self.round,
                    goal=goal,
                    value=a.assessment or "",
                    analysis=a.analysis,
                    justification=a.justification,
                )
            )

    def _activities(self) -> None:
        seen: dict[Any, int] = {}
        for i, r in enumerate(self.f.activities):
            loc: tuple[str | int, ...] = ("activities", i)
            activity = self.rows.activities.get((r.goal, _key(r.title)))
            if activity is None:
                self.unmatched((*loc, "title"), self.rows.missing_activity(r.goal, r.title))
                continue
            if not self.once(seen, activity.pk, loc, f"the activity '{r.title[:60]}' under goal {r.goal}"):
                continue
            self.save(
                fm.ActivityReport(
                    round=self.round,
                    activity=activity,
                    status=r.status.value if r.status else "",
                    deviation=r.deviation,
                )
            )

    def _complaints(self) -> None:
        seen: dict[Any, int] = {}
        for i, c in enumerate(self.f.complaints):
            cell = (c.department, c.month, c.category)
            what = f"{c.department}, month {c.month}, '{c.category}'"
            if self.once(seen, cell, ("complaints", i), what):
                self.save(
                    fm.ComplaintCount(
                        round=self.round,
                        department=c.department,
                        month=c.month,
                        category=c.category,
                        count=c.count,
                    )
                )

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
