"""An anggota fills in the masterplan workbook offline: download, edit, upload, preview, apply."""

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from masterplan.models import Region, Role, WorkbookImport
from readiness.models import ReadinessEntry

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
    assert download.suggested_filename == "buku-kerja-32.73-kota-bandung-2026.xlsx"
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
