"""The masterplan workbook (masterplan/workbook/) writes text that a spreadsheet could run as a
formula as literal text (shared string, quotePrefix), while a negative number stays a number:
the same rule as the open-data CSV."""

import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from masterplan.workbook.base import put
from masterplan.workbook.export import export_masterplan
from roadmap.models import Opd, Program, ProgramKpi

from .helpers import fill

pytestmark = pytest.mark.django_db

FORMULA = ("=", "+", "-", "@")


def test_formula_text_is_literal_and_negative_numbers_stay_numbers(world):
    masterplan = fill(world.masterplans["own"], programs=2)
    program = Program.objects.filter(masterplan=masterplan).first()
    program.name = "=HYPERLINK(\"http://contoh\",\"klik\")"
    program.save()
    Opd.objects.filter(pk=program.lead_opd_id).update(name="-Dinas Uji")
    ProgramKpi.objects.filter(program=program).update(baseline_value=Decimal("-12.5"),
                                                      name="@KPI uji")
    book = load_workbook(io.BytesIO(export_masterplan(masterplan).content))
    texts, negatives = [], []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA):
                    texts.append(cell.value)
                    assert cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, (int, float)) and cell.value < 0:
                    negatives.append(cell.value)
    assert any(text.startswith("=HYPERLINK") for text in texts)
    assert "-Dinas Uji" in texts and "@KPI uji" in texts
    assert -12.5 in negatives


def test_a_number_too_precise_for_a_float_is_exact_literal_text():
    sheet = Workbook().active
    cell = put(sheet, 1, 1, Decimal("-12345678901234.5678"))
    assert (cell.value, cell.data_type, cell.quotePrefix) == ("-12345678901234.5678", "s", True)
    cell = put(sheet, 2, 1, Decimal("-12.5"))
    assert (cell.value, cell.data_type, cell.quotePrefix) == (-12.5, "n", False)
