"""The Monev and Realisasi KPI sheets of the masterplan workbook: layout, round trip, preview,
apply, refusals."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from masterplan.workbook import importer
from masterplan.workbook.errors import WorkbookError
from roadmap.models import KpiActual, MonitoringRecord, ProgramKpi

from ..masterplan.workbook_helpers import (
    cell_values,
    edit,
    export_bytes,
    module_workbook_fixtures,
    row_of,
    timestamp_cells,
)
from .roadmap_helpers import kpi, program, record
from .workbook_kpi_helpers import (
    add_program_row,
    append,
    apply,
    changes_of,
    fields,
    find,
    messages,
    set_row,
    sheet_of,
    state,
    write_sheets,
)

pytestmark = pytest.mark.django_db

INJECTED = {"works": "=Portal sudah dapat diakses", "not_works": "@warga belum tahu",
            "improve": "-Percepat integrasi", "followup_who": "+62 22 4230000 layanan aduan"}


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def build_masterplan(world):
    """P1 Portal layanan (TW II 2026 – TW I 2027): records TW II (two actuals), TW III (one) and
    TW I 2027 (none); P2 Pusat data kota (2026): record TW IV with one actual."""
    masterplan = world.masterplans["own"]
    portal = program(masterplan, "Portal layanan", start=(2026, 2), end=(2027, 1))
    daring = kpi(portal, "Layanan daring", targets={2026: 80, 2027: 90})
    waktu = kpi(portal, "Waktu layanan (hari)", direction="turun", unit="hari")
    record(portal, 2026, 2, progress=40, actuals={daring: 35, waktu: "7.5"},
           followup_what="Rapat integrasi", followup_when="Juli 2026", **INJECTED)
    record(portal, 2026, 3, progress=60, actuals={daring: 50})
    record(portal, 2027, 1, progress=90)
    data_center = program(masterplan, "Pusat data kota", dimension="living", start=(2026, 1),
                          end=(2026, 4))
    availability = kpi(data_center, "Ketersediaan")
    record(data_center, 2026, 4, progress=100, actuals={availability: "99.9"})
    return masterplan


filled, exported, world, masterplan = module_workbook_fixtures(build_masterplan)


def record_of(masterplan, name, year, quarter):
    return MonitoringRecord.objects.get(program__masterplan=masterplan, program__name=name, year=year,
                                        quarter=quarter)


def kpi_named(name):
    return ProgramKpi.objects.get(name=name)


def refused_without_saving(masterplan, content):
    found = messages(masterplan, content)
    before = state(masterplan)
    with pytest.raises(WorkbookError):
        importer.apply(masterplan, content, None, "digest")
    assert state(masterplan) == before
    return found


# --- export ----------------------------------------------------------------------------------

def test_monev_sheet_has_a_row_per_record(exported, masterplan):
    ws = sheet_of(exported, "Monev")
    assert ws.column_dimensions["A"].hidden
    assert ws["B1"].value == "Monitoring dan evaluasi program (Lampiran III)"
    assert [c.value for c in ws[2]] == [
        "Kunci", "Kode program", "Tahun", "Triwulan", "Kemajuan (%)", "Yang berjalan baik",
        "Yang tidak berjalan", "Yang perlu diperbaiki", "Tindak lanjut: apa", "Tindak lanjut: kapan",
        "Tindak lanjut: siapa"]
    first = record_of(masterplan, "Portal layanan", 2026, 2)
    assert [c.value for c in ws[3]] == [
        f"r{first.pk}", "P1", 2026, 2, 40, INJECTED["works"], INJECTED["not_works"],
        INJECTED["improve"], "Rapat integrasi", "Juli 2026", INJECTED["followup_who"]]
    for column in "FGHK":  # texts that look like formulas stay literal text
        assert ws[f"{column}3"].data_type == "s" and ws[f"{column}3"].quotePrefix
    assert [[c.value for c in row][1:5] for row in ws.iter_rows(min_row=4)] == [
        ["P1", 2026, 3, 60], ["P1", 2027, 1, 90], ["P2", 2026, 4, 100]]


def test_actual_sheet_has_a_row_per_actual(exported, masterplan):
    ws = sheet_of(exported, "Realisasi KPI")
    assert ws["B1"].value == "Realisasi KPI per catatan monev"
    assert [c.value for c in ws[2]] == ["Kunci", "Kode program", "Tahun", "Triwulan", "Indikator",
                                        "Realisasi"]
    assert [[c.value for c in row] for row in ws.iter_rows(min_row=3)] == [
        [None, "P1", 2026, 2, "Layanan daring", 35],
        [None, "P1", 2026, 2, "Waktu layanan (hari)", 7.5],
        [None, "P1", 2026, 3, "Layanan daring", 50],
        [None, "P2", 2026, 4, "Ketersediaan", 99.9],
    ]


def test_export_queries_do_not_grow_with_the_records(masterplan, django_assert_max_num_queries):
    keys = {"roadmap.monitoring", "roadmap.actuals"}
    with CaptureQueriesContext(connection) as few:
        write_sheets(masterplan, keys)
    for number in range(12):
        item = program(masterplan, f"Program {number}", dimension="economy", start=(2026, 1),
                       end=(2027, 4))
        indicator = kpi(item, f"KPI {number}")
        for quarter in (1, 2, 3):
            record(item, 2026, quarter, actuals={indicator: quarter})
    with django_assert_max_num_queries(len(few)):
        write_sheets(masterplan, keys)


# --- round trip, preview, apply ------------------------------------------------------------------

def test_round_trip_reports_no_change_and_changes_nothing(exported, masterplan, world):
    first = exported
    diff = importer.preview(masterplan, first)
    assert diff.is_empty, [(s.sheet.title, c.key, fields(c)) for s in diff.sheets for c in s.changes]
    before = state(masterplan)
    importer.apply(masterplan, first, world.user("ketua"), diff.digest)
    assert state(masterplan) == before
    skip = timestamp_cells(first)
    assert cell_values(first, skip) == cell_values(export_bytes(masterplan), skip)


def test_quarters_may_be_written_in_roman_numerals(exported, masterplan):
    def change(workbook):
        set_row(workbook["Monev"], 3, {"Triwulan": "II"})
        set_row(workbook["Realisasi KPI"], 3, {"Triwulan": "triwulan II"})
        set_row(workbook["Realisasi KPI"], 4, {"Triwulan": "TW ii"})
    assert importer.preview(masterplan, edit(exported, change)).is_empty


def edit_everything(masterplan, content=None):
    """Monev: TW III's progress changed, a record for TW IV 2026 added, P2's record removed.
    Realisasi KPI: an actual changed, one removed, one added for the new record, P2's removed."""
    third = record_of(masterplan, "Portal layanan", 2026, 3)
    gone = record_of(masterplan, "Pusat data kota", 2026, 4)

    def change(workbook):
        monev = workbook["Monev"]
        set_row(monev, row_of(monev, f"r{third.pk}"), {"Kemajuan (%)": 70})
        monev.delete_rows(row_of(monev, f"r{gone.pk}"))
        append(monev, {"Kode program": "P1", "Tahun": 2026, "Triwulan": "IV", "Kemajuan (%)": "80%",
                       "Yang berjalan baik": "Integrasi selesai"})
        actuals = workbook["Realisasi KPI"]
        set_row(actuals, 3, {"Realisasi": "36,5"})
        actuals.delete_rows(find(actuals, Indikator="Ketersediaan"))
        actuals.delete_rows(4)
        append(actuals, {"Kode program": "P1", "Tahun": 2026, "Triwulan": 4,
                         "Indikator": "layanan  DARING", "Realisasi": 70})
    return edit(export_bytes(masterplan) if content is None else content, change), third, gone


def test_preview_lists_added_changed_and_removed_rows(exported, masterplan):
    content, third, gone = edit_everything(masterplan, exported)
    before = state(masterplan)
    diff = importer.preview(masterplan, content)
    assert state(masterplan) == before
    assert [(s.sheet.title, s.added, s.changed, s.removed) for s in diff.changed_sheets] == [
        ("Monev", 1, 1, 1), ("Realisasi KPI", 1, 1, 2)]
    monev = changes_of(diff, "Monev")
    assert fields(monev[f"r{third.pk}"]) == [("Kemajuan (%)", "60", "70")]
    assert monev[f"r{gone.pk}"].kind == importer.REMOVED
    added = next(c for c in monev.values() if c.kind == importer.ADDED)
    assert fields(added) == [("Kode program", "", "Portal layanan"), ("Tahun", "", "2026"),
                             ("Triwulan", "", "IV"), ("Kemajuan (%)", "", "80"),
                             ("Yang berjalan baik", "", "Integrasi selesai")]
    second = record_of(masterplan, "Portal layanan", 2026, 2)
    daring, waktu = kpi_named("Layanan daring"), kpi_named("Waktu layanan (hari)")
    actuals = changes_of(diff, "Realisasi KPI")
    assert fields(actuals[f"r{second.pk}|k{daring.pk}"]) == [("Realisasi", "35", "36,5")]
    assert actuals[f"r{second.pk}|k{waktu.pk}"].kind == importer.REMOVED
    assert actuals[f"r{gone.pk}|k{kpi_named('Ketersediaan').pk}"].kind == importer.REMOVED
    new = next(c for c in actuals.values() if c.kind == importer.ADDED)
    assert new.key == f"{added.key}|k{daring.pk}"
    assert fields(new) == [("Catatan monev", "", "Portal layanan, TW IV 2026"),
                           ("Indikator", "", "Layanan daring"), ("Realisasi", "", "70")]


def test_apply_saves_everything_and_bumps_versions(exported, masterplan, world):
    anggota = world.user("anggota")
    content, third, gone = edit_everything(masterplan, exported)
    second = record_of(masterplan, "Portal layanan", 2026, 2)
    last = record_of(masterplan, "Portal layanan", 2027, 1)
    daring = kpi_named("Layanan daring")
    apply(masterplan, content, anggota)

    third_now = MonitoringRecord.objects.get(pk=third.pk)
    assert (third_now.progress_percent, third_now.version, third_now.updated_by) == (
        70, third.version + 1, anggota)
    second_now = MonitoringRecord.objects.get(pk=second.pk)  # its actuals changed: saved with it
    assert (second_now.version, second_now.updated_by) == (second.version + 1, anggota)
    assert dict(second_now.actuals.values_list("kpi__name", "value")) == {"Layanan daring": Decimal("36.5")}
    assert MonitoringRecord.objects.get(pk=last.pk).version == last.version
    assert not MonitoringRecord.objects.filter(pk=gone.pk).exists()
    assert not KpiActual.objects.filter(record=gone.pk).exists()
    new = record_of(masterplan, "Portal layanan", 2026, 4)
    assert (new.progress_percent, new.works, new.updated_by) == (80, "Integrasi selesai", anggota)
    assert list(new.actuals.values_list("kpi", "value")) == [(daring.pk, Decimal("70"))]
    assert importer.preview(masterplan, export_bytes(masterplan)).is_empty


def test_moving_a_record_to_another_quarter_keeps_its_actuals(exported, masterplan):
    third = record_of(masterplan, "Portal layanan", 2026, 3)

    def change(workbook):
        set_row(workbook["Monev"], 4, {"Triwulan": 4})
        set_row(workbook["Realisasi KPI"], 5, {"Triwulan": 4})
    content = edit(exported, change)
    diff = importer.preview(masterplan, content)
    assert [(s.sheet.title, s.changed) for s in diff.changed_sheets] == [("Monev", 1)]
    assert fields(changes_of(diff, "Monev")[f"r{third.pk}"]) == [("Triwulan", "III", "IV")]
    apply(masterplan, content)
    assert MonitoringRecord.objects.get(pk=third.pk).quarter == 4
    assert list(KpiActual.objects.filter(record=third.pk).values_list("value", flat=True)) == [50]


def test_two_records_may_swap_their_quarters(exported, masterplan):
    second = record_of(masterplan, "Portal layanan", 2026, 2)
    third = record_of(masterplan, "Portal layanan", 2026, 3)

    def change(workbook):
        set_row(workbook["Monev"], 3, {"Triwulan": 3})
        set_row(workbook["Monev"], 4, {"Triwulan": 2})
        for line, quarter in ((3, 3), (4, 3), (5, 2)):
            set_row(workbook["Realisasi KPI"], line, {"Triwulan": quarter})
    apply(masterplan, edit(exported, change))
    assert MonitoringRecord.objects.get(pk=second.pk).quarter == 3
    assert MonitoringRecord.objects.get(pk=third.pk).quarter == 2
    assert KpiActual.objects.filter(record=second.pk).count() == 2


def test_new_kpi_and_record_of_a_program_added_in_the_same_upload(exported, masterplan, world):
    def change(workbook):
        add_program_row(workbook, masterplan, "P7", "Telemedisin puskesmas", (2027, 1), (2027, 4))
        append(workbook["KPI"], {"Kode program": "P7", "Indikator kinerja": "Puskesmas terhubung",
                                 "Arah": "naik", "Target 2027": 20})
        append(workbook["KPI"], {"Kode program": "P1", "Indikator kinerja": "Pengguna aktif",
                                 "Arah": "naik"})
        append(workbook["Monev"], {"Kode program": "P7", "Tahun": 2027, "Triwulan": 2,
                                   "Kemajuan (%)": 10})
        actuals = workbook["Realisasi KPI"]
        append(actuals, {"Kode program": "p7", "Tahun": 2027, "Triwulan": "II",
                         "Indikator": "Puskesmas terhubung", "Realisasi": 4})
        append(actuals, {"Kode program": "P1", "Tahun": 2026, "Triwulan": 3,
                         "Indikator": "Pengguna aktif", "Realisasi": "1.200"})
    content = edit(exported, change)
    diff = importer.preview(masterplan, content)
    assert [(s.sheet.title, s.added, s.changed, s.removed) for s in diff.changed_sheets] == [
        ("Program", 1, 0, 0), ("KPI", 2, 0, 0), ("Monev", 1, 0, 0), ("Realisasi KPI", 2, 0, 0)]
    third = record_of(masterplan, "Portal layanan", 2026, 3)
    apply(masterplan, content, world.user("ketua"))
    new = record_of(masterplan, "Telemedisin puskesmas", 2027, 2)
    assert list(new.actuals.values_list("kpi__name", "value")) == [("Puskesmas terhubung", 4)]
    assert dict(KpiActual.objects.filter(record=third.pk).values_list("kpi__name", "value")) == {
        "Layanan daring": 50, "Pengguna aktif": 1200}
    assert MonitoringRecord.objects.get(pk=third.pk).version == third.version + 1
    assert importer.preview(masterplan, export_bytes(masterplan)).is_empty


def test_a_record_removed_with_its_actuals_and_a_program_removed_with_everything(exported, masterplan):
    third = record_of(masterplan, "Portal layanan", 2026, 3)

    def change(workbook):
        workbook["Monev"].delete_rows(4)
        workbook["Realisasi KPI"].delete_rows(5)
        for title in ("Program", "KPI", "Monev", "Realisasi KPI"):
            ws = workbook[title]
            for line in reversed(range(3, ws.max_row + 1)):
                if ws.cell(row=line, column=2).value == "P2":
                    ws.delete_rows(line)
    apply(masterplan, edit(exported, change))
    assert not MonitoringRecord.objects.filter(pk=third.pk).exists()
    assert not masterplan.programs.filter(name="Pusat data kota").exists()
    assert KpiActual.objects.filter(record__program__masterplan=masterplan).count() == 2


# --- refusals --------------------------------------------------------------------------------------

MONEV_CASES = {
    "outside": ({"Tahun": 2027, "Triwulan": 2},
                "kolom Tahun: periode TW II 2027 di luar masa program (TW II 2026 – TW I 2027)."),
    "quarter": ({"Triwulan": "V"}, "kolom Triwulan: triwulan harus 1, 2, 3 atau 4 (atau I–IV)."),
    "no quarter": ({"Triwulan": None}, "kolom Triwulan: wajib diisi."),
    "year": ({"Tahun": "dua ribu"}, "kolom Tahun: bukan tahun (angka bulat)."),
    "no year": ({"Tahun": None}, "kolom Tahun: wajib diisi."),
    "progress": ({"Kemajuan (%)": 101}, "kolom Kemajuan (%): kemajuan harus bilangan bulat 0–100."),
    "fraction": ({"Kemajuan (%)": "50,5"}, "kolom Kemajuan (%): kemajuan harus bilangan bulat 0–100."),
    "words": ({"Kemajuan (%)": "banyak"}, "kolom Kemajuan (%): kemajuan harus bilangan bulat 0–100."),
    "no progress": ({"Kemajuan (%)": None}, "kolom Kemajuan (%): wajib diisi."),
    "when": ({"Tindak lanjut: kapan": "x" * 121},
             "kolom Tindak lanjut: kapan: terlalu panjang (maks. 120 karakter)."),
    "program": ({"Kode program": "P9"},
                "kolom Kode program: kode program “P9” tidak ada di lembar Program; tulis kode dari kolom "
                "Kode lembar Program (mis. P3)."),
    "moved": ({"Kode program": "P2"},
              "kolom Kode program: catatan monev tidak dapat dipindah ke program lain (dari “Portal "
              "layanan” ke “Pusat data kota”); hapus barisnya lalu tambahkan baris baru tanpa kunci."),
    "formula": ({"Kemajuan (%)": "=20*2"}, "kolom Kemajuan (%): berisi rumus; tuliskan nilainya saja."),
}


@pytest.mark.parametrize("case", MONEV_CASES)
def test_bad_monev_cells_are_refused_naming_sheet_row_and_column(exported, masterplan, case):
    values, expected = MONEV_CASES[case]
    content = edit(exported, lambda workbook: set_row(workbook["Monev"], 3, values))
    assert f"Lembar “Monev”, baris 3, {expected}" in refused_without_saving(masterplan, content)


def test_a_program_has_one_record_per_quarter(exported, masterplan):
    content = edit(exported, lambda workbook: append(
        workbook["Monev"], {"Kode program": "P1", "Tahun": 2026, "Triwulan": "ii", "Kemajuan (%)": 5}))
    assert refused_without_saving(masterplan, content) == [
        "Lembar “Monev”, baris 7, kolom Triwulan: catatan monev program “Portal layanan” periode TW II "
        "2026 sudah ada di baris 3; satu program punya satu catatan per triwulan."]


ACTUAL_CASES = {
    "unknown kpi": ({"Indikator": "Layanan luring"},
                    "kolom Indikator: indikator “Layanan luring” tidak ada di lembar KPI untuk program "
                    "“Portal layanan”; tulis nama indikator seperti di kolom Indikator kinerja lembar KPI."),
    "no record": ({"Triwulan": 4},
                  "kolom Triwulan: tidak ada catatan monev program “Portal layanan” periode TW IV 2026 di "
                  "lembar Monev; tambahkan dulu barisnya di lembar Monev."),
    "value": ({"Realisasi": "tiga puluh"}, "kolom Realisasi: bukan angka."),
    "no value": ({"Realisasi": None}, "kolom Realisasi: wajib diisi."),
    "no kpi": ({"Indikator": None}, "kolom Indikator: wajib diisi."),
    "formula": ({"Realisasi": "=30+5"}, "kolom Realisasi: berisi rumus; tuliskan nilainya saja."),
}


@pytest.mark.parametrize("case", ACTUAL_CASES)
def test_bad_actual_cells_are_refused_naming_sheet_row_and_column(exported, masterplan, case):
    values, expected = ACTUAL_CASES[case]
    content = edit(exported, lambda workbook: set_row(workbook["Realisasi KPI"], 3, values))
    assert f"Lembar “Realisasi KPI”, baris 3, {expected}" in refused_without_saving(masterplan, content)


def test_an_actual_is_written_once_per_record_and_kpi(exported, masterplan):
    content = edit(exported, lambda workbook: append(workbook["Realisasi KPI"], {
        "Kode program": "P1", "Tahun": 2026, "Triwulan": 2, "Indikator": "Layanan daring",
        "Realisasi": 1}))
    assert refused_without_saving(masterplan, content) == [
        "Lembar “Realisasi KPI”, baris 7, kolom Indikator: realisasi “Layanan daring” untuk periode TW "
        "II 2026 program “Portal layanan” sudah ada di baris 3."]


def test_a_kpi_name_used_twice_in_a_program_is_ambiguous(exported, masterplan):
    def change(workbook):
        ws = workbook["KPI"]
        set_row(ws, find(ws, Indikator_kinerja="Waktu layanan (hari)"), {"Indikator kinerja": "Layanan daring"})
        set_row(workbook["Realisasi KPI"], 4, {"Indikator": "Layanan daring"})
    found = refused_without_saving(masterplan, edit(exported, change))
    ambiguous = ("kolom Indikator: program “Portal layanan” punya lebih dari satu indikator bernama "
                 "“Layanan daring” di lembar KPI; bedakan namanya di lembar KPI.")
    assert found == [f"Lembar “Realisasi KPI”, baris {line}, {ambiguous}" for line in (3, 4, 5)]


def test_actuals_of_a_removed_record_must_go_too(exported, masterplan):
    content = edit(exported, lambda workbook: workbook["Monev"].delete_rows(4))
    assert refused_without_saving(masterplan, content) == [
        "Lembar “Realisasi KPI”, baris 5, kolom Triwulan: tidak ada catatan monev program “Portal "
        "layanan” periode TW III 2026 di lembar Monev; tambahkan dulu barisnya di lembar Monev."]


def test_a_formula_is_refused_once_per_cell(masterplan):
    def change(workbook):
        set_row(workbook["Monev"], 3, {"Tahun": "=2026", "Triwulan": "=1+1", "Kemajuan (%)": "=40"})
        set_row(workbook["Realisasi KPI"], 6, {"Realisasi": "=99"})
    formula = "berisi rumus; tuliskan nilainya saja."
    assert refused_without_saving(masterplan, edit(export_bytes(masterplan), change)) == [
        f"Lembar “Monev”, baris 3, kolom Tahun: {formula}",
        f"Lembar “Monev”, baris 3, kolom Triwulan: {formula}",
        f"Lembar “Monev”, baris 3, kolom Kemajuan (%): {formula}",
        f"Lembar “Realisasi KPI”, baris 6, kolom Realisasi: {formula}"]
