"""Recording the Tim Pelaksana, enacting a regulation with its PDF and starting the e-Gov
inventory in the browser."""

import datetime

import pytest

from masterplan.models import Region, Role
from roadmap.models import Application, Institution, InstitutionMember, Opd, Regulation

from ..factories import MasterplanFactory, MembershipFactory, UserFactory
from ..pdf_helpers import blank_pdf

pytestmark = pytest.mark.browser
PASSWORD = "rahasia-123"
PDF = blank_pdf()


@pytest.fixture
def anggota(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    region = Region.objects.get(code="32.73")
    user = UserFactory(username="anggota.kelembagaan")
    MembershipFactory(user=user, region=region, role=Role.ANGGOTA)
    for position, (name, short_name) in enumerate([
            ("Dinas Komunikasi dan Informatika", "Diskominfo"),
            ("Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah",
             "Bappelitbang")]):
        Opd.objects.create(region=region, name=name, short_name=short_name, position=position)
    return user, MasterplanFactory(region=region)


def test_team_decree_regulation_upload_and_inventory_summary(page, login, anggota, tmp_path):
    user, masterplan = anggota
    login(user.username, PASSWORD)

    # The Tim Pelaksana's decree and two members, from the institutions page.
    page.goto("/wilayah/32.73/kelembagaan/")
    page.get_by_role("link", name="Ubah Tim Pelaksana").click()
    page.get_by_label("Nomor keputusan Kepala Dinas Kominfo").fill("800/Kep.077-Diskominfo/2025")
    decreed = datetime.date.today() - datetime.timedelta(days=400)  # more than a year ago
    page.get_by_label("Tanggal keputusan Kepala Dinas Kominfo").fill(decreed.isoformat())
    page.get_by_label("Nama 1", exact=True).fill("Ir. Dewi Kartikasari")
    page.get_by_label("OPD 1", exact=True).select_option(label="Diskominfo")
    page.get_by_label("Peran 1", exact=True).select_option("ketua")
    page.get_by_label("Nama 2", exact=True).fill("Lina Herlina")
    page.get_by_label("OPD 2", exact=True).select_option(label="Bappelitbang")
    page.get_by_label("Eselon 2", exact=True).fill("III.b")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Tim Pelaksana Smart City Daerah disimpan.").wait_for()
    team = page.locator("#tim-pelaksana")
    assert "800/Kep.077-Diskominfo/2025" in team.inner_text()
    assert "Lina Herlina" in team.inner_text()
    tim = Institution.objects.get(masterplan=masterplan, kind="tim")
    assert (tim.decree_number, tim.decree_date) == ("800/Kep.077-Diskominfo/2025", decreed)
    assert list(InstitutionMember.objects.filter(institution=tim).order_by("position")
                .values_list("name", "opd__short_name", "role", "eselon")) == [
        ("Ir. Dewi Kartikasari", "Diskominfo", "ketua", ""),
        ("Lina Herlina", "Bappelitbang", "anggota", "III.b")]
    # A one-year term that has passed: the page warns and marks the decree expired.
    assert "Keputusan Tim Pelaksana Smart City Daerah sudah tidak berlaku" in \
        page.locator("main").inner_text()
    assert "kedaluwarsa" in team.inner_text()

    # The Perda set to ditetapkan with its number and date, then its PDF uploaded.
    page.goto("/wilayah/32.73/regulasi/")
    perda = Regulation.objects.get(masterplan=masterplan, code="perda_masterplan")
    page.locator(f"#regulasi-{perda.pk}").get_by_role("link", name="Ubah").click()
    page.get_by_label("Status").select_option("ditetapkan")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Regulasi yang ditetapkan harus memiliki nomor.").wait_for()
    perda.refresh_from_db()
    assert perda.status == "belum_ada"
    page.get_by_label("Nomor").fill("Peraturan Daerah Kota Bandung Nomor 3 Tahun 2026")
    page.get_by_label("Tanggal penetapan").fill("2026-05-04")
    page.get_by_role("button", name="Simpan").click()
    row = page.locator(f"#regulasi-{perda.pk}")
    row.get_by_text("Ditetapkan").wait_for()
    row.get_by_role("link", name="Ubah").click()
    document = tmp_path / "perda-smart-city.pdf"
    document.write_bytes(PDF)
    page.get_by_label("Dokumen (PDF, paling besar 20 MB)").set_input_files(str(document))
    page.get_by_role("button", name="Unggah dokumen").click()
    page.get_by_text("Dokumen “perda-smart-city.pdf” diunggah.").wait_for()
    perda.refresh_from_db()
    assert (perda.status, perda.number, perda.date) == (
        "ditetapkan", "Peraturan Daerah Kota Bandung Nomor 3 Tahun 2026", datetime.date(2026, 5, 4))
    assert perda.document.read() == PDF
    with page.expect_download() as download:
        page.get_by_role("link", name="perda-smart-city.pdf").click()
    assert download.value.suggested_filename == "perda-smart-city.pdf"

    # One application in the inventory: the summary counts it and names the six other functions.
    page.goto("/wilayah/32.73/aplikasi/")
    assert page.locator("#jumlah-aplikasi").inner_text() == "0"
    page.get_by_role("link", name="Tambah aplikasi").click()
    page.get_by_label("Nama aplikasi").fill("SIMPEG Kota Bandung")
    page.get_by_label("Fungsi pemerintahan").select_option(label="Pengelolaan kepegawaian daerah")
    page.get_by_label("Interoperabel").check()
    page.get_by_label("Yang perlu diperbaiki").fill("Sediakan layanan data pegawai")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Aplikasi “SIMPEG Kota Bandung” disimpan.").wait_for()
    assert page.locator("#jumlah-aplikasi").inner_text() == "1"
    assert page.locator("#jumlah-interoperabel").inner_text().startswith("1")
    assert page.locator("#fungsi-tercakup").inner_text().startswith("1")
    missing = page.locator("#fungsi-tanpa-aplikasi").inner_text()
    assert "17. Monitoring dan evaluasi pembangunan daerah" in missing
    assert "Pengelolaan kepegawaian daerah" not in missing
    assert Application.objects.get(masterplan=masterplan).function == "kepegawaian"
