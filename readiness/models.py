"""Readiness analysis (Analisis Kesiapan), performance self-assessment and outlook analysis.

The catalogue (elements, sub-areas = Tabel II.2–II.10, components) is reference data per guide
edition; a masterplan's entries point at the components of the edition it was started on.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from masterplan.models import DimensionElement, GuideEdition, Masterplan, VersionedModel
from masterplan.querysets import RegionScopedQuerySet
from masterplan.text_limits import limit


class Interpretation(models.TextChoices):
    BAIK = "baik", _("Baik")
    SEDANG = "sedang", _("Sedang")
    BURUK = "buruk", _("Buruk")


class ValueType(models.TextChoices):
    COUNT = "count", _("Jumlah")
    PERCENTAGE = "percentage", _("Persentase")
    AMOUNT = "amount", _("Nilai (rupiah)")
    EXISTENCE = "existence", _("Ada/tidak ada")
    QUALITATIVE = "qualitative", _("Kualitatif")


class ReadinessElement(models.Model):
    """Struktur, Infrastruktur or Suprastruktur."""

    edition = models.ForeignKey(GuideEdition, on_delete=models.CASCADE,
                                related_name="readiness_elements")
    code = models.CharField(max_length=32)
    number = models.PositiveSmallIntegerField()
    title = models.CharField(_("elemen kesiapan"), max_length=60)
    heading = models.CharField(max_length=120)

    class Meta:
        ordering = ["edition", "number"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="readiness_element_unique"),
        ]

    def __str__(self):
        return self.title


class SubArea(models.Model):
    """One readiness table of the guide (Tabel II.2–II.10)."""

    element = models.ForeignKey(ReadinessElement, on_delete=models.CASCADE,
                                related_name="sub_areas")
    code = models.CharField(max_length=32)
    letter = models.CharField(max_length=2)
    heading = models.CharField(max_length=160)
    table_id = models.CharField(_("tabel"), max_length=16)  # as printed: "Tabel II.2"
    table_title = models.CharField(_("judul tabel"), max_length=160)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["element__edition", "element__number", "letter"]
        constraints = [models.UniqueConstraint(fields=["element", "code"], name="sub_area_unique")]

    def __str__(self):
        return f"{self.table_id} {self.table_title}"

    @property
    def slug(self):
        """'Tabel II.2' -> 'ii-2', used in URLs."""
        return self.table_id.removeprefix("Tabel").strip().replace(".", "-").lower()


class Component(models.Model):
    """A component of a readiness table, numbered as printed (gaps kept)."""

    sub_area = models.ForeignKey(SubArea, on_delete=models.CASCADE, related_name="components")
    number = models.PositiveSmallIntegerField(_("no"))
    text = models.CharField(_("komponen"), max_length=300)
    value_type = models.CharField(max_length=16, choices=ValueType.choices)

    class Meta:
        ordering = ["sub_area", "number"]
        constraints = [
            models.UniqueConstraint(fields=["sub_area", "number"], name="component_number_unique"),
        ]

    def __str__(self):
        return f"{self.number}. {self.text}"


class ReadinessEntry(VersionedModel):
    """A masterplan's value and judgement for one component, or for a component the region added."""

    REGION_FIELD = "masterplan__region"

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE,
                                   related_name="readiness_entries")
    sub_area = models.ForeignKey(SubArea, on_delete=models.PROTECT, related_name="entries",
                                 verbose_name=_("tabel kesiapan"))
    component = models.ForeignKey(Component, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="entries", verbose_name=_("komponen"))
    extra_text = models.CharField(_("komponen tambahan"), max_length=300, blank=True)
    value_text = models.TextField(_("nilai/kondisi"), blank=True,
                                  max_length=limit("readiness.ReadinessEntry.value_text"))
    value_number = models.DecimalField(_("angka"), max_digits=20, decimal_places=4, null=True,
                                       blank=True)
    value_unit = models.CharField(_("satuan"), max_length=40, blank=True)
    interpretation = models.CharField(_("interpretasi"), max_length=8, blank=True,
                                      choices=Interpretation.choices)
    source = models.CharField(_("sumber data"), max_length=200, blank=True)
    source_year = models.PositiveSmallIntegerField(
        _("tahun data"), null=True, blank=True,
        validators=[MinValueValidator(1945), MaxValueValidator(2100)])
    note = models.TextField(_("catatan"), blank=True,
                            max_length=limit("readiness.ReadinessEntry.note"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["sub_area", "component__number", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "component"],
                                    condition=Q(component__isnull=False),
                                    name="readiness_entry_one_per_component"),
            models.CheckConstraint(condition=Q(component__isnull=False) | ~Q(extra_text=""),
                                   name="readiness_extra_entry_has_text"),
        ]
        verbose_name = _("isian kesiapan")
        verbose_name_plural = _("isian kesiapan")

    def __str__(self):
        return self.label

    @property
    def label(self):
        return self.component.text if self.component_id else self.extra_text

    @property
    def is_extra(self):
        return self.component_id is None


class PerformanceAssessment(VersionedModel):
    """Self-assessed performance of one of the 18 dimension elements (same scale as readiness)."""

    REGION_FIELD = "masterplan__region"

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE,
                                   related_name="performance_assessments")
    element = models.ForeignKey(DimensionElement, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("elemen smart city"))
    rating = models.CharField(_("penilaian"), max_length=8, blank=True,
                              choices=Interpretation.choices)
    note = models.TextField(_("catatan"), blank=True,
                            max_length=limit("readiness.PerformanceAssessment.note"))

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["element__dimension__number", "element__letter"]
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "element"],
                                    name="performance_one_per_element"),
        ]
        verbose_name = _("penilaian kinerja elemen")
        verbose_name_plural = _("penilaian kinerja elemen")

    def __str__(self):
        return str(self.element)


class OutlookAnalysis(VersionedModel):
    """Analisis Masa Depan: the guide's four parts as narrative."""

    REGION_FIELD = "masterplan__region"

    masterplan = models.OneToOneField(Masterplan, on_delete=models.CASCADE, related_name="outlook")
    trends = models.TextField(_("Analisis tren dan perubahan atau perkembangan kota"), blank=True,
                              max_length=limit("readiness.OutlookAnalysis.trends"))
    stakeholder_expectations = models.TextField(
        _("Analisis perilaku dan harapan masyarakat dan stakeholder daerah"), blank=True,
        max_length=limit("readiness.OutlookAnalysis.stakeholder_expectations"))
    competitiveness = models.TextField(
        _("Analisis daya saing kota dibandingkan dengan kota-kota lainnya"), blank=True,
        max_length=limit("readiness.OutlookAnalysis.competitiveness"))
    institutions = models.TextField(
        _("Analisis kelembagaan dan pemerintah daerah yang relevan"), blank=True,
        max_length=limit("readiness.OutlookAnalysis.institutions"))

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("analisis masa depan")
        verbose_name_plural = _("analisis masa depan")

    NARRATIVE_FIELDS = ("trends", "stakeholder_expectations", "competitiveness", "institutions")

    def __str__(self):
        return str(_("Analisis masa depan"))


class BenchmarkScope(models.TextChoices):
    NASIONAL = "nasional", _("Nasional")
    INTERNASIONAL = "internasional", _("Internasional")


class BenchmarkCity(models.Model):
    """A city the region compares itself with in the competitiveness table."""

    REGION_FIELD = "masterplan__region"

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE,
                                   related_name="benchmark_cities")
    name = models.CharField(_("kota pembanding"), max_length=120)
    scope = models.CharField(_("lingkup"), max_length=16, choices=BenchmarkScope.choices)
    order = models.PositiveSmallIntegerField(default=0)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "name"], name="benchmark_city_unique"),
        ]
        verbose_name = _("kota pembanding")
        verbose_name_plural = _("kota pembanding")

    def __str__(self):
        return self.name


class CompetitivenessIndicator(models.Model):
    """A row of the competitiveness table: an indicator chosen by the team."""

    REGION_FIELD = "masterplan__region"

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE,
                                   related_name="competitiveness_indicators")
    name = models.CharField(_("indikator"), max_length=200)
    unit = models.CharField(_("satuan"), max_length=40, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "name"],
                                    name="competitiveness_indicator_unique"),
        ]
        verbose_name = _("indikator daya saing")
        verbose_name_plural = _("indikator daya saing")

    def __str__(self):
        return self.name


class CompetitivenessValue(models.Model):
    """One cell: an indicator's value for the region itself (city empty) or a benchmark city."""

    REGION_FIELD = "indicator__masterplan__region"

    indicator = models.ForeignKey(CompetitivenessIndicator, on_delete=models.CASCADE,
                                  related_name="values", verbose_name=_("indikator"))
    city = models.ForeignKey(BenchmarkCity, on_delete=models.CASCADE, null=True, blank=True,
                             related_name="values", verbose_name=_("kota pembanding"))
    value = models.DecimalField(_("nilai"), max_digits=20, decimal_places=4, null=True, blank=True)
    year = models.PositiveSmallIntegerField(
        _("tahun"), null=True, blank=True, validators=[MinValueValidator(1945),
                                                       MaxValueValidator(2100)])

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["indicator", "city"], condition=Q(city__isnull=False),
                                    name="competitiveness_cell_unique"),
            models.UniqueConstraint(fields=["indicator"], condition=Q(city__isnull=True),
                                    name="competitiveness_own_cell_unique"),
        ]
        verbose_name = _("nilai daya saing")
        verbose_name_plural = _("nilai daya saing")

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.year})"
