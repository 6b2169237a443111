"""Kominfo admin: render the books of many regions at once and download them as one zip."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from masterplan import access, clock
from masterplan.filters import RegionFilter
from masterplan.models import ExportBatch, Masterplan, Region
from masterplan.rendering import pipeline
from masterplan.services import annotate_current_status
from masterplan.views.base import AdminRequiredMixin

from ..documents import BOOK
from ..models import Book


class BatchExportView(AdminRequiredMixin, TemplateView):
    template_name = "books/pages/batch_export.html"

    def regions(self):
        regions = annotate_current_status(Region.objects.restrict(self.request.user, access.VIEW)
                                          .select_related("province", "batch"))
        region_filter = RegionFilter(self.request.GET or None, queryset=regions)
        return region_filter, region_filter.qs.filter(current_masterplan_id__isnull=False)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region_filter, rows = self.regions()
        context.update(filter=region_filter, count=rows.count(), books=Book.choices,
                       batches=Paginator(ExportBatch.objects.all(), 20).get_page(
                           self.request.GET.get("halaman")))
        return context

    def post(self, request, *args, **kwargs):
        _filter, rows = self.regions()
        books = [book for book in request.POST.getlist("books") if book in Book.values]
        ids = [region.current_masterplan_id for region in rows]
        if not books or not ids:
            messages.error(request, _("Pilih minimal satu buku dan saring wilayah yang memiliki "
                                      "masterplan."))
            return redirect(request.get_full_path())
        masterplans = Masterplan.objects.filter(pk__in=ids).select_related("region")
        batch = pipeline.create_batch(masterplans, BOOK, books, request.user,
                                      description=request.GET.urlencode())
        messages.success(request, _("Ekspor dimulai: %(n)s wilayah.") % {"n": len(ids)})
        return redirect("batch_export_detail", batch_pk=batch.pk)


class BatchExportDetailView(AdminRequiredMixin, View):
    def get(self, request, batch_pk):
        batch = get_object_or_404(ExportBatch, pk=batch_pk)
        jobs = list(batch.jobs.select_related("masterplan__region").order_by(
            "masterplan__region__code", "part"))
        done = sum(1 for job in jobs if job.done)
        template = ("books/pages/_batch_progress.html" if request.headers.get("HX-Request")
                    else "books/pages/batch_detail.html")
        return render(request, template, {
            "batch": batch, "jobs": jobs, "done": done, "total": len(jobs),
            "percent": round(100 * done / len(jobs)) if jobs else 100,
            "failed": [job for job in jobs if job.status == "failed"]})


class BatchExportDownloadView(AdminRequiredMixin, View):
    def get(self, request, batch_pk):
        batch = get_object_or_404(ExportBatch, pk=batch_pk)
        if not batch.archive:
            raise Http404(_("Arsip belum siap."))
        return FileResponse(batch.archive.open("rb"), as_attachment=True,
                            filename=f"buku-masterplan-{batch.pk}-"
                                     f"{clock.format_stamp(batch.created_at)}.zip",
                            content_type="application/zip")
