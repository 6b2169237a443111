"""Bimtek times by the one clock (masterplan/clock.py): a Jayapura report's signatures and
attachments in WIT on its page, on the pembimbing's list and in the printed report; the
matrix export of every region stamped in WIB."""

import datetime
import re

import pytest
from django.urls import reverse

from bimtek import attachments, pdf, reports
from bimtek.models import Attachment, Report, ReportItemNote, Visit
from masterplan.models import Region, Role

from ..factories import MasterplanFactory, MembershipFactory, UserFactory
from .helpers import HELD_ON, pdf_upload

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
# 16.30 UTC on 3 December is 01.30 on 4 December in Jayapura (WIT, UTC+9).
PEMBIMBING_AT = datetime.datetime(2026, 12, 3, 16, 30, tzinfo=UTC)
KETUA_AT = datetime.datetime(2026, 12, 3, 13, 5, tzinfo=UTC)  # 22.05 WIT on 3 December


@pytest.fixture
def jayapura():
    region = Region.objects.get(code="91.71")
    masterplan = MasterplanFactory(region=region)
    pembimbing, ketua = UserFactory(username="pembimbing.jpr"), UserFactory(username="ketua.jpr")
    MembershipFactory(user=pembimbing, region=region, role=Role.PEMBIMBING)
    MembershipFactory(user=ketua, region=region, role=Role.KETUA)
    visit = Visit.objects.select_related("session", "masterplan__region").get(
        masterplan=masterplan, session__number=1)
    visit.actual_date = HELD_ON
    visit.save()
    report = reports.ensure_report(visit)
    report.visit_date, report.output = HELD_ON, "Draf bab I disepakati."
    report.save()
    ReportItemNote.objects.create(report=report, item=visit.session.report_items.first(),
                                  held=True, notes="Dibuka oleh Sekda.")
    attachment = attachments.add_attachment(report, pdf_upload(), pembimbing)
    Attachment.objects.filter(pk=attachment.pk).update(uploaded_at=KETUA_AT)
    reports.sign(report, pembimbing)
    reports.sign(report, ketua)
    Report.objects.filter(pk=report.pk).update(pembimbing_signed_at=PEMBIMBING_AT,
                                               ketua_signed_at=KETUA_AT)
    return region, report, pembimbing


def test_the_visit_page_shows_signatures_and_uploads_in_the_regions_zone(client, jayapura):
    region, _report, pembimbing = jayapura
    client.force_login(pembimbing)
    page = client.get(reverse("bimtek_visit", kwargs={"region_code": region.code, "number": 1}))
    html = page.content.decode()
    assert "Ditandatangani 4 Desember 2026 01.30 WIT" in html
    assert "Ditandatangani 3 Desember 2026 22.05 WIT" in html
    assert "3 Desember 2026 22.05 WIT)" in html  # the attachment's upload
    assert "UTC" not in html and "+00:00" not in html


def test_my_reports_shows_each_signature_in_its_regions_zone(client, jayapura):
    _region, _report, pembimbing = jayapura
    client.force_login(pembimbing)
    html = client.get(reverse("bimtek_my_reports")).content.decode()
    assert "4 Desember 2026 01.30 WIT" in html and "3 Desember 2026 22.05 WIT" in html
    assert "10 Maret 2026" in html  # the day it was held


def test_the_printed_report_dates_and_times_the_signatures_in_the_regions_zone(jayapura):
    _region, report, _pembimbing = jayapura
    html = pdf.render_report_html(Report.objects.get(pk=report.pk))
    # Signed on the 4th in Jayapura, though it was still the 3rd in UTC and WIB.
    assert "Kota Jayapura, 4 Desember 2026</p>" in html
    assert "Ditandatangani dalam aplikasi<br>4 Desember 2026 01.30 WIT" in html
    assert "Ditandatangani dalam aplikasi<br>3 Desember 2026 22.05 WIT" in html
    assert "Tanggal Kunjungan:</span> 10 Maret 2026" in html


def test_the_matrix_export_is_stamped_in_wib(client, world):
    client.force_login(world.user("admin"))
    response = client.get(reverse("bimtek_matrix_export"))
    name = re.fullmatch(r'attachment; filename="bimtek-(.+)\.xlsx"',
                        response["Content-Disposition"]).group(1)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}-\d{4}-WIB", name)
