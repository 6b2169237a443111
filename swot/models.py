"""Strategic analysis: SWOT worksheets with TOWS strategies, gap analysis, vision, mission and
sasaran (targets with indicators and yearly targets)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from masterplan.models import Dimension, Masterplan, VersionedModel
from masterplan.querysets import RegionScopedQuerySet
from masterplan.text_limits import limit
from readiness.models import ReadinessElement, ReadinessEntry


class WorksheetKind(models.TextChoices):
    DIMENSION = "dimension", _("Dimensi smart city")
    READINESS = "readiness", _("Elemen kesiapan")
    TOPIC = "topic", _("Topik khusus")


class Worksheet(VersionedModel):
    """A SWOT worksheet (Tabel II.12, Lampiran II): one per dimension and per readiness element,
    plus any narrower topic the team adds."""

    REGION_FIELD = "masterplan__region"

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="worksheets")
    kind = models.CharField(_("jenis"), max_length=12, choices=WorksheetKind.choices)
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("dimensi"))
    readiness_element = models.ForeignKey(ReadinessElement, on_delete=models.PROTECT, null=True,
                                          blank=True, related_name="+",
                                          verbose_name=_("elemen kesiapan"))
    title = models.CharField(_("topik"), max_length=160, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "dimension"],
                                    condition=Q(dimension__isnull=False),
                                    name="worksheet_one_per_dimension"),
            models.UniqueConstraint(fields=["masterplan", "readiness_element"],
                                    condition=Q(readiness_element__isnull=False),
                                    name="worksheet_one_per_readiness_element"),
            models.CheckConstraint(
                condition=(Q(kind="dimension", dimension__isnull=False, readiness_element__isnull=True)
                           | Q(kind="readiness", readiness_element__isnull=False,
                               dimension__isnull=True)
                           | (Q(kind="topic", dimension__isnull=True,
                                readiness_element__isnull=True) & ~Q(title=""))),
                name="worksheet_kind_matches_subject"),
        ]
        verbose_name = _("kertas kerja SWOT")
        verbose_name_plural = _("kertas kerja SWOT")

    def __str__(self):
        return self.name

    @property
    def name(self):
        if self.dimension_id:
            return self.dimension.title
        if self.readiness_element_id:
            return str(_("Kesiapan %(element)s") % {"element": self.readiness_element.title})
        return self.title


class Factor(models.TextChoices):
    S = "S", _("Kekuatan")
    W = "W", _("Kelemahan")
    O = "O", _("Peluang")  # noqa: E741 (the guide's letter)
    T = "T", _("Ancaman")


class SwotItem(VersionedModel):
    """A numbered item in one of the four factor boxes of a worksheet."""

    REGION_FIELD = "worksheet__masterplan__region"

    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="items",
                                  verbose_name=_("kertas kerja"))
    factor = models.CharField(_("faktor"), max_length=1, choices=Factor.choices)
    text = models.TextField(_("uraian"), max_length=limit("swot.SwotItem.text"))
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    evidence = models.ManyToManyField(ReadinessEntry, blank=True, related_name="swot_items",
                                      verbose_name=_("bukti dari analisis kesiapan"))

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[evidence])

    class Meta:
        ordering = ["worksheet", "factor", "position", "pk"]
        verbose_name = _("butir SWOT")
        verbose_name_plural = _("butir SWOT")

    def __str__(self):
        return f"{self.code} {self.text}"

    @property
    def code(self):
        """S1, W2, ...: the numbering shown on the grid (position is 0-based)."""
        return f"{self.factor}{self.position + 1}"


class Quadrant(models.TextChoices):
    SO = "SO", _("SO — kekuatan untuk memanfaatkan peluang")
    WO = "WO", _("WO — mengurangi kelemahan untuk memanfaatkan peluang")
    ST = "ST", _("ST — kekuatan untuk mengatasi ancaman")
    WT = "WT", _("WT — mengurangi kelemahan untuk mengatasi ancaman")


class Strategy(VersionedModel):
    """A TOWS strategy combining items of its quadrant's internal and external factors."""

    REGION_FIELD = "worksheet__masterplan__region"

    worksheet = models.ForeignKey(Worksheet, on_delete=models.CASCADE, related_name="strategies",
                                  verbose_name=_("kertas kerja"))
    quadrant = models.CharField(_("kuadran"), max_length=2, choices=Quadrant.choices)
    text = models.TextField(_("strategi"), max_length=limit("swot.Strategy.text"))
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    items = models.ManyToManyField(SwotItem, related_name="strategies",
                                   verbose_name=_("butir yang dipadukan"))

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[items])

    class Meta:
        ordering = ["worksheet", "quadrant", "position", "pk"]
        verbose_name = _("strategi")
        verbose_name_plural = _("strategi")

    def __str__(self):
        return f"{self.code} {self.text}"

    @property
    def code(self):
        return f"{self.quadrant}{self.position + 1}"


class GapRow(VersionedModel):
    """A row of the gap analysis (Tabel II.11): to be, as is, strategy/program/action."""

    REGION_FIELD = "masterplan__region"

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="gap_rows")
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    to_be = models.TextField(_("Kondisi masa yang akan datang (to be)"),
                             max_length=limit("swot.GapRow.to_be"))
    as_is = models.TextField(_("Kondisi saat ini (as is)"), max_length=limit("swot.GapRow.as_is"))
    action = models.TextField(_("Strategi, program kerja dan langkah aksi"),
                              max_length=limit("swot.GapRow.action"))
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("dimensi"))
    readiness_element = models.ForeignKey(ReadinessElement, on_delete=models.PROTECT, null=True,
                                          blank=True, related_name="+",
                                          verbose_name=_("elemen kesiapan"))
    evidence = models.ManyToManyField(ReadinessEntry, blank=True, related_name="gap_rows",
                                      verbose_name=_("komponen kesiapan"))
    strategies = models.ManyToManyField(Strategy, blank=True, related_name="gap_rows",
                                        verbose_name=_("strategi TOWS"))

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[evidence, strategies])

    class Meta:
        ordering = ["masterplan", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(dimension__isnull=False, readiness_element__isnull=True)
                           | Q(dimension__isnull=True, readiness_element__isnull=False)),
                name="gap_row_tagged_once"),
        ]
        verbose_name = _("baris analisis kesenjangan")
        verbose_name_plural = _("analisis kesenjangan")

    def __str__(self):
        return self.to_be[:60]


class Vision(VersionedModel):
    """The smart city vision, its explanation, and the references it must align with."""

    REGION_FIELD = "masterplan__region"

    masterplan = models.OneToOneField(Masterplan, on_delete=models.CASCADE, related_name="vision")
    statement = models.TextField(_("Pernyataan visi smart city"), blank=True,
                                 max_length=limit("swot.Vision.statement"))
    explanation = models.TextField(
        _("Penjelasan visi"), blank=True,
        help_text=_("Mengapa visi ini dibutuhkan daerah; relevansinya dengan permasalahan dan "
                    "potensi pembangunan daerah."), max_length=limit("swot.Vision.explanation"))
    rpjpd_vision = models.TextField(_("Visi RPJPD"), blank=True,
                                    max_length=limit("swot.Vision.rpjpd_vision"))
    rpjpd_mission = models.TextField(_("Misi RPJPD"), blank=True,
                                     max_length=limit("swot.Vision.rpjpd_mission"))
    rpjmd_vision = models.TextField(_("Visi RPJMD"), blank=True,
                                    max_length=limit("swot.Vision.rpjmd_vision"))
    rpjmd_mission = models.TextField(_("Misi RPJMD"), blank=True,
                                     max_length=limit("swot.Vision.rpjmd_mission"))
    national_vision = models.TextField(_("Visi dan misi pembangunan nasional"), blank=True,
                                       max_length=limit("swot.Vision.national_vision"))
    community_expectations = models.TextField(_("Harapan warga masyarakat"), blank=True,
                                              max_length=limit("swot.Vision.community_expectations"))
    external_factors = models.TextField(_("Analisis faktor eksternal di masa depan"), blank=True,
                                        max_length=limit("swot.Vision.external_factors"))

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("visi")
        verbose_name_plural = _("visi")

    TEXT_FIELDS = ("statement", "explanation", "rpjpd_vision", "rpjpd_mission", "rpjmd_vision",
                   "rpjmd_mission", "national_vision", "community_expectations",
                   "external_factors")

    def __str__(self):
        return str(_("Visi smart city"))


class Mission(VersionedModel):
    REGION_FIELD = "masterplan__region"

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="missions")
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    text = models.TextField(_("misi"), max_length=limit("swot.Mission.text"))

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["masterplan", "position", "pk"]
        verbose_name = _("misi")
        verbose_name_plural = _("misi")

    def __str__(self):
        return self.text[:60]


class VisionCheckKind(models.TextChoices):
    CRITERION = "criterion", _("Kriteria rumusan visi")
    QUALITY = "quality", _("Syarat visi yang baik")


class VisionCheck(VersionedModel):
    """One ticked (or not) item of the guide's vision checklists, with a justification."""

    REGION_FIELD = "masterplan__region"

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE,
                                   related_name="vision_checks")
    kind = models.CharField(_("jenis"), max_length=12, choices=VisionCheckKind.choices)
    number = models.PositiveSmallIntegerField(_("nomor"))  # as printed in the guide (gaps kept)
    met = models.BooleanField(_("terpenuhi"), default=False)
    justification = models.TextField(_("alasan singkat"), blank=True,
                                     max_length=limit("swot.VisionCheck.justification"))

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["masterplan", "kind", "number"]
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "kind", "number"],
                                    name="vision_check_unique"),
        ]
        verbose_name = _("butir periksa visi")
        verbose_name_plural = _("butir periksa visi")

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"


class Sasaran(VersionedModel):
    """A target of one dimension, with the guide's six criteria as a checklist."""

    REGION_FIELD = "masterplan__region"

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE, related_name="sasaran")
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("dimensi"))
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    text = models.TextField(_("sasaran"), max_length=limit("swot.Sasaran.text"))
    specific = models.BooleanField(_("Specific"), default=False)
    measurable = models.BooleanField(_("Measurable"), default=False)
    appropriate = models.BooleanField(_("Appropriate"), default=False)
    relevant = models.BooleanField(_("Relevant"), default=False)
    continuously_improved = models.BooleanField(_("Continuously improved"), default=False)
    cost_effective = models.BooleanField(_("Cost-effective"), default=False)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    CRITERIA = ("specific", "measurable", "appropriate", "relevant", "continuously_improved",
                "cost_effective")

    class Meta:
        ordering = ["masterplan", "dimension__number", "position", "pk"]
        verbose_name = _("sasaran")
        verbose_name_plural = _("sasaran")

    def __str__(self):
        return self.text[:80]


class Direction(models.TextChoices):
    UP = "naik", _("Makin tinggi makin baik")
    DOWN = "turun", _("Makin rendah makin baik")


class Indicator(VersionedModel):
    """A success indicator of a sasaran: baseline and a target for each year of the period."""

    REGION_FIELD = "sasaran__masterplan__region"

    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    name = models.CharField(_("indikator"), max_length=300)
    unit = models.CharField(_("satuan"), max_length=40, blank=True)
    direction = models.CharField(_("arah"), max_length=8, choices=Direction.choices,
                                 default=Direction.UP)
    baseline_year = models.PositiveSmallIntegerField(
        _("tahun baseline"), null=True, blank=True,
        validators=[MinValueValidator(1945), MaxValueValidator(2100)])
    baseline_value = models.DecimalField(_("nilai baseline"), max_digits=20, decimal_places=4,
                                         null=True, blank=True)
    data_source = models.CharField(_("sumber data"), max_length=200, blank=True)
    note = models.TextField(_("catatan"), blank=True, max_length=limit("swot.Indicator.note"))

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["sasaran", "position", "pk"]
        verbose_name = _("indikator sasaran")
        verbose_name_plural = _("indikator sasaran")

    def __str__(self):
        return self.name


class IndicatorTarget(models.Model):
    """The target of an indicator for one year of the masterplan period."""

    REGION_FIELD = "indicator__sasaran__masterplan__region"

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets",
                                  verbose_name=_("indikator"))
    year = models.PositiveSmallIntegerField(_("tahun"))
    value = models.DecimalField(_("target"), max_digits=20, decimal_places=4)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year"], name="indicator_target_unique"),
        ]
        verbose_name = _("target indikator")
        verbose_name_plural = _("target indikator")

    def __str__(self):
        return f"{self.indicator}: {self.year} = {self.value}"
