"""A yearly evaluation cycle in a browser, every page reached by links from the landing page:
the admin creates the cycle (refused while the weights do not sum to 100) and gives it the
standard questionnaire and a question of its own (refused while empty); Bandung's ketua fills a
component of the self-assessment (refused above the scale, nothing saved) and adds a risk to the
risk register; a citizen answers the survey by
the region's public link; the pembimbing scores the component beside the team's scores; the
ketua builds the evidence pack and downloads it (holding the risk and the survey summary); and
the admin imports the published results (a file with a typo refused, naming its row and column),
corrects one region's result by form (refused above the scale), and sees the ranking, where the
ketua then finds the region's own rank."""

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import expect

from evaluation.models import EvaluationCycle, PublishedResult, Score, SurveyQuestion

from .survey_helpers import answer_every_question, the_sum

pytestmark = pytest.mark.browser
PASSWORD = "masterplan-demo"
YEAR = "2027"
QUESTION = "Saya tahu ke mana melapor bila layanan smart city tidak berjalan."
RISK = "Vendor aplikasi terlambat menyerahkan kode sumber"


@pytest.fixture
def demo(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())


def sign_in_as(page, login, username):
    page.context.clear_cookies()
    login(username, PASSWORD)


def create_cycle(page):
    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name="Evaluasi").click()
    page.get_by_role("link", name="Siklus baru").click()
    page.get_by_label("Tahun").fill(YEAR)
    page.get_by_label("Bobot Impact (%)").fill("15")
    page.get_by_label("Gerakan Menuju 100 Smart City 2017").check()
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Jumlah kelima bobot harus 100% (sekarang 95%).")).to_be_visible()
    assert not EvaluationCycle.objects.filter(year=YEAR).exists()
    page.get_by_label("Bobot Impact (%)").fill("20")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text(f"Siklus evaluasi {YEAR} disimpan")).to_be_visible()
    expect(page.get_by_role("link", name="32.73 Kota Bandung")).to_be_visible()


def use_standard_questionnaire(page):
    page.get_by_role("link", name=f"Kuesioner survei warga {YEAR}").click()
    page.get_by_role("button", name="Pakai pertanyaan standar").click()
    expect(page.get_by_text("Layanan publik pemerintah daerah (perizinan")).to_be_visible()
    # One question of the region's own, refused while empty.
    page.get_by_role("button", name="Tambahkan").click()
    expect(page.get_by_text("Bidang ini tidak boleh kosong.")).to_be_visible()
    assert SurveyQuestion.objects.filter(cycle__year=YEAR).count() == 12
    page.locator("#pertanyaan-baru #id_text").fill(QUESTION)
    page.locator("#pertanyaan-baru #id_dimension").select_option(label="Smart Society")
    page.get_by_role("button", name="Tambahkan").click()
    expect(page.get_by_text("Pertanyaan ditambahkan.")).to_be_visible()
    expect(page.get_by_text(QUESTION)).to_be_visible()


def add_risk(page):
    page.locator("#workspace-nav").get_by_role("link", name="Register risiko").click()
    page.locator("#program-tanpa-risiko").get_by_role("link", name="Tambah risiko").first.click()
    page.locator("#id_risk").fill(RISK)
    page.locator("#id_likelihood").fill("3")
    page.locator("#id_impact").fill("2")
    page.locator("#id_owner").fill("Diskominfo")
    page.get_by_role("button", name="Simpan risiko").click()
    expect(page.get_by_text(f"Risiko “{RISK}” disimpan.")).to_be_visible()


def citizen_answers(page, citizen):
    page.locator("#bagian-evaluasi").get_by_role("link", name="Survei warga").click()
    expect(page.locator("#jumlah-tanggapan")).to_have_text("0 dari 50 tanggapan")
    path = urlsplit(page.get_by_label("Tautan survei warga").input_value()).path
    tab = citizen.new_page()
    tab.goto(path)
    answer_every_question(tab, "5 Sangat setuju")
    tab.get_by_label(re.compile(r"^Berapa \d+ \+ \d+\?$")).fill(str(the_sum(tab)))
    tab.wait_for_timeout(3000)  # a person takes a few seconds; a form sent sooner is refused
    tab.get_by_role("button", name="Kirim tanggapan").click()
    expect(tab.get_by_text("Terima kasih! Tanggapan Anda sudah tersimpan.")).to_be_visible()
    page.reload()
    expect(page.locator("#jumlah-tanggapan")).to_have_text("1 dari 50 tanggapan")
    page.get_by_role("link", name=f"Evaluasi {YEAR}").first.click()


def open_evaluation(page):
    page.locator("#workspace-nav").get_by_role("link", name="Evaluasi tahunan").click()
    page.get_by_role("link", name=f"Evaluasi {YEAR}").click()
    page.wait_for_url(f"**/wilayah/32.73/evaluasi/{YEAR}/")


def fill_self_assessment(page):
    page.get_by_role("link", name="Penilaian mandiri Outcome").click()
    fields = page.get_by_label("Nilai Smart Governance")
    fields.fill("250")
    page.get_by_label("Nilai Smart Branding").fill("61,5")
    page.get_by_label("Tautan bukti Smart Governance").fill("https://data.bandung.go.id/kpi")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Nilai paling tinggi 100, sesuai skala siklus ini.")).to_be_visible()
    assert not Score.objects.filter(evaluation__cycle__year=YEAR,
                                    self_score__isnull=False).exists()
    fields.fill("64")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Penilaian mandiri komponen Outcome disimpan.")).to_be_visible()
    row = page.locator("#komponen-outcome")
    expect(row).to_contain_text("M 64")
    expect(row).to_contain_text("M 61,5")


def assess(page):
    page.get_by_role("link", name="Nilai penilai Outcome").click()
    expect(page.get_by_text("Nilai mandiri: 64")).to_be_visible()
    page.get_by_label("Nilai Smart Governance").fill("60")
    page.get_by_label("Catatan Smart Governance").fill("Bukti KPI lengkap, target belum tercapai.")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Nilai penilai komponen Outcome disimpan.")).to_be_visible()
    expect(page.locator("#komponen-outcome")).to_contain_text("P 60")


def build_evidence_pack(page):
    page.get_by_role("link", name="Paket bukti").click()
    page.get_by_role("button", name="Buat paket bukti").click()
    box = page.locator("#paket-terakhir")
    box.get_by_role("link", name="Unduh ZIP").wait_for(timeout=60_000)
    with page.expect_download() as download:
        box.get_by_role("link", name="Unduh ZIP").click()
    assert download.value.suggested_filename.startswith(
        f"paket-bukti-evaluasi-{YEAR}-32.73-kota-bandung-")
    return zipfile.ZipFile(io.BytesIO(Path(download.value.path()).read_bytes()))


RESULTS = ("kode_wilayah;baseline;output;outcome;impact;quick_win;final\n"
           "32.73;80;70;60;50;90;68\n"
           "35.10;60;55;50;45;40;{banyuwangi}\n")


def import_results(page, tmp_path):
    page.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name="Evaluasi").click()
    page.get_by_role("link", name=f"Hasil resmi {YEAR}").click()
    wrong = tmp_path / "hasil-salah.csv"
    wrong.write_text(RESULTS.format(banyuwangi="49,5x"), encoding="utf-8")
    page.get_by_label("Berkas CSV hasil resmi").set_input_files(str(wrong))
    page.get_by_role("button", name="Impor hasil").click()
    expect(page.locator("#kesalahan-impor")).to_contain_text("Baris 3, kolom final")
    assert not PublishedResult.objects.filter(evaluation__cycle__year=YEAR).exists()
    right = tmp_path / "hasil.csv"
    right.write_text(RESULTS.format(banyuwangi="49,5"), encoding="utf-8")
    page.get_by_label("Berkas CSV hasil resmi").set_input_files(str(right))
    page.get_by_role("button", name="Impor hasil").click()
    expect(page.get_by_text("2 hasil resmi dari hasil.csv disimpan.")).to_be_visible()
    # One region's result corrected by form: above the scale refused, then saved with a warning
    # that it no longer matches its components.
    page.get_by_role("link", name="Ubah hasil 35.10").click()
    page.get_by_label("Indeks akhir").fill("150")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Indeks paling tinggi 100, sesuai skala siklus ini.")).to_be_visible()
    assert PublishedResult.objects.get(evaluation__cycle__year=YEAR,
                                       evaluation__region__code="35.10").final == Decimal("49.5")
    page.get_by_label("Indeks akhir").fill("50,5")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Hasil resmi Kabupaten Banyuwangi 2027 disimpan.")).to_be_visible()
    expect(page.get_by_text("Indeks akhir terbit 50,5 berbeda")).to_be_visible()
    page.get_by_role("link", name=f"Peringkat {YEAR}").first.click()
    first = page.locator("table").last.locator("tbody tr").first
    expect(first).to_contain_text("Kota Bandung")
    expect(first).to_contain_text("68")


def test_an_evaluation_cycle_from_creation_to_the_ranking(page, login, demo, citizen, tmp_path):
    sign_in_as(page, login, "admin")
    create_cycle(page)
    use_standard_questionnaire(page)

    sign_in_as(page, login, "ketua.bandung")
    open_evaluation(page)
    fill_self_assessment(page)
    citizen_answers(page, citizen)
    add_risk(page)

    sign_in_as(page, login, "pembimbing")
    page.get_by_role("link", name="Kota Bandung").first.click()
    open_evaluation(page)
    assess(page)

    sign_in_as(page, login, "ketua.bandung")
    open_evaluation(page)
    archive = build_evidence_pack(page)
    names = archive.namelist()
    assert names[0] == "00-indeks-bukti.pdf"
    for name in ("02-inventaris-aplikasi.xlsx", "03-kelembagaan.xlsx",
                 "04-monev-lampiran-iii.xlsx", "05-register-risiko.xlsx",
                 "06-penyelesaian-rencana-aksi.xlsx",
                 "07-penilaian-mandiri.xlsx",
                 "08-ringkasan-survei-warga.xlsx"):
        assert name in names
    assert any(name.startswith("01-regulasi/") for name in names)
    risks = load_workbook(io.BytesIO(archive.read("05-register-risiko.xlsx")))["Register risiko"]
    assert RISK in [cell.value for row in risks.iter_rows() for cell in row]
    survey = load_workbook(io.BytesIO(archive.read("08-ringkasan-survei-warga.xlsx"))).active
    assert [survey["A1"].value, survey["B1"].value] == ["Tanggapan", "1"]

    sign_in_as(page, login, "admin")
    import_results(page, tmp_path)
    assert PublishedResult.objects.filter(evaluation__cycle__year=YEAR).count() == 2

    sign_in_as(page, login, "ketua.bandung")
    open_evaluation(page)
    expect(page.get_by_text("Peringkat nasional 1 dari 2")).to_be_visible()
