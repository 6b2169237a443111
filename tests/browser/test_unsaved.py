"""Nothing lost silently: leaving a page with unsaved input asks first (static/js/unsaved.js), and
the readiness table saves every changed row at once with "Simpan semua"."""

import pytest
from playwright.sync_api import expect

from masterplan.models import Region, Role
from readiness.models import OutlookAnalysis, ReadinessEntry
from readiness.services import sub_area_by_slug, table_entries

from ..factories import MasterplanFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser
PASSWORD = "rahasia-123"
TABLE = "/wilayah/32.73/kesiapan/tabel/ii-2/"


@pytest.fixture
def ketua(live_server):
    region = Region.objects.get(code="32.73")
    user = UserFactory(username="ketua.simpan")
    MembershipFactory(user=user, region=region, role=Role.KETUA)
    return user, MasterplanFactory(region=region)


class Dialogs(list):
    """The dialogs a page asked, as (type, accepted). Each is answered from `answers` (True:
    accept, i.e. leave; False: dismiss, i.e. stay), staying when none is queued."""

    def __init__(self):
        super().__init__()
        self.answers = []

    def answer(self, dialog):
        accept = self.answers.pop(0) if self.answers else False
        self.append((dialog.type, accept))
        if accept:
            dialog.accept()
        else:
            dialog.dismiss()


@pytest.fixture
def dialogs(page):
    asked = Dialogs()
    page.on("dialog", asked.answer)
    return asked


def row(page, number):
    return page.locator(".readiness-row").nth(number - 1)


def entries(masterplan):
    sub_area = sub_area_by_slug(masterplan.edition_id, "ii-2")
    return list(table_entries(masterplan, sub_area))


def test_typed_rows_warn_before_leaving_and_simpan_semua_saves_them_all(page, login, ketua,
                                                                        dialogs):
    user, masterplan = ketua
    login(user.username, PASSWORD)
    page.goto(TABLE)
    leave = page.locator("#konten").get_by_role("link", name="Analisis kesiapan", exact=True)

    # Nothing typed yet: the link just goes.
    leave.click()
    expect(page).to_have_url("/wilayah/32.73/kesiapan/")
    assert dialogs == []
    page.goto(TABLE)

    # Typed into two rows; following a link asks first, and staying keeps what was typed.
    row(page, 1).get_by_label("Nilai/Kondisi").click()
    row(page, 1).get_by_label("Nilai/Kondisi").fill("214 komunitas kreatif")
    row(page, 1).get_by_label("Baik").check()
    row(page, 2).get_by_label("Angka", exact=True).fill("banyak")
    row(page, 2).get_by_label("Buruk").check()
    page.locator("#konten").get_by_role("link", name="Analisis kesiapan", exact=True).click()
    expect(page).to_have_url(TABLE)
    assert dialogs == [("beforeunload", False)]
    expect(row(page, 1).get_by_label("Nilai/Kondisi")).to_have_value("214 komunitas kreatif")

    # "Simpan semua" with a bad number: nothing is saved, the row says why, the other row
    # keeps what was typed, and the page still asks before it is left.
    page.get_by_role("button", name="Simpan semua").click()
    expect(page.locator("#isian-tabel-pesan")).to_have_text(
        "1 baris belum benar; tidak ada yang disimpan. Perbaiki baris yang ditandai, lalu simpan "
        "lagi.")
    expect(row(page, 2)).to_contain_text("Masukkan sebuah bilangan.")
    expect(row(page, 1).get_by_label("Nilai/Kondisi")).to_have_value("214 komunitas kreatif")
    expect(row(page, 1).get_by_label("Baik")).to_be_checked()
    assert not ReadinessEntry.objects.filter(masterplan=masterplan, version__gt=1).exists()
    page.locator("#konten").get_by_role("link", name="Analisis kesiapan", exact=True).click()
    expect(page).to_have_url(TABLE)
    assert dialogs == [("beforeunload", False)] * 2

    # Corrected and saved at once: both rows, and leaving no longer asks.
    row(page, 2).get_by_label("Angka", exact=True).fill("12,5")
    page.get_by_role("button", name="Simpan semua").click()
    expect(page.locator("#isian-tabel-pesan")).to_have_text("2 baris disimpan.")
    expect(page.locator("#table-status")).to_contain_text("2 dari 9 komponen dinilai")
    page.locator("#konten").get_by_role("link", name="Analisis kesiapan", exact=True).click()
    expect(page).to_have_url("/wilayah/32.73/kesiapan/")
    assert dialogs == [("beforeunload", False)] * 2

    first, second = entries(masterplan)[:2]
    assert (first.value_text, first.interpretation) == ("214 komunitas kreatif", "baik")
    assert (str(second.value_number), second.interpretation) == ("12.5000", "buruk")
    page.goto(TABLE)
    expect(row(page, 1).get_by_label("Nilai/Kondisi")).to_have_value("214 komunitas kreatif")
    expect(row(page, 2).get_by_label("Angka", exact=True)).to_have_value("12,5")
    expect(row(page, 2).get_by_label("Buruk")).to_be_checked()


def test_a_row_saved_on_its_own_no_longer_warns_and_leaving_anyway_discards(page, login, ketua,
                                                                            dialogs):
    user, masterplan = ketua
    login(user.username, PASSWORD)
    page.goto(TABLE)
    third = row(page, 3)
    third.get_by_label("Sedang").click()
    third.get_by_role("button", name="Simpan").click()
    row(page, 3).get_by_text("Tersimpan.").wait_for()
    page.locator("#konten").get_by_role("link", name="Analisis kesiapan", exact=True).click()
    expect(page).to_have_url("/wilayah/32.73/kesiapan/")
    assert dialogs == []

    # Typed again and left on purpose: the page asks, the user leaves, nothing is saved.
    page.goto(TABLE)
    row(page, 4).get_by_label("Nilai/Kondisi").click()
    row(page, 4).get_by_label("Nilai/Kondisi").fill("tidak disimpan")
    dialogs.answers.append(True)
    page.locator("#konten").get_by_role("link", name="Analisis kesiapan", exact=True).click()
    expect(page).to_have_url("/wilayah/32.73/kesiapan/")
    assert dialogs == [("beforeunload", True)]
    assert entries(masterplan)[3].value_text == ""
    assert entries(masterplan)[2].interpretation == "sedang"


def test_an_ordinary_edit_form_warns_until_it_is_submitted(page, login, ketua, dialogs):
    user, masterplan = ketua
    login(user.username, PASSWORD)
    page.goto("/wilayah/32.73/analisis-masa-depan/")
    trends = page.get_by_label("Analisis tren dan perubahan atau perkembangan kota")
    trends.click()
    trends.fill("Urbanisasi dan ekonomi kreatif")
    page.get_by_role("link", name="Kota Bandung").first.click()
    expect(page).to_have_url("/wilayah/32.73/analisis-masa-depan/")
    assert dialogs == [("beforeunload", False)]

    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Analisis masa depan disimpan.").wait_for()
    page.get_by_role("link", name="Kota Bandung").first.click()
    expect(page).to_have_url("/wilayah/32.73/")
    assert dialogs == [("beforeunload", False)]
    assert OutlookAnalysis.objects.get(masterplan=masterplan).trends == \
        "Urbanisasi dan ekonomi kreatif"


def test_a_boosted_link_asks_too(page, login, ketua, dialogs):
    """The app uses no hx-boost today; should a boosted link appear, it asks the same question
    (it leaves the page without a beforeunload)."""
    user, _masterplan = ketua
    login(user.username, PASSWORD)
    page.goto(TABLE)
    link = page.locator("#konten").get_by_role("link", name="Analisis kesiapan", exact=True)
    link.evaluate("a => { a.parentElement.setAttribute('hx-boost', 'true'); "
                  "htmx.process(a.parentElement); }")
    row(page, 1).get_by_label("Catatan").click()
    row(page, 1).get_by_label("Catatan").fill("belum disimpan")
    link.click()
    expect(page.locator("h1")).to_contain_text("Tabel II.2")
    assert dialogs == [("confirm", False)]
    expect(row(page, 1).get_by_label("Catatan")).to_have_value("belum disimpan")

    dialogs.answers.append(True)
    link.click()
    expect(page).to_have_url("/wilayah/32.73/kesiapan/")
    assert dialogs == [("confirm", False), ("confirm", True)]
