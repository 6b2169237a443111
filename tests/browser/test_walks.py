"""Each role's main work on the demo, reached only by links from the page the login lands on (no
typed URLs): the ketua judges a readiness row, is warned before leaving it unsaved, saves and
resubmits with a confirmation; the pembimbing comments on a program from its page and reads the
changes page; the admin exports books in the embedded default and sees progress at once."""

import io
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from masterplan.models import Comment, Masterplan, MasterplanStatus
from readiness.models import ReadinessEntry

pytestmark = pytest.mark.browser
PASSWORD = "masterplan-demo"
BANDUNG = "/wilayah/32.73/"


@pytest.fixture
def demo(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())


def side_nav(page, title):
    return page.locator("#workspace-nav").get_by_role("link", name=title)


def test_the_ketua_judges_a_row_is_warned_saves_and_resubmits(page, login, demo):
    login("ketua.bandung", PASSWORD)
    page.wait_for_url(f"**{BANDUNG}")
    asked = []

    def answer(dialog):
        # Stays on the page when asked about unsaved input; says yes to the submission.
        asked.append((dialog.type, dialog.message))
        dialog.accept() if dialog.type == "confirm" else dialog.dismiss()

    page.on("dialog", answer)

    side_nav(page, "Analisis kesiapan").click()
    page.wait_for_url(f"**{BANDUNG}kesiapan/")
    page.locator("#konten").get_by_role("link", name=re.compile(r"^Tabel II\.2\b")).first.click()
    page.wait_for_url(re.compile(r"/kesiapan/tabel/ii-2/$"))
    row = page.locator(".readiness-row").first
    row.get_by_label("Catatan").click()
    row.get_by_label("Catatan").fill("Diperiksa ulang dengan data BPS 2026.")
    row.get_by_label("Sedang").check()

    # Leaving with the row unsaved asks first; staying keeps it.
    side_nav(page, "Status dan pengajuan").click()
    expect(page).to_have_url(re.compile(r"/kesiapan/tabel/ii-2/$"))
    assert [kind for kind, _message in asked] == ["beforeunload"]
    expect(row.get_by_label("Catatan")).to_have_value("Diperiksa ulang dengan data BPS 2026.")
    row.get_by_role("button", name="Simpan").click()
    row.get_by_text("Tersimpan.").wait_for()
    assert ReadinessEntry.objects.filter(
        masterplan__region__code="32.73", note="Diperiksa ulang dengan data BPS 2026.",
        interpretation="sedang").count() == 1

    # Saved: the link just goes, and the submission asks what it will do before it happens.
    side_nav(page, "Status dan pengajuan").click()
    page.wait_for_url(f"**{BANDUNG}status/")
    assert len(asked) == 1
    card = page.locator("form", has=page.get_by_role("button", name="Ajukan untuk ditinjau"))
    card.get_by_label("Bimtek").select_option("3")
    card.get_by_role("button", name="Ajukan untuk ditinjau").click()
    expect(page.locator("#masterplan-status")).to_have_text("Diajukan")
    assert asked[-1][0] == "confirm" and "tidak dapat diubah" in asked[-1][1]
    assert Masterplan.objects.get(region__code="32.73").status == MasterplanStatus.DIAJUKAN


def test_the_pembimbing_comments_on_a_program_and_reads_the_changes(page, login, demo):
    login("pembimbing", PASSWORD)
    page.get_by_role("link", name="Kota Bandung").first.click()
    page.wait_for_url(f"**{BANDUNG}")
    side_nav(page, "Program dan quick win").click()
    page.wait_for_url(f"**{BANDUNG}program/")
    program_link = page.locator("li[id^=program-] a.fw-semibold").first
    name = program_link.inner_text().strip()
    program_link.click()
    page.wait_for_url(re.compile(r"/program/\d+/$"))
    page.get_by_role("link", name=re.compile(r"^Komentar \(\d+\)$")).click()
    expect(page.locator("h1")).to_have_text(f"Program: {name}")
    page.get_by_label("Komentar baru").fill("Pembiayaan tahun kedua belum bersumber.")
    page.get_by_role("button", name="Kirim komentar").click()
    expect(page.locator("article.comment-thread").first).to_contain_text(
        "Pembiayaan tahun kedua belum bersumber.")
    comment = Comment.objects.get(text="Pembiayaan tahun kedua belum bersumber.")
    assert (comment.section_key, comment.author.username) == ("programs", "pembimbing")

    side_nav(page, "Riwayat perubahan").click()
    page.wait_for_url(f"**{BANDUNG}perubahan/")
    expect(page.locator("#jumlah-perubahan")).to_contain_text("perubahan sejak")
    section = page.locator("details.changes-section").first
    section.locator("summary").click()
    expect(section.locator("li.change").first).to_be_visible()
