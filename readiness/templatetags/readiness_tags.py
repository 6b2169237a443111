from django import template
from django.utils.translation import gettext as _

from masterplan import numbers

register = template.Library()


@register.filter
def index_value(value):
    """An index 0-100 with one decimal in the Indonesian format (rounded half up, as the charts
    and the other index cells show it), or 'belum dinilai'."""
    if value is None:
        return _("belum dinilai")
    return numbers.format_decimal(value, 1)
