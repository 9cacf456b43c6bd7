"""Template filters for Swedish formatting; the rules live in styrkedja.lib.numbers.

{{ area.costs|mnkr }}                      1 393,1
{{ count|sv_number }}                      9 000
{{ target.value|value_unit:indicator }}    72 %, 550 st, 5,5 mån
{{ value|value_unit:"months" }}            8 mån

And the words of the municipality's profile (the view gives it as `profile`):

{{ goal.level|level_name:profile }}        Nämndmål
{{ assessment.value|rating:profile }}      Uppfylls delvis
{{ outcome.rating|indicator_rating:profile }}  Uppnås
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.safestring import mark_safe

from styrkedja.checks import rule_title
from styrkedja.lib import numbers
from styrkedja.lib.markup import parse, to_html

register = template.Library()
register.filter("mnkr", numbers.format_mnkr)
register.filter("sv_number", numbers.format_number)
register.filter("rule_title", rule_title)


@register.filter
def markup(text: str, heading_base: int = 3) -> str:
    """A text of the safe text format as HTML (lib/markup.py escapes every character of it)."""
    return mark_safe(to_html(parse(text or ""), int(heading_base)))


@register.filter
def value_unit(value, indicator) -> str:
    """An indicator value with its unit, as the documents print it.

    The argument is an Indicator (its unit and decimals are used) or a unit code. A value is never
    rounded to fewer decimals than it holds, so 5.5 months shows as `5,5 mån` even with 0 decimals.
    The space before the unit is a no-break space.
    """
    if value is None or value == "":
        return ""
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    if isinstance(indicator, str):
        unit, decimals = indicator, 0
    else:
        unit, decimals = indicator.unit, indicator.decimals
    text = numbers.format_value(number, unit, max(decimals, numbers.natural_decimals(number, None)))
    return text.replace(" ", "\u00a0")  # a value and its unit stay on one line


@register.filter
def exact(value) -> str:
    """A number exactly as stored, the Swedish way (`72,5`, `1 233`); text as it is; empty for None."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return numbers.format_exact(value)
    return str(value)


@register.filter
def get_item(mapping, key):
    """`{{ row.old|get_item:name }}`: a dict's value by a key held in a variable."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def level_name(key: str, profile) -> str:
    return str(profile.level_name(key)) if profile is not None else key


@register.filter
def rating(key: str, profile) -> str:
    return str(profile.ratings.label(key)) if profile is not None else key


@register.filter
def indicator_rating(key: str, profile) -> str:
    return str(profile.indicator_ratings.label(key)) if profile is not None else key
