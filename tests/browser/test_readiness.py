"""Filling and judging readiness components in the browser, saved row by row with htmx."""

import pytest

from masterplan.models import Region, Role
from readiness.models import ReadinessEntry

from ..factories import MasterplanFactory, MembershipFactory, UserFactory
from .conftest import submit_login

pytestmark = pytest.mark.browser
PASSWORD = "rahasia-123"


@pytest.fixture
def anggota(live_server):
    region = Region.objects.get(code="32.73")
    user = UserFactory(username="anggota.kesiapan")
    MembershipFactory(user=user, region=region, role=Role.ANGGOTA)
    return user, MasterplanFactory(region=region)


def row(page, number):
    return page.locator(".readiness-row").nth(number - 1)


def test_judging_components_updates_the_index_without_reload(page, login, anggota):
    user, masterplan = anggota
    login(user.username, PASSWORD)
    page.goto("/wilayah/32.73/kesiapan/tabel/ii-2/")
    status = page.locator("#table-status")
    assert "0 dari 9 komponen dinilai" in status.inner_text()
    assert "Indeks tabel: belum dinilai" in status.inner_text()
    page.evaluate("window.marker = 'same page'")  # survives only if the page is not reloaded

    first = row(page, 1)
    first.get_by_label("Nilai/Kondisi").fill("214 komunitas kreatif")
    first.get_by_label("Angka").fill("214")
    first.get_by_label("Satuan").fill("komunitas")
    first.get_by_label("Baik").check()
    first.get_by_role("button", name="Simpan").click()
    row(page, 1).get_by_text("Tersimpan.").wait_for()
    assert "1 dari 9 komponen dinilai" in status.inner_text()
    assert "Indeks tabel: 100,0" in status.inner_text()

    second = row(page, 2)
    second.get_by_label("Buruk").check()
    second.get_by_role("button", name="Simpan").click()
    # A locator wait, not wait_for_function: the page's CSP forbids the eval that one uses.
    status.get_by_text("2 dari 9 komponen dinilai").wait_for()
    assert "Indeks tabel: 66,7" in status.inner_text()  # (3 + 1) / (2 × 3)
    assert page.evaluate("window.marker") == "same page"

    entry = ReadinessEntry.objects.get(masterplan=masterplan, sub_area__code="human_resources",
                                       component__number=1)
    assert (entry.value_text, entry.value_number, entry.interpretation) == (
        "214 komunitas kreatif", 214, "baik")

    # A bad number is refused in the row, and nothing of that row is saved.
    third = row(page, 3)
    third.get_by_label("Angka").fill("banyak")
    third.get_by_label("Sedang").check()
    third.get_by_role("button", name="Simpan").click()
    page.wait_for_selector("text=Masukkan sebuah bilangan.")
    assert "2 dari 9 komponen dinilai" in status.inner_text()

    page.reload()
    assert "Indeks kesiapan: 66,7" in page.locator("#table-status").inner_text()


def test_a_number_typed_the_indonesian_way_is_saved_and_shown_so(page, login, anggota, browser,
                                                                  live_server):
    user, masterplan = anggota
    login(user.username, PASSWORD)
    page.goto("/wilayah/32.73/kesiapan/tabel/ii-2/")
    first = row(page, 1)
    first.get_by_label("Angka").fill("1.234,5")
    first.get_by_label("Satuan").fill("orang")
    first.get_by_role("button", name="Simpan").click()
    row(page, 1).get_by_text("Tersimpan.").wait_for()
    entry = ReadinessEntry.objects.get(masterplan=masterplan, sub_area__code="human_resources",
                                       component__number=1)
    assert (str(entry.value_number), entry.value_unit) == ("1234.5000", "orang")
    # The input holds it as it reads back (a dot would be read as thousands: "1234,5").
    assert row(page, 1).get_by_label("Angka").input_value() == "1234,5"
    page.reload()
    assert row(page, 1).get_by_label("Angka").input_value() == "1234,5"

    # A reader (Dewan) sees it grouped, as every number is shown.
    dewan = UserFactory(username="dewan.kesiapan")
    MembershipFactory(user=dewan, region=masterplan.region, role=Role.DEWAN)
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    try:
        reader = context.new_page()
        submit_login(reader, dewan.username, PASSWORD)
        reader.goto("/wilayah/32.73/kesiapan/tabel/ii-2/")
        assert "1.234,5 orang" in row(reader, 1).inner_text()
    finally:
        context.close()
