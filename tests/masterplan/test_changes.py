"""The 'changes since the last submission' diff."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from masterplan import changes, workflow
from readiness.models import ReadinessEntry
from readiness.services import add_extra_component, sub_area_by_slug
from swot.models import Strategy, SwotItem

pytestmark = pytest.mark.django_db


def later(seconds=1):
    return timezone.now() + datetime.timedelta(seconds=seconds)


def entry(masterplan, number=1):
    return ReadinessEntry.objects.get(masterplan=masterplan, sub_area__code="human_resources",
                                      component__number=number)


def test_nothing_changed_right_after_creation(world):
    assert changes.changes(world.masterplans["own"], timezone.now()) == {}


def test_changed_fields_show_old_and_new_values(world):
    masterplan = world.masterplans["own"]
    row = entry(masterplan)
    row.value_text, row.interpretation = "lama", "sedang"
    row.save()
    since = timezone.now()
    row.value_text, row.interpretation = "baru", "baik"
    row.save()
    result = changes.changes(masterplan, since, later())
    [change] = result["Analisis kesiapan"]
    assert (change.kind, change.label) == ("changed", row.component.text)
    fields = {f.label: (f.before, f.after) for f in change.fields}
    assert fields == {"Nilai/kondisi": ("lama", "baru"), "Interpretasi": ("Sedang", "Baik")}


def test_added_and_removed_objects(world):
    masterplan = world.masterplans["own"]
    sub_area = sub_area_by_slug(masterplan.edition_id, "ii-2")
    doomed = add_extra_component(masterplan=masterplan, sub_area=sub_area, text="Akan dihapus",
                                 user=None)
    since = timezone.now()
    add_extra_component(masterplan=masterplan, sub_area=sub_area, text="Baru ditambah", user=None)
    doomed.delete()
    kinds = {(c.kind, c.label) for c in changes.changes(masterplan, since, later())[
        "Analisis kesiapan"]}
    assert kinds == {("added", "Baru ditambah"), ("removed", "Akan dihapus")}


def test_added_then_removed_within_the_period_is_not_shown(world):
    masterplan = world.masterplans["own"]
    since = timezone.now()
    extra = add_extra_component(masterplan=masterplan, text="Sementara", user=None,
                                sub_area=sub_area_by_slug(masterplan.edition_id, "ii-2"))
    extra.delete()
    assert changes.changes(masterplan, since, later()) == {}


def test_many_to_many_changes_are_listed(world):
    masterplan = world.masterplans["own"]
    worksheet = masterplan.worksheets.first()
    strength = SwotItem.objects.create(worksheet=worksheet, factor="S", text="SDM kompeten")
    chance = SwotItem.objects.create(worksheet=worksheet, factor="O", text="Perguruan tinggi")
    strategy = Strategy.objects.create(worksheet=worksheet, quadrant="SO", text="Kolaborasi")
    strategy.items.set([strength])
    since = timezone.now()
    strategy.items.add(chance)
    result = changes.changes(masterplan, since, later())["Analisis SWOT dan strategi TOWS"]
    [change] = [c for c in result if c.label.endswith("Kolaborasi")]
    [item_change] = change.fields
    assert item_change.before == "S1 SDM kompeten"
    assert item_change.after == "S1 SDM kompeten, O1 Perguruan tinggi"  # in creation order


def test_other_masterplans_changes_are_not_included(world):
    since = timezone.now()
    row = entry(world.masterplans["other"])
    row.value_text = "lain"
    row.save()
    assert changes.changes(world.masterplans["own"], since, later()) == {}


def test_page_defaults_to_the_last_submission(client, world):
    masterplan = world.masterplans["own"]
    before = entry(masterplan, 1)
    before.value_text = "sebelum pengajuan"
    before.save()
    workflow.apply(masterplan, "submit", world.user("ketua"), bimtek_number=1)
    workflow.apply(masterplan, "revise", world.user("pembimbing"), comment="Perbaiki")
    after = entry(masterplan, 2)
    after.value_text = "setelah revisi"
    after.save()
    client.force_login(world.user("pembimbing"))
    text = client.get(reverse("masterplan_changes", kwargs={"region_code": world.own.code})
                      ).content.decode()
    assert "setelah revisi" in text and "sebelum pengajuan" not in text
    assert "1 perubahan sejak" in text
