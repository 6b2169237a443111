"""PDF render jobs (masterplan/rendering/pipeline.py) and admins' batches of them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import clock, documents
from .file_storage import GENERATED
from .models import Masterplan
from .querysets import RegionScopedQuerySet


def generated_storage():
    return GENERATED


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Dalam antrean")
    RUNNING = "running", _("Sedang dibuat")
    SUCCEEDED = "succeeded", _("Selesai")
    FAILED = "failed", _("Gagal")


class ExportBatch(models.Model):
    """An admin's batch export: one render job per masterplan and part (e.g. each book), zipped
    when all are done."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    description = models.CharField(max_length=300, blank=True)
    parts = models.CharField(max_length=8, default="123")
    archive = models.FileField(storage=generated_storage, upload_to="batch/", blank=True,
                               max_length=250)
    archive_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        # A batch spans regions of every zone: its time is shown in WIB (masterplan/clock.py).
        return f"Ekspor {clock.format_datetime(self.created_at)}"


class RenderJob(models.Model):
    """One request to render one document of a masterplan as PDF; the page polls it.

    `kind` is the registered document kind (masterplan/documents.py) that says how to render
    it; `part` which of the kind's documents, for a kind that has several (a book's number).
    """

    REGION_FIELD = "masterplan__region"

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE,
                                   related_name="render_jobs")
    kind = models.CharField(max_length=40)
    part = models.CharField(_("bagian"), max_length=2, blank=True)
    batch = models.ForeignKey(ExportBatch, null=True, blank=True, on_delete=models.CASCADE,
                              related_name="jobs")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.TextField(_("keterangan"), blank=True)
    is_final = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    gather_seconds = models.FloatField(null=True, blank=True)
    render_seconds = models.FloatField(null=True, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    file = models.FileField(storage=generated_storage, upload_to="books/", blank=True,
                            max_length=250)
    content_hash = models.CharField(max_length=64, blank=True)
    # The Celery node rendering the job, so a worker that restarts fails the jobs it lost.
    worker = models.CharField(max_length=200, blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["masterplan", "kind", "-created_at"],
                                name="renderjob_recent"),
                   models.Index(fields=["status", "started_at"], name="renderjob_status")]

    def __str__(self):
        return f"{self.label} {self.masterplan} ({self.status})"

    @property
    def label(self):
        """What the job renders, as the pages name it."""
        return documents.kind_of(self).label(self)

    @property
    def document_kind(self):
        """The registered kind (masterplan/documents.py) of what the job renders."""
        return documents.kind_of(self)

    @property
    def done(self):
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)
