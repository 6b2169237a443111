"""The admins' Bimtek matrix: regions with a current masterplan × Bimtek #1–#4, and its .xlsx.

Rows are regions (filterable by name or code, province, batch, kind and masterplan status;
sortable), cells the state of each visit (reports.STATES). The states of a page come from one
query (reports.visit_states), so the page and the export cost the same number of queries however
many regions they list.
"""

from dataclasses import dataclass
from io import BytesIO

import django_filters
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from masterplan.filters import RegionFilter
from masterplan.models import MasterplanStatus, Region
from masterplan.services import annotate_current_status

from . import reports
from .models import Report, Session

SORTS = {
    "kode": ("code",),
    "nama": ("name", "code"),
    "provinsi": ("province__code", "code"),
    "angkatan": ("batch__year", "batch__name", "code"),
    "status": ("current_status", "code"),
    "ditandatangani": ("signed_reports", "code"),
}
FORMULA_PREFIXES = ("=", "+", "-", "@")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class MatrixFilter(RegionFilter):
    """The region list's filters; the status filter without "no masterplan" (every row has one)."""

    status = django_filters.ChoiceFilter(label=gettext_lazy("Status masterplan"),
                                         choices=MasterplanStatus.choices,
                                         field_name="current_status", empty_label=gettext_lazy("Semua"))


def session_numbers():
    return list(Session.objects.order_by("number").values_list("number", flat=True).distinct())


def sort_key(params):
    key = params.get("urut", "kode")
    return key if key.lstrip("-") in SORTS else "kode"


def regions(params):
    """(the filter, the filtered and sorted regions with a current masterplan)."""
    signed = (Report.objects.filter(visit__masterplan__region=OuterRef("pk"),
                                    visit__masterplan__is_current=True,
                                    pembimbing_signed_at__isnull=False,
                                    ketua_signed_at__isnull=False)
              .order_by().values("visit__masterplan__region").annotate(n=Count("pk")).values("n"))
    queryset = (annotate_current_status(Region.objects.select_related("province", "batch"))
                .filter(masterplans__is_current=True)
                .annotate(signed_reports=Coalesce(Subquery(signed, output_field=IntegerField()),
                                                  Value(0))))
    region_filter = MatrixFilter(params, queryset=queryset)
    key = sort_key(params)
    descending, name = key.startswith("-"), key.lstrip("-")
    order = [f"-{field}" if descending and index == 0 else field
             for index, field in enumerate(SORTS[name])]
    return region_filter, region_filter.qs.order_by(*order)


@dataclass
class MatrixRow:
    region: Region
    status: str
    cells: list  # [(session number, VisitState or None)]

    @property
    def status_label(self):
        return MasterplanStatus(self.status).label if self.status else ""


def matrix_rows(regions_page, numbers):
    """MatrixRow per region of `regions_page` (annotated by `regions`), one query for the states."""
    regions_page = list(regions_page)
    states = reports.visit_states([region.current_masterplan_id for region in regions_page])
    return [MatrixRow(region, region.current_status,
                      [(number, states.get(region.current_masterplan_id, {}).get(number))
                       for number in numbers])
            for region in regions_page]


# --- .xlsx ----------------------------------------------------------------------------------

def _put(sheet, row, column, value):
    """Write one cell; text a spreadsheet could read as a formula stays literal text."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def matrix_workbook(rows, numbers):
    """The rows as .xlsx bytes: a header row, then per region its data and per Bimtek the state
    and the date (held, else planned)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Bimtek")
    headers = [_("Kode"), _("Wilayah"), _("Provinsi"), _("Angkatan"), _("Status masterplan")]
    for number in numbers:
        headers += [_("Bimtek #%(n)s") % {"n": number}, _("Tanggal Bimtek #%(n)s") % {"n": number}]
    headers.append(_("Laporan ditandatangani"))
    for column, header in enumerate(headers, start=1):
        _put(sheet, 1, column, header).font = Font(bold=True)
    for line, row in enumerate(rows, start=2):
        region = row.region
        values = [region.code, region.display_name,
                  region.province.display_name if region.province else None,
                  region.batch.name if region.batch else None, str(row.status_label) or None]
        signed = 0
        for _number, cell in row.cells:
            values += [str(cell.label) if cell else str(reports.STATE_LABELS[reports.NONE]),
                       cell.date if cell and cell.date else None]
            signed += bool(cell and cell.state == reports.SIGNED)
        values.append(signed)
        for column, value in enumerate(values, start=1):
            written = _put(sheet, line, column, value)
            if hasattr(value, "year"):
                written.number_format = "DD/MM/YYYY"
    widths = [9, 34, 30, 36, 16] + [14, 14] * len(numbers) + [12]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
