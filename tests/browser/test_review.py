"""Review in the browser: the pembimbing comments on a readiness table, the anggota is notified,
replies and resolves, and the pembimbing sees it resolved and approves the submission; the
pembimbing reads what changed since the previous submission."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from masterplan import workflow
from masterplan.models import Comment, MasterplanStatus, Region, Role
from readiness.models import ReadinessEntry

from ..factories import MasterplanFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser
PASSWORD = "rahasia-123"
TABLE = "/wilayah/32.73/kesiapan/tabel/ii-2/"


@pytest.fixture
def submitted(live_server):
    region = Region.objects.get(code="32.73")
    users = {}
    for role in (Role.PEMBIMBING, Role.KETUA, Role.ANGGOTA):
        users[role.value] = UserFactory(username=f"{role.value}.tinjau")
        MembershipFactory(user=users[role.value], region=region, role=role)
    masterplan = MasterplanFactory(region=region)
    workflow.apply(masterplan, "submit", users["ketua"], bimtek_number=1)
    return users, masterplan


def switch_user(page, login, username):
    page.context.clear_cookies()
    login(username, PASSWORD)


def test_comment_reply_resolve_and_approve(page, login, submitted, mailoutbox):
    users, masterplan = submitted
    assert masterplan.status == MasterplanStatus.DIAJUKAN

    # The pembimbing comments on the table itself (htmx: the block is swapped in place).
    login("pembimbing.tinjau", PASSWORD)
    page.goto(TABLE)
    block = page.locator("section.comment-block")
    block.get_by_label("Komentar baru").fill("Tahun data komponen 9–13 belum diisi.")
    block.get_by_role("button", name="Kirim komentar").click()
    thread = page.locator("article.comment-thread")
    expect(thread).to_contain_text("Tahun data komponen 9–13 belum diisi.")
    expect(thread.locator(".comment-state")).to_have_text("Terbuka")
    comment = Comment.objects.get()
    assert (comment.author, comment.section_key) == (users["pembimbing"], "readiness")

    # The anggota sees the bell and the open count, opens the notification, replies, resolves.
    switch_user(page, login, "anggota.tinjau")
    page.goto("/wilayah/32.73/")
    expect(page.locator("#lonceng-jumlah")).to_contain_text("2")  # the submission and the comment
    readiness = page.locator(".section-list li", has_text="Analisis kesiapan")
    expect(readiness.locator(".comment-badge")).to_have_text("1 komentar terbuka")
    page.locator("#lonceng").click()
    item = page.locator("#daftar-notifikasi li", has_text="mengomentari Tabel II.2")
    item.get_by_role("button", name="Buka").click()
    expect(page).to_have_url(re.compile(rf"/wilayah/32\.73/komentar/{comment.pk}/"))
    page.get_by_text("Balas", exact=True).click()
    page.get_by_label(re.compile("Balasan untuk komentar")).fill("Sudah kami lengkapi dari BPS.")
    page.get_by_role("button", name="Kirim balasan").click()
    expect(page.locator(".comment-replies")).to_contain_text("Sudah kami lengkapi dari BPS.")
    page.get_by_role("button", name="Tandai selesai").click()
    expect(page.locator(f"#utas-{comment.pk} .comment-state")).to_have_text("Selesai")
    expect(page.locator("#lonceng-jumlah")).to_contain_text("1")  # the comment's was read
    page.goto("/wilayah/32.73/")
    expect(page.locator(".section-list .comment-badge")).to_have_count(0)

    # The pembimbing sees the thread resolved on the table and approves the submission.
    switch_user(page, login, "pembimbing.tinjau")
    page.goto(TABLE)
    expect(page.locator(".comment-state")).to_have_text("Selesai")
    expect(page.locator("article.comment-thread")).to_contain_text("Diselesaikan oleh")
    page.goto("/wilayah/32.73/status/")
    asked = []  # the confirmation says what approving does before it happens
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.get_by_role("button", name="Setujui", exact=True).click()
    expect(page.locator("#masterplan-status")).to_have_text("Disetujui")
    assert "Masterplan disetujui untuk Bimtek ini" in asked[0] and asked[0].endswith("Lanjutkan?")

    comment.refresh_from_db()
    masterplan.refresh_from_db()
    assert comment.resolved_by == users["anggota"]
    assert comment.replies.get().author == users["anggota"]
    assert masterplan.status == MasterplanStatus.DISETUJUI
    subjects = {(message.to[0], message.subject) for message in mailoutbox}
    assert ("pembimbing.tinjau@example.org",
            "[Masterplan Smart City] Balasan komentar untuk Kota Bandung") in subjects
    assert ("anggota.tinjau@example.org",
            "[Masterplan Smart City] Status masterplan Kota Bandung: Disetujui") in subjects


def test_pembimbing_reads_what_changed_since_the_previous_submission(page, login, submitted):
    users, masterplan = submitted
    workflow.apply(masterplan, "revise", users["pembimbing"], comment="Lengkapi angka SDM TIK.")
    row = (ReadinessEntry.objects.filter(masterplan=masterplan, component__isnull=False)
           .select_related("component").order_by("sub_area", "component__number").first())
    row.value_number, row.value_unit, row.updated_by = Decimal("1234.5"), "orang", users["anggota"]
    row.save()
    workflow.apply(masterplan, "submit", users["ketua"], bimtek_number=1)

    # From the status page to the changes since the first submission (not "0 perubahan" since
    # the second), one section per page that changed, closed until opened.
    login("pembimbing.tinjau", PASSWORD)
    page.goto("/wilayah/32.73/status/")
    page.get_by_role("link", name="Lihat perubahan isi masterplan").click()
    expect(page).to_have_url(re.compile(r"/wilayah/32\.73/perubahan/$"))
    expect(page.locator("#jumlah-perubahan")).to_contain_text("1 perubahan sejak")
    expect(page.locator("details.changes-section")).to_have_count(1)
    section = page.locator("#bagian-readiness")
    expect(section.locator("summary")).to_contain_text("Analisis kesiapan")
    expect(section.locator("summary")).to_contain_text("1 diubah")
    expect(section.locator("li.change")).to_have_count(0)

    # Opening the section loads its changes, in Indonesian and written as the pages write them.
    section.locator("summary").click()
    change = section.locator("li.change")
    expect(change).to_have_count(1)
    expect(change).to_contain_text("Isian kesiapan")
    expect(change).to_contain_text(row.component.text)
    expect(change).to_contain_text(str(users["anggota"]))
    expect(change.locator("tr", has_text="Angka")).to_contain_text("1.234,5")
    expect(change.locator("tr", has_text="Satuan")).to_contain_text("orang")
    expect(change.locator("tr", has_text="Angka").locator("td").first).to_have_text("–")
