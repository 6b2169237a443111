"""The region's OPD list: add, rename, reorder, delete; duplicates refused ignoring case; an OPD
in use is kept with a message naming where; conflicts; the page and frozen masterplans."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from masterplan import ordering
from masterplan.editing import VersionConflict
from masterplan.models import Masterplan
from roadmap import opds
from roadmap.models import Application, Institution, InstitutionMember, Opd, Program

from ..factories import MasterplanFactory
from .program_helpers import make_opd, make_program

pytestmark = pytest.mark.django_db


def url(name, world, **kwargs):
    return reverse(name, kwargs={"region_code": world.own.code, **kwargs})


def add(region, name, short_name=""):
    form = opds.OpdForm({"baru-name": name, "baru-short_name": short_name}, region=region)
    if not form.is_valid():
        return form, None
    return form, opds.save_opd(form, None)


def names(region):
    return list(opds.opds_of(region).values_list("name", flat=True))


def test_opds_are_added_at_the_end_with_spaces_tidied(world):
    add(world.own, "Dinas Perhubungan", "Dishub")
    form, opd = add(world.own, "  Dinas   Komunikasi dan Informatika ", " Diskominfo ")
    assert (opd.name, opd.short_name, opd.position, opd.region) == (
        "Dinas Komunikasi dan Informatika", "Diskominfo", 1, world.own)
    assert names(world.own) == ["Dinas Perhubungan", "Dinas Komunikasi dan Informatika"]


@pytest.mark.parametrize("name,short_name,field,message", [
    ("dinas komunikasi DAN informatika", "", "name",
     "OPD “Dinas Komunikasi dan Informatika” sudah ada di daftar OPD wilayah ini."),
    ("Dinas Baru", "DISKOMINFO", "short_name",
     "Singkatan “Diskominfo” sudah dipakai oleh Dinas Komunikasi dan Informatika."),
    ("", "", "name", "Tuliskan nama OPD."),
])
def test_duplicates_are_refused_ignoring_case(world, name, short_name, field, message):
    make_opd(world.own)
    before = Opd.objects.count()
    form, opd = add(world.own, name, short_name)
    assert opd is None
    assert form.errors[field] == [message]
    assert Opd.objects.count() == before


def test_the_same_name_is_fine_in_another_region(world):
    make_opd(world.other)
    form, opd = add(world.own, "Dinas Komunikasi dan Informatika", "Diskominfo")
    assert opd is not None


def test_the_service_refuses_a_duplicate_that_passed_the_form(world):
    form = opds.OpdForm({"baru-name": "Dishub Kota", "baru-short_name": ""}, region=world.own)
    assert form.is_valid()
    make_opd(world.own, "DISHUB KOTA", "")  # someone else added it meanwhile
    with pytest.raises(ValidationError) as refused:
        opds.save_opd(form, None)
    assert refused.value.message_dict == {
        "name": ["OPD “DISHUB KOTA” sudah ada di daftar OPD wilayah ini."]}
    assert Opd.objects.count() == 1


def test_renaming_keeps_its_own_name_and_detects_concurrent_edits(world):
    opd = make_opd(world.own)
    other = make_opd(world.own, "Dinas Perhubungan", "Dishub")
    prefix = f"opd{opd.pk}"
    form = opds.OpdForm({f"{prefix}-name": "Dinas Komunikasi dan Informatika",
                         f"{prefix}-short_name": "DISKOMINFO", f"{prefix}-version": "1"},
                        instance=opd, region=world.own)
    assert form.is_valid(), form.errors  # a change of case of its own singkatan is fine
    opds.save_opd(form, world.user("anggota"))
    stale = opds.OpdForm({f"{prefix}-name": "Diskominfo Kota", f"{prefix}-version": "1"},
                         instance=Opd.objects.get(pk=opd.pk), region=world.own)
    assert stale.is_valid()
    with pytest.raises(VersionConflict):
        opds.save_opd(stale, None)
    assert Opd.objects.get(pk=opd.pk).short_name == "DISKOMINFO"
    rename = opds.OpdForm({f"{prefix}-name": other.name.upper(), f"{prefix}-version": "2"},
                          instance=Opd.objects.get(pk=opd.pk), region=world.own)
    assert not rename.is_valid()


def test_reorder(world):
    first, second, third = (make_opd(world.own, f"Dinas {n}", f"D{n}", position=n) for n in range(3))
    assert opds.move_opd(third, ordering.UP)
    assert names(world.own) == ["Dinas 0", "Dinas 2", "Dinas 1"]
    assert not opds.move_opd(first, ordering.UP)


def test_an_unused_opd_is_deleted_only_at_the_version_seen(world):
    opd = make_opd(world.own)
    Opd.objects.filter(pk=opd.pk).update(version=2)
    with pytest.raises(ordering.RowChanged):
        opds.delete_opd(opd, 1)
    opds.delete_opd(opd, 2)
    assert not Opd.objects.exists()


def test_an_opd_in_use_is_kept_and_the_message_names_where(world):
    masterplan = world.masterplans["own"]
    opd = make_opd(world.own)
    make_program(masterplan, "Portal layanan", lead_opd=opd)
    make_program(masterplan, "Aduan warga").supporting_opds.add(opd)
    team = Institution.objects.get(masterplan=masterplan, kind="tim")
    Institution.objects.filter(pk=team.pk).update(managing_opd=opd)
    InstitutionMember.objects.create(institution=team, name="Budi Santoso", opd=opd)
    Application.objects.create(masterplan=masterplan, name="SIMPEG", owner_opd=opd,
                               function="kepegawaian")
    with pytest.raises(ValidationError) as refused:
        opds.delete_opd(opd, 1)
    assert refused.value.messages == [
        "OPD “Dinas Komunikasi dan Informatika” tidak dapat dihapus karena masih dipakai: "
        "program “Portal layanan” (pelaksana utama); program “Aduan warga” (OPD pendukung); "
        "kelembagaan “Tim Pelaksana Smart City Daerah” (OPD pengelola); anggota “Budi Santoso” "
        "di Tim Pelaksana Smart City Daerah; aplikasi “SIMPEG” (OPD pemilik). Ganti OPD di "
        "tempat-tempat itu dulu."]
    assert Opd.objects.filter(pk=opd.pk).exists()


def test_usage_counts_programs_past_the_first_five_and_names_older_masterplans(world):
    opd = make_opd(world.own)
    older = MasterplanFactory(region=world.own, is_current=False, start_year=2020, period_years=5)
    make_program(older, "Program lama", start_year=2020, end_year=2020, lead_opd=opd)
    for n in range(6):
        make_program(world.masterplans["own"], f"Program {n}", lead_opd=opd)
    assert opds.usage(opd) == [f"program “Program {n}” (pelaksana utama)" for n in range(5)] + [
        "2 program lainnya"]
    Program.objects.filter(masterplan=world.masterplans["own"]).delete()
    assert opds.usage(opd) == [f"program “Program lama” (pelaksana utama, {older.title})"]


# --- the page -----------------------------------------------------------------------------------

def test_page_adds_renames_and_refuses_duplicates_with_422(client, world):
    client.force_login(world.user("anggota"))
    list_url = url("opd_list", world)
    response = client.post(list_url, {"baru-name": "Dinas Perhubungan", "baru-short_name": "Dishub"})
    assert response.status_code == 302
    opd = Opd.objects.get()
    response = client.post(list_url, {"baru-name": "dinas perhubungan", "baru-short_name": ""})
    assert response.status_code == 422
    assert "OPD “Dinas Perhubungan” sudah ada di daftar OPD wilayah ini." in response.content.decode()
    assert Opd.objects.count() == 1
    prefix = f"opd{opd.pk}"
    response = client.post(url("opd_edit", world, opd_pk=opd.pk),
                           {f"{prefix}-name": "Dinas Perhubungan Kota", f"{prefix}-short_name": "Dishub",
                            f"{prefix}-version": "1"})
    assert response.status_code == 302
    assert Opd.objects.get().name == "Dinas Perhubungan Kota"
    page = client.get(list_url).content.decode()
    assert 'value="Dinas Perhubungan Kota"' in page and "Tambah OPD" in page


def test_page_refuses_deleting_an_opd_in_use(client, world):
    opd = make_opd(world.own)
    make_program(world.masterplans["own"], "Portal layanan", lead_opd=opd)
    client.force_login(world.user("ketua"))
    response = client.post(url("opd_delete", world, opd_pk=opd.pk), {"version": "1"})
    assert response.status_code == 422
    assert "program “Portal layanan” (pelaksana utama" in response.content.decode()
    assert Opd.objects.count() == 1


def test_readers_see_the_list_without_forms(client, world):
    make_opd(world.own)
    client.force_login(world.user("dewan"))
    page = client.get(url("opd_list", world)).content.decode()
    assert "Dinas Komunikasi dan Informatika" in page
    assert "Tambah OPD" not in page and "opd_edit" not in page and "Hapus" not in page


def test_frozen_masterplan_freezes_the_opd_list(client, world):
    opd = make_opd(world.own)
    Masterplan.objects.filter(pk=world.masterplans["own"].pk).update(status="disetujui")
    client.force_login(world.user("anggota"))
    page = client.get(url("opd_list", world)).content.decode()
    assert "daftar OPD hanya dapat diubah" in page and "Tambah OPD" not in page
    assert client.post(url("opd_list", world), {"baru-name": "Dinas Baru"}).status_code == 403
    assert client.post(url("opd_delete", world, opd_pk=opd.pk), {"version": "1"}).status_code == 403
    assert client.post(url("opd_move", world, opd_pk=opd.pk), {"arah": "naik"}).status_code == 403
    assert list(Opd.objects.values_list("name", flat=True)) == ["Dinas Komunikasi dan Informatika"]
