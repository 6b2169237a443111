from django import template

from .. import clock, numbers
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


# Times and dates (masterplan/clock.py): `{{ comment.created_at|local_datetime:region }}` shows
# "4 Desember 2026 20.39 WITA" for a region of Sulawesi; without an argument (a page of many
# regions) in WIB. The argument is a Region, a Masterplan (or None), or a Kemendagri code; a
# page whose context lacks the variable named fails, as Django does for every filter argument.
# Anything that is not a date shows as "", as Django's own filters fail silently.

def _shown(function, value, region):
    try:
        return function(value, region or None)
    except TypeError:
        return ""


@register.filter
def local_datetime(value, region=None):
    """"4 Desember 2026 20.39 WIB" in the zone of `region`; '' for None."""
    return _shown(clock.format_datetime, value, region)


@register.filter
def local_date(value, region=None):
    """"4 Desember 2026", the day in the zone of `region`; '' for None."""
    return _shown(clock.format_date, value, region)


@register.filter
def iso_datetime(value, region=None):
    """The exact moment for machines (a PDF's metadata), ISO 8601 with the zone's offset."""
    return _shown(clock.format_iso, value, region)


@register.filter
def zone_name(region=None):
    """"WIB", "WITA" or "WIT": the zone the page of `region` shows its times in."""
    return clock.zone_of(region or None).name
