"""Entering a sasaran, its indicator and the yearly target grid in the browser."""

import pytest

from masterplan.models import Region, Role
from swot.models import Indicator, IndicatorTarget, Sasaran

from ..factories import MasterplanFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser
PASSWORD = "rahasia-123"


@pytest.fixture
def anggota(live_server):
    region = Region.objects.get(code="32.73")
    user = UserFactory(username="anggota.sasaran")
    MembershipFactory(user=user, region=region, role=Role.ANGGOTA)
    return user, MasterplanFactory(region=region)


def targets_of(indicator):
    return {year: format(value.normalize(), "f") for year, value in
            IndicatorTarget.objects.filter(indicator=indicator).values_list("year", "value")}


def test_sasaran_indicator_and_yearly_targets(page, login, anggota):
    user, masterplan = anggota
    login(user.username, PASSWORD)
    page.goto("/wilayah/32.73/sasaran/")
    governance = page.locator("#dimensi-governance")
    governance.get_by_label("Sasaran baru Smart Governance").fill(
        "Meningkatnya layanan publik yang dapat diakses secara daring")
    governance.get_by_role("button", name="Tambah sasaran").click()
    page.get_by_text("belum memiliki indikator").wait_for()
    sasaran = Sasaran.objects.get(masterplan=masterplan)
    assert sasaran.dimension.code == "governance"

    # An indicator with a baseline and targets up to 2034: the final year is still missing.
    page.get_by_role("link", name="Tambah indikator").click()
    page.get_by_label("Indikator").fill("Layanan publik yang tersedia daring")
    page.get_by_label("Satuan").fill("%")
    page.get_by_label("Tahun baseline").fill("2025")
    page.get_by_label("Nilai baseline").fill("60,5")
    for year in range(2026, 2035):
        page.get_by_label(f"Target {year}", exact=True).fill(f"{60 + (year - 2025) * 4},5")
    page.get_by_role("button", name="Simpan indikator").click()
    warning = page.locator("#peringatan")
    warning.get_by_text("belum memiliki target tahun akhir (2035)").wait_for()
    assert "belum memiliki indikator" not in warning.inner_text()
    indicator = Indicator.objects.get(sasaran=sasaran)
    assert str(indicator.baseline_value.normalize()) == "60.5"
    assert targets_of(indicator)[2026] == "64.5"
    assert "64,5" in page.locator(f"#indikator-{indicator.pk}").inner_text()

    # Setting the final-year target (with a thousands dot and decimal comma) clears the warning.
    page.get_by_role("link", name="Ubah", exact=True).click()
    page.get_by_label("Target 2035", exact=True).fill("1.000,25")
    page.get_by_role("button", name="Simpan indikator").click()
    page.get_by_text("disimpan").first.wait_for()
    assert page.locator("#peringatan").count() == 0
    assert targets_of(indicator)[2035] == "1000.25"
    assert "1.000,25" in page.locator(f"#indikator-{indicator.pk}").inner_text()

    # A non-numeric target is refused with its year named, and nothing of the form is saved.
    page.get_by_role("link", name="Ubah", exact=True).click()
    page.get_by_label("Indikator").fill("Nama yang tidak tersimpan")
    page.get_by_label("Target 2027", exact=True).fill("72,5")
    page.get_by_label("Target 2030", exact=True).fill("delapan puluh")
    page.get_by_role("button", name="Simpan indikator").click()
    page.get_by_text("Target tahun 2030 harus berupa angka, mis. 12,5.").wait_for()
    assert page.get_by_label("Target 2030", exact=True).input_value() == "delapan puluh"
    indicator.refresh_from_db()
    assert indicator.name == "Layanan publik yang tersedia daring"
    assert (targets_of(indicator)[2027], targets_of(indicator)[2030]) == ("68.5", "80.5")
