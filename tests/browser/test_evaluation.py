"""A yearly evaluation cycle in a browser, every page reached by links from the landing page:
the admin creates the cycle (refused while the weights do not sum to 100), Bandung's ketua fills
a component of the self-assessment (refused above the scale, nothing saved), the pembimbing
scores it beside the team's scores, the ketua builds the evidence pack and downloads it, and
the admin imports the published results (a file with a typo refused, naming its row and column)
and sees the ranking, where the ketua then finds the region's own rank."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from evaluation.models import EvaluationCycle, PublishedResult, Score

pytestmark = pytest.mark.browser
PASSWORD = "masterplan-demo"
YEAR = "2027"


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
    page.get_by_role("link", name=f"Peringkat {YEAR}").first.click()
    first = page.locator("table").last.locator("tbody tr").first
    expect(first).to_contain_text("Kota Bandung")
    expect(first).to_contain_text("68")


def test_an_evaluation_cycle_from_creation_to_the_ranking(page, login, demo, tmp_path):
    sign_in_as(page, login, "admin")
    create_cycle(page)

    sign_in_as(page, login, "ketua.bandung")
    open_evaluation(page)
    fill_self_assessment(page)

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

    sign_in_as(page, login, "admin")
    import_results(page, tmp_path)
    assert PublishedResult.objects.filter(evaluation__cycle__year=YEAR).count() == 2

    sign_in_as(page, login, "ketua.bandung")
    open_evaluation(page)
    expect(page.get_by_text("Peringkat nasional 1 dari 2")).to_be_visible()
