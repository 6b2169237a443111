"""A Bimtek report in the browser: the pembimbing writes, attaches and signs; the ketua signs;
the pembimbing has the report rendered as PDF and downloads it."""

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from bimtek import reports
from bimtek.models import Report, ReportItemNote
from masterplan.models import Region, Role

from ..bimtek.helpers import MINIMAL_PDF
from ..factories import MasterplanFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "rahasia-123"  # UserFactory's password
VISIT_URL = "/wilayah/32.73/bimtek/1/"


@pytest.fixture
def team(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    region = Region.objects.get(code="32.73")
    pembimbing = UserFactory(username="pembimbing.bimtek", full_name="Rina Pembimbing")
    ketua = UserFactory(username="ketua.bimtek", full_name="Budi Ketua")
    MembershipFactory(user=pembimbing, region=region, role=Role.PEMBIMBING)
    MembershipFactory(user=ketua, region=region, role=Role.KETUA)
    masterplan = MasterplanFactory(region=region)
    return pembimbing, ketua, masterplan.bimtek_visits.get(session__number=1)


def test_pembimbing_writes_attaches_and_signs_then_the_ketua_signs(page, login, team, tmp_path):
    pembimbing, ketua, visit = team
    login(pembimbing.username, PASSWORD)
    page.goto(VISIT_URL)

    # Keterangan of two activities, in one form.
    page.get_by_role("link", name="Isi keterangan kegiatan").click()
    rows = page.locator("tr.baris-keterangan")
    rows.nth(0).locator("select").select_option(label="Terlaksana")
    rows.nth(0).locator("textarea").fill("Dibuka Sekda; semua OPD hadir.")
    rows.nth(9).locator("select").select_option(label="Tidak terlaksana")
    rows.nth(9).locator("textarea").fill("Audiensi diundur.")
    page.get_by_role("button", name="Simpan semua keterangan").click()
    page.get_by_text("Keterangan kegiatan disimpan.").wait_for()
    assert "Dibuka Sekda; semua OPD hadir." in page.locator("#tabel-keterangan").inner_text()

    # Date and output.
    page.get_by_role("link", name="Ubah tanggal dan output").click()
    page.get_by_label("Tanggal kunjungan").fill("2026-03-10")
    page.get_by_label("Output hasil Bimtek").fill("Kerangka masterplan dan tiga kandidat quick win.")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Laporan disimpan.").wait_for()
    assert "Kerangka masterplan dan tiga kandidat quick win." in page.locator("#output").inner_text()

    # A PDF attachment.
    page.get_by_label("Unggah berkas").set_input_files(
        {"name": "notulen-bimtek-1.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF})
    page.get_by_role("button", name="Unggah lampiran").click()
    page.get_by_text("Lampiran “notulen-bimtek-1.pdf” diunggah.").wait_for()
    assert "notulen-bimtek-1.pdf" in page.locator("#daftar-lampiran").inner_text()

    # The pembimbing signs; the report is frozen for them now.
    page.get_by_role("button", name="Tandatangani sebagai Tim Pembimbing").click()
    page.get_by_text("Laporan ditandatangani sebagai Tim Pembimbing.").wait_for()
    assert "Rina Pembimbing" in page.locator("#tanda-tangan-pembimbing").inner_text()

    # The ketua signs.
    page.context.clear_cookies()
    login(ketua.username, PASSWORD)
    page.goto(VISIT_URL)
    page.get_by_role("button", name="Tandatangani sebagai Ketua Tim Pelaksana").click()
    page.get_by_text("Laporan ditandatangani sebagai Ketua Tim Pelaksana.").wait_for()
    assert page.locator("#laporan-terkunci").is_visible()
    assert "Budi Ketua" in page.locator("#tanda-tangan-ketua").inner_text()

    # Signed: the pembimbing sees no edit form anymore.
    page.context.clear_cookies()
    login(pembimbing.username, PASSWORD)
    page.goto(VISIT_URL)
    assert page.locator("#laporan-terkunci").is_visible()
    assert "Ditandatangani" in page.locator(".bimtek-state").first.inner_text()
    assert page.get_by_role("link", name="Isi keterangan kegiatan").count() == 0
    assert page.get_by_role("link", name="Ubah tanggal dan output").count() == 0
    assert page.get_by_role("button", name="Unggah lampiran").count() == 0
    assert page.get_by_role("button", name="Batalkan tanda tangan saya").count() == 0

    report = Report.objects.get(visit=visit)
    assert report.is_signed
    assert (report.pembimbing_signed_by, report.ketua_signed_by) == (pembimbing, ketua)
    assert report.attachments.get().original_name == "notulen-bimtek-1.pdf"
    assert ReportItemNote.objects.filter(report=report).count() == 2


def test_pembimbing_renders_the_report_as_pdf_and_downloads_it(page, login, team):
    pembimbing, _ketua, visit = team
    report = reports.ensure_report(visit)
    report.output = "Kerangka masterplan disepakati bersama OPD."
    report.save()
    login(pembimbing.username, PASSWORD)
    page.goto(VISIT_URL)

    page.get_by_role("button", name="Buat PDF laporan").click()
    page.get_by_text("Pembuatan PDF laporan dimulai.").wait_for()
    box = page.locator("#laporan-pdf")
    # The status fragment polls until the render job is done, then offers the file.
    box.get_by_role("link", name="Unduh PDF").wait_for(timeout=60_000)
    assert "Laporan Bimtek #1 · Selesai" in box.inner_text()
    with page.expect_download() as download:
        box.get_by_role("link", name="Unduh PDF").click()
    assert download.value.suggested_filename == "laporan-bimtek-1-3273.pdf"
    data = Path(download.value.path()).read_bytes()
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)
    assert "Formulir Laporan Tim Pembimbing: Bimtek #1" in text
    assert "Kerangka masterplan disepakati bersama OPD." in text
