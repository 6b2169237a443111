"""An anggota fills in the masterplan workbook offline: download, edit, upload, preview, apply."""

import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from masterplan.models import Region, Role, WorkbookImport
from readiness.models import ReadinessEntry
from roadmap.programs import completeness, programs_of

from ..factories import MasterplanFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "rahasia-123"  # UserFactory's password
OWN_REGION = "32.73"  # Kota Bandung


@pytest.fixture
def anggota(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    region = Region.objects.get(code=OWN_REGION)
    user = UserFactory(username="anggota.bukukerja")
    MembershipFactory(user=user, region=region, role=Role.ANGGOTA)
    return user, MasterplanFactory(region=region)


def test_anggota_edits_the_workbook_offline_and_applies_it(page, login, live_server, anggota,
                                                            tmp_path):
    user, masterplan = anggota
    login(user.username, PASSWORD)
    assert page.url == f"{live_server.url}/wilayah/{OWN_REGION}/"
    page.get_by_role("link", name="Buku kerja", exact=True).click()
    page.wait_for_url(f"{live_server.url}/wilayah/{OWN_REGION}/buku-kerja/")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh buku kerja (.xlsx)").click()
    download = download_info.value
    # Named by its export time in Bandung's zone (masterplan/clock.py's file stamp).
    assert re.fullmatch(r"buku-kerja-32\.73-kota-bandung-2026-ekspor-\d{4}-\d{2}-\d{2}-\d{4}-WIB"
                        r"\.xlsx", download.suggested_filename)
    downloaded = tmp_path / download.suggested_filename
    download.save_as(downloaded)

    # Offline: fill in component 1 of Tabel II.2 in a spreadsheet program (openpyxl here).
    workbook = load_workbook(downloaded)
    sheet = workbook["II.2 SDM"]
    assert (sheet["B4"].value, sheet["D4"].value) == (1, None)
    sheet["D4"], sheet["E4"], sheet["F4"], sheet["G4"] = "Naik tajam", 42, "%", "v"
    edited = tmp_path / "diisi.xlsx"
    workbook.save(edited)

    page.set_input_files("input[name=file]", str(edited))
    page.get_by_role("button", name="Unggah dan pratinjau").click()
    upload = WorkbookImport.objects.get()
    page.wait_for_url(f"{live_server.url}/wilayah/{OWN_REGION}/buku-kerja/impor/{upload.pk}/")
    preview = page.locator("section.workbook-sheet-diff")
    assert preview.count() == 1
    text = preview.inner_text()
    assert "Lembar “II.2 SDM”" in text and "0 ditambah, 1 diubah, 0 dihapus" in text
    for expected in ("Naik tajam", "42", "Baik"):
        assert expected in text
    # Nothing is saved before the confirmation.
    entry = masterplan.readiness_entries.get(sub_area__code="human_resources", component__number=1)
    assert (entry.value_text, entry.version) == ("", 1)

    page.get_by_role("button", name="Terapkan").click()
    page.wait_for_url(f"{live_server.url}/wilayah/{OWN_REGION}/buku-kerja/")
    assert "1 perubahan dari buku kerja diterapkan." in page.locator(".alert-success").inner_text()

    entry = ReadinessEntry.objects.get(pk=entry.pk)
    assert (entry.value_text, entry.value_number, entry.value_unit, entry.interpretation) == (
        "Naik tajam", 42, "%", "baik")
    assert (entry.version, entry.updated_by) == (2, user)
    assert WorkbookImport.objects.get().status == WorkbookImport.Status.APPLIED
    # The readiness table page shows the imported value.
    page.goto(reverse("readiness_table", kwargs={"region_code": OWN_REGION, "table": "ii-2"}))
    assert "Naik tajam" in page.content()


def _column(ws, header, row=2):
    """The column number under the printed heading `header` (row 2 of the roadmap sheets)."""
    for cell in ws[row]:
        if cell.value == header:
            return cell.column
    raise AssertionError(f"no column {header!r} in {ws.title}")


def _fill_row(ws, line, values):
    for header, value in values.items():
        ws.cell(row=line, column=_column(ws, header)).value = value


def test_anggota_plans_a_program_with_kpi_and_financing_in_the_workbook(page, login, live_server,
                                                                        anggota, tmp_path):
    """Offline: a new OPD, a quick-win program led by it, a KPI with a target and APBD financing;
    online: preview, apply, and the program is on the roadmap."""
    user, masterplan = anggota
    login(user.username, PASSWORD)
    page.goto(f"{live_server.url}/wilayah/{OWN_REGION}/buku-kerja/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh buku kerja (.xlsx)").click()
    downloaded = tmp_path / "buku-kerja.xlsx"
    download_info.value.save_as(downloaded)

    workbook = load_workbook(downloaded)
    _fill_row(workbook["OPD"], 3, {"Nama OPD": "Dinas Kesehatan", "Singkatan": "Dinkes"})
    _fill_row(workbook["Program"], 3, {
        "Kode": "P1", "Nama program": "Telemedisin puskesmas", "Dimensi/Elemen": "Living b",
        "Kategori": "Aplikasi dan perangkat lunak", "Jangka": "Jangka pendek (1 tahun)",
        "Tahun mulai": 2026, "Tahun selesai": 2026, "Quick win": "✓",
        "OPD pelaksana utama": "Dinkes"})
    _fill_row(workbook["KPI"], 3, {"Kode program": "P1", "Indikator kinerja": "Puskesmas terhubung",
                                   "Satuan": "%", "Arah": "naik", "Target 2026": 40})
    financing = workbook["Pembiayaan"]
    _fill_row(financing, 3, {"Kode program": "P1", "Sumber dana": "APBD"})
    financing.cell(row=3, column=_column(financing, "Tahun 2026")).value = "Rp 1.500.000.000"
    edited = tmp_path / "program.xlsx"
    workbook.save(edited)

    page.set_input_files("input[name=file]", str(edited))
    page.get_by_role("button", name="Unggah dan pratinjau").click()
    page.wait_for_url(f"{live_server.url}/wilayah/{OWN_REGION}/buku-kerja/impor/*/")
    preview = page.locator("main").inner_text()
    for sheet in ("OPD", "Program", "KPI", "Pembiayaan"):
        assert f"Lembar “{sheet}”" in preview
    assert "Telemedisin puskesmas" in preview and "Dinas Kesehatan" in preview
    page.get_by_role("button", name="Terapkan").click()
    page.wait_for_url(f"{live_server.url}/wilayah/{OWN_REGION}/buku-kerja/")
    assert "4 perubahan dari buku kerja diterapkan." in page.locator(".alert-success").inner_text()

    program = masterplan.programs.get()
    assert (program.lead_opd.short_name, program.is_quick_win) == ("Dinkes", True)
    assert [(t.year, t.value) for t in program.kpis.get().targets.all()] == [(2026, 40)]
    assert list(program.financing.values_list("source", "amount")) == [("apbd", 1_500_000_000)]
    # The roadmap's chart shows the new quick win; the program list counts it complete.
    page.goto(f"{live_server.url}/wilayah/{OWN_REGION}/peta-jalan/")
    page.locator("#dimensi-living summary").click()  # its programs and chart load when opened
    gantt = page.locator("#dimensi-living").get_by_test_id("gantt")
    gantt.wait_for()
    assert "Telemedisin puskesmas" in gantt.inner_html()
    page.goto(f"{live_server.url}/wilayah/{OWN_REGION}/program/")
    assert "Telemedisin puskesmas" in page.locator("main").inner_text()
    # KPI with its final target, pelaksana and financing all came with the file.
    assert completeness(programs_of(masterplan).get()).complete
