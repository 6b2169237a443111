from django import template

from .. import numbers
from ..models import MasterplanStatus

register = template.Library()


@register.filter
def status_label(value):
    """The Indonesian label of a masterplan status value (as annotated on region rows)."""
    if not value:
        return ""
    try:
        return MasterplanStatus(value).label
    except ValueError:
        return value


@register.filter
def width_percent_class(value):
    """The class `w-pct-N` (static/css/app.css) that sets a bar's width to N%, N a whole number
    0-100. A class instead of style="width: N%": the Content-Security-Policy allows no inline
    style. Anything not a number draws an empty bar."""
    try:
        percent = round(float(value))
    except (TypeError, ValueError):
        percent = 0
    return f"w-pct-{min(max(percent, 0), 100)}"


@register.filter
def plain_number(value):
    """A number as people write it in Indonesian: 512.000.000.000 or 14,6 (no trailing zeros);
    '' for None."""
    return numbers.format_number(value)


@register.filter
def rupiah(value):
    """An amount as "Rp 1.500.000" (",50" only for cents); '' for None."""
    return numbers.format_rupiah(value)


@register.filter
def rupiah_amount(value):
    """An amount without the "Rp", for a column headed "(Rp)": 1.500.000 or 2.500.000,50."""
    return numbers.format_amount(value)
