"""Books: narrative sections the books need, cover data, and PDF render jobs."""

from django.conf import settings
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .models import Masterplan, VersionedModel
from .querysets import RegionScopedQuerySet
from .text_limits import limit


def generated_storage():
    return storages["generated"]


class NarrativeSection(VersionedModel):
    """A narrative text of the books that no worksheet holds (keys in books/narrative.py)."""

    REGION_FIELD = "masterplan__region"

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE,
                                   related_name="narratives")
    key = models.CharField(max_length=40)
    text = models.TextField(_("isi"), blank=True,
                            max_length=limit("masterplan.NarrativeSection.text"))

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["masterplan", "key"]
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "key"], name="narrative_unique"),
        ]

    def __str__(self):
        from .books.narrative import title_of

        return str(title_of(self.key))


def logo_path(instance, filename):
    return f"logo/{instance.masterplan.region.code}/{filename}"


class BookCover(VersionedModel):
    REGION_FIELD = "masterplan__region"

    masterplan = models.OneToOneField(Masterplan, on_delete=models.CASCADE, related_name="cover")
    title = models.CharField(_("judul sampul"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(
        _("tahun"), null=True, blank=True,
        validators=[MinValueValidator(2017), MaxValueValidator(2100)])
    logo = models.FileField(_("logo daerah"), upload_to=logo_path, blank=True, max_length=250)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    def __str__(self):
        return str(_("Sampul %(title)s") % {"title": self.masterplan})


class Book(models.TextChoices):
    ANALYSIS = "1", _("Buku I Analisis Strategis")
    MASTERPLAN = "2", _("Buku II Masterplan")
    SUMMARY = "3", _("Buku III Executive Summary")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Dalam antrean")
    RUNNING = "running", _("Sedang dibuat")
    SUCCEEDED = "succeeded", _("Selesai")
    FAILED = "failed", _("Gagal")


class ExportBatch(models.Model):
    """An admin's batch export: one render job per region and book, zipped when all are done."""

    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    description = models.CharField(max_length=300, blank=True)
    books = models.CharField(max_length=8, default="123")
    archive = models.FileField(storage=generated_storage, upload_to="batch/", blank=True,
                               max_length=250)
    archive_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Ekspor {self.created_at:%Y-%m-%d %H:%M}"


class RenderJob(models.Model):
    """One request to render one document of a masterplan as PDF; the page polls it.

    The document is either one of the three books (`book`) or the Tim Pembimbing's report of a
    Bimtek visit of the masterplan (`bimtek_visit`: its report, or the blank form before anyone
    wrote it), never both.
    """

    REGION_FIELD = "masterplan__region"

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE,
                                   related_name="render_jobs")
    book = models.CharField(_("buku"), max_length=2, choices=Book.choices, blank=True)
    bimtek_visit = models.ForeignKey("bimtek.Visit", null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="render_jobs",
                                     verbose_name=_("laporan Bimtek"))
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
        indexes = [models.Index(fields=["masterplan", "book", "-created_at"],
                                name="renderjob_recent"),
                   models.Index(fields=["status", "started_at"], name="renderjob_status")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(book__in=Book.values, bimtek_visit__isnull=True)
                           | models.Q(book="", bimtek_visit__isnull=False)),
                name="renderjob_one_document"),
        ]

    def __str__(self):
        return f"{self.label} {self.masterplan} ({self.status})"

    @property
    def is_report(self):
        return self.bimtek_visit_id is not None

    @property
    def label(self):
        """What the job renders, as the pages name it."""
        if self.is_report:
            return _("Laporan %(label)s") % {"label": self.bimtek_visit.session.label}
        return self.get_book_display()

    @property
    def done(self):
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)
