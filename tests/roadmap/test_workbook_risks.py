"""The "Register risiko" sheet of the masterplan workbook: layout, round trip, preview, apply,
refusals naming the sheet, row and column."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masterplan.workbook import importer
from masterplan.workbook.errors import WorkbookError
from roadmap.models import ProgramRisk

from ..masterplan.workbook_helpers import (
    cell_values,
    edit,
    export_bytes,
    module_workbook_fixtures,
    row_of,
    timestamp_cells,
)
from .roadmap_helpers import program, risk
from .workbook_kpi_helpers import (
    add_program_row,
    append,
    apply,
    changes_of,
    fields,
    messages,
    set_row,
    sheet_of,
    state,
    write_sheets,
)

pytestmark = pytest.mark.django_db

SHEET = "Register risiko"
HEADERS = ["Kunci", "Kode program", "Risiko", "Penyebab", "Kemungkinan (1–3)", "Dampak (1–3)",
           "Tingkat", "Mitigasi", "Pemilik risiko", "Status"]


def build_masterplan(world):
    """P1 Portal layanan: two risks (the second looks like a formula); P2 Pusat data kota: one
    closed risk."""
    masterplan = world.masterplans["own"]
    portal = program(masterplan, "Portal layanan", start=(2026, 1), end=(2027, 4))
    data_center = program(masterplan, "Pusat data kota", dimension="living")
    risk(portal, "Keterlambatan pengadaan perangkat", 3, 2, cause="Lelang gagal",
         mitigation="Pengadaan lewat e-katalog", owner="Diskominfo")
    risk(portal, "=Server lambat", 1, 3, owner="+62 22 4230000")
    risk(data_center, "Genset cadangan kurang", 1, 1, status="tertutup")
    return masterplan


filled, exported, world, masterplan = module_workbook_fixtures(build_masterplan)


def risk_named(text):
    return ProgramRisk.objects.get(risk=text)


def all_risks(masterplan):
    return list(ProgramRisk.objects.filter(program__masterplan=masterplan).order_by("pk").values_list())


def refused_without_saving(masterplan, content):
    found = messages(masterplan, content)
    before = (state(masterplan), all_risks(masterplan))
    with pytest.raises(WorkbookError):
        importer.apply(masterplan, content, None, "digest")
    assert (state(masterplan), all_risks(masterplan)) == before
    return found


# --- export ----------------------------------------------------------------------------------

def test_the_sheet_has_a_row_per_risk_with_its_level(exported, masterplan):
    ws = sheet_of(exported, SHEET)
    assert ws.column_dimensions["A"].hidden
    assert ws["B1"].value.startswith("Register risiko program (tingkat = kemungkinan × dampak")
    assert [c.value for c in ws[2]] == HEADERS
    first = risk_named("Keterlambatan pengadaan perangkat")
    assert [c.value for c in ws[3]] == [
        f"r{first.pk}", "P1", "Keterlambatan pengadaan perangkat", "Lelang gagal", 3, 2,
        "Tinggi (6)", "Pengadaan lewat e-katalog", "Diskominfo", "Terbuka"]
    assert [[c.value for c in row][1:] for row in ws.iter_rows(min_row=4)] == [
        ["P1", "=Server lambat", None, 1, 3, "Sedang (3)", None, "+62 22 4230000", "Terbuka"],
        ["P2", "Genset cadangan kurang", None, 1, 1, "Rendah (1)", None, None, "Tertutup"]]
    assert ws["C4"].data_type == "s" and ws["C4"].quotePrefix  # literal text, not a formula
    checks = {str(check.sqref): (check.type, check.formula1, check.formula2)
              for check in ws.data_validations.dataValidation}
    assert checks == {"E3:E205": ("whole", "1", "3"), "F3:F205": ("whole", "1", "3")}


def test_export_queries_do_not_grow_with_the_risks(masterplan, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as few:
        write_sheets(masterplan, {"roadmap.risks"})
    for number in range(10):
        item = program(masterplan, f"Program {number}", dimension="economy")
        for count in range(3):
            risk(item, f"Risiko {number}.{count}", count + 1, 2)
    with django_assert_max_num_queries(len(few)):
        write_sheets(masterplan, {"roadmap.risks"})


# --- round trip, preview, apply ------------------------------------------------------------------

def test_round_trip_reports_no_change_and_changes_nothing(exported, masterplan, world):
    diff = importer.preview(masterplan, exported)
    assert diff.is_empty, [(s.sheet.title, c.key, fields(c)) for s in diff.sheets for c in s.changes]
    before = all_risks(masterplan)
    importer.apply(masterplan, exported, world.user("ketua"), diff.digest)
    assert all_risks(masterplan) == before
    skip = timestamp_cells(exported)
    assert cell_values(exported, skip) == cell_values(export_bytes(masterplan), skip)


def test_the_level_column_is_not_read_and_scales_may_be_text(exported, masterplan):
    def change(workbook):
        set_row(workbook[SHEET], 3, {"Tingkat": "Rendah", "Kemungkinan (1–3)": "3",
                                     "Dampak (1–3)": 2.0, "Status": "TERBUKA"})
    assert importer.preview(masterplan, edit(exported, change)).is_empty


def edit_everything(masterplan, content):
    """The first risk's likelihood and status changed, the formula-like one removed, a risk added
    to P2 without a status."""
    first = risk_named("Keterlambatan pengadaan perangkat")
    gone = risk_named("=Server lambat")

    def change(workbook):
        ws = workbook[SHEET]
        set_row(ws, row_of(ws, f"r{first.pk}"), {"Kemungkinan (1–3)": 2, "Status": "Sedang dimitigasi"})
        ws.delete_rows(row_of(ws, f"r{gone.pk}"))
        append(ws, {"Kode program": "P2", "Risiko": "Pasokan listrik terganggu",
                    "Kemungkinan (1–3)": 2, "Dampak (1–3)": "3", "Pemilik risiko": "Diskominfo"})
    return edit(content, change), first, gone


def test_preview_lists_added_changed_and_removed_risks(exported, masterplan):
    content, first, gone = edit_everything(masterplan, exported)
    diff = importer.preview(masterplan, content)
    assert [(s.sheet.title, s.added, s.changed, s.removed) for s in diff.changed_sheets] == [
        (SHEET, 1, 1, 1)]
    changes = changes_of(diff, SHEET)
    assert fields(changes[f"r{first.pk}"]) == [("Kemungkinan (1–3)", "3", "2"),
                                               ("Status", "Terbuka", "Sedang dimitigasi")]
    assert changes[f"r{gone.pk}"].kind == importer.REMOVED
    added = next(c for c in changes.values() if c.kind == importer.ADDED)
    assert ("Risiko", "", "Pasokan listrik terganggu") in fields(added)
    assert ("Status", "", "Terbuka") in fields(added)


def test_apply_saves_everything_and_bumps_versions(exported, masterplan, world):
    anggota = world.user("anggota")
    content, first, gone = edit_everything(masterplan, exported)
    apply(masterplan, content, anggota)
    now = ProgramRisk.objects.get(pk=first.pk)
    assert (now.likelihood, now.status, now.version, now.updated_by) == (
        2, "dimitigasi", first.version + 1, anggota)
    assert not ProgramRisk.objects.filter(pk=gone.pk).exists()
    new = risk_named("Pasokan listrik terganggu")
    assert (new.program.name, new.position, new.likelihood, new.impact, new.status,
            new.owner, new.updated_by) == ("Pusat data kota", 1, 2, 3, "terbuka", "Diskominfo",
                                           anggota)
    assert importer.preview(masterplan, export_bytes(masterplan)).is_empty


def test_a_risk_of_a_program_added_in_the_same_upload(exported, masterplan, world):
    def change(workbook):
        add_program_row(workbook, masterplan, "P7", "Telemedisin puskesmas", (2027, 1), (2027, 4))
        append(workbook[SHEET], {"Kode program": "p7", "Risiko": "Dokter enggan memakai aplikasi",
                                 "Kemungkinan (1–3)": 1, "Dampak (1–3)": 2})
    content = edit(exported, change)
    diff = importer.preview(masterplan, content)
    assert [(s.sheet.title, s.added) for s in diff.changed_sheets] == [("Program", 1), (SHEET, 1)]
    apply(masterplan, content, world.user("ketua"))
    new = risk_named("Dokter enggan memakai aplikasi")
    assert (new.program.name, new.position) == ("Telemedisin puskesmas", 0)


def test_a_program_removed_takes_its_risks(exported, masterplan):
    def change(workbook):
        for title in ("Program", SHEET):
            ws = workbook[title]
            for line in reversed(range(3, ws.max_row + 1)):
                if ws.cell(row=line, column=2).value == "P2":
                    ws.delete_rows(line)
    apply(masterplan, edit(exported, change))
    assert not ProgramRisk.objects.filter(risk="Genset cadangan kurang").exists()
    assert ProgramRisk.objects.filter(program__masterplan=masterplan).count() == 2


# --- refusals --------------------------------------------------------------------------------------

SCALE = "harus bilangan bulat 1, 2 atau 3 (1 terendah, 3 tertinggi)."
CASES = {
    "likelihood 4": ({"Kemungkinan (1–3)": 4}, f"kolom Kemungkinan (1–3): {SCALE}"),
    "likelihood 0": ({"Kemungkinan (1–3)": "0"}, f"kolom Kemungkinan (1–3): {SCALE}"),
    "likelihood words": ({"Kemungkinan (1–3)": "tinggi"}, f"kolom Kemungkinan (1–3): {SCALE}"),
    "impact fraction": ({"Dampak (1–3)": "2,5"}, f"kolom Dampak (1–3): {SCALE}"),
    "no impact": ({"Dampak (1–3)": None}, "kolom Dampak (1–3): wajib diisi."),
    "formula": ({"Dampak (1–3)": "=1+1"}, "kolom Dampak (1–3): berisi rumus; tuliskan nilainya saja."),
    "no risk": ({"Risiko": None}, "kolom Risiko: wajib diisi."),
    "long risk": ({"Risiko": "x" * 501}, "kolom Risiko: terlalu panjang (maks. 500 karakter)."),
    "status": ({"Status": "Selesai"},
               "kolom Status: “Selesai” tidak dikenal; pilih salah satu: Terbuka, Sedang dimitigasi, "
               "Tertutup."),
    "program": ({"Kode program": "P9"},
                "kolom Kode program: kode program “P9” tidak ada di lembar Program; tulis kode dari kolom "
                "Kode lembar Program (mis. P3)."),
    "moved": ({"Kode program": "P2"},
              "kolom Kode program: risiko tidak dapat dipindah ke program lain (dari “Portal layanan” "
              "ke “Pusat data kota”); hapus barisnya lalu tambahkan baris baru tanpa kunci."),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_cells_are_refused_naming_sheet_row_and_column(exported, masterplan, case):
    values, expected = CASES[case]
    content = edit(exported, lambda workbook: set_row(workbook[SHEET], 3, values))
    assert f"Lembar “{SHEET}”, baris 3, {expected}" in refused_without_saving(masterplan, content)


def test_a_new_row_is_checked_too(exported, masterplan):
    content = edit(exported, lambda workbook: append(workbook[SHEET], {
        "Kode program": "P1", "Risiko": "Anggaran dipotong", "Kemungkinan (1–3)": 5}))
    assert refused_without_saving(masterplan, content) == [
        f"Lembar “{SHEET}”, baris 6, kolom Kemungkinan (1–3): {SCALE}",
        f"Lembar “{SHEET}”, baris 6, kolom Dampak (1–3): wajib diisi."]
