"""The books' cover and signature words that follow from the region (books/front_matter.py)."""

from django import template

from .. import front_matter

register = template.Library()


@register.filter
def government_name(region):
    """'PEMERINTAH KOTA BANDUNG'."""
    return front_matter.government_name(region)


@register.filter
def head_of_region(region):
    """'Wali Kota Bandung'."""
    return front_matter.head_of_region(region)
