"""Template filters for Swedish formatting; the rules live in styrkedja.lib.numbers.

{{ area.costs|mnkr }}                      1 393,1
{{ count|sv_number }}                      9 000
{{ target.value|value_unit:indicator }}    72 %, 550 st, 5,5 mån
{{ value|value_unit:"months" }}            8 mån
{{ round.deadline|sv_date }}               2021-05-03
{{ event.at|sv_datetime }}                 2021-05-03 14:05 (local time)

And the words of the municipality's profile (the view gives it as `profile`):

{{ goal.level|level_name:profile }}        Nämndmål
{{ assessment.value|rating:profile }}      Uppfylls delvis
{{ outcome.rating|indicator_rating:profile }}  Uppnås
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone
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
    return numbers.format_indicator_value(number, unit, decimals)


@register.filter
def exact(value) -> str:
    """A number exactly as stored, the Swedish way (`72,5`, `1 233`); text as it is; empty for None."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return numbers.format_exact(value)
    return str(value)


@register.filter
def sv_date(value) -> str:
    """A date (or a moment's date, in local time) the one way pages show it: `2021-05-03`."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return numbers.format_date_iso(value) if isinstance(value, dt.date) else ""


@register.filter
def sv_datetime(value) -> str:
    """A moment in local time: `2021-05-03 14:05`."""
    if not isinstance(value, dt.datetime):
        return ""
    return numbers.format_datetime(timezone.localtime(value) if timezone.is_aware(value) else value)


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


@register.filter
def kf_mode(mode: str, words) -> str:
    """`{{ target.kf_mode|kf_mode:words }}`: a council target that is not a value, in the profile's words."""
    return str(words.kf_mode_label(mode)) if words is not None else mode


@register.filter
def part_title(part, profile) -> str:
    """`{{ part|part_title:profile }}`: a goal's part named by the goal's level in the profile's words, its
    number and title ("Nämndmål 1.1.1 Kvinnor och män studerar eller arbetar"); the economics by its title."""
    goal = part.goal if part.goal_id else None
    if goal is None or profile is None:
        return str(part.title)
    return f"{profile.level_name(goal.level)} {goal.number} {goal.title}"
