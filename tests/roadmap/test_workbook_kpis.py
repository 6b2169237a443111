"""The KPI and Pembiayaan sheets of the masterplan workbook: layout, round trip, preview, apply,
refusals."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from masterplan.workbook import importer
from masterplan.workbook.errors import WorkbookError
from roadmap.models import Financing, KpiTarget, Program, ProgramKpi

from ..masterplan.workbook_helpers import (
    cell_values,
    edit,
    export_bytes,
    module_workbook_fixtures,
    row_of,
    timestamp_cells,
)
from .roadmap_helpers import financing, kpi, program
from .workbook_kpi_helpers import (
    PROGRAM_COLUMNS,
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

YEARS = list(range(2026, 2036))


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def build_masterplan(world):
    """P1 Portal layanan (2026–2027, two KPIs), P2 Pusat data kota (2026 TW III – 2030 TW II)."""
    masterplan = world.masterplans["own"]
    portal = program(masterplan, "Portal layanan", start=(2026, 1), end=(2027, 4))
    daring = kpi(portal, "=Jumlah layanan daring", unit="-layanan", targets={2026: 80, 2027: "90.5"})
    daring.baseline_value = Decimal("12.5")
    daring.save()
    kpi(portal, "Waktu layanan", direction="turun", unit="hari", targets={2026: 10})
    data_center = program(masterplan, "Pusat data kota", dimension="living", start=(2026, 3),
                          end=(2030, 2))
    kpi(data_center, "Ketersediaan", targets={2030: 99})
    financing(portal, 2026, "apbd", 1_500_000_000)
    financing(portal, 2027, "apbd", "2500000.50")
    financing(portal, 2026, "csr", 0)
    financing(data_center, 2028, "hibah", 750_000_000)
    return masterplan


filled, exported, world, masterplan = module_workbook_fixtures(build_masterplan)


def portal(masterplan):
    return masterplan.programs.get(name="Portal layanan")


def data_center(masterplan):
    return masterplan.programs.get(name="Pusat data kota")


def kpi_named(name):
    return ProgramKpi.objects.get(name=name)


def refused_without_saving(masterplan, content):
    """The messages of a refused workbook; applying it saves nothing."""
    found = messages(masterplan, content)
    before = state(masterplan)
    with pytest.raises(WorkbookError):
        importer.apply(masterplan, content, None, "digest")
    assert state(masterplan) == before
    return found


# --- export ----------------------------------------------------------------------------------

def test_roadmap_sheets_follow_the_program_sheets_in_order(exported, masterplan):
    names = load_workbook(io.BytesIO(exported)).sheetnames
    order = [names.index(title) for title in
             ("Program", "Quick Win", "KPI", "Pembiayaan", "Monev", "Realisasi KPI")]
    assert order == sorted(order)


def test_kpi_sheet_has_a_target_column_per_year_of_the_period(exported, masterplan):
    ws = sheet_of(exported, "KPI")
    assert ws.column_dimensions["A"].hidden
    assert ws["B1"].value == "KPI program dan target tahunan 2026–2035"
    assert [c.value for c in ws[2]] == ["Kunci", "Kode program", "Indikator kinerja", "Satuan",
                                        "Arah", "Baseline", *(f"Target {y}" for y in YEARS)]
    daring = kpi_named("=Jumlah layanan daring")
    assert [c.value for c in ws[3]] == [f"k{daring.pk}", "P1", "=Jumlah layanan daring", "-layanan",
                                        "naik", 12.5, 80, 90.5, *[None] * 8]
    assert [c.value for c in ws[4]][1:8] == ["P1", "Waktu layanan", "hari", "turun", None, 10, None]
    assert [c.value for c in ws[5]][1:3] == ["P2", "Ketersediaan"]
    assert ws.cell(row=5, column=7 + YEARS.index(2030)).value == 99
    for cell in (ws["C3"], ws["D3"]):  # texts that look like formulas stay literal text
        assert cell.data_type == "s" and cell.quotePrefix


def test_financing_sheet_has_a_row_per_program_and_source(exported, masterplan):
    ws = sheet_of(exported, "Pembiayaan")
    assert ws["B1"].value == "Pembiayaan program per tahun dan sumber dana (rupiah), 2026–2035"
    assert [c.value for c in ws[2]] == ["Kunci", "Kode program", "Sumber dana",
                                        *(f"Tahun {y}" for y in YEARS)]
    assert [[c.value for c in row][:6] for row in ws.iter_rows(min_row=3)] == [
        [None, "P1", "APBD", 1_500_000_000, 2500000.5, None],
        [None, "P1", "CSR", 0, None, None],
        [None, "P2", "Hibah", None, None, 750_000_000],
    ]


def test_export_queries_do_not_grow_with_the_programs(masterplan, django_assert_max_num_queries):
    keys = {"roadmap.kpis", "roadmap.financing"}
    with CaptureQueriesContext(connection) as few:
        write_sheets(masterplan, keys)
    for number in range(12):
        item = program(masterplan, f"Program {number}", dimension="economy", start=(2026, 1),
                       end=(2030, 4))
        kpi(item, f"KPI {number} a", targets={2026: number, 2030: 5})
        kpi(item, f"KPI {number} b", targets={2027: 1})
        financing(item, 2026, "apbn", 1000)
        financing(item, 2029, "dak", 2000)
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
    assert kpi_named("=Jumlah layanan daring").unit == "-layanan"


def edit_everything(masterplan, content=None):
    daring, waktu = kpi_named("=Jumlah layanan daring"), kpi_named("Waktu layanan")
    availability = kpi_named("Ketersediaan")

    def change(workbook):
        ws = workbook["KPI"]
        set_row(ws, row_of(ws, f"k{waktu.pk}"), {"Indikator kinerja": "Waktu layanan rata-rata"})
        set_row(ws, row_of(ws, f"k{daring.pk}"), {"Target 2026": None, "Target 2027": "95,5"})
        ws.delete_rows(row_of(ws, f"k{availability.pk}"))
        append(ws, {"Kode program": "p2", "Indikator kinerja": "Server aktif", "Arah": "Naik",
                    "Target 2029": "1.250"})
        money = workbook["Pembiayaan"]
        set_row(money, find(money, Kode_program="P1", Sumber_dana="APBD"),
                {"Tahun 2027": "Rp 3.000.000"})
        money.delete_rows(find(money, Kode_program="P2", Sumber_dana="Hibah"))
        append(money, {"Kode program": "P2", "Sumber dana": "apbn", "Tahun 2028": "1.500.000,50"})
    return edit(export_bytes(masterplan) if content is None else content, change), (daring, waktu, availability)


def test_preview_lists_added_changed_and_removed_rows(exported, masterplan):
    content, (daring, waktu, availability) = edit_everything(masterplan, exported)
    before = state(masterplan)
    diff = importer.preview(masterplan, content)
    assert state(masterplan) == before
    assert [(s.sheet.title, s.added, s.changed, s.removed) for s in diff.changed_sheets] == [
        ("KPI", 1, 2, 1), ("Pembiayaan", 1, 1, 1)]
    kpis = changes_of(diff, "KPI")
    assert fields(kpis[f"k{waktu.pk}"]) == [
        ("Indikator kinerja", "Waktu layanan", "Waktu layanan rata-rata")]
    assert fields(kpis[f"k{daring.pk}"]) == [("Target 2026", "80", ""), ("Target 2027", "90,5", "95,5")]
    assert kpis[f"k{availability.pk}"].kind == importer.REMOVED
    added = next(c for c in kpis.values() if c.kind == importer.ADDED)
    assert fields(added) == [("Kode program", "", "Pusat data kota"),
                             ("Indikator kinerja", "", "Server aktif"), ("Arah", "", "naik"),
                             ("Target 2029", "", "1.250"), ("Urutan", "", "1")]
    money = changes_of(diff, "Pembiayaan")
    p1, p2 = portal(masterplan).pk, data_center(masterplan).pk
    assert fields(money[f"p{p1}|apbd"]) == [("Tahun 2027", "Rp 2.500.000,50", "Rp 3.000.000")]
    assert money[f"p{p2}|hibah"].kind == importer.REMOVED
    assert fields(money[f"p{p2}|apbn"]) == [("Kode program", "", "Pusat data kota"),
                                            ("Sumber dana", "", "APBN"), ("Tahun 2028", "", "Rp 1.500.000,50")]


def test_apply_saves_everything_and_bumps_versions(masterplan, world):
    anggota = world.user("anggota")
    other = program(masterplan, "Program lain", dimension="environment")
    content, (daring, waktu, availability) = edit_everything(masterplan)
    versions = {item.pk: item.version for item in Program.objects.all()}
    apply(masterplan, content, anggota)

    waktu_now = ProgramKpi.objects.get(pk=waktu.pk)
    assert (waktu_now.name, waktu_now.version, waktu_now.updated_by) == (
        "Waktu layanan rata-rata", waktu.version + 1, anggota)
    daring_now = ProgramKpi.objects.get(pk=daring.pk)
    assert daring_now.version == daring.version + 1
    assert dict(daring_now.targets.values_list("year", "value")) == {2027: Decimal("95.5")}
    assert not ProgramKpi.objects.filter(pk=availability.pk).exists()
    server = kpi_named("Server aktif")
    assert (server.program, server.direction, server.position, server.updated_by) == (
        data_center(masterplan), "naik", 0, anggota)
    assert dict(server.targets.values_list("year", "value")) == {2029: Decimal("1250")}
    assert sorted(Financing.objects.values_list("program__name", "year", "source", "amount")) == [
        ("Portal layanan", 2026, "apbd", Decimal("1500000000")),
        ("Portal layanan", 2026, "csr", Decimal("0")),
        ("Portal layanan", 2027, "apbd", Decimal("3000000")),
        ("Pusat data kota", 2028, "apbn", Decimal("1500000.50")),
    ]
    # KPIs and financing are saved under the program's version, as on the program page.
    assert Program.objects.get(pk=portal(masterplan).pk).version == versions[portal(masterplan).pk] + 1
    assert Program.objects.get(pk=data_center(masterplan).pk).version > versions[data_center(masterplan).pk]
    assert Program.objects.get(pk=other.pk).version == versions[other.pk]
    assert importer.preview(masterplan, export_bytes(masterplan)).is_empty


def test_reordering_kpis_renumbers_without_bumping_versions(exported, masterplan):
    daring, waktu = kpi_named("=Jumlah layanan daring"), kpi_named("Waktu layanan")

    def change(workbook):
        ws = workbook["KPI"]
        for column in range(1, ws.max_column + 1):
            first, second = ws.cell(row=3, column=column), ws.cell(row=4, column=column)
            first.value, second.value = second.value, first.value
            for cell in (first, second):
                if cell.data_type == "f":  # "=Jumlah ..." stays text
                    cell.data_type = "s"
    content = edit(exported, change)
    diff = importer.preview(masterplan, content)
    assert {key: fields(change) for key, change in changes_of(diff, "KPI").items()} == {
        f"k{waktu.pk}": [("Urutan", "2", "1")], f"k{daring.pk}": [("Urutan", "1", "2")]}
    apply(masterplan, content)
    assert list(portal(masterplan).kpis.order_by("position", "pk")) == [waktu, daring]
    assert ProgramKpi.objects.get(pk=waktu.pk).version == waktu.version


def test_kpi_targets_and_financing_for_a_program_added_in_the_same_upload(exported, masterplan, world):
    def change(workbook):
        add_program_row(workbook, masterplan, "P7", "Telemedisin puskesmas", (2027, 1), (2028, 4))
        append(workbook["KPI"], {"Kode program": "P7", "Indikator kinerja": "Puskesmas terhubung",
                                 "Satuan": "unit", "Arah": "naik", "Baseline": 3,
                                 "Target 2027": 20, "Target 2028": "40"})
        append(workbook["Pembiayaan"], {"Kode program": "P7", "Sumber dana": "DAK",
                                        "Tahun 2027": 500_000_000, "Tahun 2028": "Rp 750.000.000"})
    content = edit(exported, change)
    diff = importer.preview(masterplan, content)
    assert [(s.sheet.title, s.added, s.changed, s.removed) for s in diff.changed_sheets] == [
        ("Program", 1, 0, 0), ("KPI", 1, 0, 0), ("Pembiayaan", 1, 0, 0)]
    apply(masterplan, content, world.user("ketua"))
    telemedicine = masterplan.programs.get(name="Telemedisin puskesmas")
    indicator = telemedicine.kpis.get()
    assert (indicator.name, indicator.unit, indicator.baseline_value) == (
        "Puskesmas terhubung", "unit", Decimal("3"))
    assert dict(indicator.targets.values_list("year", "value")) == {2027: 20, 2028: 40}
    assert dict(telemedicine.financing.values_list("year", "amount")) == {
        2027: Decimal("500000000"), 2028: Decimal("750000000")}
    assert importer.preview(masterplan, export_bytes(masterplan)).is_empty


def test_a_program_removed_with_its_rows_takes_its_kpis_and_financing(exported, masterplan):
    doomed = data_center(masterplan)

    def change(workbook):
        for title in ("Program", "KPI", "Pembiayaan"):
            ws = workbook[title]
            for line in reversed(range(3, ws.max_row + 1)):
                if ws.cell(row=line, column=2).value == "P2":
                    ws.delete_rows(line)
    apply(masterplan, edit(exported, change))
    assert not Program.objects.filter(pk=doomed.pk).exists()
    assert not ProgramKpi.objects.filter(program=doomed.pk).exists()
    assert ProgramKpi.objects.filter(program=portal(masterplan)).count() == 2


# --- refusals --------------------------------------------------------------------------------------

def kpi_line(ws, name):
    return find(ws, Indikator_kinerja=name)


KPI_CASES = {
    "unknown program": ({"Kode program": "P9"},
                        "Lembar “KPI”, baris 3, kolom Kode program: kode program “P9” tidak ada di lembar "
                        "Program; tulis kode dari kolom Kode lembar Program (mis. P3)."),
    "no name": ({"Indikator kinerja": None}, "Lembar “KPI”, baris 3, kolom Indikator kinerja: wajib diisi."),
    "long name": ({"Indikator kinerja": "x" * 301},
                  "Lembar “KPI”, baris 3, kolom Indikator kinerja: terlalu panjang (maks. 300 karakter)."),
    "direction": ({"Arah": "atas"},
                  "Lembar “KPI”, baris 3, kolom Arah: “atas” tidak dikenal; pilih salah satu: naik (makin "
                  "tinggi makin baik), turun (makin rendah makin baik)."),
    "baseline": ({"Baseline": "dua belas"}, "Lembar “KPI”, baris 3, kolom Baseline: bukan angka."),
    "target outside": ({"Target 2030": 5},
                       "Lembar “KPI”, baris 3, kolom Target 2030: target KPI “=Jumlah layanan daring” tahun "
                       "2030 di luar masa program “Portal layanan” (2026–2027); kosongkan targetnya atau "
                       "ubah tahun program di lembar Program."),
    "moved": ({"Kode program": "P2"},
              "Lembar “KPI”, baris 3, kolom Kode program: KPI tidak dapat dipindah ke program lain (dari "
              "“Portal layanan” ke “Pusat data kota”); hapus barisnya lalu tambahkan baris baru tanpa kunci."),
    "formula": ({"Target 2026": "=1+79"},
                "Lembar “KPI”, baris 3, kolom Target 2026: berisi rumus; tuliskan nilainya saja."),
}


@pytest.mark.parametrize("case", KPI_CASES)
def test_bad_kpi_cells_are_refused_naming_sheet_row_and_column(exported, masterplan, case):
    values, expected = KPI_CASES[case]
    content = edit(exported, lambda workbook: set_row(workbook["KPI"], 3, values))
    assert expected in refused_without_saving(masterplan, content)


FINANCING_CASES = {
    "negative": ({"Tahun 2026": -5}, "kolom Tahun 2026: jumlah tidak boleh negatif."),
    "negative text": ({"Tahun 2026": "-5.000"}, "kolom Tahun 2026: jumlah tidak boleh negatif."),
    "words": ({"Tahun 2027": "satu juta"},
              "kolom Tahun 2027: bukan jumlah rupiah; tulis angka, mis. 1.500.000.000 atau Rp 2.500.000,50."),
    "decimals": ({"Tahun 2027": "1.500.000,555"},
                 "kolom Tahun 2027: jumlah terlalu besar atau lebih dari 2 angka di belakang koma."),
    "outside": ({"Tahun 2030": 100},
                "kolom Tahun 2030: pembiayaan 2030 (APBD) di luar masa program “Portal layanan” "
                "(2026–2027); kosongkan jumlahnya atau ubah tahun program di lembar Program."),
    "source": ({"Sumber dana": "BUMN"},
               "kolom Sumber dana: “BUMN” tidak dikenal; pilih salah satu: APBD, APBN, DAK, KPBU, CSR, Hibah, "
               "Lainnya."),
    "formula": ({"Tahun 2026": "=2*3"}, "kolom Tahun 2026: berisi rumus; tuliskan nilainya saja."),
}


@pytest.mark.parametrize("case", FINANCING_CASES)
def test_bad_financing_cells_are_refused_naming_sheet_row_and_column(exported, masterplan, case):
    values, expected = FINANCING_CASES[case]
    content = edit(exported, lambda workbook: set_row(workbook["Pembiayaan"], 3, values))
    assert f"Lembar “Pembiayaan”, baris 3, {expected}" in refused_without_saving(masterplan, content)


def test_a_program_source_pair_is_written_once(exported, masterplan):
    content = edit(exported, lambda workbook: append(
        workbook["Pembiayaan"], {"Kode program": "P1", "Sumber dana": "apbd", "Tahun 2027": 1}))
    assert refused_without_saving(masterplan, content) == [
        "Lembar “Pembiayaan”, baris 6, kolom Sumber dana: program “Portal layanan” dengan sumber dana "
        "APBD sudah ada di baris 3; tulis satu baris per program dan sumber dana."]


def test_shorter_program_years_refuse_the_targets_and_amounts_left_outside(exported, masterplan):
    """The KPI and financing rows are unchanged, but the Program sheet ends P1 in 2026."""
    def change(workbook):
        ws = workbook["Program"]
        ws.cell(row=3, column=PROGRAM_COLUMNS["end_year"], value=2026)
    found = refused_without_saving(masterplan, edit(exported, change))
    assert found == [
        "Lembar “KPI”, baris 3, kolom Target 2027: target KPI “=Jumlah layanan daring” tahun 2027 di "
        "luar masa program “Portal layanan” (2026); kosongkan targetnya atau ubah tahun program di "
        "lembar Program.",
        "Lembar “Pembiayaan”, baris 3, kolom Tahun 2027: pembiayaan 2027 (APBD) di luar masa program "
        "“Portal layanan” (2026); kosongkan jumlahnya atau ubah tahun program di lembar Program."]


def test_a_target_outside_a_new_programs_years_is_refused(exported, masterplan):
    def change(workbook):
        add_program_row(workbook, masterplan, "P7", "Telemedisin puskesmas", (2027, 1), (2028, 4))
        append(workbook["KPI"], {"Kode program": "P7", "Indikator kinerja": "Puskesmas terhubung",
                                 "Arah": "naik", "Target 2026": 1})
    found = refused_without_saving(masterplan, edit(exported, change))
    assert found == [
        "Lembar “KPI”, baris 6, kolom Target 2026: target KPI “Puskesmas terhubung” tahun 2026 di "
        "luar masa program “Telemedisin puskesmas” (2027–2028); kosongkan targetnya atau ubah tahun "
        "program di lembar Program."]


def test_targets_left_outside_by_an_earlier_change_read_back_untouched(masterplan):
    """A target outside the program's years that is already saved does not stop a round trip."""
    KpiTarget.objects.create(kpi=kpi_named("Waktu layanan"), year=2031, value=1)
    Financing.objects.create(program=portal(masterplan), year=2031, source="dak", amount=5)
    assert importer.preview(masterplan, export_bytes(masterplan)).is_empty


def test_a_formula_is_refused_once_per_cell(masterplan):
    def change(workbook):
        set_row(workbook["KPI"], 4, {"Baseline": "=1", "Target 2027": "=A1"})
        set_row(workbook["Pembiayaan"], 4, {"Tahun 2026": "=SUM(D3:D3)"})
    formula = "berisi rumus; tuliskan nilainya saja."
    assert refused_without_saving(masterplan, edit(export_bytes(masterplan), change)) == [
        f"Lembar “KPI”, baris 4, kolom Baseline: {formula}",
        f"Lembar “KPI”, baris 4, kolom Target 2027: {formula}",
        f"Lembar “Pembiayaan”, baris 4, kolom Tahun 2026: {formula}"]
