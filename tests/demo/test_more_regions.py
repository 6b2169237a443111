"""The measuring helpers of bench_batch and loadtest: more regions written like Kota Bandung, a
masterplan in every region, and the probe of the cores the machine gives."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from demo import batch_bench
from demo.more_regions import REGIONS
from masterplan.models import Masterplan, Region
from masterplan.services import current_masterplan
from readiness.models import ReadinessEntry
from roadmap.models import Program

pytestmark = pytest.mark.django_db


def test_a_region_is_filled_like_the_demo_and_filling_again_changes_nothing():
    call_command("seed_demo", verbosity=0)
    out = io.StringIO()
    call_command("seed_full_regions", "1", stdout=out)
    filled = current_masterplan(Region.objects.get(code=REGIONS[0]))
    bandung = current_masterplan(Region.objects.get(code="32.73"))
    assert Program.objects.filter(masterplan=filled).count() == (
        Program.objects.filter(masterplan=bandung).count()) > 0
    judged = ReadinessEntry.objects.exclude(interpretation="")
    assert judged.filter(masterplan=filled).count() == judged.filter(masterplan=bandung).count()
    assert f"{REGIONS[0]} Kabupaten Bandung: 30 programs" in out.getvalue()
    before = Masterplan.objects.count(), Program.objects.count()
    call_command("seed_full_regions", "1", stdout=io.StringIO())
    assert (Masterplan.objects.count(), Program.objects.count()) == before


def test_more_regions_than_there_are_is_refused():
    with pytest.raises(CommandError, match="between 0 and"):
        call_command("seed_full_regions", str(len(REGIONS) + 1))


def test_the_probe_finds_between_one_and_two_cores():
    alone, together, cores = batch_bench.cores_probe()
    assert alone > 0 and together > 0
    assert 0.5 < cores < 2.5  # two processes never run faster than twice one, give or take noise
