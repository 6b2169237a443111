"""The e-Gov inventory pages: the summary, add/edit/delete, scoping, query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from roadmap.models import Application

from .institution_helpers import make_app, make_opd, make_program

pytestmark = pytest.mark.django_db


def url(name, region, app=None):
    kwargs = {"region_code": region.code}
    if app is not None:
        kwargs["application_pk"] = app.pk
    return reverse(name, kwargs=kwargs)


def test_inventory_shows_the_summary(client, world):
    masterplan = world.masterplans["own"]
    simda = make_app(masterplan, "SIMDA", "keuangan", interoperable=True)
    pajak = make_app(masterplan, "Pajak Online", "keuangan", interoperable=True)
    simda.exchanges_with.add(pajak)
    make_app(masterplan, "JDIH", "legislasi")
    client.force_login(world.user("dewan"))
    response = client.get(url("application_list", world.own))
    assert response.status_code == 200
    summary = response.context["summary"]
    assert (summary.total, summary.interoperable, summary.covered) == (3, 2, 2)
    page = response.content.decode()
    assert 'id="jumlah-aplikasi">3<' in page
    assert "Monitoring dan evaluasi pembangunan daerah" in page
    assert f'href="#aplikasi-{Application.objects.get(name="JDIH").pk}">JDIH</a>' in page
    assert "Tambah aplikasi" not in page  # dewan accounts only read


def test_add_edit_and_delete_an_application(client, world):
    masterplan = world.masterplans["own"]
    kominfo, program = make_opd(world.own), make_program(masterplan)
    simpeg = make_app(masterplan, "SIMPEG", "kepegawaian", interoperable=True)
    client.force_login(world.user("anggota"))
    assert client.get(url("application_add", world.own)).status_code == 200
    response = client.post(url("application_add", world.own), {
        "name": "e-Office", "owner_opd": kominfo.pk, "function": "kantor_virtual",
        "is_interoperable": "on", "exchanges_with": [simpeg.pk],
        "integration_programs": [program.pk], "works": "Disposisi daring"})
    assert response.status_code == 302
    office = Application.objects.get(name="e-Office")
    assert response["Location"].endswith(f"#aplikasi-{office.pk}")
    assert list(simpeg.exchanges_with.all()) == [office]
    edit = url("application_edit", world.own, office)
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"name": "e-Office", "function": "kantor_virtual",
                                  "version": office.version, "users": "Seluruh ASN"})
    assert response.status_code == 302
    office.refresh_from_db()
    assert (office.users, office.is_interoperable, list(office.exchanges_with.all())) == \
        ("Seluruh ASN", False, [])
    response = client.post(url("application_delete", world.own, office),
                           {"version": office.version})
    assert response.status_code == 302
    assert not Application.objects.filter(pk=office.pk).exists()


def test_bad_input_answers_422_with_the_message(client, world):
    masterplan = world.masterplans["own"]
    foreign = make_app(world.masterplans["other"], "SIMDA Banyuwangi", interoperable=True)
    client.force_login(world.user("ketua"))
    response = client.post(url("application_add", world.own), {
        "name": "Pajak", "function": "keuangan", "is_interoperable": "on",
        "exchanges_with": [foreign.pk]})
    assert response.status_code == 422
    assert "bukan aplikasi masterplan ini" in response.content.decode()
    assert not Application.objects.filter(masterplan=masterplan).exists()
    assert list(foreign.exchanges_with.all()) == []


def test_another_regions_application_is_not_found_through_this_region(client, world):
    foreign = make_app(world.masterplans["other"], "SIMDA Banyuwangi")
    client.force_login(world.user("anggota"))
    assert client.get(url("application_edit", world.own, foreign)).status_code == 404
    response = client.post(url("application_delete", world.own, foreign),
                           {"version": foreign.version})
    assert response.status_code == 404
    assert Application.objects.filter(pk=foreign.pk).exists()


def test_inventory_query_count_does_not_grow_with_the_inventory(client, world):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("anggota"))
    kominfo, program = make_opd(world.own), make_program(masterplan)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("application_list", world.own)).status_code == 200
        return len(queries)

    first = make_app(masterplan, "A0", interoperable=True, owner_opd=kominfo)
    first.integration_programs.add(program)
    few = count()
    for index, function in enumerate(["perencanaan", "keuangan", "kepegawaian", "legislasi",
                                      "pelayanan_publik", "lainnya"] * 2, start=1):
        app = make_app(masterplan, f"A{index}", function, interoperable=True, owner_opd=kominfo,
                       updated_by=world.user("ketua"))
        app.exchanges_with.add(first)
        app.integration_programs.add(program)
    assert count() == few
