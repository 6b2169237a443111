"""Number filters of the books' own templates (Buku I, the cover and signature): every number
goes through masterplan.numbers, so a book writes a number one way ("14,6%", "1.250", "–")."""

from django import template

from masterplan import numbers

register = template.Library()

EMPTY = "–"


@register.filter
def quantity(value, unit=""):
    """A number with its unit ("14,6%", "1.250 mahasiswa"), '–' when there is none."""
    return numbers.format_quantity(value, unit, empty=EMPTY)


@register.filter
def number_or_dash(value):
    """A number ("1.234,5"), '–' when there is none."""
    return numbers.format_number(value, empty=EMPTY)
