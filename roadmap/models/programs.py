from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from masterplan.models import DimensionElement, Masterplan, Region, VersionedModel
from masterplan.querysets import RegionScopedQuerySet
from masterplan.text_limits import limit
from readiness.models import ReadinessElement
from swot.models import Direction, GapRow, Sasaran, Strategy

QUARTER = [MinValueValidator(1), MaxValueValidator(4)]


class Opd(VersionedModel):
    """A regional government office (Organisasi Perangkat Daerah) of one region."""

    REGION_FIELD = "region"

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="opds")
    name = models.CharField(_("nama OPD"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["region", "position", "name"]
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="opd_name_unique")]
        verbose_name = _("OPD")
        verbose_name_plural = _("OPD")

    def __str__(self):
        return self.short_name or self.name


class Category(models.TextChoices):
    """The four parts of the Rencana Aksi."""

    POLICY = "kebijakan", _("Kebijakan dan kelembagaan")
    INFRASTRUCTURE = "infrastruktur", _("Infrastruktur pendukung")
    APPLICATION = "aplikasi", _("Aplikasi dan perangkat lunak")
    LITERACY = "literasi", _("Literasi")


class InfrastructureKind(models.TextChoices):
    NETWORK = "jaringan", _("Jaringan")
    DATA_CENTER = "noc", _("NOC / pusat data")
    CONTROL_ROOM = "coc", _("Ruang kendali / COC")
    OTHER = "lainnya", _("Lainnya")


class Horizon(models.TextChoices):
    SHORT = "pendek", _("Jangka pendek (1 tahun)")
    MEDIUM = "menengah", _("Jangka menengah (5 tahun)")
    LONG = "panjang", _("Jangka panjang (10 tahun)")


class MonitoringFrequency(models.TextChoices):
    MONTHLY = "bulanan", _("Bulanan")
    QUARTERLY = "triwulanan", _("Triwulanan")
    HALF_YEARLY = "semesteran", _("Semesteran")
    YEARLY = "tahunan", _("Tahunan")


class Program(VersionedModel):
    """A smart city program of the masterplan's roadmap."""

    REGION_FIELD = "masterplan__region"

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="programs")
    name = models.CharField(_("nama program"), max_length=250)
    description = models.TextField(_("uraian"), blank=True,
                                   max_length=limit("roadmap.Program.description"))
    element = models.ForeignKey(DimensionElement, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("elemen dimensi"))
    readiness_element = models.ForeignKey(
        ReadinessElement, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("elemen kesiapan yang diperkuat"))
    category = models.CharField(_("kategori rencana aksi"), max_length=16,
                                choices=Category.choices)
    infrastructure_kind = models.CharField(_("jenis infrastruktur"), max_length=16, blank=True,
                                           choices=InfrastructureKind.choices)
    horizon = models.CharField(_("jangka"), max_length=10, choices=Horizon.choices)
    start_year = models.PositiveSmallIntegerField(_("tahun mulai"))
    start_quarter = models.PositiveSmallIntegerField(_("triwulan mulai"), default=1,
                                                     validators=QUARTER)
    end_year = models.PositiveSmallIntegerField(_("tahun selesai"))
    end_quarter = models.PositiveSmallIntegerField(_("triwulan selesai"), default=4,
                                                   validators=QUARTER)
    is_quick_win = models.BooleanField(_("quick win"), default=False)
    is_egov_integration = models.BooleanField(_("integrasi Smart e-Gov"), default=False)
    lead_opd = models.ForeignKey(Opd, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="led_programs", verbose_name=_("OPD pelaksana utama"))
    supporting_opds = models.ManyToManyField(Opd, blank=True, related_name="supported_programs",
                                             verbose_name=_("OPD pendukung"))
    sasaran = models.ManyToManyField(Sasaran, blank=True, related_name="programs",
                                     verbose_name=_("sasaran"))
    strategies = models.ManyToManyField(Strategy, blank=True, related_name="programs",
                                        verbose_name=_("strategi TOWS"))
    gap_rows = models.ManyToManyField(GapRow, blank=True, related_name="programs",
                                      verbose_name=_("baris analisis kesenjangan"))
    monitoring_frequency = models.CharField(_("frekuensi monev"), max_length=12,
                                            choices=MonitoringFrequency.choices,
                                            default=MonitoringFrequency.QUARTERLY)
    monitoring_responsible = models.CharField(_("penanggung jawab monev"), max_length=200,
                                              blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[supporting_opds, sasaran, strategies, gap_rows])

    class Meta:
        ordering = ["masterplan", "element__dimension__number", "element__letter", "position",
                    "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(end_year__gte=models.F("start_year")),
                                   name="program_years_in_order"),
        ]
        verbose_name = _("program")
        verbose_name_plural = _("program")

    def __str__(self):
        return self.name


class PartnerKind(models.TextChoices):
    UNIVERSITY = "perguruan_tinggi", _("Perguruan tinggi")
    PRIVATE = "swasta", _("Swasta")
    COMMUNITY = "komunitas", _("Komunitas")
    CENTRAL_GOVERNMENT = "pemerintah_pusat", _("Pemerintah pusat")
    OTHER = "lainnya", _("Lainnya")


class Partner(models.Model):
    REGION_FIELD = "program__masterplan__region"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="partners")
    kind = models.CharField(_("jenis mitra"), max_length=20, choices=PartnerKind.choices)
    name = models.CharField(_("nama mitra"), max_length=200)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["program", "kind", "name"]
        verbose_name = _("mitra")
        verbose_name_plural = _("mitra")

    def __str__(self):
        return self.name


class ProgramKpi(VersionedModel):
    """A KPI of a program with its baseline; yearly targets in KpiTarget."""

    REGION_FIELD = "program__masterplan__region"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="kpis")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("indikator kinerja"), max_length=300)
    unit = models.CharField(_("satuan"), max_length=40, blank=True)
    direction = models.CharField(_("arah"), max_length=8, choices=Direction.choices,
                                 default=Direction.UP)
    baseline_value = models.DecimalField(_("nilai baseline"), max_digits=20, decimal_places=4,
                                         null=True, blank=True)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["program", "position", "pk"]
        verbose_name = _("KPI program")
        verbose_name_plural = _("KPI program")

    def __str__(self):
        return self.name


class KpiTarget(models.Model):
    REGION_FIELD = "kpi__program__masterplan__region"

    kpi = models.ForeignKey(ProgramKpi, on_delete=models.CASCADE, related_name="targets",
                            verbose_name=_("KPI"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    value = models.DecimalField(_("target"), max_digits=20, decimal_places=4)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["kpi", "year"]
        constraints = [models.UniqueConstraint(fields=["kpi", "year"], name="kpi_target_unique")]
        verbose_name = _("target KPI")
        verbose_name_plural = _("target KPI")

    def __str__(self):
        return f"{self.kpi} {self.year}: {self.value}"


class FundingSource(models.TextChoices):
    APBD = "apbd", _("APBD")
    APBN = "apbn", _("APBN")
    DAK = "dak", _("DAK")
    KPBU = "kpbu", _("KPBU")
    CSR = "csr", _("CSR")
    HIBAH = "hibah", _("Hibah")
    OTHER = "lainnya", _("Lainnya")


class Financing(models.Model):
    """Planned funding of a program in one year from one source, in rupiah."""

    REGION_FIELD = "program__masterplan__region"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="financing")
    year = models.PositiveSmallIntegerField(_("tahun"))
    source = models.CharField(_("sumber dana"), max_length=10, choices=FundingSource.choices)
    amount = models.DecimalField(_("jumlah (rupiah)"), max_digits=18, decimal_places=2,
                                 validators=[MinValueValidator(0)])

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["program", "year", "source"]
        constraints = [
            models.UniqueConstraint(fields=["program", "year", "source"],
                                    name="financing_unique"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="financing_not_negative"),
        ]
        verbose_name = _("pembiayaan")
        verbose_name_plural = _("pembiayaan")

    def __str__(self):
        return f"{self.program} {self.year} {self.get_source_display()}: {self.amount}"


class QuickWinStatus(models.TextChoices):
    PLANNED = "rencana", _("Rencana")
    RUNNING = "berjalan", _("Berjalan")
    DONE = "selesai", _("Selesai")


class QuickWin(VersionedModel):
    """The guide's planning questions for a quick-win program."""

    REGION_FIELD = "program__masterplan__region"

    program = models.OneToOneField(Program, on_delete=models.CASCADE, related_name="quick_win")
    why = models.TextField(_("Mengapa (why)"), blank=True, max_length=limit("roadmap.QuickWin.why"))
    what = models.TextField(_("Apa (what)"), blank=True, max_length=limit("roadmap.QuickWin.what"))
    how = models.TextField(_("Bagaimana (how)"), blank=True,
                           max_length=limit("roadmap.QuickWin.how"))
    when = models.TextField(_("Kapan (when)"), blank=True,
                            max_length=limit("roadmap.QuickWin.when"))
    where = models.TextField(_("Di mana (where)"), blank=True,
                             max_length=limit("roadmap.QuickWin.where"))
    who = models.TextField(_("Siapa (who)"), blank=True, max_length=limit("roadmap.QuickWin.who"))
    impact_analysis = models.TextField(_("Analisis dampak"), blank=True,
                                       max_length=limit("roadmap.QuickWin.impact_analysis"))
    status = models.CharField(_("status"), max_length=10, choices=QuickWinStatus.choices,
                              default=QuickWinStatus.PLANNED)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quick win")
        verbose_name_plural = _("quick win")

    QUESTIONS = ("why", "what", "how", "when", "where", "who")

    def __str__(self):
        return str(_("Quick win %(program)s") % {"program": self.program})
