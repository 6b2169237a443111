"""The roadmap and monitoring & evaluation in the browser: open a dimension, filter the roadmap,
see the quick win on the dimension's timeline, record an M&E entry with a KPI actual and find
it on the Lampiran III sheet."""

import pytest

from masterplan.models import Region, Role
from roadmap.models import MonitoringRecord

from ..factories import MasterplanFactory, MembershipFactory, UserFactory
from ..roadmap.roadmap_helpers import complete_program, kpi

pytestmark = pytest.mark.browser
PASSWORD = "rahasia-123"


@pytest.fixture
def anggota(live_server):
    region = Region.objects.get(code="32.73")
    user = UserFactory(username="anggota.monev")
    MembershipFactory(user=user, region=region, role=Role.ANGGOTA)
    masterplan = MasterplanFactory(region=region)
    quick_win = complete_program(masterplan, "Mal Pelayanan Publik Digital", is_quick_win=True,
                                 start=(2026, 1), end=(2026, 4))
    kpi(quick_win, "Layanan perizinan daring", targets={2026: 80})
    other = complete_program(masterplan, "Transportasi terpadu", dimension="living",
                             horizon="menengah", start=(2026, 2), end=(2030, 4))
    return user, quick_win, other


def test_filter_roadmap_see_quick_win_and_record_monitoring(page, login, anggota):
    user, quick_win, other = anggota
    login(user.username, PASSWORD)
    page.goto("/wilayah/32.73/peta-jalan/")
    # A dimension's programs and timeline load when it is opened.
    page.locator("#dimensi-living summary").click()
    gantt = page.locator("#dimensi-living").get_by_test_id("gantt")
    gantt.locator(f'g[data-program="{other.pk}"]').wait_for()
    assert page.locator("#dimensi-governance").get_by_test_id("gantt").count() == 0

    # Filter by dimension: only the Smart Governance program stays, on the chart too.
    page.get_by_label("Dimensi", exact=True).select_option(label="Smart Governance")
    page.get_by_role("button", name="Saring").click()
    page.get_by_test_id("saringan-aktif").wait_for()
    assert "dimensi=governance" in page.url
    assert page.locator("details#dimensi-living").count() == 0  # no program left to open
    page.locator("#dimensi-governance summary").click()
    gantt = page.locator("#dimensi-governance").get_by_test_id("gantt")
    row = gantt.locator(f'g[data-program="{quick_win.pk}"]')
    row.wait_for()
    assert gantt.locator(f'g[data-program="{other.pk}"]').count() == 0
    assert "quick-win" in row.get_attribute("class")
    assert "★ QW" in row.locator("text.tag").text_content()
    assert row.locator("rect.bar").get_attribute("fill") == "#d9480f"
    assert gantt.get_by_text("★ QW: quick win").count() == 1

    # Record TW II 2026 with a KPI actual.
    page.get_by_role("link", name="Monitoring dan evaluasi").first.click()
    page.get_by_label("Tahun", exact=True).select_option("2026")
    page.get_by_label("Triwulan", exact=True).select_option(label="II")
    page.get_by_role("button", name="Tampilkan").click()
    sheet = page.locator("#lampiran-iii")
    sheet.get_by_text("belum ada catatan").first.wait_for()
    page.locator(f"#lampiran-program-{quick_win.pk}").get_by_role("link", name="Catat").click()
    page.get_by_label("Tahun").select_option("2026")
    page.get_by_label("Triwulan").select_option(label="II")
    page.get_by_label("Kemajuan (%)").fill("45")
    page.get_by_label("Layanan perizinan daring").fill("72,5")
    page.get_by_label("Hal yang sudah berjalan dengan baik").fill("42 jenis izin sudah daring")
    page.get_by_label("Hal yang belum berjalan dengan baik").fill("Verifikasi NIK masih manual")
    page.get_by_label("Inisiatif perbaikan").fill("Integrasi data Disdukcapil")
    page.get_by_label("Rencana kerja tindak lanjut").fill("Uji coba verifikasi otomatis")
    page.get_by_label("Kapan (when)").fill("Agustus 2026")
    page.get_by_label("Siapa (who)").fill("DPMPTSP")
    page.get_by_role("button", name="Simpan catatan").click()
    page.get_by_text("Catatan monev TW II 2026 disimpan.").wait_for()
    record = MonitoringRecord.objects.get(program=quick_win)
    assert (record.year, record.quarter, record.progress_percent) == (2026, 2, 45)
    assert str(record.actuals.get().value.normalize()) == "72.5"

    # The Lampiran III worksheet of TW II 2026 shows it.
    page.goto("/wilayah/32.73/monev/?tahun=2026&triwulan=2")
    row = page.locator(f"#lampiran-program-{quick_win.pk}")
    assert row.get_by_test_id("kemajuan").inner_text() == "45%"
    text = row.inner_text()
    for expected in ("72,5", "42 jenis izin sudah daring", "Verifikasi NIK masih manual",
                     "Integrasi data Disdukcapil", "Uji coba verifikasi otomatis",
                     "Agustus 2026", "DPMPTSP"):
        assert expected in text
    assert page.get_by_test_id("capaian-kpi").inner_text() != "–"
