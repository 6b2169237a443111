from django.core.management.base import CommandError

from masterplan.models import Region
from masterplan.services import current_masterplan


def region_by_code(code):
    """The region with Kemendagri `code`, or a CommandError an operator can act on."""
    region = Region.objects.filter(code=code.strip()).first()
    if region is None:
        raise CommandError(
            f"Unknown region code {code!r}. Use a Kemendagri code such as 32 (province) or "
            f"32.73 (kabupaten/kota); see masterplan/data/wilayah/.")
    return region


def current_masterplan_of(code):
    """The current masterplan of the region with `code`, or a CommandError saying to seed it."""
    region = region_by_code(code)
    masterplan = current_masterplan(region)
    if masterplan is None:
        raise CommandError(f"{region.code} has no current masterplan; run seed_demo first.")
    return masterplan
