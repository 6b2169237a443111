"""Indices across regions, for Kominfo admins and Tim Pembimbing: a page and an .xlsx export.

Every region the user may see that has a current masterplan, with its readiness index,
performance index and maturity level. The indices are stored per masterplan
(readiness/stored_figures.py), refreshed when a masterplan's content changed, so the list sorts
and pages in the database, and a request costs a fixed number of queries however many regions
match.
"""

from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from masterplan import access, clock, figures
from masterplan.models import Masterplan, Region

from .. import scoring, stored_figures
from ..filters import IndexRegionFilter

# Sort keys of the overview (?urut=..., '-' in front for descending).
DB_SORTS = {
    "kode": ("region__code",),
    "nama": ("region__name", "region__code"),
    "provinsi": ("region__province__code", "region__code"),
    "angkatan": ("region__batch__year", "region__batch__name", "region__code"),
}
# The index sorts order by the stored figures (readiness/stored_figures.py).
INDEX_SORTS = {"kesiapan": "figure_readiness", "kinerja": "figure_performance",
               "kematangan": "figure_maturity"}


@dataclass
class IndexRow:
    region: Region
    masterplan: Masterplan
    readiness: float | None
    performance: float | None
    level: str | None

    @classmethod
    def of(cls, masterplan):
        """The row of a masterplan annotated with its stored figures (index_rows)."""
        return cls(masterplan.region, masterplan, masterplan.figure_readiness,
                   masterplan.figure_performance,
                   stored_figures.level_code(masterplan.figure_maturity))

    @property
    def level_label(self):
        return scoring.maturity_label(self.level)


class AnalystRequiredMixin(LoginRequiredMixin):
    """Kominfo admins and Tim Pembimbing (of any region) only."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm("readiness.see_overview"):
            raise PermissionDenied(_("Halaman ini hanya untuk admin Kominfo dan tim pembimbing."))
        return super().dispatch(request, *args, **kwargs)


def sort_key(request):
    key = request.GET.get("urut", "kode")
    return key if key.lstrip("-") in DB_SORTS.keys() | INDEX_SORTS else "kode"


def index_rows(request):
    """(the filter, the sorted masterplans annotated with their stored figures) for the
    request's filters and sort order. The stale figures of the matching masterplans are
    recomputed first; the order and the page are then the database's."""
    regions = Region.objects.restrict(request.user, access.VIEW).filter(masterplans__is_current=True)
    region_filter = IndexRegionFilter(request.GET, queryset=regions)
    key = sort_key(request)
    descending, name = key.startswith("-"), key.lstrip("-")
    masterplans = Masterplan.objects.filter(is_current=True, region__in=region_filter.qs)
    figures.refresh_stored(masterplans)
    masterplans = figures.annotate_stored(
        masterplans.select_related("region", "region__province", "region__batch"),
        *stored_figures.KEYS)
    if name in INDEX_SORTS:
        # On top of the code order; regions without the index always come last.
        value = F(INDEX_SORTS[name])
        order = [value.desc(nulls_last=True) if descending else value.asc(nulls_last=True),
                 "region__code"]
    else:
        order = [f"-{field}" if descending else field for field in DB_SORTS[name]]
    return region_filter, masterplans.order_by(*order)


class IndexOverviewView(AnalystRequiredMixin, TemplateView):
    template_name = "readiness/index_overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region_filter, masterplans = index_rows(self.request)
        page = Paginator(masterplans, settings.REGION_PAGE_SIZE).get_page(
            self.request.GET.get("halaman"))
        page.object_list = [IndexRow.of(masterplan) for masterplan in page.object_list]
        query = self.request.GET.copy()
        query.pop("halaman", None)
        sort_query = query.copy()
        sort_query.pop("urut", None)
        context.update(
            filter=region_filter,
            page=page,
            sort=sort_key(self.request),
            query=query.urlencode(),
            sort_query=sort_query.urlencode(),
            is_admin=access.is_admin(self.request.user),
            columns=[("kode", _("Kode")), ("nama", _("Wilayah")), ("provinsi", _("Provinsi")),
                     ("angkatan", _("Angkatan")), ("kesiapan", _("Indeks kesiapan")),
                     ("kinerja", _("Indeks kinerja")), ("kematangan", _("Tingkat kematangan"))],
        )
        return context


# --- .xlsx export ----------------------------------------------------------------------------

FORMULA_PREFIXES = ("=", "+", "-", "@")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _put(sheet, row, column, value):
    """Write one cell; text that a spreadsheet could read as a formula stays literal text."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        cell.data_type = "s"  # openpyxl would otherwise store '=...' as a formula
        cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    return cell


def index_workbook(rows):
    """The rows as an .xlsx workbook (bytes): a header row, then one row per region."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Indeks")
    headers = [_("Kode"), _("Wilayah"), _("Provinsi"), _("Angkatan"), _("Indeks kesiapan"),
               _("Indeks kinerja"), _("Tingkat kematangan")]
    for column, header in enumerate(headers, start=1):
        _put(sheet, 1, column, header).font = _bold()
    for number, row in enumerate(rows, start=2):
        region = row.region
        values = [region.code, region.display_name,
                  region.province.display_name if region.province else None,
                  region.batch.name if region.batch else None,
                  row.readiness, row.performance, row.level_label or None]
        for column, value in enumerate(values, start=1):
            cell = _put(sheet, number, column, value)
            if column in (5, 6):
                cell.number_format = "0.0"
    for column, width in enumerate((9, 34, 30, 36, 16, 16, 18), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _bold():
    return Font(bold=True)


class IndexExportView(AnalystRequiredMixin, View):
    """The overview's filtered and sorted rows (all pages) as .xlsx."""

    def get(self, request, *args, **kwargs):
        _filter, masterplans = index_rows(request)
        rows = [IndexRow.of(masterplan) for masterplan in masterplans]
        # Many regions: stamped in WIB (masterplan/clock.py).
        filename = f"indeks-kematangan-{clock.now_stamp()}.xlsx"
        response = HttpResponse(index_workbook(rows), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
