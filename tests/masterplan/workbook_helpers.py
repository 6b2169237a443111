"""Shared by the workbook tests: a fully filled masterplan, editing .xlsx bytes, database state."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from openpyxl import load_workbook

from masterplan.models import WorkbookImport
from masterplan.workbook.export import INFO_EXPORT_STAMP, INFO_EXPORTED_AT, export_masterplan
from readiness.models import (
    BenchmarkCity,
    CompetitivenessIndicator,
    CompetitivenessValue,
    OutlookAnalysis,
    PerformanceAssessment,
    ReadinessEntry,
)
from readiness.services import add_extra_component, sub_areas

# The roadmap app's sheets, after the strategic analysis' (roadmap/workbook/__init__.py).
ROADMAP_SHEETS = ["OPD", "Program", "Quick Win", "KPI", "Pembiayaan", "Monev", "Realisasi KPI",
                  "Register risiko", "Aplikasi e-Gov", "Lembaga", "Anggota Lembaga", "Regulasi"]
INJECTIONS = ["=SUM(A1)", "@x", "-5 derajat", "+62 22 4230000 layanan aduan"]
RATINGS = ["baik", "sedang", "buruk", ""]
# More digits than a float holds, where the database keeps them (SQLite stores decimals as floats).
BIG_NUMBER = (Decimal("1234567890123456.1234") if connection.vendor == "postgresql"
              else Decimal("1234567.1234"))


def entry(masterplan, table_code, number):
    return masterplan.readiness_entries.get(sub_area__code=table_code, component__number=number)


def fill(masterplan, user=None):
    """Fill every part of the workbook, including texts a spreadsheet would take for formulas."""
    tables = list(sub_areas(masterplan.edition_id))
    items = []
    for index, sub_area in enumerate(tables):
        for number, item in enumerate(masterplan.readiness_entries.filter(
                sub_area=sub_area, component__isnull=False).order_by("component__number")
                .select_related("component")):
            item.value_text = f"Kondisi {sub_area.table_id} no {item.component.number}"
            item.value_number = Decimal(index * 10 + number) + Decimal("0.25")
            item.value_unit = "%"
            item.interpretation = RATINGS[(index + number) % 4]
            item.source = "BPS"
            item.source_year = 2015 + number
            item.note = "" if number % 2 else "Catatan\nbaris kedua"
            items.append(item)
    ReadinessEntry.objects.bulk_update(items, ["value_text", "value_number", "value_unit",
                                               "interpretation", "source", "source_year", "note"])
    first = entry(masterplan, "human_resources", 1)
    first.value_text, first.source, first.note = "=SUM(A1)", "@x", "-5 derajat"
    first.value_number, first.interpretation = Decimal("12.5"), "baik"
    first.save()
    second = entry(masterplan, "human_resources", 2)
    second.value_number = BIG_NUMBER
    second.value_unit = "rupiah"
    second.save()
    human_resources = tables[0]
    extra = add_extra_component(masterplan=masterplan, sub_area=human_resources,
                                text="Jumlah komunitas TIK", user=user)
    extra.value_text, extra.value_number, extra.interpretation = "Aktif", Decimal("-3"), "sedang"
    extra.save()
    add_extra_component(masterplan=masterplan, sub_area=human_resources,
                        text="+62 22 4230000 layanan aduan", user=user)
    add_extra_component(masterplan=masterplan, sub_area=tables[4], text="Menara BTS", user=user)
    assessments = list(masterplan.performance_assessments.order_by("pk"))
    for index, assessment in enumerate(assessments):
        assessment.rating = RATINGS[index % 4]
        assessment.note = f"Catatan kinerja {index}"
    PerformanceAssessment.objects.bulk_update(assessments, ["rating", "note"])
    outlook = masterplan.outlook
    outlook.trends = "Tren naik\nterus"
    outlook.stakeholder_expectations = "@warga berharap"
    outlook.competitiveness = "=HYPERLINK(\"http://contoh.invalid\")"
    outlook.institutions = "Dinas Kominfo"
    outlook.save()
    surabaya = BenchmarkCity.objects.create(masterplan=masterplan, name="Kota Surabaya",
                                            scope="nasional", order=1)
    singapura = BenchmarkCity.objects.create(masterplan=masterplan, name="Singapura",
                                             scope="internasional", order=2)
    ipm = CompetitivenessIndicator.objects.create(masterplan=masterplan, name="IPM",
                                                  unit="indeks", order=1)
    growth = CompetitivenessIndicator.objects.create(masterplan=masterplan,
                                                     name="Pertumbuhan ekonomi", unit="%", order=2)
    CompetitivenessValue.objects.create(indicator=ipm, value=Decimal("81.2"), year=2022)
    CompetitivenessValue.objects.create(indicator=ipm, city=surabaya, value=Decimal("82.3"),
                                        year=2022)
    CompetitivenessValue.objects.create(indicator=ipm, city=singapura, year=2021)
    CompetitivenessValue.objects.create(indicator=growth, value=Decimal("-1.5"), year=2020)
    return masterplan


def export_bytes(masterplan):
    return export_masterplan(masterplan).content


def edit(content, change):
    """Open the workbook bytes with openpyxl, let `change(workbook)` edit them, return new bytes."""
    workbook = load_workbook(io.BytesIO(content))
    change(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def row_of(ws, key):
    """The row number whose key column (A) holds `key`."""
    for row in range(1, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == key:
            return row
    raise AssertionError(f"no row with key {key!r} in {ws.title}")


def cell_values(content, skip=()):
    """{sheet title: [row values]} of every sheet; `skip` = {(sheet, row, column)} left out."""
    workbook = load_workbook(io.BytesIO(content))
    result = {}
    for ws in workbook:
        rows = []
        for row in ws.iter_rows():
            rows.append(tuple(cell.value for cell in row
                              if (ws.title, cell.row, cell.column) not in skip))
        result[ws.title] = rows
    return result


def info_of(content):
    """{label: value} of the Info sheet's rows."""
    ws = load_workbook(io.BytesIO(content))["Info"]
    return {row[0]: row[1] for row in ws.iter_rows(min_col=1, max_col=2, values_only=True)
            if row[0]}


def timestamp_cells(content):
    """The Info sheet's export times: the only cells allowed to differ between two exports."""
    ws = load_workbook(io.BytesIO(content))["Info"]
    return {("Info", row, 2) for row in range(1, ws.max_row + 1)
            if ws.cell(row=row, column=1).value in (INFO_EXPORTED_AT, INFO_EXPORT_STAMP)}


def db_state(masterplan):
    """Everything an import could change, with versions, to prove nothing was saved."""
    return (
        list(ReadinessEntry.objects.filter(masterplan=masterplan).order_by("pk").values_list()),
        list(PerformanceAssessment.objects.filter(masterplan=masterplan).order_by("pk").values_list()),
        list(OutlookAnalysis.objects.filter(masterplan=masterplan).values_list()),
        list(BenchmarkCity.objects.filter(masterplan=masterplan).order_by("pk").values_list()),
        list(CompetitivenessIndicator.objects.filter(masterplan=masterplan).order_by("pk").values_list()),
        list(CompetitivenessValue.objects.filter(indicator__masterplan=masterplan).order_by("pk")
             .values_list()),
        WorkbookImport.objects.count(),
    )


def module_workbook_fixtures(build_masterplan):
    """The fixtures a workbook test module shares: `filled` (its masterplan, built once for the
    module by `build_masterplan(world)`, see conftest's module_db), `exported` (its workbook,
    exported once: what export_bytes(masterplan) gives until a test changes it), `world` and
    `masterplan`. Unpack them into the module's globals, where pytest finds fixtures."""
    @pytest.fixture(scope="module")
    def filled(module_db_setup, shared_world):
        return module_db_setup(lambda: build_masterplan(shared_world))

    @pytest.fixture(scope="module")
    def exported(module_db_setup, filled):
        return module_db_setup(lambda: export_bytes(filled))

    @pytest.fixture
    def world(module_world, filled):
        return module_world

    @pytest.fixture
    def masterplan(world):
        return world.masterplans["own"]

    return filled, exported, world, masterplan


def upload(content, name="buku-kerja.xlsx"):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")
