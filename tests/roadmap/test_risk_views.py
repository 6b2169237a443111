"""The risk register pages: the register grouped by program with the heat map, adding, changing
and deleting a risk of a program, refused input, and the program page's link to its risks."""

import re

import pytest
from django.urls import reverse

from masterplan.models import Masterplan
from roadmap.models import ProgramRisk, RiskStatus

from .roadmap_helpers import program, risk

pytestmark = pytest.mark.django_db


def url(name, world, **kwargs):
    return reverse(name, kwargs={"region_code": world.own.code, **kwargs})


def cell(page, likelihood, impact):
    """The number the heat map shows in one cell."""
    found = re.search(rf'<g class="cell level-\w+" data-likelihood="{likelihood}" '
                      rf'data-impact="{impact}" data-count="(\d+)">', page)
    return int(found.group(1))


def register(world):
    masterplan = world.masterplans["own"]
    portal = program(masterplan, "Portal layanan")
    bus = program(masterplan, "Informasi bus", dimension="living")
    program(masterplan, "Sensor udara", dimension="environment")
    risk(portal, "Keterlambatan pengadaan perangkat", 3, 2, cause="Lelang gagal",
         mitigation="Pengadaan lewat e-katalog", owner="Diskominfo")
    risk(portal, "Server lambat", 1, 1, status=RiskStatus.CLOSED)
    risk(bus, "Data GPS tidak akurat", 2, 2, status=RiskStatus.MITIGATING)
    return portal, bus


def test_the_register_lists_risks_by_program_with_the_heat_map(client, world):
    portal, bus = register(world)
    client.force_login(world.user("dewan"))
    response = client.get(url("risk_register", world))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.index("Portal layanan") < page.index("Keterlambatan pengadaan perangkat") \
        < page.index("Server lambat") < page.index("Informasi bus") < page.index("Data GPS")
    assert 'id="peta-risiko"' in page
    assert (cell(page, 3, 2), cell(page, 2, 2), cell(page, 1, 1)) == (1, 1, 0)  # closed: not mapped
    assert "Tinggi · skor 6" in page and "Sedang · skor 4" in page and "Rendah · skor 1" in page
    assert "Penyebab: Lelang gagal" in page and "Sedang dimitigasi" in page
    # The program without risks is named, a link away from its page; a reader gets no edit links.
    assert "Program yang belum memiliki risiko tercatat" in page and "Sensor udara" in page
    assert url("program_detail", world, program_pk=portal.pk) in page
    assert url("risk_add", world, program_pk=portal.pk) not in page
    assert "Hapus risiko ini?" not in page


def test_the_team_adds_a_risk_to_a_program(client, world):
    portal, _bus = register(world)
    client.force_login(world.user("anggota"))
    add = url("risk_add", world, program_pk=portal.pk)
    assert add in client.get(url("risk_register", world)).content.decode()
    assert client.get(add).status_code == 200
    response = client.post(add, {"risk": "Anggaran dipotong", "cause": "Refocusing APBD",
                                 "likelihood": "3", "impact": "3", "mitigation": "",
                                 "owner": "Bappelitbang", "status": "terbuka"}, follow=True)
    added = ProgramRisk.objects.get(risk="Anggaran dipotong")
    assert response.redirect_chain[-1][0] == f"{url('risk_register', world)}#risiko-{added.pk}"
    assert (added.program, added.position, added.likelihood, added.impact, added.updated_by) == (
        portal, 2, 3, 3, world.user("anggota"))
    page = response.content.decode()
    assert "Risiko “Anggaran dipotong” disimpan." in page
    assert cell(page, 3, 3) == 1 and "Tinggi · skor 9" in page


@pytest.mark.parametrize("values,message", [
    ({"likelihood": "4"}, "Kemungkinan harus bilangan bulat 1, 2 atau 3."),
    ({"impact": "0"}, "Dampak harus bilangan bulat 1, 2 atau 3."),
    ({"impact": "sedang"}, "Dampak harus bilangan bulat 1, 2 atau 3."),
    ({"risk": ""}, "Tuliskan risikonya."),
])
def test_bad_input_is_refused_with_the_page_and_nothing_saved(client, world, values, message):
    portal, _bus = register(world)
    before = list(ProgramRisk.objects.order_by("pk").values_list())
    version = Masterplan.objects.get(pk=world.masterplans["own"].pk).content_version
    client.force_login(world.user("ketua"))
    data = {"risk": "Anggaran dipotong", "likelihood": "2", "impact": "2", "status": "terbuka",
            **values}
    response = client.post(url("risk_add", world, program_pk=portal.pk), data)
    assert response.status_code == 422
    page = response.content.decode()
    assert message in page and "Periksa isian yang ditandai; belum ada yang disimpan." in page
    assert list(ProgramRisk.objects.order_by("pk").values_list()) == before
    assert Masterplan.objects.get(pk=world.masterplans["own"].pk).content_version == version


def test_an_edit_keeps_the_risk_on_its_program(client, world):
    portal, _bus = register(world)
    item = ProgramRisk.objects.get(risk="Server lambat")
    client.force_login(world.user("ketua"))
    edit = url("risk_edit", world, risk_pk=item.pk)
    form = client.get(edit).content.decode()
    assert "Portal layanan" in form and 'value="1"' in form
    response = client.post(edit, {"risk": "Server lambat", "likelihood": "2", "impact": "3",
                                  "status": "dimitigasi", "owner": "Diskominfo",
                                  "version": item.version})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.program, item.likelihood, item.impact, item.status, item.version) == (
        portal, 2, 3, "dimitigasi", 2)


def test_a_delete_of_a_risk_changed_meanwhile_is_refused_on_the_register(client, world):
    register(world)
    item = ProgramRisk.objects.get(risk="Server lambat")
    client.force_login(world.user("anggota"))
    ProgramRisk.objects.filter(pk=item.pk).update(version=item.version + 1)
    delete = url("risk_delete", world, risk_pk=item.pk)
    response = client.post(delete, {"version": item.version})
    assert response.status_code == 422
    assert "“Server lambat” sudah diubah oleh" in response.content.decode()
    assert ProgramRisk.objects.filter(pk=item.pk).exists()
    response = client.post(delete, {"version": item.version + 1})
    assert response.status_code == 302
    assert response["Location"] == f"{url('risk_register', world)}#program-{item.program_id}"
    assert not ProgramRisk.objects.filter(pk=item.pk).exists()


def test_the_program_page_shows_its_risks_and_links_to_the_register(client, world):
    portal, _bus = register(world)
    client.force_login(world.user("anggota"))
    page = client.get(url("program_detail", world, program_pk=portal.pk)).content.decode()
    assert f'{url("risk_register", world)}#program-{portal.pk}' in page
    assert url("risk_add", world, program_pk=portal.pk) in page
    assert "Keterlambatan pengadaan perangkat" in page and "Tinggi · skor 6" in page
    delete = client.get(url("program_delete", world, program_pk=portal.pk)).content.decode()
    assert "2 risiko di register risiko" in delete


def test_no_risk_is_added_while_the_masterplan_is_submitted(client, world):
    portal, _bus = register(world)
    Masterplan.objects.filter(pk=world.masterplans["own"].pk).update(status="diajukan")
    client.force_login(world.user("ketua"))
    add = url("risk_add", world, program_pk=portal.pk)
    assert client.get(add).status_code == 403
    response = client.post(add, {"risk": "Baru", "likelihood": "1", "impact": "1",
                                 "status": "terbuka"})
    assert response.status_code == 403
    assert not ProgramRisk.objects.filter(risk="Baru").exists()


def test_the_register_keeps_its_queries_as_risks_grow(client, world, django_assert_max_num_queries):
    portal, bus = register(world)
    client.force_login(world.user("ketua"))
    register_url = url("risk_register", world)
    client.get(register_url)
    with django_assert_max_num_queries(1000) as few:
        client.get(register_url)
    for number in range(20):
        item = program(world.masterplans["own"], f"Program {number}", dimension="society")
        for count in range(3):
            risk(item, f"Risiko {number}.{count}", count + 1, 2)
    with django_assert_max_num_queries(len(few)):
        page = client.get(register_url).content.decode()
    assert "Risiko 19.2" in page
