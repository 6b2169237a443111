"""Rendering Buku III from the render page and downloading the PDF."""

from pathlib import Path

import pytest

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
