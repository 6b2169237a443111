"""The portal's public pages (no login): the national list and each published masterplan's
overview, programs, roadmap, KPIs, bodies and regulations, and its books."""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from books.documents import KIND as BOOK_KIND
from masterplan.file_storage import download_response
from masterplan.security_headers import cache_publicly

from .. import pages
from ..filters import PublishedFilter
from ..publication import is_public_book, public_book_jobs, published_masterplans
from .base import MAX_AGE, PublicPage, RegionPage

PAGE_SIZE = 50


class NationalView(PublicPage):
    template_name = "portal/national.html"
    title = gettext_lazy("Masterplan Smart City daerah yang diterbitkan")

    def get_context_data(self, **kwargs):
        query = self.request.GET
        filters = PublishedFilter(query, queryset=published_masterplans().order_by(
            "region__province__code", "region__code"))
        masterplans = filters.qs
        counts = masterplans.aggregate(
            total=Count("pk"), draft=Count("pk", filter=Q(publication__as_draft=True)))
        paginator = Paginator(masterplans, PAGE_SIZE)
        page = paginator.get_page(query.get("halaman"))
        kept = {name: value for name, value in query.items()
                if name in filters.filters and value}
        return {
            "filter": filters,
            "filtered": bool(kept),
            "page": page,
            "query": urlencode(kept),
            "count_total": counts["total"],
            "count_draft": counts["draft"],
            "count_legalised": counts["total"] - counts["draft"],
            "description": _("Masterplan Smart City yang diterbitkan daerah di Indonesia: visi, "
                             "program, peta jalan, anggaran, KPI dan buku masterplan, terbuka "
                             "untuk umum."),
        }

    def canonical_path(self):
        return self.request.path  # the unfiltered list


class RegionOverviewView(RegionPage):
    template_name = "portal/region/overview.html"
    section = "ringkasan"
    title = gettext_lazy("Ringkasan")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(pages.overview(self.masterplan))
        return context


class DimensionPage(RegionPage):
    """A page shown one dimension at a time (`?dimensi=<code>`, the first one by default), so
    its size follows one dimension's programs, not the whole plan's."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dimensions = pages.dimensions(self.masterplan)
        chosen = self.request.GET.get("dimensi")
        self.dimension = next((d for d in dimensions if d.code == chosen),
                              dimensions[0] if dimensions else None)
        if chosen and self.dimension.code != chosen:
            raise Http404(_("Dimensi tidak dikenal."))
        context.update(dimensions=dimensions, current_dimension=self.dimension)
        return context

    def canonical_path(self):
        return f"{self.request.path}?{urlencode({'dimensi': self.dimension.code})}"

    def page_title(self, context):
        title = super().page_title(context)
        return f"{self.dimension.title}: {title}"


class ProgramsView(DimensionPage):
    template_name = "portal/region/programs.html"
    section = "program"
    title = gettext_lazy("Program")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(pages.dimension_programs(self.masterplan, self.dimension))
        return context


class RoadmapView(RegionPage):
    template_name = "portal/region/roadmap.html"
    section = "peta_jalan"
    title = gettext_lazy("Peta jalan dan anggaran")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(pages.roadmap(self.masterplan))
        return context


class KpiView(DimensionPage):
    template_name = "portal/region/kpi.html"
    section = "kpi"
    title = gettext_lazy("KPI dan monev")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(pages.kpis(self.masterplan, self.dimension))
        return context


class InstitutionsView(RegionPage):
    template_name = "portal/region/institutions.html"
    section = "kelembagaan"
    title = gettext_lazy("Kelembagaan dan regulasi")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(pages.institutions(self.masterplan))
        return context


class BookDownloadView(RegionPage):
    """A book of a published masterplan, as the render pipeline wrote it: only the renders the
    portal offers (portal/publication.py), through the core's download answer."""

    def get(self, request, *args, **kwargs):
        job = (public_book_jobs(self.masterplan).select_related(*BOOK_KIND.select_related)
               .filter(pk=kwargs["job_pk"]).first())
        if job is None or not is_public_book(job, self.masterplan.publication):
            raise Http404(_("Buku ini tidak tersedia untuk umum."))
        response = download_response(job.file, BOOK_KIND.download_name(job), "application/pdf",
                                     _("Berkas PDF tidak ditemukan."))
        if response.status_code == 200:  # streamed; a signed URL's redirect expires, never cached
            cache_publicly(response, MAX_AGE)
        return response
