"""The evidence pack's page: every role of the region reads it; the team, the region's
pembimbing and admins build a pack."""

from ..access_expectations import EVERY_ROLE, TEAM, Case, region_page
from .kwargs import region_year_kwargs

CASES = {
    "evaluation_evidence": Case(region_year_kwargs, get=region_page(EVERY_ROLE),
                                post=region_page(TEAM | {"pembimbing"})),
}
