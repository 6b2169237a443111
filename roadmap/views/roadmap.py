"""The roadmap (peta jalan) of a region's current masterplan: programs per horizon and per
dimension, the timeline chart, the budget table and chart, the incomplete programs, filtered by
GET parameters; and the same as an .xlsx download. Read by everyone who may see the region."""

from django.http import HttpResponse
from django.utils.text import slugify
from django.views.generic import TemplateView, View

from masterplan.views.base import MasterplanMixin

from .. import charts
from ..roadmap import XLSX_TYPE, build_roadmap, roadmap_workbook


class RoadmapView(MasterplanMixin, TemplateView):
    template_name = "roadmap/roadmap_page.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        masterplan = self.masterplan
        roadmap = build_roadmap(masterplan, self.request.GET)
        query = self.request.GET.copy()
        context.update(
            roadmap=roadmap,
            filters=roadmap.form,
            programs=roadmap.programs,
            quick_wins=sum(1 for program in roadmap.programs if program.is_quick_win),
            gantt=charts.gantt_svg(roadmap.programs, masterplan.start_year, masterplan.end_year,
                                   described_by="daftar-per-dimensi"),
            budget_chart=charts.budget_svg(roadmap.budget, described_by="tabel-anggaran"),
            budget_total=charts.rupiah_full(roadmap.budget.total),
            query=query.urlencode(),
        )
        return context


class RoadmapExportView(MasterplanMixin, View):
    """The roadmap's programs (with the page's filters) and budget as .xlsx."""

    def get(self, request, *args, **kwargs):
        roadmap = build_roadmap(self.masterplan, request.GET)
        filename = f"peta-jalan-{slugify(self.region.name)}-{self.masterplan.start_year}.xlsx"
        response = HttpResponse(roadmap_workbook(roadmap), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
