"""The citizen survey in a browser, reached by links: Bandung's ketua finds the 2026 survey page
and its public link; a citizen (a browser without an account) opens the link, gets the sum wrong
(told so in Indonesian, the answers kept), answers it and sends; a second tab of the same browser
is refused; the ketua imports a CSV with an error (named by row and column, nothing saved), then
a good one, and sees the progress grow."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from evaluation.models import ResponseSource, SurveyResponse

from .survey_helpers import answer_every_question, the_sum

pytestmark = pytest.mark.browser
PASSWORD = "masterplan-demo"
SURVEY_PAGE = "/wilayah/32.73/evaluasi/2026/survei/"


@pytest.fixture
def demo(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", verbosity=0)


def bandung_2026_responses(source=None):
    responses = SurveyResponse.objects.filter(evaluation__region__code="32.73",
                                              evaluation__cycle__year=2026)
    return responses.filter(source=source).count() if source else responses.count()


def test_a_citizen_answers_once_and_the_ketua_imports_the_rest(page, login, demo, citizen):
    login("ketua.bandung", PASSWORD)
    page.wait_for_url("**/wilayah/32.73/")
    page.locator("#workspace-nav").get_by_role("link", name="Evaluasi tahunan").click()
    page.get_by_role("link", name="Evaluasi 2026").click()
    page.locator("#bagian-evaluasi").get_by_role("link", name="Survei warga").click()
    page.wait_for_url(f"**{SURVEY_PAGE}")
    expect(page.locator("#jumlah-tanggapan")).to_have_text("37 dari 50 tanggapan")
    expect(page.locator("#indeks-survei")).to_contain_text("setelah ada 50 tanggapan")

    link = page.get_by_label("Tautan survei warga").input_value()
    assert link.startswith("https://masterplan.example.go.id/survei/")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Salin tautan").click()
    expect(page.get_by_role("button", name="Tersalin")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == link

    # The citizen opens the link (on this test server), in two tabs of one browser.
    path = urlsplit(link).path
    tab = citizen.new_page()
    tab.goto(path)
    expect(tab.get_by_role("heading", level=1)).to_have_text(
        "Survei warga smart city Kota Bandung 2026")
    second_tab = citizen.new_page()
    second_tab.goto(path)

    count = answer_every_question(tab)
    tab.get_by_label(re.compile(r"^Berapa \d+ \+ \d+\?$")).fill(str(the_sum(tab) + 1))
    tab.wait_for_timeout(3000)  # a person takes a few seconds; a form sent sooner is refused
    tab.get_by_role("button", name="Kirim tanggapan").click()
    expect(tab.get_by_text("Jawaban hitungan belum benar. Coba lagi dengan soal yang baru.")) \
        .to_be_visible()
    expect(tab.locator("fieldset.question input[type=radio]:checked")).to_have_count(count)
    assert bandung_2026_responses() == 37

    tab.get_by_label(re.compile(r"^Berapa \d+ \+ \d+\?$")).fill(str(the_sum(tab)))
    tab.get_by_role("button", name="Kirim tanggapan").click()
    expect(tab.get_by_text("Terima kasih! Tanggapan Anda sudah tersimpan.")).to_be_visible()
    assert bandung_2026_responses(ResponseSource.WEB) == 38

    answer_every_question(second_tab, "2 Tidak setuju")
    second_tab.get_by_label(re.compile(r"^Berapa \d+ \+ \d+\?$")).fill(str(the_sum(second_tab)))
    second_tab.get_by_role("button", name="Kirim tanggapan").click()
    expect(second_tab.get_by_text("Anda sudah mengisi survei ini. Terima kasih.")).to_be_visible()
    assert bandung_2026_responses() == 38

    # The ketua imports responses gathered on paper: first a file with a mistake.
    page.reload()
    expect(page.locator("#jumlah-tanggapan")).to_have_text("38 dari 50 tanggapan")
    header = ",".join(f"p{number}" for number in range(1, count + 1))
    good_row = ",".join(["4"] * count)
    bad_row = ",".join(["4", "7", *["3"] * (count - 2)])
    page.locator("input[type=file]").set_input_files(files=[{
        "name": "survei-kertas.csv", "mimeType": "text/csv",
        "buffer": "\n".join([header, good_row, bad_row, ""]).encode()}])
    page.get_by_role("button", name="Impor").click()
    expect(page.get_by_text("Baris 3, kolom p2: nilai harus 1–5, tertulis “7”.")).to_be_visible()
    expect(page.get_by_text("Berkas ditolak; tidak ada tanggapan yang disimpan.")).to_be_visible()
    assert bandung_2026_responses() == 38

    page.locator("input[type=file]").set_input_files(files=[{
        "name": "survei-kertas.csv", "mimeType": "text/csv",
        "buffer": "\n".join([header, *[good_row] * 12, ""]).encode()}])
    page.get_by_role("button", name="Impor").click()
    expect(page.get_by_text("12 tanggapan diimpor.")).to_be_visible()
    expect(page.locator("#jumlah-tanggapan")).to_have_text("50 dari 50 tanggapan")
    expect(page.locator("#indeks-survei")).to_contain_text("Indeks survei:")
    assert bandung_2026_responses(ResponseSource.IMPORT) == 12
