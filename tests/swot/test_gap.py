"""Gap analysis (Tabel II.11): tagging, evidence and strategies of the same masterplan, order,
versioned edits and deletes, the pages and the dashboard section."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from masterplan import ordering
from masterplan.editing import VersionConflict
from masterplan.models import Masterplan
from readiness.models import ReadinessElement
from swot import gap
from swot.dashboard_sections_targets import gap_completion
from swot.models import GapRow, Strategy, SwotItem, Worksheet

from ..factories import MasterplanFactory
from .strategic_helpers import dimension, form_data

pytestmark = pytest.mark.django_db

TEXTS = {"to_be": "Semua perizinan daring", "as_is": "Baru 60% layanan daring",
         "action": "Integrasi portal layanan"}


def subject(masterplan, code):
    """The posted subject key of a dimension ("governance") or readiness element ("structure")."""
    element = ReadinessElement.objects.filter(edition=masterplan.edition_id, code=code).first()
    if element is not None:
        return f"r{element.pk}"
    return f"d{dimension(masterplan, code).pk}"


def make_row(masterplan, code="governance", **fields):
    form = gap.GapRowForm({**TEXTS, "subject": subject(masterplan, code), **fields},
                          instance=GapRow(), masterplan=masterplan)
    assert form.is_valid(), form.errors
    return gap.save_row(form, None)


def strategy_of(masterplan, code="governance"):
    worksheet = Worksheet.objects.get(masterplan=masterplan, dimension=dimension(masterplan, code))
    item = SwotItem.objects.create(worksheet=worksheet, factor="S", text="Pusat data kota")
    strategy = Strategy.objects.create(worksheet=worksheet, quadrant="SO", text="Bangun portal")
    strategy.items.add(item)
    return strategy


def buruk_entry(masterplan):
    entry = masterplan.readiness_entries.filter(component__isnull=False).order_by("pk").first()
    entry.interpretation = "buruk"
    entry.save()
    return entry


# --- the form and services -----------------------------------------------------------------------

def test_a_row_is_tagged_with_exactly_one_subject(world):
    masterplan = world.masterplans["own"]
    row = make_row(masterplan, "structure")
    assert (row.dimension_id, row.readiness_element.code) == (None, "structure")
    form = gap.GapRowForm(form_data(gap.GapRowForm(instance=row, masterplan=masterplan),
                                    subject=subject(masterplan, "living")),
                          instance=row, masterplan=masterplan)
    assert form.is_valid(), form.errors
    row = gap.save_row(form, world.user("anggota"))
    row.refresh_from_db()
    assert (row.dimension.code, row.readiness_element_id, row.version) == ("living", None, 2)


@pytest.mark.parametrize("posted,message", [
    ("", "Pilih satu dimensi atau satu elemen kesiapan."),
    ("d999999", "Pilih dimensi atau elemen kesiapan dari panduan masterplan ini."),
    ("x1", "Pilih dimensi atau elemen kesiapan dari panduan masterplan ini."),
])
def test_a_row_without_a_valid_subject_is_refused(world, posted, message):
    masterplan = world.masterplans["own"]
    form = gap.GapRowForm({**TEXTS, "subject": posted}, instance=GapRow(), masterplan=masterplan)
    assert not form.is_valid()
    assert form.errors["subject"] == [message]


def test_empty_texts_are_refused(world):
    masterplan = world.masterplans["own"]
    form = gap.GapRowForm({"to_be": "  ", "as_is": "", "action": "",
                           "subject": subject(masterplan, "governance")},
                          instance=GapRow(), masterplan=masterplan)
    assert not form.is_valid()
    assert form.errors["to_be"] == ["Tuliskan kondisi masa yang akan datang (to be)."]
    assert form.errors["action"] == ["Tuliskan strategi, program kerja atau langkah aksinya."]


def test_evidence_and_strategies_only_from_the_same_masterplan(world):
    own, other = world.masterplans["own"], world.masterplans["other"]
    own_entry, own_strategy = buruk_entry(own), strategy_of(own)
    row = make_row(own, evidence=[own_entry.pk], strategies=[own_strategy.pk])
    assert list(row.evidence.all()) == [own_entry]
    assert list(row.strategies.all()) == [own_strategy]

    foreign_entry, foreign_strategy = buruk_entry(other), strategy_of(other)
    form = gap.GapRowForm({**TEXTS, "subject": subject(own, "governance"),
                           "evidence": [foreign_entry.pk], "strategies": [foreign_strategy.pk]},
                          instance=GapRow(), masterplan=own)
    assert not form.is_valid()
    assert form.errors["evidence"] == ["Komponen kesiapan yang dipilih bukan milik masterplan ini."]
    assert form.errors["strategies"] == [
        "Strategi yang dipilih bukan milik kertas kerja SWOT masterplan ini."]


def test_rows_are_added_at_the_end_and_moved(world):
    masterplan = world.masterplans["own"]
    first, second, third = (make_row(masterplan, code) for code in
                            ("governance", "branding", "economy"))
    assert [r.position for r in (first, second, third)] == [0, 1, 2]
    assert gap.move_row(third, ordering.UP)
    assert list(gap.rows_of(masterplan)) == [first, third, second]
    assert not gap.move_row(first, ordering.UP)  # already at the top
    assert gap.move_row(first, ordering.DOWN)
    assert list(gap.rows_of(masterplan)) == [third, first, second]
    assert sorted(GapRow.objects.values_list("position", flat=True)) == [0, 1, 2]
    first.refresh_from_db()
    assert first.version == 1  # the order is not the row's content


def test_concurrent_edit_is_refused_with_the_other_persons_change(world):
    masterplan = world.masterplans["own"]
    row = make_row(masterplan)
    mine = form_data(gap.GapRowForm(instance=row, masterplan=masterplan))
    theirs = gap.GapRowForm(form_data(gap.GapRowForm(instance=row, masterplan=masterplan),
                                      as_is="Baru 65% layanan daring",
                                      subject=subject(masterplan, "structure")),
                            instance=GapRow.objects.get(pk=row.pk), masterplan=masterplan)
    assert theirs.is_valid()
    gap.save_row(theirs, world.user("ketua"))
    stale = gap.GapRowForm({**mine, "to_be": "Versi saya"}, instance=GapRow.objects.get(pk=row.pk),
                           masterplan=masterplan)
    assert stale.is_valid()
    with pytest.raises(VersionConflict) as refused:
        gap.save_row(stale, world.user("anggota"))
    changes = {change.label: (change.before, change.after) for change in refused.value.changes}
    assert changes["Kondisi saat ini (as is)"] == ("Baru 60% layanan daring",
                                                   "Baru 65% layanan daring")
    assert changes["Dimensi atau elemen kesiapan"] == ("Smart Governance", "Kesiapan Struktur")
    row.refresh_from_db()
    assert row.to_be == TEXTS["to_be"]


def test_delete_needs_the_version_that_was_seen(world):
    masterplan = world.masterplans["own"]
    row = make_row(masterplan)
    GapRow.objects.filter(pk=row.pk).update(version=2)  # someone saved it meanwhile
    with pytest.raises(ordering.RowChanged):
        gap.delete_row(row, 1)
    assert GapRow.objects.filter(pk=row.pk).exists()
    gap.delete_row(row, 2)
    assert not GapRow.objects.filter(pk=row.pk).exists()


# --- pages ---------------------------------------------------------------------------------------

def url(name, world, **kwargs):
    return reverse(name, kwargs={"region_code": world.own.code, **kwargs})


def test_anggota_adds_a_row_through_the_page(client, world):
    masterplan = world.masterplans["own"]
    entry = buruk_entry(masterplan)
    client.force_login(world.user("anggota"))
    page = client.get(url("gap_row_add", world) + "?subjek=" + subject(masterplan, "structure"))
    assert page.status_code == 200
    assert f'value="{subject(masterplan, "structure")}" selected' in page.content.decode()
    response = client.post(url("gap_row_add", world), {
        **TEXTS, "subject": subject(masterplan, "structure"), "evidence": [entry.pk]})
    row = GapRow.objects.get(masterplan=masterplan)
    assert response.status_code == 302 and response["Location"].endswith(f"#baris-{row.pk}")
    table = client.get(url("gap_analysis", world)).content.decode()
    assert TEXTS["to_be"] in table and "Kesiapan Struktur" in table and "Buruk" in table


def test_bad_input_answers_422_with_messages_and_saves_nothing(client, world):
    client.force_login(world.user("ketua"))
    response = client.post(url("gap_row_add", world), {"to_be": "Sesuatu", "as_is": "",
                                                       "action": "", "subject": ""})
    assert response.status_code == 422
    text = response.content.decode()
    assert "Tuliskan kondisi saat ini (as is)." in text
    assert "Pilih satu dimensi atau satu elemen kesiapan." in text
    assert 'Sesuatu</textarea>' in text  # the input is kept
    assert not GapRow.objects.exists()


def test_edit_conflict_answers_422_and_keeps_the_input(client, world):
    masterplan = world.masterplans["own"]
    row = make_row(masterplan)
    edit = url("gap_row_edit", world, row_pk=row.pk)
    client.force_login(world.user("anggota"))
    stale = form_data(client.get(edit).context["form"])
    client.force_login(world.user("ketua"))
    client.post(edit, {**stale, "as_is": "Versi ketua"})
    client.force_login(world.user("anggota"))
    response = client.post(edit, {**stale, "action": "Versi anggota"})
    assert response.status_code == 422
    text = response.content.decode()
    assert "sudah diubah oleh" in text and "Versi ketua" in text and "Versi anggota" in text
    row.refresh_from_db()
    assert (row.as_is, row.action) == ("Versi ketua", TEXTS["action"])


def test_stale_delete_answers_422_and_keeps_the_row(client, world):
    row = make_row(world.masterplans["own"])
    GapRow.objects.filter(pk=row.pk).update(version=5)
    client.force_login(world.user("anggota"))
    response = client.post(url("gap_row_delete", world, row_pk=row.pk), {"version": "1"})
    assert response.status_code == 422
    assert "jadi belum dihapus" in response.content.decode()
    assert GapRow.objects.filter(pk=row.pk).exists()
    response = client.post(url("gap_row_delete", world, row_pk=row.pk), {"version": "5"})
    assert response.status_code == 302 and not GapRow.objects.filter(pk=row.pk).exists()


def test_move_through_the_page(client, world):
    masterplan = world.masterplans["own"]
    first, second = make_row(masterplan, "governance"), make_row(masterplan, "branding")
    client.force_login(world.user("anggota"))
    response = client.post(url("gap_row_move", world, row_pk=second.pk), {"arah": "naik"})
    assert response.status_code == 302
    assert list(gap.rows_of(masterplan)) == [second, first]
    response = client.post(url("gap_row_move", world, row_pk=second.pk), {"arah": "kiri"})
    assert response.status_code == 422


@pytest.mark.parametrize("role", ["dewan", "pembimbing", "admin"])
def test_readers_see_the_table_without_forms(client, world, role):
    make_row(world.masterplans["own"])
    client.force_login(world.user(role))
    text = client.get(url("gap_analysis", world)).content.decode()
    assert TEXTS["to_be"] in text
    assert "Tambah baris" not in text and "<form" not in text.split("<main", 1)[1]


def test_a_frozen_masterplan_shows_no_edit_page(client, world):
    Masterplan.objects.filter(pk=world.masterplans["own"].pk).update(status="diajukan")
    client.force_login(world.user("anggota"))
    assert client.get(url("gap_row_add", world)).status_code == 403


# --- dashboard -----------------------------------------------------------------------------------

def test_gap_section_counts_covered_subjects_of_nine(world):
    own, other = world.masterplans["own"], world.masterplans["other"]
    for code in ("governance", "governance", "living", "structure"):
        make_row(own, code)
    progress = gap_completion([own, other])
    assert (progress[own.pk].done, progress[own.pk].total) == (3, 9)
    assert (progress[other.pk].done, progress[other.pk].total) == (0, 9)


def test_gap_section_costs_the_same_queries_for_many_masterplans(world):
    own = world.masterplans["own"]
    make_row(own)
    with CaptureQueriesContext(connection) as one:
        gap_completion([own])
    many = [own, world.masterplans["other"]] + [
        MasterplanFactory(region=world.own, is_current=False) for _ in range(3)]
    for masterplan in many[2:]:
        make_row(masterplan, "economy")
    with CaptureQueriesContext(connection) as five:
        result = gap_completion(many)
    assert len(five) == len(one)
    assert [result[mp.pk].done for mp in many] == [1, 0, 1, 1, 1]
