"""More regions written like Kota Bandung, for measuring what grows with the number of regions
(`manage.py seed_full_regions`, used by `bench_batch`): each gets a masterplan with the full
demo's content, built by the same idempotent demo steps. Never part of `seed_demo`."""

from masterplan import content_version
from masterplan.models import Region
from masterplan.services import create_masterplan, current_masterplan

from . import books, core, institutions, monitoring, programs, readiness, risks, swot, targets

# Kabupaten Bandung, Kota Semarang, Kota Surabaya, Kota Denpasar, Kota Yogyakarta, Kota Makassar.
REGIONS = ["32.04", "33.74", "35.78", "51.71", "34.71", "73.71"]


def seed(count):
    """Give the first `count` of REGIONS a current masterplan filled like Kota Bandung's; answers
    their masterplans. Needs `seed_demo` first (Kabupaten Banyuwangi stands in as the empty
    region the demo steps also touch, idempotently)."""
    if count > len(REGIONS):
        raise ValueError(f"at most {len(REGIONS)} regions")
    empty = current_masterplan(Region.objects.get(code=core.EMPTY_REGION))
    filled = []
    for code in REGIONS[:count]:
        region = Region.objects.get(code=code)
        filled.append(_fill(region, empty))
    return filled


@content_version.collecting()
def _fill(region, empty):
    masterplan = current_masterplan(region) or create_masterplan(
        region=region, user=None, start_year=core.START_YEAR)
    for step in (readiness, swot, targets, programs, institutions, monitoring, risks, books):
        step.seed(masterplan, empty)
    content_version.masterplan_changed(masterplan.pk)
    return masterplan
