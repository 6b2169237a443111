"""The masterplan workbook: export layout, formula safety, round trip, the sheet framework."""

import datetime
import html
import io
import re
import zipfile

import pytest
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook

from masterplan.models import Region
from masterplan.workbook import export, importer, registry
from masterplan.workbook.base import Row, Sheet, put, put_key, update_versioned
from masterplan.workbook.export import INFO_EXPORT_STAMP, INFO_EXPORTED_AT
from readiness.models import (
    BenchmarkCity,
    CompetitivenessIndicator,
    CompetitivenessValue,
    OutlookAnalysis,
    PerformanceAssessment,
    ReadinessEntry,
)

from ..factories import MasterplanFactory
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
    info_of,
    module_workbook_fixtures,
    row_of,
    timestamp_cells,
)

pytestmark = pytest.mark.django_db
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]

TABLE_SHEETS = ["II.2 SDM", "II.3 SD Pemerintahan", "II.4 Keuangan Daerah",
                "II.5 Infrastruktur Fisik", "II.6 Infrastruktur Digital",
                "II.7 Infrastruktur Sosial", "II.8 Kebijakan", "II.9 Kelembagaan",
                "II.10 Organisasi Masyarakat"]


def build_masterplan(world):
    return fill(world.masterplans["own"], world.user("anggota"))


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


def test_the_export_time_is_written_in_the_regions_zone():
    """A Makassar workbook says when it was exported in WITA, on the Info sheet and in its file
    name; the exact stamp the import compares with stays on a hidden row."""
    makassar = MasterplanFactory(region=Region.objects.get(code="73.71"), start_year=2027)
    moment = datetime.datetime(2026, 12, 3, 16, 30, 12, 345678, tzinfo=datetime.UTC)
    buffer = io.BytesIO()
    export.build_workbook(makassar, moment).save(buffer)
    info = info_of(buffer.getvalue())
    assert info[INFO_EXPORTED_AT] == "4 Desember 2026 00.30 WITA"
    assert datetime.datetime.fromisoformat(info[INFO_EXPORT_STAMP]) == moment
    assert info[INFO_EXPORT_STAMP].endswith("+08:00")
    ws = load_workbook(buffer)["Info"]
    hidden = [row for row in range(1, ws.max_row + 1) if ws.row_dimensions[row].hidden]
    assert [ws.cell(row=row, column=1).value for row in hidden] == [INFO_EXPORT_STAMP]
    assert export.workbook_filename(makassar, moment) == (
        "buku-kerja-73.71-kota-makassar-2027-ekspor-2026-12-04-0030-WITA.xlsx")


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


# --- framework -------------------------------------------------------------------------------

class NoteSheet(Sheet):
    """A sheet another app could add: one editable text per masterplan (the title here)."""

    key = "test.note"
    title = "Catatan Uji"
    order = 999
    group = "Catatan uji"
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


def listed_sheets(client, world):
    """(the sheet count the workbook page states, [(group, [sheet titles])] it lists)."""
    client.force_login(world.user("dewan"))
    page = html.unescape(client.get(reverse("workbook", kwargs={
        "region_code": world.own.code})).content.decode())
    count = int(re.search(r"dalam (\d+) lembar", page).group(1))
    items = re.findall(r"<li><strong>([^<]+)</strong> \((\d+) lembar\): ([^<]+)</li>",
                       page[page.index('<ul class="workbook-sheets">'):])
    groups = [(group, re.findall(r"“([^”]+)”", titles)) for group, _n, titles in items]
    assert [int(n) for _group, n, _titles in items] == [len(titles) for _g, titles in groups]
    return count, groups


def test_the_workbook_page_lists_the_sheets_the_download_has(client, world, masterplan):
    names = load_workbook(io.BytesIO(export_bytes(masterplan))).sheetnames
    count, groups = listed_sheets(client, world)
    assert count == len(names)
    assert [title for _group, titles in groups for title in titles] == names[1:]  # after Info
    assert groups[0] == ("Analisis kesiapan (Tabel II.2–II.10)", TABLE_SHEETS)
    assert ("Program dan peta jalan", ["OPD", "Program", "Quick Win", "KPI", "Pembiayaan"]) in groups

    registry.register(NoteSheet)  # a sheet an app adds is listed too, under its group
    try:
        assert listed_sheets(client, world) == (count + 1, [*groups, ("Catatan uji", ["Catatan Uji"])])
    finally:
        registry.unregister(NoteSheet.key)


def test_registry_refuses_bad_titles():
    for title in ("Info", "Judul yang terlalu panjang untuk tab", "II/2", "Kinerja"):
        sheet_class = type("Bad", (NoteSheet,), {"key": "test.bad", "title": title})
        with pytest.raises(ValueError):
            registry.register(sheet_class)
    with pytest.raises(ValueError, match="no group"):
        registry.register(type("Ungrouped", (NoteSheet,), {"key": "test.bad", "group": ""}))
    assert "test.bad" not in {sheet.key for sheet in registry.registered_sheets()}
