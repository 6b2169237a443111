from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


def _plain(value):
    return Decimal(format(Decimal(value).normalize(), "f"))


@register.filter
def rupiah(value):
    """Rp 1.500.000.000 (Indonesian grouping, no decimals)."""
    if value in (None, ""):
        return "–"
    return "Rp " + number_format(round(Decimal(value)), decimal_pos=0, force_grouping=True)


@register.simple_tag
def final_target(indicator, year):
    """The indicator's target for `year` (prefetched targets), formatted, or '–'."""
    for target in indicator.targets.all():
        if target.year == year:
            return number_format(_plain(target.value), force_grouping=True)
    return "–"


@register.simple_tag
def target_for(kpi, year):
    for target in kpi.targets.all():
        if target.year == year:
            return number_format(_plain(target.value), force_grouping=True)
    return ""
