"""Why a workbook was refused: structured errors, worded per channel.

A `CellError` says what is wrong (`kind`, a key of `MESSAGES`) and where (sheet, row, column);
`message("id")` words it for the browser, `message("en")` for the command line:

    Lembar “II.2 SDM”, baris 7, kolom Angka: bukan angka.
    Sheet “II.2 SDM”, row 7, column Angka: not a number.

Column names are the sheet's own (Indonesian) headers in both languages, so a message points at
what the person sees in the spreadsheet.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured

# kind -> (Bahasa Indonesia, English). Texts start in lower case and carry no final full stop:
# `CellError.message` puts them after a location or capitalises them when there is none. The apps
# add the kinds of their own rules with `register_messages`.
MESSAGES = {
    # The file itself (safety.py).
    "too_large": ("berkas lebih besar dari {limit} MB", "the file is larger than {limit} MB"),
    "empty": ("berkas kosong", "the file is empty"),
    "not_xlsx": ("berkas bukan buku kerja Excel (.xlsx)", "the file is not an Excel workbook (.xlsx)"),
    "macro": ("berkas berisi makro (VBA, .xlsm); simpan sebagai .xlsx tanpa makro lalu unggah lagi",
              "the file contains macros (VBA, .xlsm); save it as .xlsx without macros and try again"),
    "too_many_parts": ("berkas berisi terlalu banyak bagian ({count}, maks. {limit})",
                       "the file has too many parts ({count}, at most {limit})"),
    "too_big_unpacked": ("isi berkas terlalu besar setelah diekstrak ({size} MB, maks. {limit} MB)",
                         "the file is too large once unpacked ({size} MB, at most {limit} MB)"),
    "ratio": ("bagian “{part}” terlalu padat dimampatkan (rasio {ratio}, maks. {limit}); "
              "berkas ditolak sebagai bom zip",
              "part “{part}” is compressed too densely (ratio {ratio}, at most {limit}); "
              "refused as a zip bomb"),
    "xml_forbidden": ("berkas berisi deklarasi XML yang tidak diizinkan (DTD/entitas)",
                      "the file contains forbidden XML declarations (DTD/entities)"),
    "unreadable": ("berkas tidak dapat dibaca sebagai buku kerja Excel",
                   "the file cannot be read as an Excel workbook"),
    "stored_missing": ("berkas unggahan tidak ditemukan lagi; unggah ulang buku kerjanya",
                       "the uploaded file is gone; upload the workbook again"),
    "too_many_rows": ("lembar berisi lebih dari {limit} baris", "the sheet has more than {limit} rows"),
    # The workbook's identity (Info sheet).
    "missing_sheet": ("lembar ini tidak ada di berkas", "this sheet is missing from the file"),
    "info_missing": ("isian “{label}” tidak ditemukan", "entry “{label}” not found"),
    "wrong_region": ("buku kerja ini milik wilayah {found}, bukan {expected}",
                     "this workbook belongs to region {found}, not {expected}"),
    "wrong_edition": ("buku kerja ini memakai edisi panduan {found}, bukan {expected}",
                      "this workbook uses guide edition {found}, not {expected}"),
    # Layout.
    "bad_header": ("judul kolom seharusnya “{expected}”, tertulis “{found}”; susunan kolom jangan diubah",
                   "the column heading should be “{expected}”, found “{found}”; "
                   "do not change the column layout"),
    # Cell values.
    "formula": ("berisi rumus; tuliskan nilainya saja", "contains a formula; enter the value only"),
    "not_number": ("bukan angka", "not a number"),
    "number_too_large": ("angka terlalu besar", "the number is too large"),
    "not_year": ("bukan tahun (angka bulat)", "not a year (a whole number)"),
    "year_range": ("tahun harus antara {low} dan {high}", "the year must be between {low} and {high}"),
    "unknown_mark": ("tanda “{mark}” tidak dikenal; gunakan ✓, v atau X",
                     "unknown mark “{mark}”; use ✓, v or X"),
    "two_marks": ("lebih dari satu kolom bertanda; pilih satu dari {choices}",
                  "more than one column is marked; choose one of {choices}"),
    "too_long": ("terlalu panjang (maks. {limit} karakter)", "too long (at most {limit} characters)"),
    "required": ("wajib diisi", "required"),
    "bad_scope": ("lingkup harus Nasional atau Internasional", "the scope must be Nasional or Internasional"),
    # Rows.
    "bad_no": ("isi kolom No harus nomor komponen atau “+” untuk komponen tambahan",
               "the No column must hold a component number or “+” for an added component"),
    "unknown_component": ("komponen nomor {number} tidak ada di {table}",
                          "there is no component number {number} in {table}"),
    "missing_component": ("baris komponen nomor {number} tidak ada; komponen dari panduan tidak dapat "
                          "dihapus, kosongkan isiannya",
                          "the row of component number {number} is missing; components of the guide "
                          "cannot be removed, empty their cells instead"),
    "unknown_row": ("baris tidak dikenal (kunci “{key}” di kolom A); jangan ubah kolom kunci",
                    "unknown row (key “{key}” in column A); do not change the key column"),
    "duplicate_row": ("baris ganda (kunci “{key}” juga di baris {other})",
                      "duplicate row (key “{key}” also on row {other})"),
    "no_new_rows": ("lembar ini tidak menerima baris baru (kolom kunci A kosong)",
                    "this sheet takes no new rows (key column A is empty)"),
    "unknown_column": ("kolom tidak dikenal (kunci “{key}” di baris 2); jangan ubah baris kunci",
                       "unknown column (key “{key}” on row 2); do not change the key row"),
    "missing_row": ("baris “{label}” tidak ada", "the row “{label}” is missing"),
    "duplicate_name": ("“{name}” sudah ada (baris/kolom {other})", "“{name}” already exists (row/column {other})"),
    "orphan_values": ("kolom berisi nilai tanpa nama kota pembanding",
                      "the column holds values without a benchmark city name"),
    "missing_own_column": ("kolom wilayah sendiri (kunci “own”) tidak ada",
                           "the region's own column (key “own”) is missing"),
    # Applying.
    "changed_in_app": ("baris ini diubah di aplikasi oleh {who} pada {when}, setelah buku kerja "
                       "diekspor; isian “{value}” di aplikasi tidak ditimpa. Unduh ulang buku kerja "
                       "lalu masukkan lagi perubahan Anda",
                       "this row was changed in the app by {who} at {when}, after the workbook "
                       "was exported; the app's value “{value}” is not overwritten. Download the "
                       "workbook again and re-enter your changes"),
    "conflict": ("perubahan bertabrakan dengan data lain: {detail}", "the changes collide with other data: {detail}"),
}


def register_messages(messages):
    """Add an app's kinds {kind: (Bahasa Indonesia, English)} to MESSAGES, worded like the ones
    above. A kind already registered (by the core or another app) is refused, whatever its text:
    two sheets must never word one kind differently, nor silently keep the first wording."""
    taken = sorted(set(messages) & set(MESSAGES))
    if taken:
        raise ImproperlyConfigured(f"Workbook message kinds already registered: {', '.join(taken)}")
    MESSAGES.update(messages)


LOCATION = {
    "id": ("Lembar “{sheet}”", ", baris {row}", ", kolom {column}"),
    "en": ("Sheet “{sheet}”", ", row {row}", ", column {column}"),
}


@dataclass(frozen=True)
class CellError:
    kind: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    params: dict = field(default_factory=dict, hash=False, compare=False)

    def message(self, language="id"):
        index = 0 if language == "id" else 1
        text = MESSAGES[self.kind][index].format(**self.params)
        if self.sheet is None:
            return text[:1].upper() + text[1:] + "."
        sheet, row, column = LOCATION["id" if language == "id" else "en"]
        where = sheet.format(sheet=self.sheet)
        if self.row is not None:
            where += row.format(row=self.row)
        if self.column is not None:
            where += column.format(column=self.column)
        return f"{where}: {text}."


class WorkbookError(Exception):
    """The workbook was refused; `errors` lists every problem found (nothing was saved)."""

    def __init__(self, errors):
        self.errors = list(errors)
        super().__init__("; ".join(error.message("en") for error in self.errors))

    def messages(self, language="id"):
        return [error.message(language) for error in self.errors]


class ErrorList:
    """Collects the errors of one sheet so a person sees all of them at once (up to `limit`)."""

    limit = 50

    def __init__(self, sheet):
        self.sheet = sheet
        self.errors = []

    def add(self, kind, row=None, column=None, **params):
        if len(self.errors) < self.limit:
            self.errors.append(CellError(kind, self.sheet, row, column, params))

    def __bool__(self):
        return bool(self.errors)

    def raise_if_any(self):
        if self.errors:
            raise WorkbookError(self.errors)
