"""Edits of a round's economics: forecasts per area, intäktskrav and investment; volumes; omslutning rows
and budget adjustment requests. Each is one transaction with a history entry per changed row.

A locked round refuses every write at the model level (RoundLocked); each service also reads the round's
status first (`check_open`), which holds the round's key-share lock so an approval waits for the write
(docs/concurrency.md).
Every edited row carries a version: a save (or removal) based on an older one raises Conflict (edits/versions.py) and
changes nothing. A save that changes nothing keeps the version, so it makes no one else's save a conflict.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeVar
from uuid import UUID

from django.db import transaction
from django.db.models import Max

from styrkedja.audit import delete_by, save_by
from styrkedja.budget.models import BudgetArea, Investment, PerformanceVolume, RevenueRequirementLine
from styrkedja.edits.once import once
from styrkedja.edits.versions import Conflict, check_edit, lock_parent, locked, save_checked
from styrkedja.followup.models import (
    AdjustmentRequest,
    AreaForecast,
    EconomyText,
    InvestmentForecast,
    RequirementForecast,
    Round,
    TurnoverProposal,
    VolumeForecast,
    check_open,
)
from styrkedja.followup.permissions import require_round_edit
from styrkedja.followup.workflow import reopen_edited_parts
from styrkedja.lib.validation import MONEY, costs_problem, number_problem, revenues_problem

Row = TypeVar("Row", TurnoverProposal, AdjustmentRequest)


def _assign(obj: Any, values: dict[str, Any]) -> bool:
    """Set the values; whether anything changed (a new row always has)."""
    changed = obj.pk is None or any(getattr(obj, name) != value for name, value in values.items())
    for name, value in values.items():
        setattr(obj, name, value)
    return changed


def _stored(model: type[Row], row: Row, expected_version: int | None, by: Any) -> Row:
    """The stored row, locked until the transaction ends; a change based on an older version is a conflict.

    Raises model.DoesNotExist when someone has deleted the row."""
    current = locked(model.objects.filter(pk=row.pk)).get()
    check_edit(current, expected_version, by)
    return current


def _new_row(model: type[Row], round_: Round) -> Row:
    """A new row at the end of the round's list; the round's writers of the list wait for each other, so
    two parallel creates take different positions."""
    lock_parent(Round, round_.pk)
    last = model.objects.filter(round=round_).aggregate(last=Max("position"))["last"]
    return model(round=round_, position=(last or 0) + 1)


@transaction.atomic
def save_area_forecast(
    round_: Round,
    area: BudgetArea,
    *,
    costs: Decimal,
    revenues: Decimal,
    commentary: str,
    by: Any,
    expected_version: int | None = None,
) -> AreaForecast:
    """An area's forecast costs and revenues. The budget is looked up from the plan, never stored here."""
    require_round_edit(by, round_)
    check_open(round_)
    same = AreaForecast.objects.filter(round=round_, area=area)
    forecast = locked(same).first()
    if forecast is None:
        forecast = AreaForecast(round=round_, area=area)
    check_edit(forecast, expected_version, by)
    if _assign(forecast, {"costs": costs, "revenues": revenues, "commentary": commentary}):
        save_checked(forecast, by, same)
        reopen_edited_parts(round_, None, by=by)
    return forecast


@dataclass
class AreaGridRow:
    """One area's row of the economy's entry grid: what was entered, the version it was read at, and after
    `save_area_forecasts` what became of it (the stored row, or why it was refused)."""

    area: BudgetArea
    costs: Decimal
    revenues: Decimal
    commentary: str
    expected_version: int
    saved: AreaForecast | None = None
    invalid: dict[str, str] | None = None  # field ("costs", "revenues") → the problem, naming the area
    conflict: AreaForecast | None = None  # the row as stored now, when someone changed it since it was read

    @property
    def failed(self) -> bool:
        return self.invalid is not None or self.conflict is not None


class AreaGridRefused(Exception):
    """Some areas of the grid could not be saved (an invalid amount, or a forecast someone else changed
    since it was read); nothing of the grid was saved. The rows carry their reasons."""

    def __init__(self, rows: list[AreaGridRow]):
        self.rows = rows
        super().__init__(f"{sum(r.failed for r in rows)} verksamhetsområden kunde inte sparas.")


def forecast_problems(area_name: str, costs: Decimal, revenues: Decimal) -> dict[str, str]:
    """What is wrong with an area's forecast amounts (lib/validation.py, the rule of every way in), each
    naming the area and the field."""
    found = {}
    for name, label, value, sign in (
        ("costs", "prognos kostnader", costs, costs_problem),
        ("revenues", "prognos intäkter", revenues, revenues_problem),
    ):
        problem = number_problem(value, MONEY, "Beloppet") or sign(value)
        if problem:
            found[name] = f"{area_name}, {label}: {problem}"
    return found


def save_area_forecasts(round_: Round, rows: list[AreaGridRow], *, by: Any) -> list[AreaGridRow]:
    """The areas of the economy's entry grid, saved in one transaction, each validated and checked against
    the version it was read at as `save_area_forecast` checks one: all are stored, or, when any row is
    invalid or stale, none (AreaGridRefused, every row with its reason). Every change is in the history."""
    require_round_edit(by, round_)
    check_open(round_)
    for row in rows:
        if row.area.plan_id != round_.plan_id:
            raise ValueError(f"{row.area.name} hör inte till uppföljningens plan.")
    try:
        with transaction.atomic():
            for row in rows:
                problems = forecast_problems(row.area.name, row.costs, row.revenues)
                if problems:
                    row.invalid = problems
                    continue
                try:
                    row.saved = save_area_forecast(
                        round_,
                        row.area,
                        costs=row.costs,
                        revenues=row.revenues,
                        commentary=row.commentary,
                        by=by,
                        expected_version=row.expected_version,
                    )
                except Conflict as exc:
                    row.conflict = exc.current
            if any(row.failed for row in rows):
                raise AreaGridRefused(rows)
    except AreaGridRefused:
        for row in rows:
            row.saved = None
        raise
    return rows


@transaction.atomic
def save_economy_texts(
    round_: Round,
    *,
    summary: str,
    requirement_commentary: str,
    by: Any,
    expected_version: int | None = None,
) -> EconomyText:
    """The texts of the round's economy section: on the whole budget and on the intäktskrav."""
    require_round_edit(by, round_)
    check_open(round_)
    same = EconomyText.objects.filter(round=round_)
    texts = locked(same).first() or EconomyText(round=round_)
    check_edit(texts, expected_version, by)
    if _assign(texts, {"summary": summary, "requirement_commentary": requirement_commentary}):
        save_checked(texts, by, same)
    return texts


#: A line's values to store (None: clear the line, deleting its row) and the version the user read.
LineValues = tuple[dict[str, Any] | None, int | None]


def _save_lines(
    model: type[RequirementForecast] | type[InvestmentForecast] | type[VolumeForecast],
    key: str,
    round_: Round,
    lines: list[Any],
    values: dict[int, LineValues],
    by: Any,
) -> None:
    """One row per line of a block; every row read at an older version than stored is a conflict. One
    writer of the round's blocks at a time (`lock_parent`): the investments and volumes have no unique
    row per line to refuse a second writer's insert."""
    require_round_edit(by, round_)
    check_open(round_)
    lock_parent(Round, round_.pk)
    existing = {
        getattr(f, f"{key}_id"): f
        for f in locked(model.objects.filter(round=round_, **{f"{key}__in": lines}))
    }
    changed = []
    for line in lines:
        new, version = values.get(line.pk, (None, None))
        current = existing.get(line.pk)
        check_edit(current, version, by)
        if new is None:
            if current is not None:  # an emptied cell removes the forecast
                delete_by(current, by)
            continue
        if current is None:
            current = model(round=round_, **{key: line})
        if _assign(current, new):
            changed.append(current)
    for row in changed:
        save_by(row, by)


def _forecasts(values: dict[int, tuple[Decimal | None, int | None]]) -> dict[int, LineValues]:
    return {pk: (None if v is None else {"forecast": v}, version) for pk, (v, version) in values.items()}


@transaction.atomic
def save_requirement_forecasts(
    round_: Round,
    lines: list[RevenueRequirementLine],
    values: dict[int, tuple[Decimal | None, int | None]],
    *,
    by: Any,
) -> None:
    """The intäktskrav block's forecasts: line pk → (forecast or None to clear, the version read)."""
    _save_lines(RequirementForecast, "line", round_, lines, _forecasts(values), by)


@transaction.atomic
def save_investment_forecasts(
    round_: Round,
    investments: list[Investment],
    values: dict[int, tuple[Decimal | None, int | None]],
    *,
    by: Any,
) -> None:
    _save_lines(InvestmentForecast, "investment", round_, investments, _forecasts(values), by)


@transaction.atomic
def save_volume_forecasts(
    round_: Round,
    volumes: list[PerformanceVolume],
    values: dict[int, tuple[Decimal | None, Decimal | None, int | None]],
    *,
    by: Any,
) -> None:
    """Forecast places (and a price per place where it differs from the plan's) per performance volume:
    volume pk → (places or None to clear, price or None for the plan's, the version read)."""
    rows = {
        pk: (None if places is None else {"forecast_places": places, "price_per_place": price}, version)
        for pk, (places, price, version) in values.items()
    }
    _save_lines(VolumeForecast, "volume", round_, volumes, rows, by)


@transaction.atomic
def save_turnover(
    round_: Round,
    *,
    area: BudgetArea,
    heading: str,
    label: str,
    costs: Decimal,
    revenues: Decimal,
    by: Any,
    proposal: TurnoverProposal | None = None,
    expected_version: int | None = None,
    token: UUID | None = None,
) -> TurnoverProposal:
    """Add (no `proposal`; once per form `token`) or change an omslutningsförändring of the round."""
    require_round_edit(by, round_)
    check_open(round_)
    values = {"area": area, "heading": heading, "label": label, "costs": costs, "revenues": revenues}

    def write(row: TurnoverProposal) -> TurnoverProposal:
        if _assign(row, values):
            save_by(row, by)
        return row

    if proposal is None:
        return once(token, by, lambda: write(_new_row(TurnoverProposal, round_)))[0]
    return write(_stored(TurnoverProposal, proposal, expected_version, by))


@transaction.atomic
def save_adjustment(
    round_: Round,
    *,
    amount: Decimal,
    reason: str,
    from_amount: Decimal | None,
    to_amount: Decimal | None,
    area: BudgetArea | None,
    by: Any,
    request: AdjustmentRequest | None = None,
    expected_version: int | None = None,
    token: UUID | None = None,
) -> AdjustmentRequest:
    """Add (no `request`; once per form `token`) or change a budget adjustment the committee asks for."""
    require_round_edit(by, round_)
    check_open(round_)
    values = {
        "amount": amount,
        "reason": reason,
        "from_amount": from_amount,
        "to_amount": to_amount,
        "area": area,
    }

    def write(row: AdjustmentRequest) -> AdjustmentRequest:
        if _assign(row, values):
            save_by(row, by)
        return row

    if request is None:
        return once(token, by, lambda: write(_new_row(AdjustmentRequest, round_)))[0]
    return write(_stored(AdjustmentRequest, request, expected_version, by))


def _delete(model: type[Row], row: Row, by: Any, expected_version: int | None) -> None:
    require_round_edit(by, row.round)
    check_open(row.round)
    current = _stored(model, row, expected_version, by)
    delete_by(current, by)


@transaction.atomic
def delete_turnover(proposal: TurnoverProposal, *, by: Any, expected_version: int | None = None) -> None:
    """Remove an omslutningsförändring; the history keeps it and who removed it."""
    _delete(TurnoverProposal, proposal, by, expected_version)


@transaction.atomic
def delete_adjustment(request: AdjustmentRequest, *, by: Any, expected_version: int | None = None) -> None:
    """Remove a budget adjustment request; the history keeps it and who removed it."""
    _delete(AdjustmentRequest, request, by, expected_version)
