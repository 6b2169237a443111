from decimal import Decimal

from django import template

from masterplan.numbers import format_decimal, format_number, format_rupiah
from masterplan.rendering.fetchers import media_src

register = template.Library()


@register.filter
def document_src(field_file):
    """The URL a book names an uploaded file by; the renderer reads it through the storage."""
    return media_src(field_file.name)


@register.filter
def rupiah(value):
    """The books' one rupiah format: "Rp 1.500.000" (",50" only for cents); "–" for no amount
    or zero, never "Rp 0". A no-break space keeps "Rp" with its number when a line wraps."""
    if value in (None, "") or not Decimal(value):
        return "–"
    return format_rupiah(value).replace(" ", "\u00a0")


@register.filter
def scaled(value, scale):
    """An amount in a table's compact unit (books.amounts.Scale): "51,75"; "–" for none."""
    return scale.format(value)


@register.filter
def percent(value):
    """The books' one percent format: "14,6%" (one decimal); "–" for no value."""
    if value in (None, ""):
        return "–"
    return f"{format_decimal(value, 1)}%"


@register.simple_tag
def final_target(indicator, year):
    """The indicator's target for `year` (prefetched targets), formatted, or '–'."""
    for target in indicator.targets.all():
        if target.year == year:
            return format_number(target.value)
    return "–"


@register.simple_tag
def target_for(kpi, year):
    for target in kpi.targets.all():
        if target.year == year:
            return format_number(target.value)
    return ""
