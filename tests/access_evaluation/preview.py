"""The score preview of a region's evaluation: every role of the region reads it, admins too."""

from ..access_expectations import EVERY_ROLE, Case, region_page
from .kwargs import region_year_kwargs

CASES = {
    "evaluation_preview": Case(region_year_kwargs, get=region_page(EVERY_ROLE)),
}
