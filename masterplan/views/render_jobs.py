"""A render job's progress (htmx polling) and its file (a PDF, or what its kind writes),
whatever document kind it renders."""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.generic import View

from .. import access, documents
from ..models_render import JobStatus, RenderJob
from .base import MasterplanMixin


class JobMixin(MasterplanMixin):
    """A render job of the region's current masterplan. Whoever may view the masterplan follows
    its progress and downloads its PDF."""

    content_write = False

    def get_job(self):
        return access.scoped_get(
            RenderJob.objects.filter(masterplan=self.masterplan)
            .select_related(*documents.related_lookups()),
            self.request.user, access.VIEW, pk=self.kwargs["job_pk"])


class JobStatusView(JobMixin, View):
    """The job's progress: a fragment for htmx polling, a small page otherwise."""

    def get(self, request, *args, **kwargs):
        job = self.get_job()
        if request.headers.get("HX-Request"):
            template, origin = "masterplan/render_jobs/_job.html", None
        else:
            template, origin = "masterplan/render_jobs/job.html", documents.kind_of(job).origin(job)
        return render(request, template, {"job": job, "region": self.region,
                                          "masterplan": self.masterplan, "origin": origin})


class JobDownloadView(JobMixin, View):
    def get(self, request, *args, **kwargs):
        job = self.get_job()
        if job.status != JobStatus.SUCCEEDED or not job.file:
            raise Http404(_("Berkasnya belum tersedia."))
        kind = documents.kind_of(job)
        response = FileResponse(job.file.open("rb"), as_attachment=True,
                                filename=kind.download_name(job), content_type=kind.media_type)
        response["X-Content-Type-Options"] = "nosniff"
        return response
