"""An anggota adds an OPD, creates a quick-win program with a KPI and financing typed the
Indonesian way, answers the quick-win questions and sees the program listed as complete."""

import pytest

from masterplan.models import Region, Role
from roadmap.models import Financing, KpiTarget, Program, QuickWin

from ..factories import MasterplanFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser
PASSWORD = "rahasia-123"


@pytest.fixture
def anggota(live_server):
    region = Region.objects.get(code="32.73")
    user = UserFactory(username="anggota.program")
    MembershipFactory(user=user, region=region, role=Role.ANGGOTA)
    return user, MasterplanFactory(region=region)


def test_quick_win_program_with_kpi_and_financing(page, login, anggota):
    user, masterplan = anggota
    login(user.username, PASSWORD)

    # The pelaksana comes from the region's OPD list.
    page.goto("/wilayah/32.73/opd/")
    page.get_by_label("Nama OPD").fill("Dinas Komunikasi dan Informatika")
    page.get_by_label("Singkatan").fill("Diskominfo")
    page.get_by_role("button", name="Tambah OPD").click()
    page.get_by_text("OPD “Dinas Komunikasi dan Informatika” ditambahkan.").wait_for()

    page.goto("/wilayah/32.73/program/")
    page.get_by_role("link", name="Tambah program").click()
    page.get_by_label("Nama program").fill("Mal Pelayanan Publik Digital")
    page.get_by_label("Dimensi dan elemen yang dilayani").select_option(
        label="a. Pelayanan Publik (Public Service)")
    page.get_by_label("Kategori rencana aksi").select_option(label="Aplikasi dan perangkat lunak")
    page.get_by_label("Jangka").select_option(label="Jangka pendek (1 tahun)")
    page.get_by_label("Program quick win").check()
    page.get_by_label("OPD pelaksana utama").select_option(label="Diskominfo")
    page.get_by_label("KPI 1 indikator").fill("Layanan perizinan yang dapat diajukan daring")
    page.get_by_label("KPI 1 satuan").fill("%")
    page.get_by_label("KPI 1 target 2026", exact=True).fill("12,5")
    page.get_by_label("Pembiayaan APBD 2026", exact=True).fill("1.500.000.000")
    page.get_by_role("button", name="Simpan program").click()
    page.get_by_text("Program “Mal Pelayanan Publik Digital” disimpan.").wait_for()

    program = Program.objects.get(masterplan=masterplan)
    assert program.is_quick_win and program.start_year == program.end_year == 2026
    assert [format(v.normalize(), "f") for v in
            KpiTarget.objects.filter(kpi__program=program).values_list("value", flat=True)] == ["12.5"]
    assert list(Financing.objects.filter(program=program).values_list("year", "source", "amount")) \
        == [(2026, "apbd", 1_500_000_000)]
    assert "1.500.000.000" in page.locator("#pembiayaan + .table-responsive").inner_text()
    assert "12,5" in page.locator("main").inner_text()

    page.get_by_role("link", name="Isi quick win").click()
    answers = {"Mengapa (why)": "Antrean perizinan mencapai dua jam pada hari sibuk.",
               "Apa (what)": "Portal perizinan daring dengan pelacakan status.",
               "Bagaimana (how)": "Memakai aplikasi perizinan yang ada ditambah tanda tangan elektronik.",
               "Kapan (when)": "Triwulan I–IV 2026.",
               "Di mana (where)": "MPP dan seluruh kantor kecamatan.",
               "Siapa (who)": "DPMPTSP bersama Diskominfo.",
               "Analisis dampak": "Waktu pengurusan izin turun sekitar 40%."}
    for label, answer in answers.items():
        page.get_by_label(label).fill(answer)
    page.get_by_label("Status").select_option(label="Berjalan")
    page.get_by_role("button", name="Simpan jawaban").click()
    page.get_by_text("Jawaban quick win disimpan.").wait_for()
    quick_win = QuickWin.objects.get(program=program)
    assert (quick_win.status, quick_win.impact_analysis) == ("berjalan", answers["Analisis dampak"])

    page.get_by_role("link", name="Program", exact=True).first.click()
    item = page.locator(f"#program-{program.pk}")
    item.wait_for()
    text = item.inner_text()
    assert "Mal Pelayanan Publik Digital" in text
    assert "quick win · Berjalan" in text
    assert "belum lengkap" not in text and "lengkap" in text
