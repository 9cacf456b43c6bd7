"""Validation of an indicator's reported values, by unit: errors refuse the value, warnings flag it.

Errors: a number that is not finite or does not fit the database's field, a share outside 0–100, a
negative or fractional count, negative months, a scale value outside its range (the rules of
lib/validation.py, the same for every way in), men/women missing where the indicator is split by gender.
Errors are whole Swedish sentences, shown as they are. Warnings (plausible but suspicious): a count whose
total is not men + women; a share or average whose total lies outside men–women.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from styrkedja.lib.validation import value_problem

FIELDS_SV = {"total": "utfall", "men": "utfall män", "women": "utfall kvinnor", "forecast": "prognos helår"}


@dataclass
class OutcomeValues:
    total: Decimal | None = None
    men: Decimal | None = None
    women: Decimal | None = None
    forecast: Decimal | None = None


@dataclass
class Verdict:
    errors: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    @property
    def ok(self) -> bool:
        return not self.errors


def validate_outcome(
    values: OutcomeValues,
    *,
    unit: str,
    gender_split: bool,
    scale: tuple[Decimal, Decimal] | None = None,
) -> Verdict:
    verdict = Verdict()
    for name in ("total", "men", "women", "forecast"):
        value: Decimal | None = getattr(values, name)
        if value is None:
            continue
        problem = value_problem(value, unit, scale=scale, label=FIELDS_SV[name].capitalize())
        if problem:
            verdict.error(name, problem)
    if gender_split and values.total is not None:
        for name in ("men", "women"):
            if getattr(values, name) is None:
                verdict.error(
                    name, f"{FIELDS_SV[name].capitalize()} krävs: indikatorn redovisas för kvinnor och män."
                )
    if not verdict.ok:
        return verdict
    if values.total is not None and values.men is not None and values.women is not None:
        if unit == "count":
            if values.men + values.women != values.total:
                verdict.warnings.append(
                    f"Män + kvinnor = {values.men + values.women}, men utfallet är {values.total}"
                )
        else:
            low, high = sorted((values.men, values.women))
            if not low <= values.total <= high:
                verdict.warnings.append(
                    f"Utfallet {values.total} ligger utanför männens och kvinnornas värden ({low}–{high})"
                )
    return verdict
