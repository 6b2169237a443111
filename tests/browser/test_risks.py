"""The risk register in a browser, reached by links: Kota Bandung's ketua opens it from the
workspace navigation of the landing page, adds a risk to a program that has none (a likelihood
of 4 is refused with the Indonesian message and nothing saved), and sees the risk counted in the
heat map's cell of likelihood 3 and impact 2 and listed with its level."""

import io

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from masterplan.models import Region
from masterplan.services import current_masterplan
from roadmap import risks
from roadmap.models import ProgramRisk

pytestmark = pytest.mark.browser
PASSWORD = "masterplan-demo"
BANDUNG = "/wilayah/32.73/"
PROGRAM = "Dasbor Monev Pembangunan Terpadu"  # a demo program without risks
RISK = "Data capaian OPD terlambat dilaporkan"


@pytest.fixture
def demo(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", stdout=io.StringIO())
    return current_masterplan(Region.objects.get(code="32.73"))


def heat_map_cell(page, likelihood, impact):
    return page.locator(f'#peta-risiko g[data-likelihood="{likelihood}"][data-impact="{impact}"] '
                        "text.count")


def test_the_ketua_adds_a_risk_and_sees_it_in_the_heat_map(page, login, demo):
    page.on("dialog", lambda dialog: dialog.accept())  # leaving a refused form: it was unsaved
    before = risks.heat_map_counts(demo)[3, 2]
    login("ketua.bandung", PASSWORD)
    page.wait_for_url(f"**{BANDUNG}")
    page.locator("#workspace-nav").get_by_role("link", name="Register risiko").click()
    page.wait_for_url(f"**{BANDUNG}risiko/")
    expect(page.get_by_role("heading", name="Register risiko", exact=True)).to_be_visible()
    expect(heat_map_cell(page, 3, 2)).to_have_text(str(before))

    page.locator("#program-tanpa-risiko").get_by_role("link", name=f"Tambah risiko {PROGRAM}").click()
    expect(page.get_by_role("heading", name="Tambah risiko")).to_be_visible()
    expect(page.get_by_text(f"Program: {PROGRAM}.")).to_be_visible()
    page.locator("#id_risk").fill(RISK)
    page.locator("#id_cause").fill("OPD pendukung belum memakai format monev yang sama.")
    page.locator("#id_likelihood").fill("4")
    page.locator("#id_impact").fill("2")
    page.locator("#id_mitigation").fill("Format laporan bulanan yang sama untuk semua OPD.")
    page.locator("#id_owner").fill("Bappelitbang")
    page.get_by_role("button", name="Simpan risiko").click()
    expect(page.get_by_text("Kemungkinan harus bilangan bulat 1, 2 atau 3.")).to_be_visible()
    expect(page.get_by_text("Periksa isian yang ditandai; belum ada yang disimpan.")).to_be_visible()
    assert not ProgramRisk.objects.filter(risk=RISK).exists()

    page.locator("#id_likelihood").fill("3")
    page.get_by_role("button", name="Simpan risiko").click()
    expect(page.get_by_text(f"Risiko “{RISK}” disimpan.")).to_be_visible()
    added = ProgramRisk.objects.get(risk=RISK)
    assert (added.program.name, added.likelihood, added.impact, added.status, added.owner) == (
        PROGRAM, 3, 2, "terbuka", "Bappelitbang")
    page.wait_for_url(f"**{BANDUNG}risiko/#risiko-{added.pk}")
    expect(heat_map_cell(page, 3, 2)).to_have_text(str(before + 1))
    row = page.locator(f"#risiko-{added.pk}")
    expect(row).to_contain_text(RISK)
    expect(row).to_contain_text("Tinggi · skor 6")
    expect(page.locator(f"#program-{added.program_id}")).to_contain_text(PROGRAM)
