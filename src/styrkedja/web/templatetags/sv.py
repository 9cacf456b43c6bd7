"""Template filters for Swedish formatting; the rules live in styrkedja.lib.numbers."""

from django import template

from styrkedja.lib import numbers

register = template.Library()
register.filter("mnkr", numbers.format_mnkr)
register.filter("sv_number", numbers.format_number)
