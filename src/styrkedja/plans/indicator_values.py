"""An indicator's earlier values (its series, `source=file`: what a plan file's `series` gives) and the
values it is compared with (Riket, similar municipalities …), entered and changed on the web as the plan
file enters them: the same rules (lib/validation.py), each row at the version its editor read, every change
in the history. Values a table import or Kolada brought are theirs to change, not a person's here."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from styrkedja.audit import delete_by, save_by
from styrkedja.edits.versions import check_edit, locked, save_checked
from styrkedja.lib.validation import (
    LENGTH,
    PERIOD_CODE,
    VALUE,
    number_problem,
    period_code_problem,
    text_problem,
)
from styrkedja.lib.vocabulary import ValueSource
from styrkedja.plans.models import ComparisonValue, Indicator, SeriesValue
from styrkedja.plans.permissions import require_plan_edit

__all__ = ["PERIOD_CODE", "delete_comparison", "delete_series_value", "save_comparison", "save_series_value"]


def _refuse(problems: dict[str, str | None]) -> None:
    found = {name: problem for name, problem in problems.items() if problem}
    if found:
        raise ValidationError(found)


def _number(value: Decimal | None, label: str) -> str | None:
    return number_problem(value, VALUE, label) if value is not None else None


def file_values(indicator: Indicator):
    """The series values a person may change: those entered as a plan file enters them."""
    return SeriesValue.objects.filter(series_id=indicator.series_id, source=ValueSource.FILE)


@transaction.atomic
def save_series_value(
    indicator: Indicator,
    row: SeriesValue | None,
    data: dict[str, Any],
    *,
    by: Any,
    expected_version: int | None = None,
) -> SeriesValue:
    """A new earlier value (row None) or a change of one; one value per period."""
    require_plan_edit(by, indicator.plan)
    period = data["period"]
    values = {name: data.get(name) for name in ("total", "men", "women")}
    _refuse(
        {
            "period": period_code_problem(period),
            **{name: _number(value, "Värdet") for name, value in values.items()},
        }
    )
    if all(value is None for value in values.values()):
        raise ValidationError({"total": "Ange ett värde."})
    if row is None:
        stored = SeriesValue(series_id=indicator.series_id, source=ValueSource.FILE)
    else:
        found = locked(file_values(indicator).filter(pk=row.pk)).first()
        if found is None:
            raise ValidationError("Värdet finns inte längre.")
        stored = found
    check_edit(stored, expected_version, by)
    same = file_values(indicator).filter(period=period)
    if same.exclude(pk=stored.pk).exists():
        raise ValidationError({"period": f"Serien har redan ett värde för {period}."})
    stored.period = period
    stored.total, stored.men, stored.women = values["total"], values["men"], values["women"]
    return save_checked(stored, by, same)


@transaction.atomic
def delete_series_value(
    indicator: Indicator, row: SeriesValue, *, by: Any, expected_version: int | None = None
) -> None:
    require_plan_edit(by, indicator.plan)
    stored = locked(file_values(indicator).filter(pk=row.pk)).first()
    if stored is None:
        return  # removed already
    check_edit(stored, expected_version, by)
    delete_by(stored, by)


@transaction.atomic
def save_comparison(
    indicator: Indicator,
    row: ComparisonValue | None,
    data: dict[str, Any],
    *,
    by: Any,
    expected_version: int | None = None,
) -> ComparisonValue:
    """A new value to compare with (row None, last in the list) or a change of one."""
    require_plan_edit(by, indicator.plan)
    label, source, period = data["label"], data.get("source", ""), data.get("period", "")
    _refuse(
        {
            "label": text_problem(label, LENGTH["plans.ComparisonValue.label"], "Jämförelsen")
            or (None if label else "Ange vad värdet jämförs med."),
            "source": text_problem(source, LENGTH["plans.ComparisonValue.source"], "Källan"),
            "period": period_code_problem(period) if period else None,
            "value": _number(data.get("value"), "Värdet")
            or (None if data.get("value") is not None else "Ange ett värde."),
        }
    )
    comparisons = ComparisonValue.objects.filter(indicator=indicator)
    if row is None:
        last = comparisons.order_by("-position").first()
        stored = ComparisonValue(indicator=indicator, position=(last.position if last else 0) + 1)
    else:
        found = locked(comparisons.filter(pk=row.pk)).first()
        if found is None:
            raise ValidationError("Jämförelsen finns inte längre.")
        stored = found
    check_edit(stored, expected_version, by)
    stored.indicator = indicator
    stored.label, stored.value, stored.period, stored.source = label, data["value"], period, source
    return save_by(stored, by)


@transaction.atomic
def delete_comparison(
    indicator: Indicator, row: ComparisonValue, *, by: Any, expected_version: int | None = None
) -> None:
    require_plan_edit(by, indicator.plan)
    stored = locked(ComparisonValue.objects.filter(indicator=indicator, pk=row.pk)).first()
    if stored is None:
        return
    check_edit(stored, expected_version, by)
    stored.indicator = indicator
    delete_by(stored, by)
