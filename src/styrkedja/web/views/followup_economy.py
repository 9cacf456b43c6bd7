"""A round's economics: forecast per area against the adopted budget (looked up, never retyped), the
deviation (budget − forecast, positive = surplus), the subtotal excluding the intäktskrav, the intäktskrav
block, the committee total; investments; omslutning rows; budget adjustment requests; performance volumes
with the money they imply. Controllers and above edit; everything is saved through
`followup.economy_editing`, one transaction per form.

The areas' forecasts are one entry grid (`area_forecasts`, like the part page's indicators): a row per
area, the budget looked up, net and deviation computed, costs and revenues typed, the commentary in the
row's details; one save stores the areas changed, all or none, a stale area's conflict beside its row and
an error beside its cell. Keys and pasting from Excel: static/js/styrkedja.js. One area still saves alone
at its own address (`area_forecast`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from styrkedja.edits.once import AlreadyDone
from styrkedja.followup import economy_editing as editing
from styrkedja.followup.economics import AreaRows, round_economics
from styrkedja.followup.models import (
    AdjustmentRequest,
    AreaForecast,
    EconomyText,
    InvestmentForecast,
    RequirementForecast,
    Round,
    TurnoverProposal,
    VolumeForecast,
)
from styrkedja.followup.permissions import EDIT_ROUND
from styrkedja.followup.values import Conflict
from styrkedja.lib.numbers import format_exact, format_mnkr
from styrkedja.organisations.permissions import has_role
from styrkedja.web.forms.economy_texts import EconomyTextsForm
from styrkedja.web.forms.fields import STALE_PAGE, guard
from styrkedja.web.forms.followup import (
    AdjustmentForm,
    AreaGridForm,
    InvestmentForecastForm,
    RequirementForecastForm,
    TurnoverForm,
    VersionedLinesForm,
    VersionForm,
    VolumeForecastForm,
)
from styrkedja.web.table_download import offers_xlsx
from styrkedja.web.views.common import Crumb, authorise, form_page
from styrkedja.web.views.followup_common import (
    get_round,
    locked_response,
    round_crumbs,
    round_title,
    user_name,
)
from styrkedja.web.views.followup_economy_sheet import area_form, economy_context


def _page(request: HttpRequest, round_: Round, context: dict, bound: dict | None = None, status: int = 200):
    editable = has_role(context["role"], EDIT_ROUND) and not round_.is_locked
    return render(
        request,
        "followup/economy.html",
        {
            **context,
            **economy_context(round_, editable, bound),
            "round": round_,
            "title": round_title(round_),
            "editable": editable,
            "breadcrumbs": [*round_crumbs(round_), Crumb("Ekonomi")],
        },
        status=status,
    )


@login_required
@offers_xlsx
def economy(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_round(pk)
    context = authorise(request, round_.organisation)
    return _page(request, round_, context)


def _edit(request: HttpRequest, pk: int) -> tuple[Round, dict]:
    round_ = get_round(pk)
    return round_, authorise(request, round_.organisation, EDIT_ROUND)


def _economy_url(round_: Round, anchor: str = "") -> str:
    return reverse("round_economy", args=[round_.pk]) + (f"#{anchor}" if anchor else "")


def _saved(round_: Round, request: HttpRequest, message: str, anchor: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(_economy_url(round_, anchor))


def _conflict(bound: dict, area: AreaRows, data, current: AreaForecast) -> None:
    """The area refused as stale: the user's values stay in the cells, the stored ones are named beside
    the row (and who saved them), and the row carries the stored version, so that saving again replaces
    them."""
    data[f"o{area.pk}-version"] = str(current.version)
    form = area_form(area, data, has_forecast=True)
    form.is_valid()
    bound[("area", area.pk)] = form
    bound[("conflict", area.pk)] = current
    latest = current.history.select_related("history_user").first()
    bound[("conflict_by", area.pk)] = user_name(latest.history_user) if latest else ""


def _areas(count: int) -> str:
    return f"{count} {'verksamhetsområde' if count == 1 else 'verksamhetsområden'}"


def _area_rows(round_: Round) -> list[AreaRows]:
    return round_economics(round_).areas


@login_required
@require_POST
def area_forecast(request: HttpRequest, pk: int, area_pk: int) -> HttpResponse:
    """One area saved alone (its own address, kept for scripts and clients that post one area)."""
    round_, context = _edit(request, pk)
    area = get_object_or_404(round_.plan.budget_areas, pk=area_pk)
    if round_.is_locked:
        return locked_response(request, round_)
    row = next(a for a in _area_rows(round_) if a.pk == area.pk)
    form = area_form(row, request.POST, has_forecast=True)
    if form.is_valid():
        data = form.cleaned_data
        try:
            editing.save_area_forecast(
                round_,
                area,
                costs=data["costs"],
                revenues=data["revenues"],
                commentary=data["commentary"].strip(),
                by=request.user,
                expected_version=data["version"],
            )
        except Conflict as exc:
            bound: dict = {}
            _conflict(bound, row, request.POST.copy(), exc.current)
            return _page(request, round_, context, bound, status=409)
        return _saved(round_, request, f"Prognosen för {area.name} har sparats.", f"omrade-{area.pk}")
    return _page(request, round_, context, {("area", area.pk): form})


@login_required
@require_POST
def area_forecasts(request: HttpRequest, pk: int) -> HttpResponse:
    """The economy's entry grid sent as a whole: the areas whose values differ from what the page showed
    are saved in one transaction, each against the version it was read at
    (`economy_editing.save_area_forecasts`): all of them, or, when one is invalid or was changed by
    someone else meanwhile, none, with the reason beside the row and each error beside its cell."""
    round_, context = _edit(request, pk)
    if round_.is_locked:
        return locked_response(request, round_)
    areas = {a.pk: a for a in round_.plan.budget_areas.all()}
    bound: dict = {}
    sent: list[tuple[AreaRows, AreaGridForm]] = []
    invalid = False
    for row in _area_rows(round_):
        if f"o{row.pk}-version" not in request.POST:
            continue  # an area the page did not show (added to the plan since): not the sender's to change
        form = area_form(row, request.POST)
        bound[("area", row.pk)] = form
        if not form.is_valid():
            invalid = True
        elif form.touched() and not form.empty():
            sent.append((row, form))
    url = _economy_url(round_, "omraden")
    if not invalid and not sent:
        messages.info(request, "Inget var ändrat; inget sparades.")
        return redirect(url)
    status = 200
    if not invalid:
        grid = [
            editing.AreaGridRow(
                areas[row.pk],
                form.cleaned_data["costs"],
                form.cleaned_data["revenues"],
                form.cleaned_data["commentary"].strip(),
                form.cleaned_data["version"],
            )
            for row, form in sent
        ]
        try:
            editing.save_area_forecasts(round_, grid, by=request.user)
        except editing.AreaGridRefused:
            data = request.POST.copy()
            for (row, form), result in zip(sent, grid, strict=True):
                if result.invalid is not None:
                    form.add_problems(result.invalid)
                elif result.conflict is not None:
                    _conflict(bound, row, data, result.conflict)
            if any(result.conflict is not None for result in grid):
                status = 409
        else:
            messages.success(request, f"Prognosen för {_areas(len(grid))} har sparats.")
            return redirect(url)
    failed = sum(
        1
        for key, form in bound.items()
        if key[0] == "area" and (form.errors or ("conflict", key[1]) in bound)
    )
    messages.error(
        request,
        f"Inget sparades: {_areas(failed)} behöver ses över. Skälet står vid raden och felen vid fälten.",
    )
    return _page(request, round_, context, bound, status=status)


def _block(round_: Round, kind: str, data) -> tuple[VersionedLinesForm, Callable[..., None], str, str]:
    """A block saved as one form: the bound form, how it is saved, the message when saved, its anchor."""
    plan = round_.plan
    if kind == "requirements":
        lines = list(plan.revenue_requirements.order_by("position", "pk"))
        form: VersionedLinesForm = RequirementForecastForm(data, lines=lines, current={}, prefix="krav")
        return form, editing.save_requirement_forecasts, "intäktskraven", "intaktskrav"
    if kind == "investments":
        investments = list(plan.investments.order_by("position", "pk"))
        form = InvestmentForecastForm(data, lines=investments, current={}, prefix="inv")
        return form, editing.save_investment_forecasts, "investeringarna", "investeringar"
    volumes = list(plan.performance_volumes.select_related("area").order_by("position", "pk"))
    form = VolumeForecastForm(data, volumes=volumes, current={}, prefix="vol")
    return form, editing.save_volume_forecasts, "prestationsvolymerna", "prestationer"


BLOCK_ROWS: dict[str, tuple[Any, str]] = {
    "requirements": (RequirementForecast, "line_id"),
    "investments": (InvestmentForecast, "investment_id"),
    "volumes": (VolumeForecast, "volume_id"),
}


def _stored_line(kind: str, current) -> str:
    """What someone else saved in a line, for the conflict message."""
    if current is None:  # someone emptied the line since it was read
        return "en av raderna har tömts"
    if kind == "volumes":
        return f"{current.volume.label} {format_exact(current.forecast_places)} helårsplatser"
    label = current.line.label if kind == "requirements" else current.investment.label
    return f"{label} {format_mnkr(current.forecast)}"


def _lines(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    round_, context = _edit(request, pk)
    if round_.is_locked:
        return locked_response(request, round_)
    form, save, what, anchor = _block(round_, kind, request.POST)
    if form.is_valid():
        try:
            save(round_, form.lines, form.values(), by=request.user)
        except Conflict as exc:
            # The typed values stay; the versions become the stored ones, so saving again overwrites.
            model, key = BLOCK_ROWS[kind]
            stored = dict(model.objects.filter(round=round_).values_list(key, "version"))
            rebound, *_ = _block(round_, kind, form.data_with_versions(stored))
            shown = _stored_line(kind, exc.current)
            return _page(request, round_, context, {kind: rebound, ("conflict", kind): shown}, status=409)
        return _saved(round_, request, f"Prognosen för {what} har sparats.", anchor)
    return _page(request, round_, context, {kind: form})


@login_required
@require_POST
def requirement_forecasts(request: HttpRequest, pk: int) -> HttpResponse:
    return _lines(request, pk, "requirements")


@login_required
@require_POST
def investment_forecasts(request: HttpRequest, pk: int) -> HttpResponse:
    return _lines(request, pk, "investments")


@login_required
@require_POST
def volume_forecasts(request: HttpRequest, pk: int) -> HttpResponse:
    return _lines(request, pk, "volumes")


# --- Omslutning and budget adjustments: their own form pages ---------------------------------------------


def _form_page(
    request, round_, context, form, *, heading: str, template: str, row=None, conflict: str = "", status=200
):
    economy_url = _economy_url(round_)
    return render(
        request,
        template,
        {
            **context,
            "round": round_,
            "form": form,
            "heading": heading,
            "row": row,
            "conflict": conflict,
            "cancel_url": economy_url,
            "breadcrumbs": [*round_crumbs(round_), Crumb("Ekonomi", economy_url), Crumb(heading)],
        },
        status=status,
    )


def _rebound(request: HttpRequest, form_class, version: int, **kwargs):
    """The posted values with the stored version: saved again, they overwrite what someone else saved."""
    post = request.POST.copy()
    post["version"] = str(version)
    return form_class(post, **kwargs)


@dataclass(frozen=True)
class RowPage:
    """An omslutning row or an adjustment request: its form page, how it is saved and described."""

    form_class: type
    fields: tuple[str, ...]
    save: Callable[..., Any]  # (round_, data, row, by, expected_version, token)
    describe: Callable[[Any], str]  # the stored row, for the conflict note
    model: type
    noun: str  # "omslutningsförändringen"
    new_heading: str
    edit_heading: str
    template: str
    anchor: str


def _row_page(request: HttpRequest, round_: Round, context: dict, row: Any, page: RowPage) -> HttpResponse:
    if round_.is_locked:
        return locked_response(request, round_)
    areas = round_.plan.budget_areas.order_by("position", "pk")
    initial = {f: getattr(row, f) for f in page.fields} if row else {"version": 0}
    form = page.form_class(request.POST or None, areas=areas, initial=initial)
    if row is None:
        guard(form)  # a new row: created once, however often the form is sent
    conflict = ""
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            page.save(round_, data, row, request.user, data["version"], data.get("token"))
        except Conflict as exc:
            form = _rebound(request, page.form_class, exc.current.version, areas=areas)
            conflict = page.describe(exc.current)
        except page.model.DoesNotExist:  # type: ignore[attr-defined]
            raise Http404(f"{page.noun[:1].upper()}{page.noun[1:]} finns inte längre.") from None
        except AlreadyDone as exc:
            form.add_error(None, str(exc))
        else:
            return _saved(
                round_, request, f"{page.noun[:1].upper()}{page.noun[1:]} har sparats.", page.anchor
            )
    return _form_page(
        request,
        round_,
        context,
        form,
        heading=page.edit_heading if row else page.new_heading,
        template=page.template,
        row=row,
        conflict=conflict,
        status=409 if conflict else 200,
    )


TURNOVER = RowPage(
    form_class=TurnoverForm,
    fields=("area", "heading", "label", "costs", "revenues", "version"),
    save=lambda round_, data, row, by, version, token: editing.save_turnover(
        round_,
        area=data["area"],
        heading=data["heading"],
        label=data["label"],
        costs=data["costs"],
        revenues=data["revenues"],
        by=by,
        proposal=row,
        expected_version=version,
        token=token,
    ),
    describe=lambda stored: (
        f"{stored.label}, kostnader {format_mnkr(stored.costs)}, intäkter {format_mnkr(stored.revenues)}"
    ),
    model=TurnoverProposal,
    noun="omslutningsförändringen",
    new_heading="Ny omslutningsförändring",
    edit_heading="Ändra omslutningsförändring",
    template="followup/turnover_form.html",
    anchor="omslutning",
)
ADJUSTMENT = RowPage(
    form_class=AdjustmentForm,
    fields=("amount", "reason", "from_amount", "to_amount", "area", "version"),
    save=lambda round_, data, row, by, version, token: editing.save_adjustment(
        round_,
        amount=data["amount"],
        reason=data["reason"].strip(),
        from_amount=data["from_amount"],
        to_amount=data["to_amount"],
        area=data["area"],
        by=by,
        request=row,
        expected_version=version,
        token=token,
    ),
    describe=lambda stored: f"belopp {format_mnkr(stored.amount)}, motivering: {stored.reason}",
    model=AdjustmentRequest,
    noun="budgetjusteringen",
    new_heading="Ny budgetjustering",
    edit_heading="Ändra budgetjustering",
    template="followup/adjustment_form.html",
    anchor="budgetjusteringar",
)


@login_required
def turnover_create(request: HttpRequest, pk: int) -> HttpResponse:
    round_, context = _edit(request, pk)
    return _row_page(request, round_, context, None, TURNOVER)


@login_required
def turnover_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(TurnoverProposal.objects.select_related("round"), pk=pk)
    round_, context = _edit(request, proposal.round_id)
    return _row_page(request, round_, context, proposal, TURNOVER)


@login_required
def adjustment_create(request: HttpRequest, pk: int) -> HttpResponse:
    round_, context = _edit(request, pk)
    return _row_page(request, round_, context, None, ADJUSTMENT)


@login_required
def adjustment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    adjustment = get_object_or_404(AdjustmentRequest.objects.select_related("round"), pk=pk)
    round_, context = _edit(request, adjustment.round_id)
    return _row_page(request, round_, context, adjustment, ADJUSTMENT)


def _delete(request: HttpRequest, row, delete, *, what: str, edit_url: str, anchor: str) -> HttpResponse:
    """Remove an omslutning row or an adjustment request; a stale version sends the user back to the row."""
    round_, _context = _edit(request, row.round_id)
    if round_.is_locked:
        return locked_response(request, round_)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, STALE_PAGE)
        return redirect(edit_url)
    try:
        delete(row, by=request.user, expected_version=form.cleaned_data["version"])
    except Conflict:
        messages.error(
            request,
            f"Någon annan har ändrat {what} sedan du öppnade sidan, så den togs inte bort. "
            "Här är det som är sparat nu; ta bort igen om den ska bort.",
        )
        return redirect(edit_url)
    except ObjectDoesNotExist:
        pass  # someone else removed it first
    return _saved(round_, request, f"{what[:1].upper()}{what[1:]} har tagits bort.", anchor)


@login_required
@require_POST
def turnover_delete(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(TurnoverProposal.objects.select_related("round"), pk=pk)
    edit_url = reverse("turnover_edit", args=[proposal.pk])
    return _delete(
        request,
        proposal,
        editing.delete_turnover,
        what="omslutningsförändringen",
        edit_url=edit_url,
        anchor="omslutning",
    )


@login_required
@require_POST
def adjustment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    adjustment = get_object_or_404(AdjustmentRequest.objects.select_related("round"), pk=pk)
    edit_url = reverse("adjustment_edit", args=[adjustment.pk])
    return _delete(
        request,
        adjustment,
        editing.delete_adjustment,
        what="budgetjusteringen",
        edit_url=edit_url,
        anchor="budgetjusteringar",
    )


@login_required
def economy_texts(request: HttpRequest, pk: int) -> HttpResponse:
    """The round's economy texts: on the whole budget and on the intäktskrav (an area's is on its forecast)."""
    round_, context = _edit(request, pk)
    if round_.is_locked:
        return locked_response(request, round_)
    texts = EconomyText.objects.filter(round=round_).first()
    form = EconomyTextsForm(request.POST or None, texts=texts)
    economy_url = reverse("round_economy", args=[round_.pk])
    return form_page(
        request,
        form,
        save=lambda f: editing.save_economy_texts(
            round_,
            summary=f.cleaned_data["summary"].strip(),
            requirement_commentary=f.cleaned_data["requirement_commentary"].strip(),
            by=request.user,
            expected_version=f.cleaned_data["version"],
        ),
        success_url=economy_url,
        success_message="Ekonomiavsnittets texter har sparats.",
        template="economy_texts_form.html",
        context={
            **context,
            "round": round_,
            "eyebrow": f"{round_.organisation.name} · {round_}",
            "heading": "Ekonomiavsnittets texter",
            "breadcrumbs": [*round_crumbs(round_), Crumb("Ekonomi", economy_url), Crumb("Texter")],
            "cancel_url": economy_url,
        },
    )
