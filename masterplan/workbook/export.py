"""Export: the masterplan workbook as an openpyxl Workbook (Info first, then every sheet)."""

import io
from dataclasses import dataclass

from django.utils import timezone
from django.utils.text import slugify
from openpyxl import Workbook

from .. import clock
from ..services import current_masterplan
from .base import LABEL, Context, hide_key_column, put, put_title, set_widths
from .registry import INFO_TITLE, sheets_for

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# The Info sheet: (label, value of the masterplan). Import reads the region code and edition.
INFO_REGION_CODE = "Kode wilayah"
INFO_EDITION = "Edisi panduan"
INFO_EXPORTED_AT = "Diekspor pada"
# The exact export time (ISO 8601, the region's offset), for the import on a hidden row: a row
# changed in the app after it is not overwritten by an import.
INFO_EXPORT_STAMP = "Stempel ekspor"
INFO_FIRST_ROW = 3


class NoCurrentMasterplan(Exception):
    def __init__(self, region):
        self.region = region
        super().__init__(
            f"Region {region.code} ({region.display_name}) has no current masterplan; "
            f"start one with: python manage.py start_masterplan {region.code}")


@dataclass(frozen=True)
class ExportedWorkbook:
    masterplan: object
    filename: str
    content: bytes
    content_type: str = CONTENT_TYPE


def info_rows(masterplan, exported_at):
    region = masterplan.region
    return [
        (INFO_REGION_CODE, region.code),
        ("Nama wilayah", region.display_name),
        (INFO_EDITION, masterplan.edition.code),
        ("Judul masterplan", masterplan.title),
        ("Periode", f"{masterplan.start_year}–{masterplan.end_year}"),
        (INFO_EXPORTED_AT, clock.format_datetime(exported_at, region)),
        (INFO_EXPORT_STAMP, clock.format_iso(exported_at, region)),
    ]


def write_info(ws, masterplan, exported_at):
    put_title(ws, 1, "Buku Kerja Masterplan Smart City", 1)
    for number, (label, value) in enumerate(info_rows(masterplan, exported_at),
                                            start=INFO_FIRST_ROW):
        put(ws, number, 1, label, LABEL)
        put(ws, number, 2, str(value))
        if label == INFO_EXPORT_STAMP:
            ws.row_dimensions[number].hidden = True
    put(ws, 10, 1, "Petunjuk", LABEL)
    put(ws, 11, 1, "Ubah isian pada lembar-lembar berikut lalu unggah kembali berkas ini di halaman "
                   "Buku Kerja. Jangan ubah susunan kolom, nama lembar, maupun kolom kunci yang "
                   "tersembunyi. Interpretasi ditandai ✓ (atau v/X) pada tepat satu kolom. Komponen "
                   "tambahan ditulis pada baris baru dengan tanda + di kolom No.")
    ws.merge_cells("A11:B14")
    set_widths(ws, {1: 22, 2: 70})


def build_workbook(masterplan, exported_at=None, keys=None):
    """The masterplan's workbook (openpyxl Workbook); with `keys`, only those registered sheets
    (after Info), e.g. one part of the plan as evidence. Queries do not grow with the data."""
    exported_at = exported_at or timezone.now()
    ctx = Context(masterplan)
    workbook = Workbook()
    info = workbook.active
    info.title = INFO_TITLE
    write_info(info, masterplan, exported_at)
    for sheet in sheets_for(masterplan, ctx):
        if keys is not None and sheet.key not in keys:
            continue
        ws = workbook.create_sheet(sheet.title)
        sheet.write(ws, masterplan, sheet.current_rows(masterplan, ctx), ctx)
        hide_key_column(ws)
    return workbook


def workbook_filename(masterplan, exported_at):
    """"buku-kerja-32.73-kota-bandung-2026-ekspor-2026-12-04-2039-WIB.xlsx": the region, the
    masterplan's first year and the export time in the region's zone (clock.format_stamp)."""
    region = masterplan.region
    return (f"buku-kerja-{region.code}-{slugify(region.display_name)}-{masterplan.start_year}"
            f"-ekspor-{clock.format_stamp(exported_at, region)}.xlsx")


def export_masterplan(masterplan):
    exported_at = timezone.now()
    buffer = io.BytesIO()
    build_workbook(masterplan, exported_at).save(buffer)
    return ExportedWorkbook(masterplan, workbook_filename(masterplan, exported_at),
                            buffer.getvalue())


def export_current(region):
    """The workbook of the region's current masterplan: the one export path of the download view
    and of `manage.py export_workbook`. Raises NoCurrentMasterplan."""
    masterplan = current_masterplan(region)
    if masterplan is None:
        raise NoCurrentMasterplan(region)
    masterplan.region = region
    return export_masterplan(masterplan)
