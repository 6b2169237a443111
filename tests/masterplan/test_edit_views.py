"""The generic views of masterplan.views.editing, declared here over swot's missions the way an
app declares its pages: only the form, the object, the services, the message, the redirect and
the refused answer; the POST (permission, validation, version checks, ordering) is theirs."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.urls import path, reverse

from masterplan import access
from masterplan.models import Masterplan
from masterplan.urls import urlpatterns as project_urlpatterns
from masterplan.views.base import MasterplanMixin
from masterplan.views.editing import ObjectDeleteView, ObjectFormView, ObjectMoveView
from swot import vision
from swot.models import Mission

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]


class MissionPage(MasterplanMixin):
    action = access.EDIT

    def get_object(self):
        return access.scoped_get(Mission.objects.filter(masterplan=self.masterplan),
                                 self.request.user, access.EDIT, pk=self.kwargs["mission_pk"])

    def get_success_url(self, mission):
        return f"/halaman-misi/#misi-{mission.pk}"

    def render_refused(self, error):
        return HttpResponse(error, status=422)


class MissionEdit(MissionPage, ObjectFormView):
    form_class = vision.MissionForm
    success_message = "Misi “%(text)s” disimpan."

    def save(self, form):
        return vision.save_mission(form, self.masterplan, self.request.user)

    def form_refused(self, form):
        return JsonResponse({
            "errors": [str(error) for errors in form.errors.values() for error in errors],
            "choices": [str(label) for field in form.clash_fields()
                        for _value, label in field.field.choices],
            "text": form["text"].value()}, status=422)


class RefusingMissionEdit(MissionEdit):
    def save(self, form):
        raise ValidationError("Layanan menolak misi ini.")


class MissionDelete(MissionPage, ObjectDeleteView):
    success_message = "Misi dihapus."

    def delete(self, mission, seen_version):
        vision.delete_mission(mission, seen_version)


class MissionMove(MissionPage, ObjectMoveView):
    def move(self, mission, direction):
        return vision.move_mission(mission, direction)


urlpatterns = [
    path("uji/<str:region_code>/misi/<int:mission_pk>/ubah/", MissionEdit.as_view(), name="uji_edit"),
    path("uji/<str:region_code>/misi/<int:mission_pk>/tolak/", RefusingMissionEdit.as_view(),
         name="uji_refuse"),
    path("uji/<str:region_code>/misi/<int:mission_pk>/hapus/", MissionDelete.as_view(),
         name="uji_delete"),
    path("uji/<str:region_code>/misi/<int:mission_pk>/pindah/", MissionMove.as_view(),
         name="uji_move"),
    *project_urlpatterns,
]


def url(name, world, mission):
    return reverse(name, kwargs={"region_code": world.own.code, "mission_pk": mission.pk})


def mission(world, text="Misi lama", **fields):
    return Mission.objects.create(masterplan=world.masterplans["own"], text=text, **fields)


def edit_data(form_of, text):
    """What the browser posts after loading the edit form of `form_of` and typing `text`."""
    form = vision.MissionForm(instance=form_of)
    return {"text": text, "version": str(form.initial["version"]),
            "snapshot": form.initial["snapshot"]()}


def flashed(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_saved_edit_redirects_to_the_anchor_with_the_message_of_the_object(client, module_world):
    row = mission(module_world)
    client.force_login(module_world.user("anggota"))
    response = client.post(url("uji_edit", module_world, row), edit_data(row, "Misi baru"))
    assert response.status_code == 302 and response["Location"] == f"/halaman-misi/#misi-{row.pk}"
    assert flashed(response) == ["Misi “Misi baru” disimpan."]
    row.refresh_from_db()
    assert (row.text, row.version, row.updated_by) == ("Misi baru", 2, module_world.user("anggota"))


def test_a_stale_edit_is_refused_422_with_both_values_and_saves_nothing(client, module_world):
    row = mission(module_world)
    loaded = edit_data(row, "Misi anggota")  # the anggota's page, loaded at version 1
    client.force_login(module_world.user("ketua"))
    assert client.post(url("uji_edit", module_world, row),
                       edit_data(row, "Misi ketua")).status_code == 302
    client.force_login(module_world.user("anggota"))
    response = client.post(url("uji_edit", module_world, row), loaded)
    assert response.status_code == 422
    answer = response.json()
    assert any("sudah diubah oleh" in error for error in answer["errors"])
    assert answer["choices"] == ["Isian Anda: Misi anggota", "Isian mereka: Misi ketua"]
    row.refresh_from_db()
    assert (row.text, row.version) == ("Misi ketua", 2)


def test_refused_input_answers_422_with_the_form_errors(client, module_world):
    row = mission(module_world)
    client.force_login(module_world.user("anggota"))
    response = client.post(url("uji_edit", module_world, row), edit_data(row, ""))
    assert response.status_code == 422
    assert response.json()["errors"] == ["Tuliskan misinya; misi kosong tidak disimpan."]


def test_a_service_refusal_is_shown_on_the_form(client, module_world):
    row = mission(module_world)
    client.force_login(module_world.user("anggota"))
    response = client.post(url("uji_refuse", module_world, row), edit_data(row, "Misi baru"))
    assert response.status_code == 422
    assert response.json() == {"errors": ["Layanan menolak misi ini."], "choices": [],
                               "text": "Misi baru"}


def test_a_stale_delete_is_refused_with_the_message_and_deletes_nothing(client, module_world):
    row = mission(module_world)
    Mission.objects.filter(pk=row.pk).update(version=2, text="Misi diubah",
                                             updated_by=module_world.user("ketua"))
    client.force_login(module_world.user("anggota"))
    response = client.post(url("uji_delete", module_world, row), {"version": "1"})
    assert response.status_code == 422
    text = response.content.decode()
    assert "“Misi diubah” sudah diubah oleh" in text and "belum dihapus" in text
    assert Mission.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("version", ["", "satu", "0"])
def test_a_delete_without_a_readable_version_is_refused(client, module_world, version):
    row = mission(module_world)
    client.force_login(module_world.user("anggota"))
    response = client.post(url("uji_delete", module_world, row), {"version": version})
    assert response.status_code == 422
    assert "Versi data tidak terbaca" in response.content.decode()
    assert Mission.objects.filter(pk=row.pk).exists()


def test_a_delete_of_the_version_seen_redirects_with_the_message(client, module_world):
    row = mission(module_world)
    client.force_login(module_world.user("anggota"))
    response = client.post(url("uji_delete", module_world, row), {"version": "1"})
    assert response.status_code == 302 and flashed(response) == ["Misi dihapus."]
    assert not Mission.objects.filter(pk=row.pk).exists()


def test_a_move_swaps_with_the_neighbour_and_renumbers(client, module_world):
    first, second, third = (mission(module_world, text, position=position)
                            for text, position in (("Satu", 0), ("Dua", 4), ("Tiga", 9)))
    client.force_login(module_world.user("anggota"))
    response = client.post(url("uji_move", module_world, third), {"arah": "naik"})
    assert response.status_code == 302 and response["Location"].endswith(f"#misi-{third.pk}")
    assert flashed(response) == []
    rows = Mission.objects.filter(masterplan=module_world.masterplans["own"])
    assert list(rows.order_by("position").values_list("text", "position", "version")) == [
        ("Satu", 0, 1), ("Tiga", 1, 1), ("Dua", 2, 1)]  # the order is not content: no new version


def test_a_move_in_an_unknown_direction_is_refused(client, module_world):
    row = mission(module_world)
    client.force_login(module_world.user("anggota"))
    response = client.post(url("uji_move", module_world, row), {"arah": "samping"})
    assert response.status_code == 422
    assert response.content.decode() == "Arah pemindahan tidak dikenal."


@pytest.mark.parametrize("name", ["uji_edit", "uji_delete", "uji_move"])
def test_a_reader_is_refused(client, module_world, name):
    row = mission(module_world)
    client.force_login(module_world.user("dewan"))
    response = client.post(url(name, module_world, row),
                           {**edit_data(row, "Misi dewan"), "arah": "naik"})
    assert response.status_code == 403
    assert Mission.objects.get(pk=row.pk).text == "Misi lama"


@pytest.mark.parametrize("name", ["uji_edit", "uji_delete", "uji_move"])
def test_a_frozen_masterplan_refuses_every_change(client, module_world, name):
    row = mission(module_world)
    Masterplan.objects.filter(pk=module_world.masterplans["own"].pk).update(status="diajukan")
    client.force_login(module_world.user("anggota"))
    response = client.post(url(name, module_world, row),
                           {**edit_data(row, "Misi beku"), "arah": "naik"})
    assert response.status_code == 403
    assert "hanya dapat diubah saat berstatus draf atau perlu revisi" in response.content.decode()
    assert Mission.objects.get(pk=row.pk).text == "Misi lama"


def test_the_edit_page_of_a_frozen_masterplan_is_refused(client, module_world):
    row = mission(module_world)
    Masterplan.objects.filter(pk=module_world.masterplans["own"].pk).update(status="final")
    client.force_login(module_world.user("anggota"))
    page = reverse("mission_edit", kwargs={"region_code": module_world.own.code,
                                           "mission_pk": row.pk})
    assert client.get(page).status_code == 403
