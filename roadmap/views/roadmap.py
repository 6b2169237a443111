"""The roadmap (peta jalan) of a region's current masterplan: counts per horizon and per
dimension, the budget table and chart, the incomplete programs, filtered by GET parameters; a
group's programs and timeline a page at a time (loaded into the roadmap by htmx when the group
is opened); and the same as an .xlsx download. Read by everyone who may see the region."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils.text import slugify
from django.views.generic import TemplateView, View

from masterplan.views.base import MasterplanMixin
from masterplan.views.comments import is_htmx

from .. import charts
from ..roadmap import XLSX_TYPE, build_roadmap, program_page, roadmap_workbook

INCOMPLETE_SHOWN = 20  # the rest are one link away, on the program list's filter


def group_url(base, query, **values):
    """`base` with the page's filters and `values` instead of theirs (a group is a filter)."""
    query = query.copy()
    query.pop("halaman", None)
    for name, value in values.items():
        query[name] = value
    return f"{base}?{query.urlencode()}"


class RoadmapView(MasterplanMixin, TemplateView):
    template_name = "roadmap/roadmap_page.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        masterplan = self.masterplan
        roadmap = build_roadmap(masterplan, self.request.GET, rows=False)
        query = self.request.GET.copy()
        base = reverse("roadmap_programs", kwargs={"region_code": self.region.code})
        horizons = [(value, label, len(items), group_url(base, query, jangka=value))
                    for value, label, items in roadmap.horizons]
        dimensions = [(dimension, len(items),
                       group_url(base, query, dimensi=dimension.code, linimasa="1"))
                      for dimension, items in roadmap.per_dimension]
        incomplete = roadmap.incomplete
        context.update(
            roadmap=roadmap,
            filters=roadmap.form,
            programs=roadmap.programs,
            horizons=horizons,
            dimensions=dimensions,
            incomplete=incomplete[:INCOMPLETE_SHOWN],
            incomplete_count=len(incomplete),
            quick_wins=sum(1 for program in roadmap.programs if program.is_quick_win),
            budget_chart=charts.budget_svg(roadmap.budget, described_by="tabel-anggaran"),
            budget_total=charts.rupiah_full(roadmap.budget.total),
            query=query.urlencode(),
        )
        return context


class RoadmapProgramsView(MasterplanMixin, TemplateView):
    """A page of the programs the roadmap's filters keep (a group is a filter: `jangka` or
    `dimensi`), with their timeline when `linimasa` is given: a fragment for htmx, else a page."""

    def get_template_names(self):
        if is_htmx(self.request):
            return ["roadmap/_roadmap_programs.html"]
        return ["roadmap/roadmap_programs.html"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        masterplan = self.masterplan
        data = self.request.GET
        result = program_page(masterplan, data, data.get("halaman"))
        values = result.form.values()
        timeline = bool(data.get("linimasa"))
        group = f'{values.get("dimensi") or values.get("jangka") or "semua"}-{result.page.number}'
        chart_id, table_id = f"grafik-gantt-{group}", f"tabel-program-{group}"
        query = data.copy()
        query.pop("halaman", None)
        context.update(
            filters=result.form, page=result.page, programs=result.programs,
            show_dimension=not values.get("dimensi"), show_horizon=not values.get("jangka"),
            table_id=table_id,
            gantt=charts.gantt_svg(result.programs, masterplan.start_year, masterplan.end_year,
                                   chart_id=chart_id, described_by=table_id)
            if timeline and result.programs else None,
            query=query.urlencode(),
            roadmap_url=group_url(reverse("roadmap", kwargs={"region_code": self.region.code}),
                                  query),
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
