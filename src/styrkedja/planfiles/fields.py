"""The field types of the file schemas: every number and text a file brings is checked by
lib/validation.py — the rules the web forms, the importers and the API apply — so a refusal names its
field and says what a page would say about the same value (`plan.yaml:17: …target: Årsmål 150 ligger
utanför 0–100 %.`).

Numbers are read as Decimal, never as binary floating point. A number that is not finite (`.nan`,
`.inf`), is larger than the database's field holds (`1.0e+400`) or has more decimals than it keeps is
refused, never rounded or stored as infinity.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, NoReturn

from pydantic import AfterValidator, Field, PlainSerializer
from pydantic_core import PydanticCustomError

from styrkedja.lib import validation as v


def refuse(message: str) -> NoReturn:
    """Refuse a value with exactly this message (pydantic would prefix 'Value error, ')."""
    raise PydanticCustomError("styrkedja", "{message}", {"message": message})


def _number(value: Decimal) -> int | float:
    """Amounts leave as JSON/YAML numbers; integral values without a decimal point."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _checked(digits: v.Digits, *checks: Callable[[Decimal], str | None]) -> Callable[[Decimal], Decimal]:
    def validate(value: Decimal) -> Decimal:
        for check in (lambda x: v.number_problem(x, digits), *checks):  # in turn: a sign needs a number
            problem = check(value)
            if problem:
                refuse(problem)
        return value

    return validate


_FINITE_LATER = Field(allow_inf_nan=True)  # Infinity and NaN pass pydantic's parsing, to be refused by us
_AS_NUMBER = PlainSerializer(_number, return_type=int | float)


#: Targets, scales, reported values: 14 digits, 4 decimals.
Value = Annotated[Decimal, _FINITE_LATER, AfterValidator(_checked(v.VALUE)), _AS_NUMBER]
#: A tolerance (± band): a value, never negative.
Band = Annotated[Decimal, _FINITE_LATER, AfterValidator(_checked(v.VALUE, v.tolerance_problem)), _AS_NUMBER]
#: mnkr with one decimal.
Money = Annotated[Decimal, _FINITE_LATER, AfterValidator(_checked(v.MONEY)), _AS_NUMBER]
#: Costs: mnkr, printed positive.
Costs = Annotated[Decimal, _FINITE_LATER, AfterValidator(_checked(v.MONEY, v.costs_problem)), _AS_NUMBER]
#: Revenues: mnkr, printed negative.
Revenues = Annotated[
    Decimal, _FINITE_LATER, AfterValidator(_checked(v.MONEY, v.revenues_problem)), _AS_NUMBER
]
#: A revenue requirement (intäktskrav): mnkr, printed negative.
Requirement = Annotated[
    Decimal, _FINITE_LATER, AfterValidator(_checked(v.MONEY, v.requirement_problem)), _AS_NUMBER
]
#: Full-year places, never negative.
Places = Annotated[Decimal, _FINITE_LATER, AfterValidator(_checked(v.PLACES, v.places_problem)), _AS_NUMBER]
#: kr per full-year place, whole, never negative.
Price = Annotated[Decimal, _FINITE_LATER, AfterValidator(_checked(v.PRICE, v.price_problem)), _AS_NUMBER]


def text(field: str, *, default: Any = "", min_length: int = 0) -> Any:
    """A text field's `Field` for the model field `field` (`app.Model.field` in lib/validation.LENGTH): no
    longer than the database holds. `default=...` makes it required."""
    return Field(default, min_length=min_length, max_length=v.LENGTH[field])
