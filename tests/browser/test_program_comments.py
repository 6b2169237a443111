"""A pembimbing comments on a program from the program's own page: region page → program list →
the program → "Komentar" → writes a comment → sees it in the thread and counted on the program."""

import re

import pytest
from playwright.sync_api import expect

from masterplan.models import Comment, DimensionElement, Region, Role
from roadmap.models import Program

from ..factories import MasterplanFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser
PASSWORD = "rahasia-123"


@pytest.fixture
def program(live_server):
    region = Region.objects.get(code="32.73")
    for role in (Role.PEMBIMBING, Role.KETUA):
        MembershipFactory(user=UserFactory(username=f"{role.value}.program"), region=region,
                          role=role)
    masterplan = MasterplanFactory(region=region)
    element = DimensionElement.objects.filter(dimension__edition=masterplan.edition).first()
    return Program.objects.create(masterplan=masterplan, name="Mal Pelayanan Publik Digital",
                                  element=element, category="aplikasi", horizon="pendek",
                                  start_year=2026, end_year=2026)


def test_pembimbing_comments_on_a_program_from_its_page(page, login, program):
    login("pembimbing.program", PASSWORD)
    page.goto("/wilayah/32.73/")
    page.locator(".section-list").get_by_role("link", name="Program dan quick win").click()
    page.get_by_role("link", name="Mal Pelayanan Publik Digital").click()
    expect(page).to_have_url(f"/wilayah/32.73/program/{program.pk}/")
    expect(page.get_by_role("link", name="Komentar (0)")).to_be_visible()

    page.get_by_role("link", name="Komentar (0)").click()
    expect(page).to_have_url(re.compile(r"/komentar/objek/roadmap\.program/\d+/$"))
    expect(page.locator("h1")).to_have_text("Program: Mal Pelayanan Publik Digital")
    page.get_by_label("Komentar baru").fill("Target KPI tahun 2026 belum realistis.")
    page.get_by_role("button", name="Kirim komentar").click()
    thread = page.locator("article.comment-thread")
    expect(thread).to_contain_text("Target KPI tahun 2026 belum realistis.")
    expect(thread.locator(".comment-state")).to_have_text("Terbuka")
    comment = Comment.objects.get()
    assert (comment.object_id, comment.section_key, comment.author.username) == (
        program.pk, "programs", "pembimbing.program")

    page.get_by_role("link", name="Lihat di halamannya").click()
    expect(page).to_have_url(f"/wilayah/32.73/program/{program.pk}/")
    expect(page.get_by_role("link", name="Komentar (1)")).to_be_visible()

    # The team sees the count on the program and in the list, and reads the thread from there.
    page.context.clear_cookies()
    login("ketua.program", PASSWORD)
    page.goto("/wilayah/32.73/program/")
    expect(page.locator(f"#program-{program.pk} .comment-badge")).to_have_text(
        "1 komentar terbuka")
    page.get_by_role("link", name="Mal Pelayanan Publik Digital").click()
    page.get_by_role("link", name="Komentar (1)").click()
    expect(page.locator("article.comment-thread")).to_contain_text(
        "Target KPI tahun 2026 belum realistis.")
