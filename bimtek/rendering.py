"""A Tim Pembimbing's report as a document kind of the core's render pipeline
(masterplan/documents.py): a job of kind REPORT renders the report of the visit its
ReportRender names (bimtek/pdf.py lays it out)."""

from django.db.models.signals import post_delete
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from masterplan.documents import Document, DocumentKind
from masterplan.models import RenderJob
from masterplan.rendering import pipeline

from .models import ReportRender
from .reports import pdf_filename

REPORT = "bimtek_report"

FAILED = gettext_lazy("PDF laporan gagal dibuat karena kesalahan pada server. Coba lagi; "
                      "jika terulang, hubungi admin Kominfo.")


def request_render(visit, user):
    """Queue the render of the report of `visit` (of the visit's masterplan)."""
    return pipeline.request_render(
        visit.masterplan, REPORT, user,
        link=lambda job: ReportRender.objects.create(job=job, visit=visit))


def latest_job(visit):
    """The visit's most recent report render job, or None."""
    return (RenderJob.objects.filter(bimtek_report__visit=visit)
            .select_related("bimtek_report__visit__session").first())


def _document(job):
    # deferred: WeasyPrint loads only when rendering, never when the app starts
    from . import pdf

    visit = job.bimtek_report.visit
    folder = f"{job.masterplan.region.code}/{job.masterplan_id}"
    return Document(html=lambda: pdf.render_report_html(pdf.printed_report(visit)),
                    typeset=pdf.report_html_to_pdf,
                    stem=f"bimtek/{folder}/laporan-bimtek-{visit.session.number}")


def _origin(job):
    session = job.bimtek_report.visit.session
    url = reverse("bimtek_visit", kwargs={"region_code": job.masterplan.region.code,
                                          "number": session.number})
    return f"{url}#laporan-pdf", session.label


KIND = DocumentKind(
    key=REPORT, document=_document,
    label=lambda job: _("Laporan %(label)s") % {"label": job.bimtek_report.visit.session.label},
    download_name=lambda job: pdf_filename(job.bimtek_report.visit), origin=_origin,
    failed=FAILED,
    select_related=("bimtek_report__visit__session", "bimtek_report__visit__masterplan__region"))


def _delete_job(sender, instance, **kwargs):
    """A report's render job goes with the visit (its link is deleted by the cascade)."""
    RenderJob.objects.filter(pk=instance.job_id).delete()


post_delete.connect(_delete_job, sender=ReportRender, dispatch_uid="bimtek_report_render_job")
