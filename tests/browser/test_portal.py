"""The public portal in a browser, signed out: a visitor opens it from the login page, finds Kota
Bandung (published by the demo as a draft), reads its roadmap and downloads Buku III and the
programs as CSV; and the
portal's pages pass axe (no serious or critical WCAG 2.1 AA violation) and do not scroll sideways
at 390 px, without running any script of their own."""

import csv
import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from .conftest import DEFAULT_TIMEOUT, InFlightRequests
from .test_accessibility import DESKTOP, PHONE, violations

pytestmark = pytest.mark.browser
BANDUNG = "/publik/32.73/"
PUBLIC_PAGES = ["/publik/", BANDUNG, f"{BANDUNG}program/", f"{BANDUNG}program/?dimensi=living",
                f"{BANDUNG}peta-jalan/", f"{BANDUNG}kpi/", f"{BANDUNG}kelembagaan/"]


@pytest.fixture
def demo_with_books(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DEMO_RENDER_BOOKS = True  # Kota Bandung's three draft books, rendered in the seed
    call_command("seed_demo", stdout=io.StringIO())


def test_a_visitor_finds_bandung_reads_its_roadmap_and_downloads_buku_iii(page, demo_with_books):
    page.goto("/")
    page.wait_for_url("**/masuk/**")
    page.get_by_role("link", name="Portal publik Masterplan Smart City").click()
    page.wait_for_url("**/publik/")
    page.get_by_label("Jenis daerah").select_option("kota")
    page.get_by_role("button", name="Saring").click()
    page.wait_for_url(re.compile(r"/publik/\?.*jenis=kota"))
    row = page.locator("tr", has=page.get_by_role("link", name="Kota Bandung"))
    expect(row.get_by_text("DRAF")).to_be_visible()
    row.get_by_role("link", name="Kota Bandung").click()
    page.wait_for_url(f"**{BANDUNG}")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kota Bandung")
    expect(page.locator(".notice")).to_contain_text("diterbitkan sebagai draf")

    page.get_by_role("link", name="Peta jalan & anggaran").click()
    page.wait_for_url(f"**{BANDUNG}peta-jalan/")
    expect(page.get_by_role("heading", name="Anggaran per tahun dan sumber dana")).to_be_visible()
    expect(page.locator("svg#grafik-anggaran")).to_be_visible()
    expect(page.locator("#tabel-anggaran")).to_contain_text("Rp ")
    page.get_by_role("link", name="Smart Living").first.click()
    expect(page.locator("svg#grafik-peta-jalan")).to_be_visible()

    page.get_by_role("link", name="Ringkasan").click()
    page.wait_for_url(f"**{BANDUNG}")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile(r"Unduh Buku III Executive Summary \(DRAF\)")).click()
    download = download_info.value
    assert download.suggested_filename == "32.73-buku-3-draf.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh daftar program (CSV)").click()
    with open(download_info.value.path(), encoding="utf-8-sig") as table:
        rows = list(csv.DictReader(table))
    assert len(rows) == 30 and {row["kode_wilayah"] for row in rows} == {"32.73"}


def test_the_public_pages_pass_axe_and_fit_a_phone(browser, live_server):
    call_command("seed_demo", stdout=io.StringIO())
    context = browser.new_context(base_url=live_server.url, locale="id-ID", viewport=DESKTOP,
                                  java_script_enabled=True)
    context.set_default_timeout(DEFAULT_TIMEOUT)
    in_flight = InFlightRequests(context)
    page = context.new_page()
    scripts = []
    page.on("request", lambda request: scripts.append(request.url)
            if request.resource_type == "script" else None)
    found = []
    for path in PUBLIC_PAGES:
        for viewport in (DESKTOP, PHONE):
            page.set_viewport_size(viewport)
            response = page.goto(path)
            assert response.status == 200, path
            found += [f"{path} at {viewport['width']} px: {v}" for v in violations(page)]
            if page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1"):
                found.append(f"{path}: at {viewport['width']} px the page scrolls sideways")
    in_flight.wait_until_answered(page)
    context.close()
    assert found == [], "\n".join(found)
    assert scripts == [], "the public pages load no script"
