"""Building a SWOT worksheet and a TOWS strategy in the browser, saved with htmx."""

import pytest

from masterplan.models import Region, Role
from swot.models import Strategy, SwotItem

from ..factories import MasterplanFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.browser
PASSWORD = "rahasia-123"


@pytest.fixture
def anggota(live_server):
    region = Region.objects.get(code="32.73")
    user = UserFactory(username="anggota.swot")
    MembershipFactory(user=user, region=region, role=Role.ANGGOTA)
    masterplan = MasterplanFactory(region=region)
    return user, masterplan.worksheets.get(dimension__code="governance")


def add_item(page, factor_label, box, text):
    box.get_by_text(f"Tambah butir {factor_label}").click()
    box.get_by_label(f"Uraian butir {factor_label} baru").fill(text)
    box.get_by_role("button", name="Tambah butir").click()


def test_anggota_builds_an_so_strategy_from_a_strength_and_an_opportunity(page, login, anggota):
    user, sheet = anggota
    login(user.username, PASSWORD)
    page.goto(f"/wilayah/32.73/swot/{sheet.pk}/")
    page.evaluate("window.marker = 'same page'")  # survives only if the page is not reloaded

    add_item(page, "Kekuatan", page.locator("#kotak-S"),
             "Terdapat SDM pemerintahan dengan kompetensi yang tinggi")
    page.get_by_text("Butir S1 ditambahkan.").wait_for()
    add_item(page, "Peluang", page.locator("#kotak-O"), "Terdapat perguruan tinggi di daerah")
    page.get_by_text("Butir O1 ditambahkan.").wait_for()
    assert "S1 Terdapat SDM pemerintahan" in page.locator("#kotak-S").inner_text()
    assert "O1 Terdapat perguruan tinggi" in page.locator("#kotak-O").inner_text()

    # An SO strategy with only the strength is refused, in Indonesian, and nothing is saved.
    cell = page.locator("#kuadran-SO")
    cell.get_by_text("Tambah strategi SO").click()
    cell.get_by_label("Rumusan strategi SO baru").fill(
        "SDM pemerintahan berkolaborasi dengan perguruan tinggi menyusun inovasi tata kelola")
    cell.get_by_label("S1 Terdapat SDM pemerintahan").check()
    cell.get_by_role("button", name="Simpan strategi").click()
    page.get_by_text("Strategi SO memerlukan minimal satu butir Peluang (O).").wait_for()
    assert not Strategy.objects.exists()

    # The refused form keeps the input; adding the opportunity saves the strategy.
    cell = page.locator("#kuadran-SO")
    assert cell.get_by_label("Rumusan strategi SO baru").input_value().startswith("SDM pemerintahan")
    assert cell.get_by_label("S1 Terdapat SDM pemerintahan").is_checked()
    cell.get_by_label("O1 Terdapat perguruan tinggi").check()
    cell.get_by_role("button", name="Simpan strategi").click()
    page.get_by_text("Strategi SO1 ditambahkan.").wait_for()
    cell = page.locator("#kuadran-SO")
    assert "SO1 SDM pemerintahan berkolaborasi" in cell.inner_text()
    assert "Memadukan: S1, O1" in cell.inner_text()
    assert page.evaluate("window.marker") == "same page"

    strategy = Strategy.objects.get(worksheet=sheet)
    assert (strategy.quadrant, strategy.updated_by) == ("SO", user)
    assert sorted(item.code for item in strategy.items.all()) == ["O1", "S1"]
    assert SwotItem.objects.filter(worksheet=sheet).count() == 2
