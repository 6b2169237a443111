"""No lost updates: the version check in the shared edit layer."""

import pytest
from django.urls import reverse

from masterplan.editing import VersionConflict, save_versioned
from masterplan.forms import MasterplanForm
from masterplan.models import Masterplan

pytestmark = pytest.mark.django_db


def form_data(masterplan, **changes):
    form = MasterplanForm(instance=masterplan)
    data = {name: form[name].value() for name in form.fields}
    data.update(changes)
    return data


def test_second_save_from_the_same_version_is_refused_with_the_other_change(world):
    masterplan = world.masterplans["own"]
    original_title = masterplan.title
    first = MasterplanForm(form_data(masterplan, title="Judul dari Ani"), instance=masterplan)
    second_instance = Masterplan.objects.get(pk=masterplan.pk)
    second = MasterplanForm(form_data(second_instance, title="Judul dari Budi",
                                      period_years=5), instance=second_instance)
    assert first.is_valid() and second.is_valid()
    save_versioned(first, world.user("ketua"))

    with pytest.raises(VersionConflict) as raised:
        save_versioned(second, world.user("anggota"))

    changes = {c.label: (c.before, c.after) for c in raised.value.changes}
    assert changes == {"Judul": (original_title, "Judul dari Ani")}
    assert raised.value.current.updated_by == world.user("ketua")
    stored = Masterplan.objects.get(pk=masterplan.pk)
    assert (stored.title, stored.period_years, stored.version) == ("Judul dari Ani", 10, 2)


def test_a_field_both_changed_must_be_chosen_before_saving_again(world):
    masterplan = world.masterplans["own"]
    stale = form_data(masterplan, title="Versi saya")
    Masterplan.objects.filter(pk=masterplan.pk).update(version=5, title="Versi orang lain")
    form = MasterplanForm(stale, instance=Masterplan.objects.get(pk=masterplan.pk))
    assert form.is_valid()
    with pytest.raises(VersionConflict) as raised:
        save_versioned(form, world.user("ketua"))
    rebased = form.rebased(raised.value)
    assert rebased["title"].value() == "Versi saya"
    [change] = rebased.conflict.changes
    assert (change.after, change.mine, change.clash) == ("Versi orang lain", "Versi saya", True)
    # Submitting the rebased page again without choosing is refused with a message.
    resubmitted = MasterplanForm(rebased.data, instance=Masterplan.objects.get(pk=masterplan.pk))
    assert not resubmitted.is_valid()
    assert resubmitted.errors["pilihan__title"] == [
        "Pilih isian yang disimpan untuk “Judul”: isian Anda atau isian mereka."]
    for choice, title in (("mereka", "Versi orang lain"), ("anda", "Versi saya")):
        chosen = MasterplanForm({**rebased.data, "pilihan__title": choice},
                                instance=Masterplan.objects.get(pk=masterplan.pk))
        assert chosen.is_valid() and chosen.cleaned_data["title"] == title
    chosen = MasterplanForm({**rebased.data, "pilihan__title": "mereka"},
                            instance=Masterplan.objects.get(pk=masterplan.pk))
    assert chosen.is_valid()
    save_versioned(chosen, world.user("ketua"))
    assert Masterplan.objects.get(pk=masterplan.pk).title == "Versi orang lain"


def test_a_field_only_the_other_person_changed_keeps_their_value(world):
    masterplan = world.masterplans["own"]
    stale = form_data(masterplan, period_years=5)
    Masterplan.objects.filter(pk=masterplan.pk).update(version=5, title="Versi orang lain")
    form = MasterplanForm(stale, instance=Masterplan.objects.get(pk=masterplan.pk))
    assert form.is_valid()
    with pytest.raises(VersionConflict) as raised:
        save_versioned(form, world.user("ketua"))
    rebased = form.rebased(raised.value)
    assert (rebased["title"].value(), rebased["period_years"].value()) == ("Versi orang lain", 5)
    assert not rebased.clashes
    again = MasterplanForm(rebased.data, instance=Masterplan.objects.get(pk=masterplan.pk))
    assert again.is_valid()
    save_versioned(again, world.user("ketua"))
    stored = Masterplan.objects.get(pk=masterplan.pk)
    assert (stored.title, stored.period_years) == ("Versi orang lain", 5)


def test_the_edit_page_answers_422_with_the_conflict_and_changes_nothing(client, world):
    masterplan = world.masterplans["own"]
    url = reverse("masterplan_edit", kwargs={"region_code": world.own.code,
                                             "masterplan_pk": masterplan.pk})
    stale = form_data(masterplan, title="Judul saya")
    client.force_login(world.user("ketua"))
    # Someone else saves first through the same page.
    client.post(url, form_data(masterplan, title="Judul rekan"))
    response = client.post(url, stale)
    assert response.status_code == 422
    text = response.content.decode()
    assert "sudah diubah oleh" in text
    assert "Judul rekan" in text
    assert Masterplan.objects.get(pk=masterplan.pk).title == "Judul rekan"


def test_invalid_input_is_refused_with_a_message_and_nothing_saved(client, world):
    masterplan = world.masterplans["own"]
    url = reverse("masterplan_edit", kwargs={"region_code": world.own.code,
                                             "masterplan_pk": masterplan.pk})
    client.force_login(world.user("anggota"))
    response = client.post(url, form_data(masterplan, title="Baru", period_years="sepuluh"))
    assert response.status_code == 422
    assert "Masukkan keseluruhan angka bilangan" in response.content.decode()
    stored = Masterplan.objects.get(pk=masterplan.pk)
    assert (stored.title, stored.version) == (masterplan.title, 1)
