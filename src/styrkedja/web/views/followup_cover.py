"""A round's report cover and decisions (försättsblad, följebrev/tjänsteutlåtande): the cover's fields and
the lists of case officers, decision proposals, attachments, signatures and special reports.

Everyone with a role in the organisation reads the page; controllers and above change it while the round
is open. Each form is saved through `followup.cover_editing` in one transaction. The amounts of turnover
and adjustment decisions are computed from the economics (`followup/decisions.py`), never typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from styrkedja.edits.versions import Conflict, stored_version
from styrkedja.followup import cover_editing as editing
from styrkedja.followup.decisions import decision_amounts as computed_amounts
from styrkedja.followup.models import ReportCover, Round
from styrkedja.followup.permissions import EDIT_ROUND
from styrkedja.lib.numbers import format_mnkr
from styrkedja.organisations.permissions import has_role
from styrkedja.web.forms import cover as cf
from styrkedja.web.views.common import Crumb, authorise
from styrkedja.web.views.followup_common import get_round, locked_response, round_crumbs

HEADING = "Rapportens försättsblad och beslut"
COVER_FIELDS = ("title", "addressee", "meeting_date", "agenda_number", "summary_analysis")


@dataclass(frozen=True)
class Section:
    """A list of the cover: its formset, where its rows are and how they are saved."""

    slug: str  # in the address and the anchor
    heading: str
    noun: str  # one row: "Handläggare"
    formset_class: Any
    related: str  # the round's related name
    fields: tuple[str, ...]
    save: Callable[..., Any]
    saved: str  # the message when saved


SECTIONS = {
    s.slug: s
    for s in (
        Section(
            "handlaggare",
            "Handläggare",
            "Handläggare",
            cf.CaseOfficerFormSet,
            "case_officers",
            ("id", "version", "name", "phone"),
            editing.save_case_officers,
            "Handläggarna har sparats.",
        ),
        Section(
            "beslut",
            "Förslag till beslut",
            "Beslutsförslag",
            cf.DecisionFormSet,
            "decisions",
            ("id", "version", "kind", "text"),
            editing.save_decisions,
            "Förslagen till beslut har sparats.",
        ),
        Section(
            "bilagor",
            "Bilagor",
            "Bilaga",
            cf.AttachmentsFormSet,
            "attachments",
            ("id", "version", "number", "title"),
            editing.save_attachments,
            "Bilagorna har sparats.",
        ),
        Section(
            "underskrifter",
            "Underskrifter",
            "Underskrift",
            cf.SignatureFormSet,
            "signatures",
            ("id", "version", "name", "title", "date", "signed_as"),
            editing.save_signatures,
            "Underskrifterna har sparats.",
        ),
        Section(
            "sarskilda-redovisningar",
            "Särskilda redovisningar",
            "Särskild redovisning",
            cf.SpecialReportFormSet,
            "special_reports",
            ("id", "version", "title", "text"),
            editing.save_special_reports,
            "De särskilda redovisningarna har sparats.",
        ),
    )
}


def cover_url(round_: Round, anchor: str = "") -> str:
    return reverse("round_cover", args=[round_.pk]) + (f"#{anchor}" if anchor else "")


def _formset(section: Section, round_: Round, data: Any = None) -> Any:
    initial = [{f: getattr(row, f) for f in section.fields} for row in getattr(round_, section.related).all()]
    return section.formset_class(data, initial=initial, prefix=section.slug)


def decision_amounts(round_: Round) -> dict[str, str]:
    """The computed amount per decision kind (turnover, adjustment), formatted."""
    return {kind: format_mnkr(amount) for kind, amount in computed_amounts(round_).items()}


def _page(
    request: HttpRequest,
    round_: Round,
    context: dict,
    bound: dict[Any, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    bound = bound or {}
    editable = has_role(context["role"], EDIT_ROUND) and not round_.is_locked
    cover = ReportCover.objects.filter(round=round_).first()
    amounts = decision_amounts(round_)
    sections = []
    for section in SECTIONS.values():
        rows = list(getattr(round_, section.related).all())
        formset = None
        if editable:
            formset = bound.get(section.slug)
            if formset is None:
                formset = _formset(section, round_)
            if section.slug == "beslut":
                for form in formset.forms:
                    form.computed_amount = amounts.get(form["kind"].value(), "")
        if section.slug == "beslut":
            for row in rows:
                row.computed_amount = amounts.get(row.kind, "")
        sections.append(
            {
                "section": section,
                "rows": rows,
                "formset": formset,
                "conflict": bound.get(("conflict", section.slug)),
            }
        )
    cover_form = bound.get("cover")
    if editable and cover_form is None:
        cover_form = cf.CoverForm(
            initial={**{f: getattr(cover, f) for f in COVER_FIELDS}, "version": cover.version}
            if cover
            else {"version": 0}
        )
    return render(
        request,
        "followup/cover.html",
        {
            **context,
            "round": round_,
            "title": HEADING,
            "cover": cover,
            "cover_form": cover_form,
            "cover_conflict": bound.get(("conflict", "cover")),
            "sections": sections,
            "editable": editable,
            "breadcrumbs": [*round_crumbs(round_), Crumb("Försättsblad och beslut")],
        },
        status=status,
    )


@login_required
def cover(request: HttpRequest, pk: int) -> HttpResponse:
    """The page; a POST saves the cover's fields."""
    round_ = get_round(pk)
    if request.method != "POST":
        return _page(request, round_, authorise(request, round_.organisation))
    context = authorise(request, round_.organisation, EDIT_ROUND)
    if round_.is_locked:
        return locked_response(request, round_)
    form = cf.CoverForm(request.POST)
    if not form.is_valid():
        return _page(request, round_, context, {"cover": form})
    data = form.cleaned_data
    try:
        editing.save_cover(
            round_,
            title=data["title"].strip(),
            addressee=data["addressee"].strip(),
            meeting_date=data["meeting_date"],
            agenda_number=data["agenda_number"].strip(),
            summary_analysis=data["summary_analysis"].strip(),
            by=request.user,
            expected_version=data["version"],
        )
    except Conflict as exc:
        post = request.POST.copy()
        post["version"] = str(stored_version(exc.current))
        bound = {"cover": cf.CoverForm(post), ("conflict", "cover"): exc.current}
        return _page(request, round_, context, bound, status=409)
    messages.success(request, "Försättsbladet har sparats.")
    return redirect(cover_url(round_, "forsattsblad"))


@login_required
@require_POST
def cover_rows(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    """Save one of the cover's lists."""
    found = SECTIONS.get(section)
    if found is None:
        raise Http404("Okänd del av försättsbladet.")
    round_ = get_round(pk)
    context = authorise(request, round_.organisation, EDIT_ROUND)
    if round_.is_locked:
        return locked_response(request, round_)
    formset = _formset(found, round_, request.POST)
    if not formset.is_valid():
        return _page(request, round_, context, {found.slug: formset})
    try:
        found.save(round_, formset.rows(), by=request.user, read=formset.read())
    except Conflict as exc:
        # The typed rows stay; they are shown with what is stored now, and saving again replaces it.
        current = {row.pk: row.version for row in exc.current}
        post = request.POST.copy()
        for index, form in enumerate(formset.forms):
            row_id = form["id"].value()
            if row_id not in (None, "") and int(row_id) in current:
                post[f"{found.slug}-{index}-version"] = str(current[int(row_id)])
        rebound = _formset(found, round_, post)
        bound = {found.slug: rebound, ("conflict", found.slug): exc.current}
        return _page(request, round_, context, bound, status=409)
    messages.success(request, found.saved)
    return redirect(cover_url(round_, found.slug))
