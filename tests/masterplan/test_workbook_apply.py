"""The masterplan workbook: preview, apply (all or nothing, versions), and the pages that upload,
preview, apply and cancel."""

import datetime
import io
import os
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from masterplan import clock
from masterplan.changes import section_changes
from masterplan.models import WorkbookImport
from masterplan.workbook import export, importer
from masterplan.workbook.base import StaleData, update_versioned
from masterplan.workbook.export import export_current
from readiness.models import (
    BenchmarkCity,
    OutlookAnalysis,
    ReadinessEntry,
)
from readiness.workbook.performance import PerformanceSheet

from .workbook_helpers import (
    cell_values,
    db_state,
    edit,
    entry,
    export_bytes,
    fill,
    info_of,
    module_workbook_fixtures,
    row_of,
    timestamp_cells,
    upload,
)

pytestmark = pytest.mark.django_db
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]


def build_masterplan(world):
    return fill(world.masterplans["own"], world.user("anggota"))


filled, exported, world, masterplan = module_workbook_fixtures(build_masterplan)


# --- preview and apply -----------------------------------------------------------------------

def test_preview_lists_added_changed_and_removed_rows(exported, masterplan):
    extra = masterplan.readiness_entries.get(extra_text="Jumlah komunitas TIK")
    doomed = masterplan.readiness_entries.get(extra_text__startswith="+62")

    def change(workbook):
        ws = workbook["II.2 SDM"]
        ws["E4"] = 13  # Angka of component 1: 12.5 -> 13
        ws["G4"] = None  # clear its judgement (was baik)
        ws.delete_rows(row_of(ws, f"x{doomed.pk}"))
        new = ws.max_row + 1
        ws.cell(row=new, column=2, value="+")
        ws.cell(row=new, column=3, value="Komponen baru")
        ws.cell(row=new, column=5, value="7,5")
        ws.cell(row=new, column=9, value="X")
        ws.cell(row=row_of(ws, f"x{extra.pk}"), column=3, value="Jumlah komunitas TIK aktif")
        workbook["Kinerja"]["D4"] = None
        workbook["Kinerja"]["E4"] = "v"
        workbook["Analisis Masa Depan"]["C6"] = "Bappeda"
    diff = importer.preview(masterplan, edit(exported, change))
    assert [s.sheet.title for s in diff.changed_sheets] == ["II.2 SDM", "Kinerja", "Analisis Masa Depan"]
    table = diff.changed_sheets[0]
    assert (table.added, table.changed, table.removed) == (1, 2, 1)
    changes = {c.key: c for c in table.changes}
    first = changes["c1"]
    assert first.kind == importer.CHANGED and first.line == 4
    assert [(f.label, f.old_display, f.new_display) for f in first.fields] == [
        ("Angka", "12,5", "13"), ("Interpretasi", "Baik", "")]
    renamed = changes[f"x{extra.pk}"]
    assert [(f.label, f.old_display, f.new_display) for f in renamed.fields] == [
        ("Komponen", "Jumlah komunitas TIK", "Jumlah komunitas TIK aktif")]
    added = next(c for c in table.changes if c.kind == importer.ADDED)
    assert added.label == "+ Komponen baru"
    assert [(f.label, f.new_display) for f in added.fields] == [
        ("Komponen", "Komponen baru"), ("Angka", "7,5"), ("Interpretasi", "Buruk")]
    removed = changes[f"x{doomed.pk}"]
    assert removed.kind == importer.REMOVED and removed.label == "+ +62 22 4230000 layanan aduan"
    performance = diff.changed_sheets[1].changes[0]
    assert performance.label.startswith("Smart Governance — a.")
    assert [(f.old_display, f.new_display) for f in performance.fields] == [("Baik", "Sedang")]
    outlook = diff.changed_sheets[2].changes[0]
    assert (outlook.key, outlook.fields[0].old_display, outlook.fields[0].new_display) == (
        "institutions", "Dinas Kominfo", "Bappeda")


def test_apply_saves_all_changes_and_bumps_versions(exported, masterplan, world):
    anggota = world.user("anggota")
    first = entry(masterplan, "human_resources", 1)
    untouched = entry(masterplan, "human_resources", 3)
    doomed = masterplan.readiness_entries.get(extra_text__startswith="+62")
    outlook_version = masterplan.outlook.version

    def change(workbook):
        ws = workbook["II.2 SDM"]
        ws["E4"], ws["G4"] = 13, None
        ws.delete_rows(row_of(ws, f"x{doomed.pk}"))
        new = ws.max_row + 1
        ws.cell(row=new, column=2, value="+")
        ws.cell(row=new, column=3, value="Komponen baru")
        ws.cell(row=new, column=11, value=2024)
        competitiveness = workbook["Daya Saing"]
        competitiveness["E6"] = 2023  # the region's IPM year
        competitiveness.cell(row=3, column=10, value="Kota Medan")  # a new city
        competitiveness.cell(row=4, column=10, value="nasional")
        competitiveness.cell(row=5, column=10, value="Nilai")
        competitiveness.cell(row=5, column=11, value="Tahun")
        competitiveness.cell(row=6, column=10, value=79)
        competitiveness.cell(row=8, column=2, value="Indeks kebahagiaan")  # a new indicator
        competitiveness.cell(row=8, column=4, value=70.5)
    content = edit(exported, change)
    diff = importer.preview(masterplan, content)
    before_import = timezone.now()
    importer.apply(masterplan, content, anggota, diff.digest)

    first.refresh_from_db()
    assert (first.value_number, first.interpretation) == (Decimal("13"), "")
    # The changes page (changes since the last Bimtek) sees the import, field by field.
    changed = [(change.label, f.label, f.before, f.after)
               for change in section_changes(masterplan, "readiness", before_import)
               if change.kind == "changed" for f in change.fields]
    assert any(after.startswith("13") for _label, _field, _before, after in changed), changed
    assert first.version == untouched.version + 1 and first.updated_by == anggota
    assert ReadinessEntry.objects.get(pk=untouched.pk).version == untouched.version
    assert not ReadinessEntry.objects.filter(pk=doomed.pk).exists()
    new = masterplan.readiness_entries.get(extra_text="Komponen baru")
    assert (new.source_year, new.updated_by, new.component) == (2024, anggota, None)
    ipm = masterplan.competitiveness_indicators.get(name="IPM")
    assert ipm.values.get(city=None).year == 2023
    medan = masterplan.benchmark_cities.get(name="Kota Medan")
    assert (medan.scope, ipm.values.get(city=medan).value) == ("nasional", Decimal("79"))
    assert list(masterplan.benchmark_cities.values_list("name", flat=True)) == [
        "Kota Surabaya", "Singapura", "Kota Medan"]
    happiness = masterplan.competitiveness_indicators.get(name="Indeks kebahagiaan")
    assert happiness.values.get(city=None).value == Decimal("70.5")
    # The competitiveness form is guarded by the outlook's version: an open form now conflicts.
    assert OutlookAnalysis.objects.get(masterplan=masterplan).version == outlook_version + 1
    assert importer.preview(masterplan, export_bytes(masterplan)).is_empty


def test_removing_a_city_and_an_indicator(exported, masterplan):
    def change(workbook):
        ws = workbook["Daya Saing"]
        ws.delete_rows(7)  # Pertumbuhan ekonomi
        for merged in list(ws.merged_cells.ranges):
            if merged.min_col >= 8:
                ws.unmerge_cells(str(merged))
        ws.delete_cols(8, 2)  # the Singapura columns (H, I)
    content = edit(exported, change)
    diff = importer.preview(masterplan, content)
    sheet = diff.changed_sheets[0]
    assert (sheet.sheet.title, sheet.removed) == ("Daya Saing", 2)
    ipm_change = next(c for c in sheet.changes if c.label == "IPM")
    assert [(f.label, f.old_display, f.new_display) for f in ipm_change.fields] == [
        ("Tahun — Singapura", "2021", "")]
    importer.apply(masterplan, content, None, diff.digest)
    assert list(masterplan.benchmark_cities.values_list("name", flat=True)) == ["Kota Surabaya"]
    assert list(masterplan.competitiveness_indicators.values_list("name", flat=True)) == ["IPM"]
    assert importer.preview(masterplan, export_bytes(masterplan)).is_empty


def test_a_missing_catalogue_entry_is_created_on_import(masterplan):
    entry(masterplan, "human_resources", 9).delete()
    content = export_bytes(masterplan)
    assert importer.preview(masterplan, content).is_empty
    edited = edit(content, lambda wb: wb["II.2 SDM"].__setitem__(
        f"E{row_of(wb['II.2 SDM'], 'c9')}", 4))
    importer.apply(masterplan, edited, None, importer.preview(masterplan, edited).digest)
    assert entry(masterplan, "human_resources", 9).value_number == Decimal("4")


def test_marks_v_and_x_are_accepted_in_any_case(exported, masterplan):
    def change(workbook):
        ws = workbook["II.3 SD Pemerintahan"]
        for row, mark in ((4, "V"), (5, "x"), (6, " X ")):
            for column in (7, 8, 9):
                ws.cell(row=row, column=column).value = None
            ws.cell(row=row, column=8).value = mark
    content = edit(exported, change)
    importer.apply(masterplan, content, None, importer.preview(masterplan, content).digest)
    assert [entry(masterplan, "government_resources", n).interpretation for n in (1, 2, 3)] == [
        "sedang"] * 3


def test_apply_is_all_or_nothing(exported, masterplan, monkeypatch):
    """A failure in a later sheet rolls back the sheets applied before it."""
    content = edit(exported, lambda wb: (
        wb["II.2 SDM"].__setitem__("E4", 99), wb["Kinerja"].__setitem__("G4", "baru")))
    diff = importer.preview(masterplan, content)
    before = db_state(masterplan)

    def fail(self, *args):
        raise StaleData("someone saved this row meanwhile")
    monkeypatch.setattr(PerformanceSheet, "apply", fail)
    with pytest.raises(importer.StalePreview):
        importer.apply(masterplan, content, None, diff.digest)
    assert db_state(masterplan) == before


def test_update_versioned_refuses_a_row_changed_meanwhile(masterplan):
    item = entry(masterplan, "human_resources", 1)
    ReadinessEntry.objects.filter(pk=item.pk).update(version=item.version + 1)
    with pytest.raises(StaleData):
        update_versioned(item, {"note": "x"}, None)
    assert ReadinessEntry.objects.get(pk=item.pk).note == "-5 derajat"


def test_stale_preview_shows_the_new_changes_instead_of_applying(exported, masterplan, world):
    anggota = world.user("anggota")
    content = edit(exported, lambda wb: wb["II.2 SDM"].__setitem__("E4", 13))
    workbook_import, diff = importer.start_import(masterplan, anggota, upload(content))
    assert workbook_import.status == WorkbookImport.Status.PENDING
    assert workbook_import.changes_hash == diff.digest
    # Someone else saves component 3 in the meantime: the recomputed diff now differs.
    ReadinessEntry.objects.filter(pk=entry(masterplan, "human_resources", 3).pk).update(
        value_text="Diubah orang lain")
    outcome = importer.confirm_import(workbook_import, anggota, diff.digest)
    assert not outcome.applied
    assert entry(masterplan, "human_resources", 1).value_number == Decimal("12.5")
    new_keys = {c.key for s in outcome.diff.sheets for c in s.changes}
    assert new_keys == {"c1", "c3"}  # the file would now also undo the other person's change
    workbook_import.refresh_from_db()
    assert workbook_import.changes_hash == outcome.diff.digest != diff.digest
    assert workbook_import.status == WorkbookImport.Status.PENDING
    # Confirming what is now shown applies it.
    outcome = importer.confirm_import(workbook_import, anggota, outcome.diff.digest)
    assert outcome.applied
    assert entry(masterplan, "human_resources", 1).value_number == Decimal("13")
    workbook_import.refresh_from_db()
    assert (workbook_import.status, workbook_import.decided_by) == (
        WorkbookImport.Status.APPLIED, anggota)
    assert importer.confirm_import(workbook_import, anggota).already_decided


def test_preview_page_only_reads_and_applies_what_it_showed(client, masterplan, world):
    """The preview page recomputes the changes without writing; confirming what it showed
    applies it at once, although the stored hash is the upload's."""
    anggota = world.user("anggota")
    content = edit(export_bytes(masterplan), lambda wb: wb["II.2 SDM"].__setitem__("E4", 13))
    workbook_import, diff = importer.start_import(masterplan, anggota, upload(content))
    ReadinessEntry.objects.filter(pk=entry(masterplan, "human_resources", 3).pk).update(
        value_text="Diubah orang lain")
    url = reverse("workbook_import", kwargs={"region_code": world.own.code,
                                             "import_pk": workbook_import.pk})
    client.force_login(anggota)
    response = client.get(url)
    assert "Isi masterplan berubah sejak berkas diunggah" in response.content.decode()
    shown = response.context["diff"].digest
    workbook_import.refresh_from_db()
    assert workbook_import.changes_hash == diff.digest != shown
    response = client.post(url, {"action": "apply", "digest": shown})
    assert response.status_code == 302
    assert entry(masterplan, "human_resources", 1).value_number == Decimal("13")
    workbook_import.refresh_from_db()
    assert workbook_import.status == WorkbookImport.Status.APPLIED


def test_upload_without_changes_stores_nothing(exported, masterplan, world):
    workbook_import, diff = importer.start_import(masterplan, world.user("ketua"),
                                                  upload(exported))
    assert workbook_import is None and diff.is_empty
    assert not WorkbookImport.objects.exists()


def test_export_queries_do_not_grow_with_extra_components(masterplan, world,
                                                          django_assert_max_num_queries):
    """A fixed number of queries for the sheets, however much data there is."""
    sub_area = masterplan.readiness_entries.filter(component__isnull=True).first().sub_area
    with CaptureQueriesContext(connection) as before:
        export_current(world.own)
    ReadinessEntry.objects.bulk_create([
        ReadinessEntry(masterplan=masterplan, sub_area=sub_area, extra_text=f"Tambahan {n}")
        for n in range(40)])
    BenchmarkCity.objects.bulk_create([
        BenchmarkCity(masterplan=masterplan, name=f"Kota {n}", scope="nasional") for n in range(10)])
    with django_assert_max_num_queries(len(before)):
        content = export_current(world.own).content
    assert len(load_workbook(io.BytesIO(content))["II.2 SDM"]["A"]) == 3 + 9 + 2 + 40


# --- pages -----------------------------------------------------------------------------------

def url(name, **kwargs):
    return reverse(name, kwargs={"region_code": "32.73", **kwargs})


def test_every_role_downloads_the_same_export(client, world, masterplan):
    for role in ("dewan", "pembimbing", "admin", "anggota"):
        client.force_login(world.user(role))
        response = client.get(url("workbook_download"))
        assert response.status_code == 200
        assert response["Content-Type"] == export.CONTENT_TYPE
        content = response.content
        # Named by the moment its Info sheet records, in Bandung's zone.
        stamp = clock.format_stamp(datetime.datetime.fromisoformat(info_of(content)[
            export.INFO_EXPORT_STAMP]), world.own)
        assert response["Content-Disposition"] == (
            f'attachment; filename="buku-kerja-32.73-kota-bandung-2026-ekspor-{stamp}.xlsx"')
        skip = timestamp_cells(content)
        assert cell_values(content, skip) == cell_values(export_current(world.own).content, skip)


def test_region_page_links_the_workbook(client, world, masterplan):
    client.force_login(world.user("dewan"))
    assert url("workbook") in client.get(url("region_detail")).content.decode()
    page = client.get(url("workbook")).content.decode()
    assert url("workbook_download") in page
    assert 'type="file"' not in page  # read-only role: no upload form


def test_upload_preview_and_apply_through_the_pages(exported, client, world, masterplan, private_media):
    client.force_login(world.user("anggota"))
    content = edit(exported, lambda wb: wb["II.2 SDM"].__setitem__("D7", "Naik"))
    response = client.post(url("workbook"), {"file": upload(content)})
    workbook_import = WorkbookImport.objects.get()
    assert response["Location"] == url("workbook_import", import_pk=workbook_import.pk)
    assert workbook_import.uploaded_by == world.user("anggota")
    assert workbook_import.file.name.startswith("workbook-imports/32.73/")
    assert workbook_import.file.path.startswith(str(private_media))  # not under a served URL
    page = client.get(response["Location"]).content.decode()
    assert "Lembar “II.2 SDM”" in page and "Naik" in page and "Terapkan" in page
    response = client.post(response["Location"], {"action": "apply",
                                                  "digest": workbook_import.changes_hash})
    assert response["Location"] == url("workbook")
    assert entry(masterplan, "human_resources", 4).value_text == "Naik"
    workbook_import.refresh_from_db()
    assert workbook_import.status == WorkbookImport.Status.APPLIED
    assert "1 perubahan dari buku kerja diterapkan" in client.get(url("workbook")).content.decode()


def test_stale_preview_through_the_page_shows_the_new_preview(exported, client, world, masterplan):
    client.force_login(world.user("ketua"))
    content = edit(exported, lambda wb: wb["II.2 SDM"].__setitem__("D7", "Naik"))
    location = client.post(url("workbook"), {"file": upload(content)})["Location"]
    seen = WorkbookImport.objects.get().changes_hash
    ReadinessEntry.objects.filter(pk=entry(masterplan, "human_resources", 3).pk).update(note="Baru")
    response = client.post(location, {"action": "apply", "digest": seen})
    assert response.status_code == 200
    text = response.content.decode()
    assert "berubah sejak pratinjau ditampilkan" in text
    assert "Baru" in text  # the other person's note, which the file would now clear
    assert entry(masterplan, "human_resources", 4).value_text != "Naik"
    assert WorkbookImport.objects.get().status == WorkbookImport.Status.PENDING


def test_cancel_discards_the_upload(exported, client, world, masterplan, django_capture_on_commit_callbacks):
    client.force_login(world.user("anggota"))
    content = edit(exported, lambda wb: wb["II.2 SDM"].__setitem__("D7", "Naik"))
    location = client.post(url("workbook"), {"file": upload(content)})["Location"]
    workbook_import = WorkbookImport.objects.get()
    path = workbook_import.file.path
    before = db_state(masterplan)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(location, {"action": "cancel"})
    assert response["Location"] == url("workbook")
    workbook_import.refresh_from_db()
    assert workbook_import.status == WorkbookImport.Status.CANCELLED
    assert db_state(masterplan) == before
    assert not os.path.exists(path)
    # A decided import cannot be applied any more.
    client.post(location, {"action": "apply"})
    assert entry(masterplan, "human_resources", 4).value_text != "Naik"


def test_rejected_upload_names_sheet_row_and_column_in_indonesian(exported, client, world, masterplan):
    client.force_login(world.user("anggota"))
    content = edit(exported, lambda wb: wb["II.2 SDM"].__setitem__("E7", "banyak"))
    before = db_state(masterplan)
    response = client.post(url("workbook"), {"file": upload(content)})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Lembar “II.2 SDM”, baris 7, kolom Angka: bukan angka." in text
    assert "tidak ada yang disimpan" in text
    assert db_state(masterplan) == before


def test_import_of_another_masterplan_is_not_found(client, world, masterplan):
    other = world.masterplans["other"]
    workbook_import = WorkbookImport.objects.create(masterplan=other, changes_hash="-",
                                                    file="workbook-imports/35.10/x.xlsx")
    client.force_login(world.user("ketua"))
    response = client.get(url("workbook_import", import_pk=workbook_import.pk))
    assert response.status_code == 404
    response = client.post(url("workbook_import", import_pk=workbook_import.pk), {"action": "apply"})
    assert response.status_code == 404
