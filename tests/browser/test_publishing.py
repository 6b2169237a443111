"""Publishing and API tokens in a browser, reached by links: Banyuwangi's ketua is refused a
publication of a draft not marked as one, publishes it as a draft (the portal shows it marked
DRAF), then withdraws it after a confirmation; a ketua makes a personal API token on the profile
page (refused without a name), sees it once and revokes it."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from opendata.models import ApiToken
from portal.models import Publication, PublicationEvent

pytestmark = pytest.mark.browser
PASSWORD = "masterplan-demo"
BANYUWANGI = "/wilayah/35.10/"


@pytest.fixture
def demo(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())


def test_the_ketua_publishes_a_draft_and_withdraws_it(page, login, demo):
    page.on("dialog", lambda dialog: dialog.accept())
    login("ketua.banyuwangi", PASSWORD)
    page.wait_for_url(f"**{BANYUWANGI}")
    page.locator("#workspace-nav").get_by_role("link", name="Publikasi di portal").click()
    page.wait_for_url(f"**{BANYUWANGI}publikasi/")

    page.get_by_role("button", name="Terbitkan").click()  # a draft, not marked as one
    expect(page.get_by_text("Masterplan belum ditetapkan: centang")).to_be_visible()
    assert not Publication.objects.filter(masterplan__region__code="35.10").exists()

    page.get_by_label(re.compile("Terbitkan sebagai draf")).check()
    page.get_by_role("button", name="Terbitkan").click()
    expect(page.get_by_role("button", name="Cabut dari portal")).to_be_visible()
    assert Publication.objects.get(masterplan__region__code="35.10").as_draft
    assert page.request.get("/publik/35.10/").ok

    page.get_by_role("button", name="Cabut dari portal").click()
    expect(page.get_by_role("button", name="Terbitkan")).to_be_visible()
    assert not Publication.objects.filter(masterplan__region__code="35.10").exists()
    assert page.request.get("/publik/35.10/").status == 404
    assert list(PublicationEvent.objects.filter(masterplan__region__code="35.10")
                .order_by("at").values_list("action", flat=True)) == ["published", "unpublished"]


def test_a_ketua_makes_an_api_token_sees_it_once_and_revokes_it(page, login, demo):
    login("ketua.bandung", PASSWORD)
    page.wait_for_url("**/wilayah/32.73/")
    page.locator("a.dropdown-toggle").last.click()  # the user menu
    page.get_by_role("link", name="Profil dan token API").click()
    page.wait_for_url("**/profil/")

    page.get_by_role("button", name="Buat token").click()
    expect(page.get_by_text("Beri nama token.")).to_be_visible()
    assert not ApiToken.objects.exists()

    page.get_by_label("Nama token").fill("Dasbor Bappeda")
    page.get_by_role("button", name="Buat token").click()
    token = ApiToken.objects.get()
    shown = page.locator("code", has_text=token.prefix).first
    expect(shown).to_be_visible()
    assert page.request.get("/api/wilayah/35.10/",
                            headers={"Authorization": f"Bearer {shown.inner_text()}"}).status == 404
    page.get_by_role("button", name="Cabut").click()
    expect(page.get_by_role("button", name="Cabut")).to_have_count(0)
    token.refresh_from_db()
    assert token.revoked_at is not None
