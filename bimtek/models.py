"""Bimtek mentoring: the guide's four sessions (Tabel II.15) as templates, each region's visits,
and the Tim Pembimbing's reports (Lampiran V–VIII) with attachments and sign-off."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from masterplan.file_storage import uploads_storage
from masterplan.models import GuideEdition, Masterplan, RenderJob, VersionedModel
from masterplan.querysets import RegionScopedQuerySet
from masterplan.text_limits import limit


class Session(models.Model):
    """One of the four standard Bimtek sessions of a guide edition."""

    edition = models.ForeignKey(GuideEdition, on_delete=models.CASCADE,
                                related_name="bimtek_sessions")
    number = models.PositiveSmallIntegerField()
    label = models.CharField(max_length=20)  # "Bimtek #1"
    month_number = models.PositiveSmallIntegerField()
    month_printed = models.CharField(max_length=30)  # "Juli 2017"
    theme = models.CharField(_("tema"), max_length=300)
    appendix = models.CharField(max_length=20)  # "Lampiran V"
    report_title = models.CharField(max_length=120)

    class Meta:
        ordering = ["edition", "number"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="bimtek_session_unique"),
        ]

    def __str__(self):
        return f"{self.label}: {self.theme}"


class AgendaKind(models.TextChoices):
    SESSION = "session", _("Sesi")
    BREAK = "break", _("Istirahat")


class AgendaItem(models.Model):
    """A row of a session's two-day agenda, as printed in Tabel II.15."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda")
    day = models.PositiveSmallIntegerField()
    seq = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=8, choices=AgendaKind.choices)
    time_printed = models.CharField(max_length=40, blank=True)
    title = models.TextField(blank=True)
    sub_points = models.JSONField(default=list, blank=True)
    narasumber = models.JSONField(default=list, blank=True)
    peserta = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["session", "day", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["session", "day", "seq"], name="agenda_item_unique"),
        ]

    def __str__(self):
        return self.title


class ReportItem(models.Model):
    """An activity row of the session's report form (Lampiran V–VIII)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="report_items")
    position = models.PositiveSmallIntegerField()
    day = models.PositiveSmallIntegerField()
    agenda_seq = models.PositiveSmallIntegerField()
    text = models.TextField(blank=True)
    sub_points = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "position"], name="report_item_unique"),
        ]

    def __str__(self):
        return self.text


class Visit(VersionedModel):
    """A region's Bimtek: planned and actual dates, the pembimbing team and the attendees."""

    REGION_FIELD = "masterplan__region"

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE,
                                   related_name="bimtek_visits")
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="visits")
    planned_date = models.DateField(_("tanggal rencana"), null=True, blank=True)
    actual_date = models.DateField(_("tanggal pelaksanaan"), null=True, blank=True)
    location = models.CharField(_("tempat"), max_length=200, blank=True)
    pembimbing = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                        verbose_name=_("tim pembimbing"))
    attendees = models.TextField(_("peserta yang hadir"), blank=True,
                                 max_length=limit("bimtek.Visit.attendees"))

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["masterplan", "session__number"]
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "session"], name="visit_unique"),
        ]

    def __str__(self):
        return f"{self.session.label} {self.masterplan.region}"


class Report(VersionedModel):
    """The Tim Pembimbing's report of a visit; locked once both sides have signed."""

    REGION_FIELD = "visit__masterplan__region"

    visit = models.OneToOneField(Visit, on_delete=models.CASCADE, related_name="report")
    visit_date = models.DateField(_("tanggal kunjungan"), null=True, blank=True)
    output = models.TextField(_("output hasil Bimtek"), blank=True,
                              max_length=limit("bimtek.Report.output"))
    pembimbing_signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                             on_delete=models.PROTECT, related_name="+")
    pembimbing_signed_at = models.DateTimeField(null=True, blank=True)
    ketua_signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    ketua_signed_at = models.DateTimeField(null=True, blank=True)

    objects = RegionScopedQuerySet.as_manager()

    def __str__(self):
        return str(self.visit)

    @property
    def is_signed(self):
        return self.pembimbing_signed_at is not None and self.ketua_signed_at is not None


class ReportItemNote(models.Model):
    """Keterangan of one activity: held or not, and notes."""

    REGION_FIELD = "report__visit__masterplan__region"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="notes")
    item = models.ForeignKey(ReportItem, on_delete=models.PROTECT, related_name="+")
    held = models.BooleanField(_("terlaksana"), null=True)
    notes = models.TextField(_("keterangan"), blank=True,
                             max_length=limit("bimtek.ReportItemNote.notes"))

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["report", "item__position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "item"], name="report_item_note_unique"),
        ]

    def __str__(self):
        return f"{self.item}: {self.notes[:40]}"


def attachment_path(instance, filename):
    # In the private uploads storage, never served directly: downloads go through the access layer.
    return f"bimtek/{instance.report.visit.masterplan.region.code}/{instance.report_id}/{filename}"


class Attachment(models.Model):
    REGION_FIELD = "report__visit__masterplan__region"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=250, storage=uploads_storage)
    original_name = models.CharField(_("nama berkas"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["report", "uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class ReportRender(models.Model):
    """Which visit's report a render job of the core's pipeline renders (bimtek/rendering.py):
    the written report, or before anyone wrote it the blank form."""

    job = models.OneToOneField(RenderJob, on_delete=models.CASCADE, primary_key=True,
                               related_name="bimtek_report")
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="report_renders",
                              verbose_name=_("laporan Bimtek"))

    class Meta:
        ordering = ["-job"]

    def __str__(self):
        return f"{self.visit}: {self.job_id}"
