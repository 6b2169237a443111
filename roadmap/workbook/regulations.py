"""The "Regulasi" sheet: the guide's regulations and the region's own (roadmap/regulations.py).

A list sheet (common.ListSheet), one row per regulation, key ``g<pk>`` in the hidden column A (a
row without a key is a new regulation, added at the end): Regulasi, Status (a label or code;
empty is Belum ada), Nomor, Tanggal (an Excel date, or text such as 31-12-2025 or 2025-12-31),
Dokumen.

Rules, as on the Regulasi page: the guide's regulations (is_guide_item) cannot be removed and
their title is not editable; the region's own can be added and removed (a removed one's PDF is
deleted once the import is committed, as delete_regulation does). RegulationForm's rules apply to
added and changed rows (a ditetapkan regulation has a number and a date; no date in the future).
Dokumen shows whether a PDF is attached and is not read: documents are uploaded on the page.

The date reader (read_date) and DatedSheet are shared with the Lembaga sheet (institutions.py).
"""

import datetime
import re

from openpyxl.utils.datetime import from_excel

from masterplan import clock, ordering
from masterplan.workbook.base import YEAR_RANGE, Row, delete_versioned, update_versioned
from masterplan.workbook.cells import normalized
from masterplan.workbook.errors import register_messages
from masterplan.workbook.importer import ADDED, CHANGED, REMOVED

from ..models import Regulation, RegulationStatus
from ..regulations import (
    RegulationForm,
    delete_file_on_commit,
    document_name,
    is_guide_item,
    regulations_of,
)
from .applications import check_rules, differs
from .common import Column, ListSheet, choice_label, read_choice

REGULATION_MESSAGES = {
    "roadmap_bad_date": ("bukan tanggal; tulis tanggal Excel atau teks seperti 31-12-2025 atau "
                         "2025-12-31",
                         "not a date; write an Excel date or text like 31-12-2025 or 2025-12-31"),
    "roadmap_guide_regulation": (
        "“{title}” termasuk daftar regulasi panduan dan tidak dapat dihapus; ubah statusnya bila "
        "belum disusun",
        "“{title}” is one of the guide's regulations and cannot be removed; change its status if "
        "it is not drafted yet"),
    "roadmap_guide_title": ("judul regulasi panduan tidak dapat diubah (tetap “{title}”)",
                            "the title of a guide regulation cannot change (it stays “{title}”)"),
}
register_messages(REGULATION_MESSAGES)


# --- dates ---------------------------------------------------------------------------------------

DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
YEAR_FIRST = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
SERIAL = re.compile(r"\d{1,6}(?:\.\d+)?")


def read_date(reader, errors, line, column, label):
    """A date cell as ISO text ("" when empty): an Excel date (or its serial number), or text
    "31-12-2025" (also with / or .) or "2025-12-31"; the year within YEAR_RANGE."""
    text = reader.text(line, column, label).strip()
    if not text:
        return ""
    found = None
    try:
        if match := DAY_FIRST.fullmatch(text):
            day, month, year = map(int, match.groups())
            found = datetime.date(year, month, day)
        elif match := YEAR_FIRST.fullmatch(text):
            found = datetime.date(*map(int, match.groups()))
        elif SERIAL.fullmatch(text):
            found = from_excel(float(text)).date()
    except (ValueError, OverflowError, TypeError, AttributeError):
        found = None
    if found is None:
        errors.add("roadmap_bad_date", line, label)
        return ""
    low, high = YEAR_RANGE
    if not low <= found.year <= high:
        errors.add("year_range", line, label, low=low, high=high)
        return ""
    return found.isoformat()


def to_date(value):
    return datetime.date.fromisoformat(value) if value else None


class DatedSheet(ListSheet):
    """A list sheet whose `date_fields` are written as Excel dates (shown as 31-12-2025)."""

    date_fields = ()

    def cell_value(self, name, value):
        if name in self.date_fields:
            return to_date(value)
        return super().cell_value(name, value)

    def display(self, name, value):
        if name in self.date_fields:
            return clock.format_date(to_date(value)) if value else ""
        return super().display(name, value)

    def write(self, ws, masterplan, rows, ctx):
        super().write(ws, masterplan, rows, ctx)
        for name in self.date_fields:
            column = self.column_number(name)
            for line in range(3, len(rows) + 3):
                ws.cell(row=line, column=column).number_format = "DD-MM-YYYY"


def field_values(values, names):
    return {name: to_date(values[name]) if name == "date" else values[name] for name in names}


# --- the sheet -----------------------------------------------------------------------------------

class RegulationSheet(DatedSheet):
    key = "roadmap.regulations"
    title = "Regulasi"
    order = 670
    group = "Aplikasi e-Gov, kelembagaan dan regulasi"
    heading = "Regulasi smart city"
    columns = (Column("title", "Regulasi", 50), Column("status", "Status", 16),
               Column("number", "Nomor", 24), Column("date", "Tanggal", 14),
               Column("document", "Dokumen (PDF)", 26))
    date_fields = ("date",)

    def rows_of(self, masterplan, ctx):
        return [Row(f"g{regulation.pk}", regulation.title[:80], {
            "title": regulation.title, "status": regulation.status, "number": regulation.number,
            "date": regulation.date.isoformat() if regulation.date else ""}, obj=regulation)
            for regulation in ctx.once("roadmap.regulations",
                                       lambda: list(regulations_of(masterplan)))]

    def current_rows(self, masterplan, ctx):
        return ctx.once("roadmap.regulation_rows", lambda: self.rows_of(masterplan, ctx))

    def display(self, name, value):
        if name == "status":
            return choice_label(RegulationStatus, value)
        return super().display(name, value)

    def write(self, ws, masterplan, rows, ctx):
        super().write(ws, masterplan, rows, ctx)
        column = self.column_number("document")
        for line, row in enumerate(rows, start=3):
            name = document_name(row.obj)
            ws.cell(row=line, column=column).value = f"Ada: {name}" if name else "Belum ada"

    def read(self, reader, errors, line, key, masterplan, ctx):
        old = ctx.once("roadmap.regulation_rows_by_key", lambda: {
            row.key: row for row in self.current_rows(masterplan, ctx)}).get(key)
        fields = self.fields
        title = reader.text(line, 2, fields["title"], max_length=300).strip()
        if old is not None and is_guide_item(old.obj):
            if normalized(title) != normalized(old.values["title"]):
                errors.add("roadmap_guide_title", line, fields["title"],
                           title=old.values["title"][:80])
            title = old.values["title"]
        status = read_choice(reader, errors, line, 3, fields["status"], RegulationStatus)
        return {"title": title, "status": status or RegulationStatus.NONE,
                "number": reader.text(line, 4, fields["number"], max_length=120).strip(),
                "date": read_date(reader, errors, line, 5, fields["date"])}

    def check(self, rows, masterplan, ctx, errors):
        current = {row.key: row for row in self.current_rows(masterplan, ctx)}
        parsed = {row.key for row in rows}
        for row in current.values():
            if is_guide_item(row.obj) and row.key not in parsed:
                errors.add("roadmap_guide_regulation", None, None, title=row.values["title"][:80])
        forms = {}
        for row in rows:
            if not differs(row, current):
                continue
            code = current[row.key].obj.code if row.key in current else ""
            form = forms.get(bool(code)) or forms.setdefault(bool(code), RegulationForm(
                masterplan=masterplan, instance=Regulation(masterplan=masterplan, code=code)))
            values = {name: to_date(value) if name == "date" else value
                      for name, value in row.values.items() if name in form.fields}
            check_rules(form, values, errors, row.line, self.fields, ("date",))

    def apply(self, masterplan, changes, user, ctx):
        names = ("title", "status", "number", "date")
        for change in changes:
            if change.kind == REMOVED:
                document = change.current.obj.document
                delete_versioned(change.current.obj)
                delete_file_on_commit(document.storage, document.name)
        position = ordering.next_position(Regulation.objects.filter(masterplan=masterplan))
        for change in changes:
            if change.kind == ADDED:
                Regulation.objects.create(masterplan=masterplan, code="", position=position,
                                          updated_by=user,
                                          **field_values(change.new.values, names))
                position += 1
            elif change.kind == CHANGED:
                changed = [field.name for field in change.fields if field.name in names]
                update_versioned(change.current.obj,
                                 field_values(change.new.values, changed), user)
