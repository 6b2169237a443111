"""The demo as README describes it: after `seed_demo`, the ketua of Kota Bandung (the full demo)
logs in with the demo password, finds the masterplan sent back for revision after its Bimtek #2
submission, reads the review in its history, and can edit the content."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from swot.models import Vision

pytestmark = pytest.mark.browser

BANDUNG = "/wilayah/32.73/"


@pytest.fixture
def demo(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())


def test_the_demo_ketua_reads_the_review_and_edits_the_masterplan(page, login, demo):
    login("ketua.bandung", "masterplan-demo")
    page.wait_for_url(f"**{BANDUNG}")
    page.get_by_role("link", name="Perlu revisi", exact=True).click()
    page.wait_for_url(f"**{BANDUNG}status/")
    expect(page.locator("#masterplan-status")).to_have_text("Perlu revisi")
    expect(page.get_by_text("Isi masterplan tidak dapat diubah pada status ini.")).to_have_count(0)
    history = page.locator("table").last
    review = history.locator("tr", has_text="Hasil Bimtek #2")
    expect(review).to_contain_text("Diajukan → Perlu revisi (Bimtek #2)")
    expect(history.locator("tr", has_text="Draf → Diajukan (Bimtek #2)")).to_have_count(1)
    # The ketua may submit again once the revision is done.
    expect(page.get_by_role("button", name="Ajukan untuk ditinjau")).to_be_visible()

    page.goto(f"{BANDUNG}visi-misi/")
    statement = page.get_by_label("Pernyataan visi smart city")
    statement.fill("Bandung kota cerdas yang melayani warganya, direvisi setelah Bimtek #2.")
    page.get_by_role("button", name="Simpan visi").click()
    expect(page.get_by_text("Visi dan rujukannya disimpan.")).to_be_visible()
    assert Vision.objects.get(masterplan__region__code="32.73").statement.endswith(
        "direvisi setelah Bimtek #2.")


def test_the_demo_ketua_resubmits_by_links_and_confirms_what_happens(page, login, demo):
    login("ketua.bandung", "masterplan-demo")
    page.wait_for_url(f"**{BANDUNG}")
    # The overview says who acts next and offers the submission.
    expect(page.locator(".next-work")).to_contain_text("Tim daerah merevisi sesuai komentar")
    page.locator(".next-work").get_by_role("link", name="Ajukan untuk ditinjau…").click()
    page.wait_for_url(f"**{BANDUNG}status/")
    card = page.locator("form", has=page.get_by_role("button", name="Ajukan untuk ditinjau"))
    card.get_by_label("Bimtek").select_option("3")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    card.get_by_role("button", name="Ajukan untuk ditinjau").click()
    expect(page.locator("#masterplan-status")).to_have_text("Perlu revisi")  # dismissed: nothing
    assert "Selama ditinjau, isinya tidak dapat diubah" in asked[0]
    page.once("dialog", lambda dialog: dialog.accept())
    card.get_by_role("button", name="Ajukan untuk ditinjau").click()
    expect(page.locator("#masterplan-status")).to_have_text("Diajukan")
    # Every page of the region now says why its content is locked and what unlocks it.
    page.locator("#workspace-nav").get_by_role("link", name=re.compile(r"^Sasaran")).click()
    expect(page.locator(".lock-banner")).to_contain_text("Isi dapat diubah lagi bila pembimbing "
                                                         "meminta revisi")
