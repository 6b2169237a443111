from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from masterplan.models import VersionedModel
from masterplan.querysets import RegionScopedQuerySet
from masterplan.text_limits import limit

from .programs import Program, ProgramKpi


class MonitoringRecord(VersionedModel):
    """A periodic (quarterly by default) monitoring and evaluation record of a program."""

    REGION_FIELD = "program__masterplan__region"

    program = models.ForeignKey(Program, on_delete=models.CASCADE,
                                related_name="monitoring_records")
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(
        _("triwulan"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    progress_percent = models.PositiveSmallIntegerField(
        _("kemajuan (%)"), validators=[MaxValueValidator(100)])
    works = models.TextField(_("Yang berjalan baik"), blank=True,
                             max_length=limit("roadmap.MonitoringRecord.works"))
    not_works = models.TextField(_("Yang tidak berjalan"), blank=True,
                                 max_length=limit("roadmap.MonitoringRecord.not_works"))
    improve = models.TextField(_("Yang perlu diperbaiki"), blank=True,
                               max_length=limit("roadmap.MonitoringRecord.improve"))
    followup_what = models.TextField(_("Rencana tindak lanjut: apa"), blank=True,
                                     max_length=limit("roadmap.MonitoringRecord.followup_what"))
    followup_when = models.CharField(_("Rencana tindak lanjut: kapan"), max_length=120, blank=True)
    followup_who = models.CharField(_("Rencana tindak lanjut: siapa"), max_length=200, blank=True)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["program", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["program", "year", "quarter"],
                                    name="monitoring_record_unique"),
        ]
        verbose_name = _("catatan monev")
        verbose_name_plural = _("catatan monev")

    def __str__(self):
        return f"{self.program} {self.year} T{self.quarter}"


class KpiActual(models.Model):
    """A KPI's actual value reported in a monitoring record."""

    REGION_FIELD = "record__program__masterplan__region"

    record = models.ForeignKey(MonitoringRecord, on_delete=models.CASCADE, related_name="actuals",
                               verbose_name=_("catatan monev"))
    kpi = models.ForeignKey(ProgramKpi, on_delete=models.CASCADE, related_name="actuals",
                            verbose_name=_("KPI"))
    value = models.DecimalField(_("realisasi"), max_digits=20, decimal_places=4)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["record", "kpi"], name="kpi_actual_unique")]
        verbose_name = _("realisasi KPI")
        verbose_name_plural = _("realisasi KPI")

    def __str__(self):
        return f"{self.kpi}: {self.value}"
