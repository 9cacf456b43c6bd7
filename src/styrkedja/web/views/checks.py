"""The consistency checks in the UI: the whole avstämning of a round (with a controller's override of a
finding, justified), the findings panel that the round, part, assessment and economy pages load into
themselves, and the avstämning of a plan."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from styrkedja.checks import Finding, Severity, rule_title
from styrkedja.followup.checking import RoundCheck, check_round, override_finding, plan_findings
from styrkedja.followup.models import FindingOverride, Part, Round
from styrkedja.followup.permissions import EDIT_ROUND
from styrkedja.followup.scope import GoalTree
from styrkedja.organisations.models import Role
from styrkedja.organisations.permissions import has_role
from styrkedja.plans.models import Goal
from styrkedja.web.table_download import offers_xlsx
from styrkedja.web.views.common import Crumb, authorise, get_plan, plan_crumbs
from styrkedja.web.views.followup_common import (
    get_round,
    locked_response,
    round_crumbs,
    round_title,
    user_name,
)

SEVERITY_HEADINGS = {Severity.ERROR: "Fel", Severity.WARNING: "Varningar", Severity.INFO: "Information"}
KIND_LINKS = {
    "indicator": "Till indikatorn",
    "goal": "Till målet",
    "activity": "Till aktiviteten",
    "budget": "Till ekonomin",
    "decision": "Till rapporten",
    "signature": "Till rapporten",
    "person": "Till rapporten",
    "report": "Till rapporten",
}


class OverrideForm(forms.Form):
    finding = forms.CharField(widget=forms.HiddenInput)
    justification = forms.CharField(
        label="Motivering för att godta avvikelsen",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Skriv varför avvikelsen godtas."},
        help_text="Varför avvikelsen inte behöver rättas. Sparas med ditt namn i uppföljningens historik.",
    )

    def clean_justification(self) -> str:
        text: str = self.cleaned_data["justification"].strip()
        if not text:
            raise ValidationError("Skriv varför avvikelsen godtas.")
        return text


@dataclass
class Item:
    finding: Finding
    url: str
    link_text: str
    override: FindingOverride | None = None
    form: OverrideForm | None = None

    @property
    def css(self) -> str:
        return {"error": "error", "warning": "warning"}.get(self.finding.severity.value, "")

    @property
    def overridden_by(self) -> str:
        return user_name(self.override.by) if self.override else ""


class Links:
    """Where each finding's object is edited: a goal's part, its assessment, the economics, the report."""

    def __init__(self, round_: Round):
        self.round = round_
        self.tree = GoalTree.of_plan(round_.plan_id)
        self.goals = {g.number: g for g in self.tree.goals.values()}
        self.parts = {p.goal_id: p for p in Part.objects.filter(round=round_, goal__isnull=False)}

    def _part(self, goal: Goal) -> Part | None:
        owner = self.tree.part_goal_of(goal.pk)
        return self.parts.get(owner.pk) if owner is not None else None

    def report_url(self) -> str:
        try:
            return reverse("round_report", kwargs={"pk": self.round.pk, "fmt": "html"})
        except NoReverseMatch:
            return reverse("round", args=[self.round.pk])

    def url(self, finding: Finding) -> str:
        goal = self.goals.get(finding.goal or (finding.ref if finding.kind == "goal" else ""))
        if finding.kind == "budget":
            return reverse("round_economy", args=[self.round.pk])
        if goal is None:
            return self.report_url()
        part = self._part(goal)
        if finding.kind == "goal":
            return reverse("assessment", args=[self.round.pk, goal.pk])
        if finding.kind == "activity":
            return (
                reverse("part_activities", args=[part.pk])
                if part
                else reverse("assessment", args=[self.round.pk, goal.pk])
            )
        if part is not None:
            return reverse("part", args=[part.pk])
        return reverse("round_indicators", args=[self.round.pk])


def _items(round_: Round, check: RoundCheck, findings: list[Finding], forms_for: bool) -> list[Item]:
    links = Links(round_)
    items = []
    for n, finding in enumerate(findings):
        override = check.override_of(finding)
        form = None
        if forms_for and override is None and finding.severity is not Severity.INFO:
            form = OverrideForm(auto_id=f"id_f{n}_%s", initial={"finding": finding.key})
        items.append(
            Item(finding, links.url(finding), KIND_LINKS.get(finding.kind, "Till objektet"), override, form)
        )
    return items


def _may_override(role: Role | None, round_: Round) -> bool:
    return has_role(role, EDIT_ROUND) and not round_.is_locked


def _page(
    request: HttpRequest,
    round_: Round,
    context: dict,
    check: RoundCheck,
    bound: tuple[int, OverrideForm] | None = None,
) -> HttpResponse:
    may_override = _may_override(context["role"], round_)
    items = _items(round_, check, check.findings, may_override)
    if bound is not None:
        items[bound[0]].form = bound[1]
    groups = [
        (SEVERITY_HEADINGS[s], s.value, [i for i in items if i.finding.severity is s]) for s in Severity
    ]
    return render(
        request,
        "checks/round_checks.html",
        {
            **context,
            "round": round_,
            "title": round_title(round_),
            "groups": [g for g in groups if g[2]],
            "counts": check.counts(),
            "blocking": check.blocking,
            "overridden": len(check.overrides),
            "may_override": may_override,
            "breadcrumbs": [*round_crumbs(round_), Crumb("Avstämning")],
        },
        status=400 if bound is not None else 200,
    )


@login_required
@offers_xlsx
def round_checks(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round(pk)
    context = authorise(request, round_.organisation, Role.READER)
    return _page(request, round_, context, check_round(round_))


@login_required
@require_POST
def finding_override(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round(pk)
    context = authorise(request, round_.organisation, EDIT_ROUND)
    if round_.is_locked:
        return locked_response(request, round_)
    check = check_round(round_)
    key = request.POST.get("finding", "")
    index = next((n for n, f in enumerate(check.findings) if f.key == key), None)
    if index is None:
        messages.error(request, "Avvikelsen finns inte längre; avstämningen har körts igen.")
        return redirect("round_checks", round_.pk)
    form = OverrideForm(request.POST, auto_id=f"id_f{index}_%s")
    if not form.is_valid():
        return _page(request, round_, context, check, (index, form))
    try:
        override_finding(round_, key, by=request.user, justification=form.cleaned_data["justification"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        found = check.findings[index]
        messages.success(
            request, f"Avvikelsen är godtagen: {found.ref[:100]} (kontroll: {rule_title(found.rule)})."
        )
    return redirect("round_checks", round_.pk)


@login_required
def findings_panel(request: HttpRequest, pk: int) -> HttpResponse:
    """The panel a page loads into itself: `?mal=1.1.1` the findings of a goal (`&under=1`: and the goals
    below it), `?typ=budget` those of one kind of object, `?sammanfattning=1` the counts and the errors."""
    round_ = get_round(pk)
    authorise(request, round_.organisation, Role.READER)
    check = check_round(round_)
    findings = check.findings
    number = request.GET.get("mal", "")
    scope = "hela rapporten"
    if number:
        under = request.GET.get("under") == "1"
        findings = [
            f
            for f in findings
            if (f.goal or (f.ref if f.kind == "goal" else "")) == number
            or (under and (f.goal or "").startswith(number + "."))
        ]
        scope = f"mål {number}"
    if request.GET.get("typ"):
        findings = [f for f in findings if f.kind == request.GET["typ"]]
        scope = "ekonomin" if request.GET["typ"] == "budget" else scope
    summary = request.GET.get("sammanfattning") == "1"
    shown = [f for f in findings if f.severity is Severity.ERROR] if summary else findings
    counts = {s.value: sum(1 for f in findings if f.severity is s) for s in Severity}
    return render(
        request,
        "checks/_findings.html",
        {
            "round": round_,
            "items": _items(round_, check, shown, False),
            "counts": counts,
            "total": len(findings),
            "summary": summary,
            "scope": scope,
            "blocking": [f for f in check.blocking if f in findings],
        },
    )


@login_required
@offers_xlsx
def plan_checks(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_plan(pk)
    context = authorise(request, plan.organisation, Role.READER)
    findings = plan_findings(plan)
    goals = {g.number: g for g in plan.goals.all()}

    def url(finding: Finding) -> str:
        goal = goals.get(finding.goal or (finding.ref if finding.kind == "goal" else ""))
        if finding.kind == "budget":
            return reverse("economy", args=[plan.pk])
        return reverse("goal", args=[goal.pk]) if goal else reverse("plan", args=[plan.pk])

    items = [
        Item(f, url(f), KIND_LINKS.get(f.kind, "Till objektet").replace("rapporten", "planen"))
        for f in findings
    ]
    groups = [
        (SEVERITY_HEADINGS[s], s.value, [i for i in items if i.finding.severity is s]) for s in Severity
    ]
    return render(
        request,
        "checks/plan_checks.html",
        {
            **context,
            "plan": plan,
            "groups": [g for g in groups if g[2]],
            "counts": {s.value: sum(1 for f in findings if f.severity is s) for s in Severity},
            "breadcrumbs": [*plan_crumbs(plan), Crumb("Avstämning")],
        },
    )
