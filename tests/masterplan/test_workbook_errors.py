"""Bad workbooks are refused with a message naming sheet, row and column, and nothing is saved."""

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from masterplan.models import WorkbookImport
from masterplan.workbook import importer, safety
from masterplan.workbook.base import CellReader, SheetData, number_for_cell
from masterplan.workbook.errors import ErrorList, WorkbookError

from .workbook_helpers import db_state, edit, export_bytes, fill

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("private_media")]

LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
          b'<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>')


@pytest.fixture(scope="module")
def exported(module_db_setup, shared_world):
    """The world's own masterplan filled, and its workbook exported, once for the module."""
    return module_db_setup(lambda: export_bytes(fill(shared_world.masterplans["own"])))


@pytest.fixture
def world(module_world, exported):
    return module_world


@pytest.fixture
def masterplan(world):
    return world.masterplans["own"]


def rezip(content, replace=None, add=None, compression=zipfile.ZIP_DEFLATED):
    """The archive with some parts replaced (name -> bytes or a function of the old bytes)."""
    replace, add = replace or {}, add or {}
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name in source.namelist():
            data = source.read(name)
            change = replace.get(name)
            archive.writestr(name, change(data) if callable(change) else change if change else data)
        for name, data in add.items():
            archive.writestr(name, data)
    return out.getvalue()


def laughs_in_first_sheet(data):
    return LAUGHS + data.split(b"?>", 1)[-1].replace(b"<t>Info</t>", b"<t>&lol4;</t>")


def cell(sheet, ref, value):
    return lambda workbook: workbook[sheet].__setitem__(ref, value)


def zeros(megabytes):
    return bytes(megabytes * 1024 * 1024)


MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
MACRO_MAIN = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"
DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def plain_zip(files):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


def insert_column(workbook):
    workbook["II.3 SD Pemerintahan"].insert_cols(4)


def delete_catalogue_row(workbook):
    workbook["II.2 SDM"].delete_rows(6)  # component 3


def new_city_without_scope(workbook):
    ws = workbook["Daya Saing"]
    ws.cell(row=3, column=10, value="Kota Medan")
    ws.cell(row=5, column=10, value="Nilai")
    ws.cell(row=5, column=11, value="Tahun")


def extra_named_like_a_component(workbook):
    ws = workbook["II.2 SDM"]
    ws.cell(row=20, column=2, value="+")
    ws.cell(row=20, column=3, value="Jumlah komunitas minat bakat/hobbie/kreatif di daerah")


# (id, how to make the file from the exported workbook, Indonesian message, English message)
CASES = [
    ("empty", lambda content: b"", "Berkas kosong.", "The file is empty."),
    ("csv", lambda content: b"Kode,Nama\n32.73,Kota Bandung\n",
     "Berkas bukan buku kerja Excel (.xlsx).", "The file is not an Excel workbook (.xlsx)."),
    ("png", lambda content: b"\x89PNG\r\n\x1a\n" + bytes(200),
     "Berkas bukan buku kerja Excel (.xlsx).", "The file is not an Excel workbook (.xlsx)."),
    ("truncated", lambda content: content[: len(content) // 2],
     "Berkas bukan buku kerja Excel (.xlsx).", "The file is not an Excel workbook (.xlsx)."),
    ("zip-without-content-types", lambda content: plain_zip({"catatan.txt": b"halo"}),
     "Berkas bukan buku kerja Excel (.xlsx).", "The file is not an Excel workbook (.xlsx)."),
    ("word-document", lambda content: rezip(content, {
        "[Content_Types].xml": lambda data: data.replace(MAIN, DOCX_MAIN)}),
     "Berkas bukan buku kerja Excel (.xlsx).", "The file is not an Excel workbook (.xlsx)."),
    ("xlsm-content-type", lambda content: rezip(content, {
        "[Content_Types].xml": lambda data: data.replace(MAIN, MACRO_MAIN)}),
     "Berkas berisi makro (VBA, .xlsm); simpan sebagai .xlsx tanpa makro lalu unggah lagi.",
     "The file contains macros (VBA, .xlsm); save it as .xlsx without macros and try again."),
    ("vba-project", lambda content: rezip(content, add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"}),
     "Berkas berisi makro (VBA, .xlsm); simpan sebagai .xlsx tanpa makro lalu unggah lagi.",
     "The file contains macros (VBA, .xlsm); save it as .xlsx without macros and try again."),
    ("over-10-mb", lambda content: content + bytes(10 * 1024 * 1024),
     "Berkas lebih besar dari 10 MB.", "The file is larger than 10 MB."),
    ("zip-bomb-ratio", lambda content: rezip(content, add={"xl/media/image1.png": zeros(20)}),
     "Bagian “xl/media/image1.png” terlalu padat dimampatkan (rasio 1029, maks. 100); berkas "
     "ditolak sebagai bom zip.",
     "Part “xl/media/image1.png” is compressed too densely (ratio 1029, at most 100); refused as "
     "a zip bomb."),
    ("zip-bomb-size", lambda content: rezip(content, add={
        f"xl/media/image{n}.png": zeros(20) for n in range(3)}),
     "Isi berkas terlalu besar setelah diekstrak (60.2 MB, maks. 50 MB).",
     "The file is too large once unpacked (60.2 MB, at most 50 MB)."),
    ("zip-many-parts", lambda content: rezip(content, add={
        f"xl/media/p{n}.xml": b"<a/>" for n in range(2001)}),
     "Berkas berisi terlalu banyak bagian ({parts}, maks. 2000).",
     "The file has too many parts ({parts}, at most 2000)."),
    ("billion-laughs", lambda content: rezip(content, {
        "xl/worksheets/sheet1.xml": laughs_in_first_sheet}),
     "Berkas berisi deklarasi XML yang tidak diizinkan (DTD/entitas).",
     "The file contains forbidden XML declarations (DTD/entities)."),
    ("other-edition", lambda content: edit(content, cell("Info", "B5", "2099")),
     "Buku kerja ini memakai edisi panduan 2099, bukan 2017.",
     "This workbook uses guide edition 2099, not 2017."),
    ("missing-info", lambda content: edit(content, lambda wb: wb.remove(wb["Info"])),
     "Lembar “Info”: lembar ini tidak ada di berkas.",
     "Sheet “Info”: this sheet is missing from the file."),
    ("missing-sheet", lambda content: edit(content, lambda wb: wb.remove(wb["Kinerja"])),
     "Lembar “Kinerja”: lembar ini tidak ada di berkas.",
     "Sheet “Kinerja”: this sheet is missing from the file."),
    ("unknown-mark", lambda content: edit(content, cell("II.2 SDM", "G4", "ok")),
     "Lembar “II.2 SDM”, baris 4, kolom Baik: tanda “ok” tidak dikenal; gunakan ✓, v atau X.",
     "Sheet “II.2 SDM”, row 4, column Baik: unknown mark “ok”; use ✓, v or X."),
    ("two-marks", lambda content: edit(content, cell("II.2 SDM", "I4", "v")),
     "Lembar “II.2 SDM”, baris 4, kolom Interpretasi: lebih dari satu kolom bertanda; pilih satu "
     "dari Baik/Sedang/Buruk.",
     "Sheet “II.2 SDM”, row 4, column Interpretasi: more than one column is marked; choose one of "
     "Baik/Sedang/Buruk."),
    ("two-performance-marks", lambda content: edit(content, cell("Kinerja", "F4", "X")),
     "Lembar “Kinerja”, baris 4, kolom Penilaian: lebih dari satu kolom bertanda; pilih satu dari "
     "Baik/Sedang/Buruk.",
     "Sheet “Kinerja”, row 4, column Penilaian: more than one column is marked; choose one of "
     "Baik/Sedang/Buruk."),
    ("text-in-angka", lambda content: edit(content, cell("II.2 SDM", "E7", "banyak")),
     "Lembar “II.2 SDM”, baris 7, kolom Angka: bukan angka.",
     "Sheet “II.2 SDM”, row 7, column Angka: not a number."),
    ("text-in-tahun-data", lambda content: edit(content, cell("II.4 Keuangan Daerah", "K5", "2020an")),
     "Lembar “II.4 Keuangan Daerah”, baris 5, kolom Tahun data: bukan tahun (angka bulat).",
     "Sheet “II.4 Keuangan Daerah”, row 5, column Tahun data: not a year (a whole number)."),
    ("year-before-1945", lambda content: edit(content, cell("II.2 SDM", "K4", 1900)),
     "Lembar “II.2 SDM”, baris 4, kolom Tahun data: tahun harus antara 1945 dan 2100.",
     "Sheet “II.2 SDM”, row 4, column Tahun data: the year must be between 1945 and 2100."),
    ("year-after-2100", lambda content: edit(content, cell("Daya Saing", "E6", 2101)),
     "Lembar “Daya Saing”, baris 6, kolom Tahun (Kota Bandung): tahun harus antara 1945 dan 2100.",
     "Sheet “Daya Saing”, row 6, column Tahun (Kota Bandung): the year must be between 1945 and 2100."),
    ("text-in-competitiveness-value", lambda content: edit(content, cell("Daya Saing", "F6", "tinggi")),
     "Lembar “Daya Saing”, baris 6, kolom Nilai (Kota Surabaya): bukan angka.",
     "Sheet “Daya Saing”, row 6, column Nilai (Kota Surabaya): not a number."),
    ("text-in-competitiveness-year", lambda content: edit(content, cell("Daya Saing", "I6", "lalu")),
     "Lembar “Daya Saing”, baris 6, kolom Tahun (Singapura): bukan tahun (angka bulat).",
     "Sheet “Daya Saing”, row 6, column Tahun (Singapura): not a year (a whole number)."),
    ("unknown-component", lambda content: edit(content, cell("II.2 SDM", "B8", 5)),
     "Lembar “II.2 SDM”, baris 8, kolom No: komponen nomor 5 tidak ada di Tabel II.2.",
     "Sheet “II.2 SDM”, row 8, column No: there is no component number 5 in Tabel II.2."),
    ("junk-in-no", lambda content: edit(content, cell("II.2 SDM", "B8", "lima")),
     "Lembar “II.2 SDM”, baris 8, kolom No: isi kolom No harus nomor komponen atau “+” untuk "
     "komponen tambahan.",
     "Sheet “II.2 SDM”, row 8, column No: the No column must hold a component number or “+” for "
     "an added component."),
    ("catalogue-row-deleted", lambda content: edit(content, delete_catalogue_row),
     "Lembar “II.2 SDM”: baris komponen nomor 3 tidak ada; komponen dari panduan tidak dapat "
     "dihapus, kosongkan isiannya.",
     "Sheet “II.2 SDM”: the row of component number 3 is missing; components of the guide cannot "
     "be removed, empty their cells instead."),
    ("unknown-row-key", lambda content: edit(content, cell("Kinerja", "A4", "governance.lain")),
     "Lembar “Kinerja”, baris 4: baris tidak dikenal (kunci “governance.lain” di kolom A); jangan "
     "ubah kolom kunci.",
     "Sheet “Kinerja”, row 4: unknown row (key “governance.lain” in column A); do not change the "
     "key column."),
    ("row-added-to-fixed-sheet", lambda content: edit(content, cell("Analisis Masa Depan", "C9", "x")),
     "Lembar “Analisis Masa Depan”, baris 9: lembar ini tidak menerima baris baru (kolom kunci A "
     "kosong).",
     "Sheet “Analisis Masa Depan”, row 9: this sheet takes no new rows (key column A is empty)."),
    ("formula", lambda content: edit(content, cell("II.2 SDM", "D5", "=1+1")),
     "Lembar “II.2 SDM”, baris 5, kolom Nilai/Kondisi: berisi rumus; tuliskan nilainya saja.",
     "Sheet “II.2 SDM”, row 5, column Nilai/Kondisi: contains a formula; enter the value only."),
    ("column-inserted", lambda content: edit(content, insert_column),
     "Lembar “II.3 SD Pemerintahan”, baris 2, kolom D: judul kolom seharusnya “Nilai/Kondisi”, "
     "tertulis “”; susunan kolom jangan diubah.",
     "Sheet “II.3 SD Pemerintahan”, row 2, column D: the column heading should be “Nilai/Kondisi”, "
     "found “”; do not change the column layout."),
    ("unit-too-long", lambda content: edit(content, cell("II.2 SDM", "F4", "x" * 41)),
     "Lembar “II.2 SDM”, baris 4, kolom Satuan: terlalu panjang (maks. 40 karakter).",
     "Sheet “II.2 SDM”, row 4, column Satuan: too long (at most 40 characters)."),
    ("extra-named-like-a-component", lambda content: edit(content, extra_named_like_a_component),
     "Lembar “II.2 SDM”, baris 20, kolom Komponen: “Jumlah komunitas minat bakat/hobbie/kreatif di "
     "daerah” sudah ada (baris/kolom No 1).",
     "Sheet “II.2 SDM”, row 20, column Komponen: “Jumlah komunitas minat bakat/hobbie/kreatif di "
     "daerah” already exists (row/column No 1)."),
    ("city-without-scope", lambda content: edit(content, new_city_without_scope),
     "Lembar “Daya Saing”, baris 4, kolom J: lingkup harus Nasional atau Internasional.",
     "Sheet “Daya Saing”, row 4, column J: the scope must be Nasional or Internasional."),
]


@pytest.mark.parametrize("make,indonesian,english", [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])
def test_bad_workbook_is_refused_and_nothing_saved(masterplan, world, private_media, exported,
                                                   make, indonesian, english):
    content = make(exported)
    if "{parts}" in indonesian:  # the count depends on how many sheets the workbook has
        parts = len(zipfile.ZipFile(io.BytesIO(content)).namelist())
        indonesian, english = indonesian.format(parts=parts), english.format(parts=parts)
    before = db_state(masterplan)
    uploaded = SimpleUploadedFile("buku-kerja.xlsx", content)
    with pytest.raises(WorkbookError) as refused:
        importer.start_import(masterplan, world.user("anggota"), uploaded)
    assert indonesian in refused.value.messages("id")
    assert english in refused.value.messages("en")
    assert db_state(masterplan) == before
    assert not WorkbookImport.objects.exists()
    assert not private_media.exists() or not any(private_media.rglob("*.xlsx"))


def test_workbook_of_another_region_is_refused(masterplan, world):
    other = fill(world.masterplans["other"])
    before = db_state(masterplan)
    with pytest.raises(WorkbookError) as refused:
        importer.preview(masterplan, export_bytes(other))
    assert refused.value.messages("id") == ["Buku kerja ini milik wilayah 35.10, bukan 32.73."]
    assert refused.value.messages("en") == ["This workbook belongs to region 35.10, not 32.73."]
    assert db_state(masterplan) == before


def test_every_problem_is_listed_at_once(masterplan, exported):
    def change(workbook):
        workbook["II.2 SDM"]["E7"] = "banyak"
        workbook["II.2 SDM"]["K8"] = 1800
        workbook["Daya Saing"]["D6"] = "tinggi"
    with pytest.raises(WorkbookError) as refused:
        importer.preview(masterplan, edit(exported, change))
    assert refused.value.messages("id") == [
        "Lembar “II.2 SDM”, baris 7, kolom Angka: bukan angka.",
        "Lembar “II.2 SDM”, baris 8, kolom Tahun data: tahun harus antara 1945 dan 2100.",
        "Lembar “Daya Saing”, baris 6, kolom Nilai (Kota Bandung): bukan angka.",
    ]


def test_openpyxl_parses_through_defusedxml(exported):
    """Even past the archive checks, openpyxl itself refuses entity declarations."""
    assert openpyxl.DEFUSEDXML is True
    bomb = rezip(exported, {"xl/worksheets/sheet1.xml": laughs_in_first_sheet})
    with pytest.raises(WorkbookError) as refused:
        safety.read_sheets(bomb, ["Info"])  # without check_archive
    assert [error.kind for error in refused.value.errors] == ["xml_forbidden"]


def test_upload_form_refuses_an_oversized_file_before_reading_it(client, world, masterplan):
    from django.urls import reverse

    client.force_login(world.user("ketua"))
    big = SimpleUploadedFile("besar.xlsx", b"PK\x03\x04" + bytes(10 * 1024 * 1024))
    response = client.post(reverse("workbook", kwargs={"region_code": "32.73"}), {"file": big})
    assert response.status_code == 200
    assert "Berkas lebih besar dari 10 MB." in response.content.decode()
    assert not WorkbookImport.objects.exists()


def test_numbers_keep_their_digits_through_a_cell():
    for number in (Decimal("1234567890123456.1234"), Decimal("0.0001"), Decimal("-1.5"),
                   Decimal("12.5"), Decimal("100"), Decimal("99999999999999.9999")):
        value = number_for_cell(number)
        errors = ErrorList("Uji")
        read = CellReader(SheetData("Uji", {1: [value]}, set()), errors).decimal(1, 1, "Angka")
        assert (read, errors.errors) == (number, []), value
    assert number_for_cell(Decimal("1234567890123456.1234")) == "1234567890123456.1234"


@pytest.mark.parametrize("text,number", [("12,5", Decimal("12.5")), (" 1 000 ", Decimal("1000")),
                                         ("-3", Decimal("-3")), ("1e3", None), ("NaN", None),
                                         ("12.5%", None), ("1.234,5", Decimal("1234.5"))])
def test_numbers_typed_as_text(text, number):
    errors = ErrorList("Uji")
    read = CellReader(SheetData("Uji", {1: [text]}, set()), errors).decimal(1, 1, "Angka")
    assert read == number
    assert bool(errors) == (number is None)
