"""Rendering Buku III from the render page and downloading the PDF; an admin's export of many
regions' books as one zip, rendered in the web process's background runner."""

import zipfile
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from masterplan import runner
from masterplan.models import Region, Role

from ..factories import AdminFactory, MasterplanFactory, MembershipFactory, UserFactory
from ..runner_helpers import DRAIN, Gate, gate

pytestmark = pytest.mark.browser


@pytest.fixture
def embedded_runner(live_server, settings):
    """Renders in the background runner of the web process, as `make run` does without a
    broker; the test ends once it has drained, so no render outlives the test's database."""
    settings.TASK_RUNNER = runner.BACKGROUND
    yield runner.background()
    assert runner.wait_idle(DRAIN), "the background runner did not drain"


def test_ketua_renders_buku_iii_and_downloads_it(page, login, embedded_runner):
    """The click answers at once; the card polls the job until its PDF can be downloaded."""
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


def test_an_admin_exports_books_in_the_embedded_default_and_sees_progress_within_a_second(
        page, login, embedded_runner, request):
    for code in ("32.73", "35.10"):
        MasterplanFactory(region=Region.objects.get(code=code))
    admin = AdminFactory(username="admin.ekspor")
    login(admin.username, "rahasia-123")
    page.get_by_role("navigation").get_by_role("link", name="Ekspor buku").click()
    page.wait_for_url("**/kelola/ekspor-buku/")
    assert "2 wilayah dengan masterplan" in page.locator("main").inner_text()
    with Gate(request.node.name) as held:
        # Every runner thread is busy with something else, so the export is surely seen waiting.
        for _ in range(embedded_runner.threads):
            runner.send(gate, key=held.key)
        held.wait_started(embedded_runner.threads)
        page.get_by_role("button", name="Buat dan kemas dalam zip").click()
        polling = page.locator("#batch-progress[hx-get]")
        expect(polling).to_be_visible(timeout=1_000)
        expect(polling).to_contain_text("0/6")
        expect(page.locator("tbody")).to_contain_text("Dalam antrean")
    # The gate is open: the books render, and the polled progress ends with the zip's link.
    link = page.locator("#batch-progress").get_by_role("link", name="Unduh zip")
    link.wait_for(timeout=DRAIN * 1000)
    expect(page.locator("#batch-progress")).to_contain_text("6/6")
    with page.expect_download() as download:
        link.click()
    names = sorted(zipfile.ZipFile(download.value.path()).namelist())
    assert names == [f"{folder}/buku-{book}.pdf"
                     for folder in ("32.73-kota-bandung", "35.10-kabupaten-banyuwangi")
                     for book in "123"]
