"""Follow-up rounds: an organisation's rounds, opening one, the overview with its workflow, the to-do list.

Workflow steps go through `followup.workflow`; every write to a locked round answers 409 with the message
that the report is approved and locked (see `followup_common.locked_response`).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from styrkedja.followup import workflow
from styrkedja.followup.archiving import served_archive
from styrkedja.followup.checking import check_round
from styrkedja.followup.models import Assessment, Part, PartStatus, Round, RoundStatus
from styrkedja.followup.permissions import EDIT_ROUND, may_edit_part, may_mark_ready
from styrkedja.followup.progress import Missing, is_overdue, round_missing
from styrkedja.organisations.models import Organisation, Role
from styrkedja.organisations.permissions import has_role, role_in, visible_organisations
from styrkedja.plans.models import Goal
from styrkedja.profiles import Wording
from styrkedja.web.forms.followup import (
    NOBODY,
    AssignForm,
    CommentForm,
    DeadlineForm,
    OpenRoundForm,
    OverviewFilterForm,
)
from styrkedja.web.table_download import offers_xlsx
from styrkedja.web.templatetags.sv import part_title
from styrkedja.web.views.common import Crumb, authorise, organisation_crumbs
from styrkedja.web.views.followup_common import (
    get_part,
    get_round,
    locked_response,
    period_label,
    round_crumbs,
    round_title,
    user_name,
)
from styrkedja.web.views.followup_part import part_page_with_return_form

RETURN_LABEL = "Kommentar till rapportören"
REOPEN_LABEL = "Skäl att öppna rapporten igen"


def _organisation(code: str) -> Organisation:
    return get_object_or_404(Organisation.objects.select_related("parent__parent__parent"), code=code)


@dataclass
class RoundRow:
    round: Round
    label: str
    parts: int
    approved: int


def _round_rows(organisation: Organisation, words: Wording) -> list[RoundRow]:
    rows = []
    rounds = Round.objects.filter(organisation=organisation).prefetch_related("parts").order_by("-period")
    for round_ in rounds:
        parts = list(round_.parts.all())
        approved = sum(1 for p in parts if p.status == PartStatus.APPROVED)
        rows.append(RoundRow(round_, period_label(round_, words), len(parts), approved))
    return rows


def _rounds_page(request: HttpRequest, organisation: Organisation, context: dict, form, status=200):
    crumbs = organisation_crumbs(organisation)
    return render(
        request,
        "followup/round_list.html",
        {
            **context,
            "organisation": organisation,
            "rows": _round_rows(organisation, context["words"]),
            "form": form,
            "may_open": has_role(context["role"], EDIT_ROUND),
            "breadcrumbs": [*crumbs, Crumb("Uppföljningar")],
        },
        status=status,
    )


def _plan_years(organisation: Organisation) -> list[int]:
    return list(organisation.plans.values_list("year", flat=True))


@login_required
@offers_xlsx
def round_list(request: HttpRequest, code: str) -> HttpResponse:
    organisation = _organisation(code)
    context = authorise(request, organisation)
    return _rounds_page(
        request,
        organisation,
        context,
        OpenRoundForm(years=_plan_years(organisation), profile=context["profile"]),
    )


@login_required
def round_open(request: HttpRequest, code: str) -> HttpResponse:
    organisation = _organisation(code)
    context = authorise(request, organisation, EDIT_ROUND)
    form = OpenRoundForm(request.POST or None, years=_plan_years(organisation), profile=context["profile"])
    if request.method == "POST" and form.is_valid():
        try:
            round_ = workflow.open_round(
                organisation,
                form.cleaned_data["period"],
                by=request.user,
                deadline=form.cleaned_data["deadline"],
            )
        except ValidationError as exc:
            form.add_error("period", exc.messages)
        else:
            messages.success(request, f"{round_title(round_)} har öppnats med {round_.parts.count()} delar.")
            return redirect("round", round_.pk)
    return _rounds_page(request, organisation, context, form)


# --- The overview ---------------------------------------------------------------------------------------


@dataclass
class PartRow:
    part: Part
    missing: Missing
    may_ready: bool
    may_review: bool
    return_form: CommentForm | None = None
    assign_form: AssignForm | None = None
    overdue: bool = False
    findings: int = 0


@dataclass
class MatrixRow:
    """A goal of the goal-fulfilment matrix: its rating (a key of the profile's scale, or empty)."""

    goal: Goal
    value: str


def _goal_matrix(round_: Round, profile) -> list[MatrixRow]:
    """The goals that are rated (the committee's and the council's levels), each with its rating."""
    levels = [level.key for level in profile.levels if profile.is_council_level(level.key)]
    levels.append(profile.committee_key)
    goals = Goal.objects.filter(plan_id=round_.plan_id, level__in=levels).order_by("position", "pk")
    values = dict(Assessment.objects.filter(round=round_).values_list("goal_id", "value"))
    return [MatrixRow(goal, values.get(goal.pk, "") or "") for goal in goals]


def _filtered(rows: list[PartRow], form: OverviewFilterForm) -> list[PartRow]:
    if not form.is_valid():
        return rows
    status, reporter, overdue = (
        form.cleaned_data["status"],
        form.cleaned_data["rapportor"],
        form.cleaned_data["forsenad"],
    )
    if status:
        rows = [r for r in rows if r.part.status == status]
    if reporter == NOBODY:
        rows = [r for r in rows if r.part.assignee_id is None]
    elif reporter:
        rows = [r for r in rows if str(r.part.assignee_id) == reporter]
    if overdue:
        rows = [r for r in rows if r.overdue]
    return rows


def _assign_form(part: Part, users: list, data=None) -> AssignForm:
    """The part's assignment form; a current assignee who is no longer eligible stays in the list, so
    the form shows who the part is assigned to."""
    if part.assignee is not None and all(u.pk != part.assignee_id for u in users):
        users = [*users, part.assignee]
    initial = {"assignee": str(part.assignee_id or "")}
    return AssignForm(data, users=users, prefix=f"tilldela{part.pk}", initial=initial)


def _overview(
    request: HttpRequest,
    round_: Round,
    context: dict,
    bound: dict[int, CommentForm],
    assign: dict[int, AssignForm] | None = None,
) -> dict:
    role, user = context["role"], request.user
    parts = list(round_.parts.select_related("goal", "assignee").order_by("position"))
    for part in parts:
        part.round = round_  # the permission checks read the round's status; no query per part
    missing = round_missing(round_, parts)
    reviewer = has_role(role, EDIT_ROUND) and not round_.is_locked
    assignees = workflow.eligible_assignees(round_.organisation) if reviewer else []
    assign = assign or {}
    check = check_round(round_)
    today = timezone.localdate()
    all_rows = [
        PartRow(
            part,
            missing[part.pk],
            may_mark_ready(role, user, part),
            reviewer and part.status in (PartStatus.READY, PartStatus.APPROVED),
            bound.get(part.pk) or CommentForm(prefix=f"del{part.pk}", label=RETURN_LABEL),
            (assign.get(part.pk) or _assign_form(part, assignees)) if reviewer else None,
            is_overdue(part, round_, today),
            len(check.open_for_part(part.goal.number if part.goal is not None else None)),
        )
        for part in parts
    ]
    reporters = {p.assignee_id: user_name(p.assignee) for p in parts if p.assignee_id is not None}
    filters = OverviewFilterForm(request.GET or None, reporters=sorted(reporters.items(), key=lambda i: i[1]))
    rows = _filtered(all_rows, filters)
    events = [
        (e.at, e.get_action_display(), user_name(e.by), e.comment)
        for e in round_.events.select_related("by").order_by("-at", "-pk")
    ]
    profile = context["profile"]
    council_levels = [level for level in profile.levels if profile.is_council_level(level.key)]
    waiting = [
        part_title(row.part, context["profile"]) for row in all_rows if row.part.status != PartStatus.APPROVED
    ]
    blocking = check.blocking if not round_.is_locked else []
    return {
        **context,
        "round": round_,
        "title": round_title(round_),
        "label": period_label(round_),
        "rows": rows,
        "all_count": len(all_rows),
        "overdue_count": sum(1 for row in all_rows if row.overdue),
        "filters": filters,
        "filtered": filters.is_bound,
        "matrix": _goal_matrix(round_, profile),
        "ratings": profile.ratings,
        "blocking": blocking,
        "events": events,
        "council_levels": council_levels,
        "may_edit_round": has_role(role, EDIT_ROUND) and not round_.is_locked,
        "may_approve_round": has_role(role, Role.DIRECTOR) and not round_.is_locked,
        "may_reopen": has_role(role, Role.DIRECTOR) and round_.is_locked,
        "waiting": waiting,
        "reopen_form": context.get("reopen_form") or CommentForm(prefix="oppna", label=REOPEN_LABEL),
        "deadline_form": context.get("deadline_form")
        or DeadlineForm(prefix="sistadag", initial={"deadline": round_.deadline}),
        "breadcrumbs": round_crumbs(round_),  # base.html leaves the last one unlinked
        "archive": served_archive(round_),
    }


def _overview_page(request, round_, context, bound=None, assign=None, status=200) -> HttpResponse:
    return render(
        request,
        "followup/round_detail.html",
        _overview(request, round_, context, bound or {}, assign),
        status=status,
    )


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round(pk)
    context = authorise(request, round_.organisation)
    return _overview_page(request, round_, context)


def _part_action(request: HttpRequest, pk: int, minimum: Role):
    part = get_part(pk)
    context = authorise(request, part.round.organisation, minimum)
    return part, context


def _back_to(request: HttpRequest, part: Part) -> str:
    """Where a step on a part returns the reader: the part's page at its review (`tillbaka=del`, the
    buttons on the part's page), or the part's row of the overview."""
    if request.POST.get("tillbaka") == "del":
        return reverse("part", args=[part.pk]) + "#granskning-del"
    return reverse("round", args=[part.round_id]) + f"#del-{part.pk}"


def _confirm_page(request: HttpRequest, part: Part, context: dict, exc: workflow.Incomplete, step: str):
    """What is still empty in the part, and the question whether to go on anyway."""
    back = _back_to(request, part)
    return render(
        request,
        "followup/part_confirm.html",
        {
            **context,
            "part": part,
            "round": part.round,
            "items": exc.missing.items(),
            "step": step,
            "action": request.path,
            "tillbaka": request.POST.get("tillbaka", ""),
            "back": back,
            "breadcrumbs": [*round_crumbs(part.round), Crumb(part.title, reverse("part", args=[part.pk]))],
        },
    )


def _confirmed(request: HttpRequest) -> bool:
    return request.POST.get("bekrafta") == "ja"


@login_required
@require_POST
def part_ready(request: HttpRequest, pk: int) -> HttpResponse:
    part, context = _part_action(request, pk, Role.REPORTER)
    if part.round.is_locked:
        return locked_response(request, part.round)
    if part.status in (PartStatus.TODO, PartStatus.RETURNED) and not may_mark_ready(
        context["role"], request.user, part
    ):
        raise PermissionDenied("Delen är tilldelad någon annan.")
    try:
        return _step(
            request,
            part,
            lambda: workflow.mark_ready(part, by=request.user, accept_missing=_confirmed(request)),
            "har markerats som klar",
        )
    except workflow.Incomplete as exc:
        return _confirm_page(request, part, context, exc, "Markera som klar ändå")


@login_required
@require_POST
def part_approve(request: HttpRequest, pk: int) -> HttpResponse:
    part, context = _part_action(request, pk, EDIT_ROUND)
    if part.round.is_locked:
        return locked_response(request, part.round)
    try:
        return _step(
            request,
            part,
            lambda: workflow.approve_part(part, by=request.user, accept_missing=_confirmed(request)),
            "har godkänts",
        )
    except workflow.Incomplete as exc:
        return _confirm_page(request, part, context, exc, "Godkänn ändå")


@login_required
@require_POST
def part_return(request: HttpRequest, pk: int) -> HttpResponse:
    part, context = _part_action(request, pk, EDIT_ROUND)
    round_ = part.round
    if round_.is_locked:
        return locked_response(request, round_)
    form = CommentForm(request.POST, prefix=f"del{part.pk}", label=RETURN_LABEL)
    if not form.is_valid():
        if request.POST.get("tillbaka") == "del":
            return part_page_with_return_form(request, part, form)
        return _overview_page(request, round_, context, {part.pk: form})
    comment = form.cleaned_data["comment"].strip()
    return _step(
        request,
        part,
        lambda: workflow.return_part(part, by=request.user, comment=comment),
        "har skickats tillbaka",
    )


@login_required
@require_POST
def part_assign(request: HttpRequest, pk: int) -> HttpResponse:
    part, context = _part_action(request, pk, EDIT_ROUND)
    round_ = part.round
    if round_.is_locked:
        return locked_response(request, round_)
    form = _assign_form(part, workflow.eligible_assignees(round_.organisation), request.POST)
    if form.is_valid():
        assignee = form.chosen()
        try:
            workflow.assign_part(part, assignee, by=request.user)
        except ValidationError as exc:
            form.add_error("assignee", exc.messages)
        else:
            who = user_name(assignee) if assignee is not None else "alla rapportörer"
            messages.success(request, f"{part.title} är tilldelad {who}.")
            return redirect("round", round_.pk)
    return _overview_page(request, round_, context, assign={part.pk: form})


@login_required
@require_POST
def round_deadline(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round(pk)
    context = authorise(request, round_.organisation, EDIT_ROUND)
    if round_.is_locked:
        return locked_response(request, round_)
    form = DeadlineForm(request.POST, prefix="sistadag")
    if form.is_valid():
        deadline = form.cleaned_data["deadline"]
        workflow.set_deadline(round_, deadline, by=request.user)
        when = f"{deadline:%Y-%m-%d}" if deadline else "inte satt"
        messages.success(request, f"Sista dag för rapportörerna är {when}.")
        return redirect("round", round_.pk)
    return _overview_page(request, round_, {**context, "deadline_form": form})


def _step(request: HttpRequest, part: Part, action, done: str) -> HttpResponse:
    """Take a workflow step and return the reader to where they were (`_back_to`)."""
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"{part.title} {done}.")
    return redirect(_back_to(request, part))


@login_required
@require_POST
def round_approve(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round(pk)
    authorise(request, round_.organisation, Role.DIRECTOR)
    if round_.is_locked:
        return locked_response(request, round_)
    try:
        workflow.approve_round(round_, by=request.user)
    except ValidationError as exc:
        messages.error(request, "Rapporten kunde inte godkännas. " + " ".join(exc.messages))
    else:
        messages.success(request, "Rapporten är godkänd och låst.")
    return redirect("round", round_.pk)


@login_required
@require_POST
def round_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round(pk)
    context = authorise(request, round_.organisation, Role.DIRECTOR)
    form = CommentForm(request.POST, prefix="oppna", label=REOPEN_LABEL)
    if not form.is_valid():
        return _overview_page(request, round_, {**context, "reopen_form": form})
    try:
        workflow.reopen_round(round_, by=request.user, reason=form.cleaned_data["comment"].strip())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Rapporten har öppnats igen.")
    return redirect("round", round_.pk)


# --- The to-do list -------------------------------------------------------------------------------------


@dataclass
class TodoRow:
    part: Part
    round: Round
    label: str
    missing: Missing
    overdue: bool = False


@login_required
@offers_xlsx
def todo(request: HttpRequest) -> HttpResponse:
    """The open rounds' parts the user is to fill in (todo or sent back), and for controllers the parts
    waiting for review; across every organisation where the user has a role."""
    user = request.user
    organisations = visible_organisations(user)
    rounds = Round.objects.filter(organisation__in=organisations, status=RoundStatus.OPEN).select_related(
        "organisation__parent__parent__parent"
    )
    to_fill: list[TodoRow] = []
    to_review: list[TodoRow] = []
    today = timezone.localdate()
    for round_ in sorted(
        rounds, key=lambda r: (r.deadline is None, r.deadline, r.organisation.name, r.period)
    ):
        role = role_in(user, round_.organisation)
        if not has_role(role, Role.REPORTER):
            continue
        parts = list(round_.parts.select_related("goal", "assignee").order_by("position"))
        for part in parts:
            part.round = round_
        mine = [
            p
            for p in parts
            if p.status in (PartStatus.TODO, PartStatus.RETURNED) and may_edit_part(role, user, p)
        ]
        review = [p for p in parts if p.status == PartStatus.READY] if has_role(role, EDIT_ROUND) else []
        if not mine and not review:
            continue
        missing = round_missing(round_, mine)
        label = f"{round_.organisation.name}, {period_label(round_)}"
        to_fill += [TodoRow(p, round_, label, missing[p.pk], is_overdue(p, round_, today)) for p in mine]
        to_review += [TodoRow(p, round_, label, Missing(), is_overdue(p, round_, today)) for p in review]
    return render(
        request,
        "followup/todo.html",
        {
            "to_fill": to_fill,
            "to_review": to_review,
            "breadcrumbs": [Crumb("Start", reverse("home")), Crumb("Att göra")],
        },
    )
