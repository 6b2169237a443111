"""Vision and mission: the versioned vision form, ordered missions, the checklist grid saved all
or nothing, and the dashboard section."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from swot import vision
from swot.dashboard_sections_targets import vision_completion
from swot.models import Mission, Vision, VisionCheck

from ..factories import MasterplanFactory
from .strategic_helpers import form_data

pytestmark = pytest.mark.django_db


def url(name, world, **kwargs):
    return reverse(name, kwargs={"region_code": world.own.code, **kwargs})


def check_grid_data(masterplan, **rows):
    """The checklist grid as posted; rows: {"criterion1": (met, justification)}."""
    data = {}
    for _label, forms in vision.check_forms(masterplan):
        for form in forms:
            data.update(form_data(form))
            key = f"{form.instance.kind}{form.instance.number}"
            if key in rows:
                met, justification = rows[key]
                data.pop(form.add_prefix("met"), None)
                if met:
                    data[form.add_prefix("met")] = "on"
                data[form.add_prefix("justification")] = justification
    return data


def checks(masterplan):
    return {f"{c.kind}{c.number}": (c.met, c.justification)
            for c in VisionCheck.objects.filter(masterplan=masterplan)}


# --- vision form ---------------------------------------------------------------------------------

def test_the_checklists_come_from_the_guide(world):
    groups = vision.check_forms(world.masterplans["own"])
    assert [label for label, _forms in groups] == ["Kriteria rumusan visi", "Syarat visi yang baik"]
    criteria, qualities = (forms for _label, forms in groups)
    assert [form.instance.number for form in criteria] == [1, 2, 3, 5, 6]  # printed numbers
    assert [form.title for form in qualities][0::6] == ["Imaginable", "Incisive"]
    assert len(qualities) == 7


def test_vision_and_references_are_saved(client, world):
    client.force_login(world.user("anggota"))
    page = client.get(url("vision", world))
    data = form_data(page.context["form"], statement="Bandung kota kreatif yang cerdas",
                     rpjmd_vision="Bandung unggul, nyaman, sejahtera")
    response = client.post(url("vision", world), data)
    assert response.status_code == 302
    current = Vision.objects.get(masterplan=world.masterplans["own"])
    assert (current.statement, current.rpjmd_vision, current.version) == (
        "Bandung kota kreatif yang cerdas", "Bandung unggul, nyaman, sejahtera", 2)


def test_vision_conflict_shows_the_other_change_and_saves_nothing(client, world):
    client.force_login(world.user("anggota"))
    stale = form_data(client.get(url("vision", world)).context["form"])
    client.force_login(world.user("ketua"))
    client.post(url("vision", world), {**stale, "statement": "Visi ketua"})
    client.force_login(world.user("anggota"))
    response = client.post(url("vision", world), {**stale, "statement": "Visi anggota"})
    assert response.status_code == 422
    text = response.content.decode()
    assert "sudah diubah oleh" in text and "Visi ketua" in text and "Visi anggota" in text
    assert Vision.objects.get(masterplan=world.masterplans["own"]).statement == "Visi ketua"


@pytest.mark.parametrize("role", ["dewan", "pembimbing", "admin"])
def test_readers_see_the_vision_without_forms(client, world, role):
    Vision.objects.filter(masterplan=world.masterplans["own"]).update(statement="Visi bersama")
    client.force_login(world.user(role))
    text = client.get(url("vision", world)).content.decode().split("<main", 1)[1]
    assert "Visi bersama" in text and "<form" not in text and "<textarea" not in text


# --- missions ------------------------------------------------------------------------------------

def test_missions_are_added_in_order_moved_and_edited(client, world):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("anggota"))
    for text in ("Misi satu", "Misi dua", "Misi tiga"):
        assert client.post(url("mission_add", world), {"text": text}).status_code == 302
    assert list(vision.missions_of(masterplan).values_list("text", "position")) == [
        ("Misi satu", 0), ("Misi dua", 1), ("Misi tiga", 2)]
    third = Mission.objects.get(text="Misi tiga")
    client.post(url("mission_move", world, mission_pk=third.pk), {"arah": "naik"})
    assert list(vision.missions_of(masterplan).values_list("text", flat=True)) == [
        "Misi satu", "Misi tiga", "Misi dua"]
    edit = url("mission_edit", world, mission_pk=third.pk)
    data = form_data(client.get(edit).context["form"], text="Misi tiga diperbaiki")
    assert client.post(edit, data).status_code == 302
    third.refresh_from_db()
    assert (third.text, third.version) == ("Misi tiga diperbaiki", 2)


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_mission_is_refused(client, world, text):
    client.force_login(world.user("anggota"))
    response = client.post(url("mission_add", world), {"text": text})
    assert response.status_code == 422
    assert "Tuliskan misinya; misi kosong tidak disimpan." in response.content.decode()
    assert not Mission.objects.exists()


def test_emptying_a_mission_is_refused(client, world):
    mission = Mission.objects.create(masterplan=world.masterplans["own"], text="Misi lama")
    client.force_login(world.user("anggota"))
    edit = url("mission_edit", world, mission_pk=mission.pk)
    response = client.post(edit, form_data(client.get(edit).context["form"], text=""))
    assert response.status_code == 422
    mission.refresh_from_db()
    assert mission.text == "Misi lama"


def test_mission_delete_refuses_a_changed_mission(client, world):
    mission = Mission.objects.create(masterplan=world.masterplans["own"], text="Misi lama")
    Mission.objects.filter(pk=mission.pk).update(version=3, text="Misi baru")
    client.force_login(world.user("anggota"))
    response = client.post(url("mission_delete", world, mission_pk=mission.pk), {"version": "1"})
    assert response.status_code == 422
    assert "Misi baru" in response.content.decode()
    assert client.post(url("mission_delete", world, mission_pk=mission.pk),
                       {"version": "3"}).status_code == 302
    assert not Mission.objects.exists()


def test_a_mission_of_another_region_is_not_found(client, world):
    mission = Mission.objects.create(masterplan=world.masterplans["other"], text="Misi lain")
    client.force_login(world.user("anggota"))
    # Addressed through the own region: the mission is not in this masterplan.
    response = client.post(url("mission_delete", world, mission_pk=mission.pk), {"version": "1"})
    assert response.status_code == 404
    assert Mission.objects.filter(pk=mission.pk).exists()


# --- checklists ----------------------------------------------------------------------------------

def test_checklist_grid_is_saved(client, world):
    masterplan = world.masterplans["own"]
    client.force_login(world.user("anggota"))
    response = client.post(url("vision_checks", world), check_grid_data(
        masterplan, criterion1=(True, "Menyebut kondisi 2035"),
        quality7=(False, "Masih terlalu panjang; dipersingkat di revisi")))
    assert response.status_code == 302
    saved = checks(masterplan)
    assert saved["criterion1"] == (True, "Menyebut kondisi 2035")
    assert saved["quality7"] == (False, "Masih terlalu panjang; dipersingkat di revisi")
    assert saved["quality1"] == (False, "")


def test_a_ticked_row_without_justification_saves_nothing(client, world):
    masterplan = world.masterplans["own"]
    before = checks(masterplan)
    client.force_login(world.user("anggota"))
    response = client.post(url("vision_checks", world), check_grid_data(
        masterplan, criterion1=(True, "Alasan yang baik"), quality3=(True, "  ")))
    assert response.status_code == 422
    text = response.content.decode()
    assert "Beri alasan singkat mengapa butir “Feasible” terpenuhi." in text
    assert "Alasan yang baik" in text  # the input is kept
    assert checks(masterplan) == before


def test_checklist_conflict_in_one_row_saves_no_row(client, world):
    masterplan = world.masterplans["own"]
    stale = check_grid_data(masterplan, criterion1=(True, "Versi anggota"),
                            criterion2=(True, "Juga anggota"))
    client.force_login(world.user("ketua"))
    client.post(url("vision_checks", world), check_grid_data(
        masterplan, criterion2=(True, "Versi ketua")))
    client.force_login(world.user("anggota"))
    response = client.post(url("vision_checks", world), stale)
    assert response.status_code == 422
    text = response.content.decode()
    assert "tidak ada yang disimpan" in text and "sudah diubah oleh" in text
    saved = checks(masterplan)
    assert saved["criterion1"] == (False, "")  # not saved, though it had no conflict itself
    assert saved["criterion2"] == (True, "Versi ketua")


@pytest.mark.parametrize("role", ["dewan", "pembimbing"])
def test_readers_see_the_checklist_without_inputs(client, world, role):
    VisionCheck.objects.filter(masterplan=world.masterplans["own"], kind="quality",
                               number=1).update(met=True, justification="Mudah dibayangkan")
    client.force_login(world.user(role))
    text = client.get(url("vision_checks", world)).content.decode()
    assert "Mudah dibayangkan" in text and "<textarea" not in text and 'type="checkbox"' not in text


# --- completeness --------------------------------------------------------------------------------

def fill_vision(masterplan, **overrides):
    values = {name: f"Isi {name}" for name in Vision.TEXT_FIELDS}
    Vision.objects.filter(masterplan=masterplan).update(**{**values, **overrides})


def test_vision_section_counts_eight_items(world):
    own, other = world.masterplans["own"], world.masterplans["other"]
    assert vision_completion([own])[own.pk].total == 8
    fill_vision(own, rpjmd_mission="")  # the RPJMD group needs both texts
    Mission.objects.create(masterplan=own, text="Misi")
    VisionCheck.objects.filter(masterplan=own).update(justification="Alasan")
    VisionCheck.objects.filter(masterplan=own, kind="quality", number=7).update(justification="")
    progress = vision_completion([own, other])
    assert (progress[own.pk].done, progress[other.pk].done) == (6, 0)
    items = dict(vision.completeness([own])[own.pk])
    assert not items["Visi dan misi RPJMD"]
    assert not items["Daftar periksa visi dicentang atau diberi alasan"]
    VisionCheck.objects.filter(masterplan=own, kind="quality", number=7).update(met=True)
    fill_vision(own)
    assert vision_completion([own])[own.pk].done == 8


def test_vision_section_costs_the_same_queries_for_many_masterplans(world):
    own = world.masterplans["own"]
    with CaptureQueriesContext(connection) as one:
        vision_completion([own])
    many = [own, world.masterplans["other"]] + [
        MasterplanFactory(region=world.own, is_current=False) for _ in range(3)]
    for masterplan in many:
        Mission.objects.create(masterplan=masterplan, text="Misi")
    with CaptureQueriesContext(connection) as five:
        result = vision_completion(many)
    assert len(five) == len(one)
    assert all(result[mp.pk].done == 1 for mp in many)
