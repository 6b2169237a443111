"""File uploads speak Indonesian: a "Pilih berkas" button opens the browser's file dialog and the
chosen file's name shows beside it, where the browser's own input would say "Choose File". The
real input stays reachable by keyboard, labelled and described (templates/includes/file_input.html,
static/js/app.js)."""

import re

import pytest
from playwright.sync_api import expect

from masterplan.models import Region, Role, WorkbookImport

from ..factories import MasterplanFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser

PASSWORD = "rahasia-123"  # UserFactory's password
WORKBOOK_URL = "/wilayah/32.73/buku-kerja/"
NOTHING_CHOSEN = "Belum ada berkas dipilih"


@pytest.fixture
def anggota(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    region = Region.objects.get(code="32.73")
    user = UserFactory(username="anggota.berkas")
    MembershipFactory(user=user, region=region, role=Role.ANGGOTA)
    MasterplanFactory(region=region)
    return user


def test_the_file_picker_is_indonesian_keyboard_reachable_and_shows_the_chosen_file(
        page, login, anggota, tmp_path):
    login(anggota.username, PASSWORD)
    page.goto(WORKBOOK_URL)
    field = page.get_by_label("Berkas buku kerja (.xlsx)")
    button = page.locator("label.file-picker-button")
    chosen = page.locator(".file-picker-name")
    expect(field).to_have_attribute("type", "file")
    expect(button).to_have_text("Pilih berkas")
    expect(button).to_be_visible()
    expect(chosen).to_have_text(NOTHING_CHOSEN)
    # Both labels name it: the field's own (with crispy's mark of a required field) and the button.
    expect(field).to_have_accessible_name(re.compile(r"^Berkas buku kerja \(\.xlsx\)\*? Pilih berkas$"))
    expect(field).to_have_accessible_description(
        f"{NOTHING_CHOSEN} Buku kerja yang diunduh dari halaman ini lalu diisi; paling besar 10 MB.")
    assert field.bounding_box()["width"] <= 1  # the browser's own "Choose File" is not shown

    # By keyboard: Tab from the download link reaches the input, and its focus shows on the button.
    page.get_by_role("link", name="Unduh buku kerja (.xlsx)").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "file"
    assert button.evaluate("element => getComputedStyle(element).boxShadow") != "none"

    # The button opens the browser's file dialog; the chosen file's name replaces the empty text.
    not_a_workbook = tmp_path / "catatan rapat.xlsx"
    not_a_workbook.write_bytes(b"bukan buku kerja")
    with page.expect_file_chooser() as chooser:
        button.click()
    chooser.value.set_files(str(not_a_workbook))
    expect(chosen).to_have_text("catatan rapat.xlsx")
    expect(field).to_have_accessible_description(
        "catatan rapat.xlsx Buku kerja yang diunduh dari halaman ini lalu diisi; paling besar 10 MB.")
    field.set_input_files([])  # chosen again, and cancelled
    expect(chosen).to_have_text(NOTHING_CHOSEN)

    # The upload is sent like any file input's; refused, the page says why and nothing is chosen.
    field.set_input_files(str(not_a_workbook))
    page.get_by_role("button", name="Unggah dan pratinjau").click()
    expect(page.get_by_text("Buku kerja ditolak; tidak ada yang disimpan.")).to_be_visible()
    expect(page.locator(".file-picker-name")).to_have_text(NOTHING_CHOSEN)
    assert not WorkbookImport.objects.exists()
