"""Shared by the tests of the KPI, Pembiayaan, Monev and Realisasi KPI sheets: editing rows by
their headings, the roadmap's database state, the refusal messages."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from masterplan.workbook import importer, registry
from masterplan.workbook.base import Context
from masterplan.workbook.errors import WorkbookError
from roadmap.models import (
    Financing,
    KpiActual,
    KpiTarget,
    MonitoringRecord,
    Program,
    ProgramKpi,
)
from roadmap.workbook.programs import ProgramSheet

from ..masterplan.workbook_helpers import db_state

PROGRAM_COLUMNS = {column.name: number for number, column in enumerate(ProgramSheet.columns, start=2)}


def headings(ws):
    """{heading: column} of a list sheet (headings on row 2)."""
    return {ws.cell(row=2, column=column).value: column for column in range(2, ws.max_column + 1)}


def set_row(ws, line, values):
    """Type `values` {heading: value} into row `line` (None empties the cell)."""
    columns = headings(ws)
    for heading, value in values.items():
        ws.cell(row=line, column=columns[heading]).value = value


def append(ws, values):
    """A new row (no key) below the last one; returns its number."""
    line = ws.max_row + 1
    set_row(ws, line, values)
    return line


def find(ws, **values):
    """The row whose cells under the headings (keyword: heading with _ for spaces) hold `values`."""
    columns = headings(ws)
    wanted = {columns[name.replace("_", " ")]: value for name, value in values.items()}
    for line in range(3, ws.max_row + 1):
        if all(ws.cell(row=line, column=column).value == value for column, value in wanted.items()):
            return line
    raise AssertionError(f"no row {values} in {ws.title}")


def add_program_row(workbook, masterplan, code, name, start, end, line=None):
    """A new program in the Program sheet (Living b, aplikasi, jangka pendek)."""
    ws = workbook["Program"]
    line = line or ws.max_row + 1
    values = {"code": code, "name": name, "element": "Living b", "category": "Aplikasi",
              "horizon": "pendek", "start_year": start[0], "start_quarter": start[1],
              "end_year": end[0], "end_quarter": end[1]}
    for field, value in values.items():
        ws.cell(row=line, column=PROGRAM_COLUMNS[field], value=value)
    return line


def state(masterplan):
    """Every row the roadmap's sheets could change, with versions, and the workbook's other data."""
    def rows(queryset):
        return list(queryset.order_by("pk").values_list())
    return (
        rows(Program.objects.filter(masterplan=masterplan)),
        rows(ProgramKpi.objects.filter(program__masterplan=masterplan)),
        rows(KpiTarget.objects.filter(kpi__program__masterplan=masterplan)),
        rows(Financing.objects.filter(program__masterplan=masterplan)),
        rows(MonitoringRecord.objects.filter(program__masterplan=masterplan)),
        rows(KpiActual.objects.filter(record__program__masterplan=masterplan)),
        db_state(masterplan),
    )


def messages(masterplan, content):
    """The Indonesian messages of a refused workbook."""
    with pytest.raises(WorkbookError) as refused:
        importer.preview(masterplan, content)
    return refused.value.messages()


def apply(masterplan, content, user=None):
    diff = importer.preview(masterplan, content)
    importer.apply(masterplan, content, user, diff.digest)
    return diff


def changes_of(diff, title):
    """{key: RowChange} of one sheet of a preview."""
    found = [sheet for sheet in diff.sheets if sheet.sheet.title == title]
    return {change.key: change for sheet in found for change in sheet.changes}


def fields(change):
    return [(f.label, f.old_display, f.new_display) for f in change.fields]


def sheet_of(content, title):
    return load_workbook(io.BytesIO(content))[title]


def write_sheets(masterplan, keys):
    """Export only the sheets with `keys` (what their queries cost, apart from the others)."""
    ctx = Context(masterplan)
    workbook = Workbook()
    for sheet in registry.registered_sheets():
        if sheet.key in keys:
            sheet.write(workbook.create_sheet(sheet.title), masterplan,
                        sheet.current_rows(masterplan, ctx), ctx)
