"""The books' own data: the narrative sections no worksheet holds and the cover. Their tables
keep the names they had when the books were part of the core (no data moved)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from masterplan.file_storage import uploads_storage
from masterplan.models import Masterplan, VersionedModel
from masterplan.querysets import RegionScopedQuerySet
from masterplan.text_limits import limit

from .narrative import title_of


class Book(models.TextChoices):
    """The three books; a book's render job has its value as `RenderJob.part`."""

    ANALYSIS = "1", _("Buku I Analisis Strategis")
    MASTERPLAN = "2", _("Buku II Masterplan")
    SUMMARY = "3", _("Buku III Executive Summary")


class NarrativeSection(VersionedModel):
    """A narrative text of the books that no worksheet holds (keys in books/narrative.py)."""

    REGION_FIELD = "masterplan__region"

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE,
                                   related_name="narratives")
    key = models.CharField(max_length=40)
    text = models.TextField(_("isi"), blank=True,
                            max_length=limit("books.NarrativeSection.text"))

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords(table_name="masterplan_historicalnarrativesection")

    class Meta:
        db_table = "masterplan_narrativesection"
        ordering = ["masterplan", "key"]
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "key"], name="narrative_unique"),
        ]

    def __str__(self):
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
    logo = models.FileField(_("logo daerah"), upload_to=logo_path, blank=True, max_length=250,
                            storage=uploads_storage)
    # Who signs the Kata Sambutan Kepala Daerah, where and when (the signature block). The
    # database default lets rows written by older data migrations, which know none of these, in.
    signatory_name = models.CharField(_("nama penanda tangan"), max_length=120, blank=True,
                                      db_default="")
    signatory_title = models.CharField(_("jabatan penanda tangan"), max_length=120, blank=True,
                                       db_default="")
    signing_place = models.CharField(_("tempat penandatanganan"), max_length=60, blank=True,
                                     db_default="")
    signing_date = models.DateField(_("tanggal penandatanganan"), null=True, blank=True)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords(table_name="masterplan_historicalbookcover")

    class Meta:
        db_table = "masterplan_bookcover"

    def __str__(self):
        return str(_("Sampul %(title)s") % {"title": self.masterplan})
