"""Bimtek across regions: the admins' matrix (page and .xlsx) and a pembimbing's own reports."""

import datetime

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from masterplan import access, clock
from masterplan.views.base import AdminRequiredMixin

from .. import matrix, reports
from ..models import Visit


class MatrixView(AdminRequiredMixin, TemplateView):
    """Regions × Bimtek #1–#4 with each visit's state and the masterplan status."""

    template_name = "bimtek/matrix.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        region_filter, regions = matrix.regions(params)
        page = Paginator(regions, settings.REGION_PAGE_SIZE).get_page(params.get("halaman"))
        numbers = matrix.session_numbers()
        query = params.copy()
        query.pop("halaman", None)
        sort_query = query.copy()
        sort_query.pop("urut", None)
        context.update(
            filter=region_filter, page=page, rows=matrix.matrix_rows(page, numbers),
            numbers=numbers, sort=matrix.sort_key(params), query=query.urlencode(),
            sort_query=sort_query.urlencode(), states=reports.STATE_LABELS.items(),
            columns=[("kode", _("Kode")), ("nama", _("Wilayah")), ("provinsi", _("Provinsi")),
                     ("angkatan", _("Angkatan")), ("status", _("Status"))],
        )
        return context


class MatrixExportView(AdminRequiredMixin, View):
    """The matrix's filtered and sorted rows (all pages) as .xlsx."""

    def get(self, request, *args, **kwargs):
        _filter, regions = matrix.regions(request.GET)
        numbers = matrix.session_numbers()
        content = matrix.matrix_workbook(matrix.matrix_rows(regions, numbers), numbers)
        response = HttpResponse(content, content_type=matrix.XLSX_TYPE)
        response["Content-Disposition"] = content_disposition_header(
            True, f"bimtek-{clock.now_stamp()}.xlsx")  # many regions: stamped in WIB
        return response


class MyReportsView(LoginRequiredMixin, TemplateView):
    """A pembimbing's visits and reports across their regions, unsigned reports first."""

    template_name = "bimtek/my_reports.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not request.user.has_perm("bimtek.see_my_reports"):
            raise PermissionDenied(_("Halaman ini untuk tim pembimbing."))
        self.region_ids = access.member_region_ids_for(request.user, access.REVIEW)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        visits = (reports.annotate_states(
            Visit.objects.restrict(user, access.REVIEW)
            .filter(masterplan__region_id__in=self.region_ids, masterplan__is_current=True))
            .select_related("session", "masterplan__region", "report__pembimbing_signed_by",
                            "report__ketua_signed_by")
            .prefetch_related("pembimbing"))
        rows = []
        for visit in visits:
            state = reports.visit_state(visit)
            report = reports.report_of(visit)
            rows.append({"visit": visit, "state": state, "report": report,
                         "in_team": any(member.pk == user.pk for member in visit.pembimbing.all()),
                         "todo": self.todo(state, report)})
        rows.sort(key=lambda row: (row["state"].state == reports.SIGNED,
                                   row["state"].date or datetime.date.max,
                                   row["visit"].masterplan.region.code,
                                   row["visit"].session.number))
        context["rows"] = rows
        context["open_count"] = sum(1 for row in rows if row["state"].state != reports.SIGNED)
        return context

    @staticmethod
    def todo(state, report):
        """What the row waits for, in a few words."""
        if state.state == reports.SIGNED:
            return ""
        if state.state == reports.NONE:
            return _("Jadwalkan kunjungan")
        if state.state == reports.PLANNED:
            return _("Catat pelaksanaan kunjungan")
        if state.state == reports.HELD:
            return _("Tulis laporan")
        if not state.pembimbing_signed:
            return _("Menunggu tanda tangan tim pembimbing")
        return _("Menunggu tanda tangan ketua tim pelaksana")
