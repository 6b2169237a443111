"""Rendering Buku III from the render page and downloading the PDF."""

from pathlib import Path

import pytest
from PIL import Image

from masterplan.models import Region, Role

from ..factories import MasterplanFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser


def test_ketua_renders_buku_iii_and_downloads_it(page, login, live_server):
    region = Region.objects.get(code="32.73")
    user = UserFactory(username="ketua.buku")
    MembershipFactory(user=user, region=region, role=Role.KETUA)
    MasterplanFactory(region=region)
    login(user.username, "rahasia-123")
    page.goto("/wilayah/32.73/buku/")
    card = page.locator(".card", has_text="Buku III Executive Summary")
    assert "belum lengkap" in card.inner_text()  # the checklist lists what is missing
    card.get_by_role("button", name="Buat Buku III Executive Summary").click()
    card = page.locator(".card", has_text="Buku III Executive Summary")
    card.get_by_role("link", name="Unduh PDF").wait_for(timeout=60_000)
    assert "Selesai" in card.inner_text()
    with page.expect_download() as download:
        card.get_by_role("link", name="Unduh PDF").click()
    assert download.value.suggested_filename == "32.73-buku-3-draf.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    assert "Riwayat pembuatan" in page.locator("body").inner_text()


def test_ketua_fills_the_cover_and_signature_block_and_bad_input_is_refused(
        page, login, live_server, tmp_path):
    region = Region.objects.get(code="32.73")
    user = UserFactory(username="ketua.sampul")
    MembershipFactory(user=user, region=region, role=Role.KETUA)
    masterplan = MasterplanFactory(region=region)
    emblem = tmp_path / "lambang.png"
    Image.new("RGB", (120, 140), "#1c5a9c").save(emblem)
    login(user.username, "rahasia-123")
    page.goto("/wilayah/32.73/buku/")
    page.get_by_role("link", name="Sampul", exact=True).click()
    assert "kotak “Lambang daerah”" in page.locator("main").inner_text()
    assert page.get_by_label("Jabatan penanda tangan").get_attribute("placeholder") == "Wali Kota Bandung"

    page.get_by_label("Nama penanda tangan kata sambutan").fill("Dr. H. Nama Lengkap, M.Si.")
    page.get_by_label("Jabatan penanda tangan").fill("Wali Kota Bandung")
    page.get_by_label("Tempat penandatanganan").fill("12345")
    page.get_by_label("Tanggal penandatanganan").fill("2026-12-04")
    page.get_by_role("button", name="Simpan").click()
    assert "Tempat penandatanganan harus berisi nama tempat." in page.locator("main").inner_text()
    masterplan.cover.refresh_from_db()
    assert masterplan.cover.signatory_name == ""  # nothing of a refused form is saved

    page.get_by_label("Tempat penandatanganan").fill("Bandung")
    page.get_by_label("Lambang daerah (PNG, JPEG atau SVG, paling besar 2 MB)").set_input_files(emblem)
    page.get_by_role("button", name="Simpan").click()
    assert "Sampul disimpan." in page.locator("body").inner_text()
    assert "Lambang daerah tersimpan" in page.locator("main").inner_text()
    masterplan.cover.refresh_from_db()
    cover = masterplan.cover
    assert (cover.signatory_name, cover.signatory_title, cover.signing_place) == (
        "Dr. H. Nama Lengkap, M.Si.", "Wali Kota Bandung", "Bandung")
    assert cover.signing_date.isoformat() == "2026-12-04"
    assert cover.logo.name.endswith(".png")
