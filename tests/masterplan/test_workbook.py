"""The masterplan workbook: export layout, formula safety, round trip, preview, apply, pages."""

import io
import os
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from masterplan.changes import changes
from masterplan.models import WorkbookImport
from masterplan.workbook import export, importer, registry
from masterplan.workbook.base import Row, Sheet, StaleData, put, put_key, update_versioned
from masterplan.workbook.export import INFO_EXPORTED_AT, export_current
from readiness.models import (
    BenchmarkCity,
    CompetitivenessIndicator,
    CompetitivenessValue,
    OutlookAnalysis,
    PerformanceAssessment,
    ReadinessEntry,
)
from readiness.workbook import PerformanceSheet

from .workbook_helpers import (
    BIG_NUMBER,
    INJECTIONS,
    ROADMAP_SHEETS,
    cell_values,
    db_state,
    edit,
    entry,
    export_bytes,
    fill,
    module_workbook_fixtures,
    row_of,
    timestamp_cells,
)

pytestmark = pytest.mark.django_db

TABLE_SHEETS = ["II.2 SDM", "II.3 SD Pemerintahan", "II.4 Keuangan Daerah",
                "II.5 Infrastruktur Fisik", "II.6 Infrastruktur Digital",
                "II.7 Infrastruktur Sosial", "II.8 Kebijakan", "II.9 Kelembagaan",
                "II.10 Organisasi Masyarakat"]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def build_masterplan(world):
    return fill(world.masterplans["own"], world.user("anggota"))


def upload(content, name="buku-kerja.xlsx"):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


filled, exported, world, masterplan = module_workbook_fixtures(build_masterplan)


# --- export ----------------------------------------------------------------------------------

def test_export_has_info_then_every_sheet_in_order(exported, masterplan):
    workbook = load_workbook(io.BytesIO(exported))
    swot_sheets = [name for name in workbook.sheetnames if name.startswith("SWOT ")]
    assert len(swot_sheets) == 9  # six dimensions and three readiness elements
    assert workbook.sheetnames == (
        ["Info"] + TABLE_SHEETS + ["Kinerja", "Analisis Masa Depan", "Daya Saing"] + swot_sheets
        + ["Kesenjangan", "Visi Misi", "Sasaran"] + ROADMAP_SHEETS)
    assert all(len(title) <= 31 for title in workbook.sheetnames)
    info = {row[0]: row[1] for row in workbook["Info"].iter_rows(min_row=3, max_row=8, values_only=True)}
    assert info["Kode wilayah"] == "32.73"
    assert info["Nama wilayah"] == "Kota Bandung"
    assert info["Edisi panduan"] == "2017"
    assert info["Judul masterplan"] == masterplan.title
    assert info["Periode"] == "2026–2035"
    assert info[INFO_EXPORTED_AT]


def test_readiness_table_is_laid_out_like_the_guide(exported, masterplan):
    ws = load_workbook(io.BytesIO(exported))["II.2 SDM"]
    assert ws["B1"].value == "Tabel II.2 Analisis Kualitas SDM Daerah"
    assert [c.value for c in ws[2]][1:] == ["No", "Komponen", "Nilai/Kondisi", "Angka", "Satuan",
                                            "Interpretasi", None, None, "Sumber data",
                                            "Tahun data", "Catatan"]
    assert [c.value for c in ws[3]][6:9] == ["Baik", "Sedang", "Buruk"]
    assert ws.column_dimensions["A"].hidden
    # Printed component numbers with the guide's gap (5-8), then the region's own components.
    numbers = [ws.cell(row=row, column=2).value for row in range(4, ws.max_row + 1)]
    assert numbers == [1, 2, 3, 4, 9, 10, 11, 12, 13, "+", "+"]
    extra = masterplan.readiness_entries.get(extra_text="Jumlah komunitas TIK")
    row = row_of(ws, f"x{extra.pk}")
    assert [c.value for c in ws[row]][1:9] == ["+", "Jumlah komunitas TIK", "Aktif", -3, None,
                                               None, "✓", None]
    first = [c.value for c in ws[4]]
    assert first == ["c1", 1, "Jumlah komunitas minat bakat/hobbie/kreatif di daerah", "=SUM(A1)",
                     12.5, "%", "✓", None, None, "@x", 2015, "-5 derajat"]
    if connection.vendor == "postgresql":  # SQLite keeps decimals as floats itself
        # A number a float cannot hold is written as its digits, still read back exactly.
        assert ws.cell(row=5, column=5).value == "1234567890123456.1234"


def test_other_sheets_layout(exported, masterplan):
    workbook = load_workbook(io.BytesIO(exported))
    performance = workbook["Kinerja"]
    assert [c.value for c in performance[2]][1:] == ["Dimensi", "Elemen", "Penilaian", None, None,
                                                     "Catatan"]
    rows = list(performance.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 18
    assert rows[0][1] == "Smart Governance" and rows[0][2].startswith("a. ")
    assert sum(1 for row in rows if "✓" in row[3:6]) == 14  # 18 elements, every 4th unrated
    outlook = workbook["Analisis Masa Depan"]
    assert [row[1:] for row in outlook.iter_rows(min_row=3, values_only=True)] == [
        ("Analisis tren dan perubahan atau perkembangan kota", "Tren naik\nterus"),
        ("Analisis perilaku dan harapan masyarakat dan stakeholder daerah", "@warga berharap"),
        ("Analisis daya saing kota dibandingkan dengan kota-kota lainnya",
         "=HYPERLINK(\"http://contoh.invalid\")"),
        ("Analisis kelembagaan dan pemerintah daerah yang relevan", "Dinas Kominfo"),
    ]
    competitiveness = workbook["Daya Saing"]
    header = [[c.value for c in competitiveness[row]] for row in (3, 4, 5)]
    assert header[0][1:] == ["Indikator", "Satuan", "Kota Bandung", None, "Kota Surabaya", None,
                             "Singapura", None]
    assert header[1][3:] == ["Wilayah sendiri", None, "Nasional", None, "Internasional", None]
    assert header[2][3:] == ["Nilai", "Tahun"] * 3
    assert competitiveness.row_dimensions[2].hidden
    assert [c.value for c in competitiveness[6]][1:] == ["IPM", "indeks", 81.2, 2022, 82.3, 2022,
                                                         None, 2021]
    assert [c.value for c in competitiveness[7]][1:] == ["Pertumbuhan ekonomi", "%", -1.5, 2020,
                                                         None, None, None, None]


def test_text_that_looks_like_a_formula_is_written_as_a_literal_string(exported, masterplan):
    content = exported
    workbook = load_workbook(io.BytesIO(content))
    found = {}
    for ws in workbook:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                    found[cell.value] = cell
    for text in INJECTIONS + ["@warga berharap"]:
        assert found[text].data_type == "s", text
        assert found[text].quotePrefix, text
    # No formula element anywhere in the file: nothing is evaluated by a spreadsheet program.
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


def test_round_trip_reports_no_change_and_exports_the_same(exported, masterplan):
    first = exported
    diff = importer.preview(masterplan, first)
    assert diff.is_empty, [(s.sheet.title, c.key, c.fields) for s in diff.sheets for c in s.changes]
    before = db_state(masterplan)
    importer.apply(masterplan, first, None, diff.digest)
    assert db_state(masterplan) == before
    second = export_bytes(masterplan)
    skip = timestamp_cells(first)
    assert cell_values(first, skip) == cell_values(second, skip)
    # The tricky values came back exactly.
    item = entry(masterplan, "human_resources", 1)
    assert (item.value_text, item.source, item.note) == ("=SUM(A1)", "@x", "-5 derajat")
    assert entry(masterplan, "human_resources", 2).value_number == BIG_NUMBER


def test_workbook_restores_a_wiped_masterplan(exported, masterplan):
    """Import rebuilds everything from the file: extras, cities, indicators and values too."""
    content = exported
    ReadinessEntry.objects.filter(masterplan=masterplan, component__isnull=True).delete()
    ReadinessEntry.objects.filter(masterplan=masterplan).update(
        value_text="", value_number=None, value_unit="", interpretation="", source="",
        source_year=None, note="")
    PerformanceAssessment.objects.filter(masterplan=masterplan).update(rating="", note="")
    OutlookAnalysis.objects.filter(masterplan=masterplan).update(
        trends="", stakeholder_expectations="", competitiveness="", institutions="")
    BenchmarkCity.objects.filter(masterplan=masterplan).delete()
    CompetitivenessIndicator.objects.filter(masterplan=masterplan).delete()
    # Rows added in the sheet have no key: clear the keys of the rows that are gone.
    def clear_keys(workbook):
        for ws in workbook:
            if not ws.title.startswith(("II.", "Daya Saing")):
                continue
            for row in range(1, ws.max_row + 1):
                if str(ws.cell(row=row, column=1).value or "")[:1] in ("x", "i"):
                    ws.cell(row=row, column=1).value = None
        keys = workbook["Daya Saing"][2]
        for cell in keys[4:]:
            cell.value = None
    edited = edit(content, clear_keys)
    diff = importer.preview(masterplan, edited)
    importer.apply(masterplan, edited, None, diff.digest)
    assert importer.preview(masterplan, export_bytes(masterplan)).is_empty
    # Same cells except the keys of recreated rows and columns.
    def without_keys(data):
        values = cell_values(data, timestamp_cells(data))
        return {title: [row[1:] for row in rows if title != "Daya Saing" or rows.index(row) != 1]
                for title, rows in values.items()}
    assert without_keys(export_bytes(masterplan)) == without_keys(content)
    assert CompetitivenessValue.objects.filter(indicator__masterplan=masterplan).count() == 4


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
               for section in changes(masterplan, before_import).values() for change in section
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


# --- framework -------------------------------------------------------------------------------

class NoteSheet(Sheet):
    """A sheet another app could add: one editable text per masterplan (the title here)."""

    key = "test.note"
    title = "Catatan Uji"
    order = 999
    fields = {"title": "Judul"}

    def current_rows(self, masterplan, ctx):
        return [Row("title", "Judul masterplan", {"title": masterplan.title}, obj=masterplan)]

    def write(self, ws, masterplan, rows, ctx):
        for line, row in enumerate(rows, start=2):
            put_key(ws, line, row.key)
            put(ws, line, 2, row.values["title"])

    def parse(self, data, masterplan, current, ctx, errors):
        from masterplan.workbook.base import CellReader

        reader = CellReader(data, errors)
        return [Row("title", "Judul masterplan",
                    {"title": reader.text(2, 2, "Judul", max_length=200, required=True)}, line=2)]

    def apply(self, masterplan, changes, user, ctx):
        update_versioned(masterplan, {"title": changes[0].new.values["title"]}, user)


def test_an_app_can_register_its_own_sheet(masterplan, world):
    registry.register(NoteSheet)
    try:
        content = export_bytes(masterplan)
        assert load_workbook(io.BytesIO(content)).sheetnames[-1] == "Catatan Uji"
        assert importer.preview(masterplan, content).is_empty
        edited = edit(content, lambda wb: wb["Catatan Uji"].__setitem__("B2", "Judul baru"))
        diff = importer.preview(masterplan, edited)
        assert [(c.key, c.fields[0].new_display) for c in diff.changed_sheets[0].changes] == [
            ("title", "Judul baru")]
        importer.apply(masterplan, edited, world.user("ketua"), diff.digest)
        masterplan.refresh_from_db()
        assert (masterplan.title, masterplan.updated_by) == ("Judul baru", world.user("ketua"))
    finally:
        registry.unregister(NoteSheet.key)


def test_registry_refuses_bad_titles():
    for title in ("Info", "Judul yang terlalu panjang untuk tab", "II/2", "Kinerja"):
        sheet_class = type("Bad", (NoteSheet,), {"key": "test.bad", "title": title})
        with pytest.raises(ValueError):
            registry.register(sheet_class)
    assert "test.bad" not in {sheet.key for sheet in registry.registered_sheets()}


# --- pages -----------------------------------------------------------------------------------

def url(name, **kwargs):
    return reverse(name, kwargs={"region_code": "32.73", **kwargs})


def test_every_role_downloads_the_same_export(client, world, masterplan):
    for role in ("dewan", "pembimbing", "admin", "anggota"):
        client.force_login(world.user(role))
        response = client.get(url("workbook_download"))
        assert response.status_code == 200
        assert response["Content-Type"] == export.CONTENT_TYPE
        assert response["Content-Disposition"] == (
            'attachment; filename="buku-kerja-32.73-kota-bandung-2026.xlsx"')
        content = response.content
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
