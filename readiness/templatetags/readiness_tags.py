from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from masterplan import numbers

register = template.Library()


@register.filter
def index_value(value):
    """An index 0-100 with one decimal in the Indonesian format, or 'belum dinilai'."""
    if value is None:
        return _("belum dinilai")
    return number_format(round(value, 1), decimal_pos=1)  # number_format truncates


@register.filter
def plain_number(value):
    """A Decimal as people write it in Indonesian: 512.000.000.000 or 14,6 (no trailing zeros)."""
    return numbers.format_number(value)
