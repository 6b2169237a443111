"""The institution pages: overview with validity warnings, edit pages, forums, frozen content,
query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from masterplan.models import Masterplan
from roadmap.models import Institution, InstitutionMember

from .institution_helpers import body_data, council, make_opd, members_of, team

pytestmark = pytest.mark.django_db
D = datetime.date


def url(name, region, **kwargs):
    return reverse(name, kwargs={"region_code": region.code, **kwargs})


def add_members(institution, count, **fields):
    for index in range(count):
        InstitutionMember.objects.create(institution=institution, name=f"Anggota {index}",
                                         position=index, **fields)


def test_overview_shows_bodies_members_and_the_expired_team_warning(client, world):
    masterplan = world.masterplans["own"]
    dewan, tim = council(masterplan), team(masterplan)
    Institution.objects.filter(pk=dewan.pk).update(decree_number="188/Kep.1/2025",
                                                   decree_date=D(2025, 3, 17))
    Institution.objects.filter(pk=tim.pk).update(decree_number="800/Kep.7/2025",
                                                 decree_date=D(2025, 9, 15))
    InstitutionMember.objects.create(institution=dewan, name="Wali Kota Uji", role="ketua",
                                     unsur="pemerintah_daerah", position_title="Wali Kota")
    Institution.objects.create(masterplan=masterplan, kind="forum", name="Forum Kota Sehat",
                               contact="forum@example.org")
    client.force_login(world.user("dewan"))
    page = client.get(url("institution_overview", world.own)).content.decode()
    assert "188/Kep.1/2025" in page and "Wali Kota Uji" in page and "Forum Kota Sehat" in page
    assert "sampai 16 Maret 2030" in page
    assert "Keputusan Tim Pelaksana Smart City Daerah sudah tidak berlaku sejak 15 September 2026" \
        in page
    assert "kedaluwarsa" in page
    assert "Ubah Dewan" not in page  # dewan accounts only read


def test_overview_costs_the_same_queries_however_many_members(client, world):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("anggota"))
    kominfo = make_opd(world.own)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url("institution_overview", world.own)).status_code == 200
        return len(queries)

    add_members(council(masterplan), 1, unsur="akademisi")
    few = count()
    add_members(council(masterplan), 10, unsur="industri")
    add_members(team(masterplan), 12, opd=kominfo)
    forum = Institution.objects.create(masterplan=masterplan, kind="forum", name="F",
                                       managing_opd=kominfo)
    add_members(forum, 5)
    assert count() == few


def test_council_edit_page_saves_decree_and_members(client, world):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("anggota"))
    edit = url("institution_council_edit", world.own)
    assert client.get(edit).status_code == 200
    data = body_data(council(masterplan), masterplan, decree_number="188/2025",
                     decree_date="2025-03-17", selection_process="langsung",
                     members=[{"name": "Wali Kota", "role": "ketua", "unsur": "pemerintah_daerah"},
                              {"name": "Pakar", "role": "anggota", "unsur": "akademisi"}])
    response = client.post(edit, data)
    assert response.status_code == 302
    assert response["Location"].endswith("/kelembagaan/#dewan")
    assert members_of(council(masterplan)) == [("Wali Kota", "ketua", 0),
                                               ("Pakar", "anggota", 1)]


def test_council_edit_refuses_two_ketua_with_the_message_and_saves_nothing(client, world):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("ketua"))
    data = body_data(council(masterplan), masterplan, decree_number="188/2025",
                     decree_date="2025-03-17",
                     members=[{"name": "A", "role": "ketua", "unsur": "pemerintah_daerah"},
                              {"name": "B", "role": "ketua", "unsur": "akademisi"}])
    response = client.post(url("institution_council_edit", world.own), data)
    assert response.status_code == 422
    page = response.content.decode()
    assert "Periksa isian yang ditandai; belum ada yang disimpan." in page
    assert "Dewan Smart City harus memiliki tepat satu ketua; sekarang 2." in page
    assert 'value="B"' in page  # the input is kept
    dewan = council(masterplan)
    assert (dewan.version, dewan.decree_number, members_of(dewan)) == (1, "", [])


def test_team_edit_refuses_an_opd_of_another_region(client, world):
    masterplan = world.masterplans["own"]
    foreign = make_opd(world.other, "Diskominfo Banyuwangi")
    client.force_login(world.user("anggota"))
    data = body_data(team(masterplan), masterplan, decree_number="800/2025",
                     decree_date="2025-09-15",
                     members=[{"name": "Orang luar", "role": "anggota", "opd": foreign.pk}])
    response = client.post(url("institution_team_edit", world.own), data)
    assert response.status_code == 422
    assert "OPD yang dipilih bukan OPD wilayah ini." in response.content.decode()
    assert (team(masterplan).decree_number, members_of(team(masterplan))) == ("", [])


def test_a_stale_edit_shows_the_conflict_and_saves_nothing(client, world):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("anggota"))
    edit = url("institution_team_edit", world.own)
    stale = body_data(team(masterplan), masterplan, decree_number="800/B", decree_date="2025-01-01")
    fresh = body_data(team(masterplan), masterplan, decree_number="800/A", decree_date="2025-01-01")
    assert client.post(edit, fresh).status_code == 302
    response = client.post(edit, stale)
    assert response.status_code == 422
    page = response.content.decode()
    assert "sudah diubah oleh" in page and "800/A" in page
    assert team(masterplan).decree_number == "800/A"


def test_forum_add_edit_and_delete(client, world):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("anggota"))
    from roadmap.institutions import new_forum

    data = body_data(new_forum(masterplan), masterplan, name="Forum Budaya",
                     contact="budaya@example.org")
    response = client.post(url("institution_forum_add", world.own), data)
    assert response.status_code == 302
    forum = Institution.objects.get(masterplan=masterplan, kind="forum")
    assert response["Location"].endswith(f"#forum-{forum.pk}")
    response = client.post(url("institution_forum_delete", world.own, forum_pk=forum.pk),
                           {"version": forum.version})
    assert response.status_code == 302
    assert not Institution.objects.filter(pk=forum.pk).exists()


def test_forum_without_members_or_contact_is_refused(client, world):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("anggota"))
    from roadmap.institutions import new_forum

    response = client.post(url("institution_forum_add", world.own),
                           body_data(new_forum(masterplan), masterplan, name="Forum Kosong"))
    assert response.status_code == 422
    assert "Catat anggota forum atau kontaknya." in response.content.decode()
    assert not Institution.objects.filter(masterplan=masterplan, kind="forum").exists()


def test_another_regions_forum_is_not_found_through_this_region(client, world):
    foreign = Institution.objects.create(masterplan=world.masterplans["other"], kind="forum",
                                         name="Forum Banyuwangi", contact="x")
    client.force_login(world.user("ketua"))
    for name in ("institution_forum_edit", "institution_forum_delete"):
        response = client.post(url(name, world.own, forum_pk=foreign.pk), {"version": 1})
        assert response.status_code == 404
    assert Institution.objects.filter(pk=foreign.pk).exists()


def test_a_submitted_masterplan_freezes_the_institutions(client, world):
    masterplan = world.masterplans["own"]
    Masterplan.objects.filter(pk=masterplan.pk).update(status="diajukan")
    client.force_login(world.user("anggota"))
    data = body_data(council(masterplan), masterplan, decree_number="188/2025",
                     decree_date="2025-03-17")
    assert client.post(url("institution_council_edit", world.own), data).status_code == 403
    assert client.get(url("institution_council_edit", world.own)).status_code == 403
    page = client.get(url("institution_overview", world.own)).content.decode()
    assert "Ubah Dewan" not in page and "Tambah forum" not in page
    assert council(masterplan).decree_number == ""


def test_region_page_lists_both_sections(client, world):
    client.force_login(world.user("anggota"))
    page = client.get(url("region_detail", world.own)).content.decode()
    assert "Kelembagaan dan regulasi" in page and "Aplikasi e-Gov" in page
    assert url("institution_overview", world.own) in page
    assert url("application_list", world.own) in page
