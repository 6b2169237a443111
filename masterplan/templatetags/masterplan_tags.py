from django import template

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
