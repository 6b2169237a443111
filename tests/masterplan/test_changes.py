"""The changes since a point of the review history: what changed, in Indonesian and written as
the pages write values, and which point the page compares with by default."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from masterplan import changes, workflow
from masterplan.change_display import EMPTY
from readiness.models import BenchmarkCity, CompetitivenessIndicator, CompetitivenessValue, ReadinessEntry
from readiness.services import add_extra_component, sub_area_by_slug
from swot.models import Strategy, SwotItem

from ..roadmap.program_helpers import add_financing, add_kpi, make_opd, make_program

pytestmark = pytest.mark.django_db


def later(seconds=1):
    return timezone.now() + datetime.timedelta(seconds=seconds)


def entry(masterplan, number=1):
    return ReadinessEntry.objects.get(masterplan=masterplan, sub_area__code="human_resources",
                                      component__number=number)


def fields_of(change):
    return {f.label: (f.before, f.after) for f in change.fields}


def only(masterplan, section, since):
    [change] = changes.section_changes(masterplan, section, since, later())
    return change


def test_nothing_changed_right_after_creation(world):
    masterplan = world.masterplans["own"]
    assert changes.diff(masterplan, timezone.now()) == []
    assert changes.summary(masterplan, timezone.now()) == []


def test_changed_fields_show_old_and_new_values_as_the_pages_write_them(world):
    masterplan = world.masterplans["own"]
    row = entry(masterplan)
    row.value_text, row.interpretation, row.value_number = "lama", "sedang", Decimal("1.234")
    row.save()
    since = timezone.now()
    row.value_text, row.interpretation, row.value_number = "baru", "baik", Decimal("1234")
    row.source_year = 2025
    row.save()
    change = only(masterplan, "readiness", since)
    assert (change.kind, change.kind_label, change.model_label, change.label) == (
        "changed", "diubah", "Isian kesiapan", row.component.text)
    assert fields_of(change) == {"Nilai/kondisi": ("lama", "baru"),
                                 "Angka": ("1,234", "1.234"),
                                 "Interpretasi": ("Sedang", "Baik"),
                                 "Tahun data": (EMPTY, "2025")}


def test_the_same_number_stored_differently_is_no_change(world):
    masterplan = world.masterplans["own"]
    row = entry(masterplan)
    row.value_number = Decimal("12.5")
    row.save()
    since = timezone.now()
    row.value_number = Decimal("12.5000")
    row.save()
    assert changes.diff(masterplan, since, later()) == []


def test_rupiah_dates_foreign_keys_and_yes_no_are_written_for_people(world):
    masterplan = world.masterplans["own"]
    opd = make_opd(world.own)
    since = timezone.now()
    program = make_program(masterplan, name="Portal layanan", lead_opd=opd, is_quick_win=True)
    add_financing(program, 2027, "apbd", "1500000")
    regulation = masterplan.regulations.first()
    regulation.date, regulation.status = datetime.date(2026, 12, 4), "ditetapkan"
    regulation.save()
    program_change, financing = changes.section_changes(masterplan, "programs", since, later())
    assert (program_change.kind, program_change.model_label) == ("added", "Program")
    values = fields_of(program_change)
    assert values["OPD pelaksana utama"] == (EMPTY, "Diskominfo")
    assert values["Quick win"] == (EMPTY, "Ya")
    assert values["Integrasi Smart e-Gov"] == (EMPTY, "Tidak")
    assert values["Tahun mulai"] == (EMPTY, str(masterplan.start_year))  # a year, not "2.026"
    assert values["Jangka"] == (EMPTY, "Jangka pendek (1 tahun)")
    assert (financing.model_label, financing.label) == ("Pembiayaan", "Portal layanan · 2027 · APBD")
    assert fields_of(financing)["Jumlah (rupiah)"] == (EMPTY, "Rp 1.500.000")
    change = only(masterplan, "institutions", since)
    assert (change.model_label, change.label) == ("Regulasi", regulation.title)
    assert fields_of(change) == {"Status": ("Belum ada", "Ditetapkan"),
                                 "Tanggal": (EMPTY, "4 Desember 2026")}


def test_every_tracked_model_and_field_has_an_indonesian_name():
    indonesian_already = {"program", "sasaran", "status", "unsur", "eselon"}
    unnamed = []
    for tracked in changes.tracked_models():
        if "verbose_name" not in tracked.model._meta.original_attrs:
            unnamed.append(tracked.model._meta.label)
        for model_field in tracked.compared_fields():
            if "verbose_name" not in model_field.deconstruct()[3] \
                    and model_field.name not in indonesian_already:
                unnamed.append(f"{tracked.model._meta.label}.{model_field.name}")
    assert unnamed == []


def test_every_section_is_a_dashboard_section_with_a_page(world):
    keys = changes.section_keys()
    assert {t.section for t in changes.tracked_models()} == set(keys)
    assert keys[:3] == ["outlook", "readiness", "performance"]


def test_added_and_removed_objects(world):
    masterplan = world.masterplans["own"]
    sub_area = sub_area_by_slug(masterplan.edition_id, "ii-2")
    doomed = add_extra_component(masterplan=masterplan, sub_area=sub_area, text="Akan dihapus",
                                 user=None)
    since = timezone.now()
    add_extra_component(masterplan=masterplan, sub_area=sub_area, text="Baru ditambah",
                        user=world.user("anggota"))
    doomed.delete()
    removed, added = changes.section_changes(masterplan, "readiness", since, later())
    assert (removed.kind, removed.label, removed.fields) == ("removed", "Akan dihapus", [])
    assert (added.kind, added.label, added.author) == ("added", "Baru ditambah",
                                                       str(world.user("anggota")))
    assert fields_of(added)["Komponen tambahan"] == (EMPTY, "Baru ditambah")


def test_added_then_removed_within_the_period_is_not_shown(world):
    masterplan = world.masterplans["own"]
    since = timezone.now()
    extra = add_extra_component(masterplan=masterplan, text="Sementara", user=None,
                                sub_area=sub_area_by_slug(masterplan.edition_id, "ii-2"))
    extra.delete()
    assert changes.diff(masterplan, since, later()) == []


def test_a_removed_row_is_named_after_what_it_pointed_at_even_when_that_is_gone(world):
    masterplan = world.masterplans["own"]
    indicator = CompetitivenessIndicator.objects.create(masterplan=masterplan, name="IPM")
    city = BenchmarkCity.objects.create(masterplan=masterplan, name="Kota Surabaya",
                                        scope="nasional")
    CompetitivenessValue.objects.create(indicator=indicator, city=city, value=Decimal("81.2"))
    since = timezone.now()
    city.delete()  # and its value with it
    labels = {(c.model_label, c.kind, c.label)
              for c in changes.section_changes(masterplan, "outlook", since, later())}
    assert labels == {("Kota pembanding", "removed", "Kota Surabaya"),
                      ("Nilai daya saing", "removed", "IPM · Kota Surabaya")}


def test_many_to_many_changes_are_listed(world):
    masterplan = world.masterplans["own"]
    worksheet = masterplan.worksheets.first()
    strength = SwotItem.objects.create(worksheet=worksheet, factor="S", text="SDM kompeten")
    chance = SwotItem.objects.create(worksheet=worksheet, factor="O", text="Perguruan tinggi")
    strategy = Strategy.objects.create(worksheet=worksheet, quadrant="SO", text="Kolaborasi")
    strategy.items.set([strength])
    since = timezone.now()
    strategy.items.add(chance)
    change = only(masterplan, "swot", since)
    assert (change.model_label, change.label) == ("Strategi", "SO1 Kolaborasi")
    assert fields_of(change) == {"Butir yang dipadukan": (
        "S1 SDM kompeten", "S1 SDM kompeten, O1 Perguruan tinggi")}  # in creation order


def test_other_masterplans_changes_are_not_included(world):
    since = timezone.now()
    row = entry(world.masterplans["other"])
    row.value_text = "lain"
    row.save()
    assert changes.diff(world.masterplans["own"], since, later()) == []


def test_summary_counts_each_kind_per_section_in_the_dashboards_order(world):
    masterplan = world.masterplans["own"]
    since = timezone.now()
    program = make_program(masterplan)
    add_kpi(program, targets={2026: "10", 2027: "20"})
    row = entry(masterplan)
    row.value_text = "diisi"
    row.save()
    summary = changes.summary(masterplan, since, later())
    assert [(s.key, s.counts, s.total) for s in summary] == [
        ("readiness", {"removed": 0, "changed": 1, "added": 0}, 1),
        ("programs", {"removed": 0, "changed": 0, "added": 4}, 4)]
    assert summary[1].parts == [(4, "ditambahkan")]
    assert summary[1].url == reverse("program_list", kwargs={"region_code": world.own.code})


def test_the_summary_up_to_now_is_reused_until_the_content_changes(world,
                                                                   django_assert_num_queries):
    masterplan = world.masterplans["own"]
    since = timezone.now()
    row = entry(masterplan)
    row.value_text = "diisi"
    row.save()
    first = changes.summary(masterplan, since)
    assert [(s.key, s.total) for s in first] == [("readiness", 1)]
    with django_assert_num_queries(1):  # the committed content version; nothing computed
        assert [(s.key, s.total) for s in changes.summary(masterplan, since)] == [("readiness", 1)]
    make_program(masterplan)
    assert [(s.key, s.total) for s in changes.summary(masterplan, since)] == [
        ("readiness", 1), ("programs", 1)]


def submit(masterplan, world, number=1):
    return workflow.apply(masterplan, "submit", world.user("ketua"), bimtek_number=number)


def test_default_is_the_last_submission_the_content_differs_from(world):
    masterplan = world.masterplans["own"]
    first = submit(masterplan, world)
    workflow.apply(masterplan, "revise", world.user("pembimbing"), comment="Perbaiki")
    row = entry(masterplan)
    row.value_text = "setelah revisi"
    row.save()
    assert changes.default_since(masterplan) == first.changed_at  # not yet submitted again
    submit(masterplan, world)  # submitted again: nothing changed since, so compare with the first
    assert changes.default_since(masterplan) == first.changed_at
    [change] = changes.diff(masterplan, changes.default_since(masterplan))
    assert change.new.value_text == "setelah revisi"


def test_default_is_the_start_when_nothing_changed_after_any_submission(world):
    masterplan = world.masterplans["own"]
    submit(masterplan, world)
    assert changes.default_since(masterplan) == masterplan.created_at


def test_last_content_change_is_the_latest_record_of_any_tracked_model(world):
    masterplan = world.masterplans["own"]
    before = changes.last_content_change(masterplan)
    assert before is not None and before >= masterplan.created_at  # the rows made at the start
    program = make_program(masterplan)
    saved = program.history.latest().history_date
    assert changes.last_content_change(masterplan) == saved
    assert changes.last_content_change(world.masterplans["other"]) < saved
