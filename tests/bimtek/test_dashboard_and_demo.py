"""The Bimtek dashboard section and the demo's visits and reports."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from bimtek import reports
from bimtek.dashboard_sections import bimtek_completion, bimtek_parts
from bimtek.models import Attachment, Report, ReportItemNote, Visit
from masterplan.models import Masterplan, Region
from masterplan.sections import all_sections

from ..factories import MasterplanFactory
from .helpers import HELD_ON, OWN, signed_report, visit_of, written_report

pytestmark = pytest.mark.django_db


def test_section_is_registered_after_the_others():
    section = next(s for s in all_sections() if s.key == "bimtek")
    assert (section.title, section.order, section.url_name) == (
        "Bimtek dan laporan pembimbing", 90, "bimtek_overview")


def test_progress_counts_signed_reports_and_parts_show_each_state(world):
    signed_report(world, 1)
    written_report(world, 2)
    planned = visit_of(world, 3)
    planned.planned_date = HELD_ON
    planned.save()
    masterplan = world.masterplans["own"]
    progress = bimtek_completion([masterplan])[masterplan.pk]
    assert (progress.done, progress.total) == (1, 4)
    parts = bimtek_parts([masterplan])[masterplan.pk]
    assert [part.title for part in parts] == [
        "Bimtek #1: Ditandatangani", "Bimtek #2: Dilaporkan", "Bimtek #3: Direncanakan",
        "Bimtek #4: Belum direncanakan"]
    assert [(p.progress.done, p.progress.total) for p in parts] == [(4, 4), (3, 4), (1, 4), (0, 4)]
    assert parts[1].url == reverse("bimtek_visit", kwargs={"region_code": OWN, "number": 2})


def test_region_page_shows_the_section(client, world):
    signed_report(world, 1)
    client.force_login(world.user("dewan"))
    page = client.get(reverse("region_detail", kwargs={"region_code": OWN})).content.decode()
    assert "Bimtek dan laporan pembimbing" in page and "Bimtek #1: Ditandatangani" in page


def test_completion_costs_a_fixed_number_of_queries(world, django_assert_num_queries):
    signed_report(world, 1)
    masterplans = [world.masterplans["own"], world.masterplans["other"]]
    for region in Region.objects.exclude(kind="provinsi").exclude(
            code__in=[m.region.code for m in masterplans])[:8]:
        masterplans.append(MasterplanFactory(region=region))
    with django_assert_num_queries(2):
        result = bimtek_completion(masterplans)
    assert len(result) == 10 and result[masterplans[0].pk].done == 1
    assert all(result[m.pk].total == 4 for m in masterplans)


def test_demo_fills_bandung_and_banyuwangi_and_is_idempotent(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo")

    def counts():
        return (Visit.objects.exclude(planned_date=None).count(), Report.objects.count(),
                ReportItemNote.objects.count(), Attachment.objects.count(),
                sorted(p.name for p in (tmp_path / "media").rglob("*") if p.is_file()))

    first = counts()
    call_command("seed_demo")
    assert counts() == first

    bandung = Masterplan.objects.get(region__code="32.73", is_current=True)
    banyuwangi = Masterplan.objects.get(region__code="35.10", is_current=True)
    states = reports.visit_states([bandung.pk, banyuwangi.pk])
    assert [states[bandung.pk][n].state for n in (1, 2, 3, 4)] == [
        "signed", "signed", "reported", "planned"]
    assert [states[banyuwangi.pk][n].state for n in (1, 2, 3, 4)] == ["planned", "", "", ""]
    for number in (1, 2):
        report = Report.objects.get(visit__masterplan=bandung, visit__session__number=number)
        assert report.pembimbing_signed_by.username == "pembimbing"
        assert report.ketua_signed_by.username == "ketua.bandung"
    third = Report.objects.get(visit__masterplan=bandung, visit__session__number=3)
    assert reports.signed_sides(third) == [] and third.output
    assert third.notes.count() >= 8
    attachment = Attachment.objects.get()
    assert attachment.report.visit.session.number == 1 and attachment.content_type == "application/pdf"
    assert attachment.file.open("rb").read(5) == b"%PDF-"
    assert all(v.planned_date.year == 2026 for v in Visit.objects.filter(masterplan=bandung))
