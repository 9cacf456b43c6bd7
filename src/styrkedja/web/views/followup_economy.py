"""A round's economics: forecast per area against the adopted budget (looked up, never retyped), the
deviation (budget − forecast, positive = surplus), the subtotal excluding the intäktskrav, the intäktskrav
block, the committee total; investments; omslutning rows; budget adjustment requests; performance volumes
with the money they imply. Controllers and above edit; everything is saved through
`followup.economy_editing`, one transaction per form.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from styrkedja.followup import economy_editing as editing
from styrkedja.followup.forms import (
    AdjustmentForm,
    AreaForecastForm,
    InvestmentForecastForm,
    RequirementForecastForm,
    TurnoverForm,
    VolumeForecastForm,
)
from styrkedja.followup.models import (
    AdjustmentRequest,
    InvestmentForecast,
    RequirementForecast,
    Round,
    RoundLocked,
    TurnoverProposal,
)
from styrkedja.followup.values import Conflict
from styrkedja.lib.numbers import format_mnkr
from styrkedja.organisations.permissions import has_role
from styrkedja.web.views.common import Crumb, authorise
from styrkedja.web.views.followup_common import (
    EDIT_ROUND,
    get_round,
    locked_response,
    round_crumbs,
    round_title,
)
from styrkedja.web.views.followup_economy_sheet import economy_context


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


@login_required
@require_POST
def area_forecast(request: HttpRequest, pk: int, area_pk: int) -> HttpResponse:
    round_, context = _edit(request, pk)
    area = get_object_or_404(round_.plan.budget_areas, pk=area_pk)
    if round_.is_locked:
        return locked_response(request, round_)
    form = AreaForecastForm(request.POST, prefix=f"o{area.pk}")
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
            post = request.POST.copy()
            post[f"o{area.pk}-version"] = str(exc.current.version)
            bound = {
                ("area", area.pk): AreaForecastForm(post, prefix=f"o{area.pk}"),
                ("conflict", area.pk): exc.current,
            }
            return _page(request, round_, context, bound, status=409)
        except RoundLocked:
            return locked_response(request, round_)
        return _saved(round_, request, f"Prognosen för {area.name} har sparats.", f"omrade-{area.pk}")
    return _page(request, round_, context, {("area", area.pk): form})


def _lines(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    round_, context = _edit(request, pk)
    if round_.is_locked:
        return locked_response(request, round_)
    if kind == "requirements":
        lines = list(round_.plan.revenue_requirements.order_by("position", "pk"))
        form = RequirementForecastForm(request.POST, lines=lines, current={}, prefix="krav")
        save, message, anchor = (
            editing.save_requirement_forecasts,
            "Prognosen för intäktskraven har sparats.",
            "intaktskrav",
        )
    else:
        lines = list(round_.plan.investments.order_by("position", "pk"))
        form = InvestmentForecastForm(request.POST, lines=lines, current={}, prefix="inv")
        save, message, anchor = (
            editing.save_investment_forecasts,
            "Prognosen för investeringarna har sparats.",
            "investeringar",
        )
    if form.is_valid():
        try:
            save(round_, lines, form.values(), by=request.user)
        except Conflict as exc:
            # The typed values stay; the versions become the stored ones, so saving again overwrites.
            model, key = (
                (RequirementForecast, "line_id")
                if kind == "requirements"
                else (InvestmentForecast, "investment_id")
            )
            stored = dict(model.objects.filter(round=round_).values_list(key, "version"))
            post = request.POST.copy()
            for line in lines:
                post[f"{form.prefix}-version_{line.pk}"] = str(stored.get(line.pk, 0))
            rebound = type(form)(post, lines=lines, current={}, prefix=form.prefix)
            current = exc.current
            label = current.line.label if kind == "requirements" else current.investment.label
            shown = f"{label} {format_mnkr(current.forecast)}"
            return _page(request, round_, context, {kind: rebound, ("conflict", kind): shown}, status=409)
        except RoundLocked:
            return locked_response(request, round_)
        return _saved(round_, request, message, anchor)
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
    round_, context = _edit(request, pk)
    if round_.is_locked:
        return locked_response(request, round_)
    volumes = list(round_.plan.performance_volumes.select_related("area").order_by("position", "pk"))
    form = VolumeForecastForm(request.POST, volumes=volumes, current={}, prefix="vol")
    if form.is_valid():
        try:
            editing.save_volume_forecasts(round_, volumes, form.values(), by=request.user)
        except RoundLocked:
            return locked_response(request, round_)
        return _saved(round_, request, "Prognosen för prestationsvolymerna har sparats.", "prestationer")
    return _page(request, round_, context, {"volumes": form})


# --- Omslutning and budget adjustments: their own form pages ---------------------------------------------


def _form_page(request, round_, context, form, *, heading: str, template: str, status: int = 200):
    economy_url = _economy_url(round_)
    return render(
        request,
        template,
        {
            **context,
            "round": round_,
            "form": form,
            "heading": heading,
            "cancel_url": economy_url,
            "breadcrumbs": [*round_crumbs(round_), Crumb("Ekonomi", economy_url), Crumb(heading)],
        },
        status=status,
    )


def _turnover(request: HttpRequest, round_: Round, context: dict, proposal: TurnoverProposal | None):
    if round_.is_locked:
        return locked_response(request, round_)
    areas = round_.plan.budget_areas.order_by("position", "pk")
    initial = {}
    if proposal is not None:
        initial = {f: getattr(proposal, f) for f in ("area", "heading", "label", "costs", "revenues")}
    form = TurnoverForm(request.POST or None, areas=areas, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            editing.save_turnover(round_, by=request.user, proposal=proposal, **form.cleaned_data)
        except RoundLocked:
            return locked_response(request, round_)
        return _saved(round_, request, "Omslutningsförändringen har sparats.", "omslutning")
    heading = "Ändra omslutningsförändring" if proposal else "Ny omslutningsförändring"
    return _form_page(request, round_, context, form, heading=heading, template="followup/turnover_form.html")


@login_required
def turnover_create(request: HttpRequest, pk: int) -> HttpResponse:
    round_, context = _edit(request, pk)
    return _turnover(request, round_, context, None)


@login_required
def turnover_edit(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(TurnoverProposal.objects.select_related("round"), pk=pk)
    round_, context = _edit(request, proposal.round_id)
    return _turnover(request, round_, context, proposal)


def _adjustment(request: HttpRequest, round_: Round, context: dict, adjustment: AdjustmentRequest | None):
    if round_.is_locked:
        return locked_response(request, round_)
    areas = round_.plan.budget_areas.order_by("position", "pk")
    initial = {}
    if adjustment is not None:
        initial = {
            f: getattr(adjustment, f) for f in ("amount", "reason", "from_amount", "to_amount", "area")
        }
    form = AdjustmentForm(request.POST or None, areas=areas, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            editing.save_adjustment(
                round_,
                amount=data["amount"],
                reason=data["reason"].strip(),
                from_amount=data["from_amount"],
                to_amount=data["to_amount"],
                area=data["area"],
                by=request.user,
                request=adjustment,
            )
        except RoundLocked:
            return locked_response(request, round_)
        return _saved(round_, request, "Budgetjusteringen har sparats.", "budgetjusteringar")
    heading = "Ändra budgetjustering" if adjustment else "Ny budgetjustering"
    return _form_page(
        request, round_, context, form, heading=heading, template="followup/adjustment_form.html"
    )


@login_required
def adjustment_create(request: HttpRequest, pk: int) -> HttpResponse:
    round_, context = _edit(request, pk)
    return _adjustment(request, round_, context, None)


@login_required
def adjustment_edit(request: HttpRequest, pk: int) -> HttpResponse:
    adjustment = get_object_or_404(AdjustmentRequest.objects.select_related("round"), pk=pk)
    round_, context = _edit(request, adjustment.round_id)
    return _adjustment(request, round_, context, adjustment)
