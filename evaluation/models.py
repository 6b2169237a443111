"""The yearly smart city evaluation: a cycle per year, a region's part in it, the self-assessment
and the assessor's scores per component and dimension, the citizen survey, and the official
results as published.

A cycle carries its own weights (they have changed between years), so an index is always
computed with the weights of the cycle it belongs to (evaluation/scoring.py)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from masterplan.models import Batch, Dimension, Region
from masterplan.querysets import RegionScopedQuerySet


class Component(models.TextChoices):
    """The five components of the evaluation, in the order the published results list them."""

    BASELINE = "baseline", _("Baseline")
    OUTPUT = "output", _("Output")
    OUTCOME = "outcome", _("Outcome")
    IMPACT = "impact", _("Impact")
    QUICK_WIN = "quick_win", _("Quick Win")


COMPONENTS = [value for value, _label in Component.choices]
DEFAULT_WEIGHTS = {"baseline": Decimal(10), "output": Decimal(20), "outcome": Decimal(30),
                   "impact": Decimal(20), "quick_win": Decimal(20)}
WEIGHT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


def weight_field(component):
    return models.DecimalField(_("bobot %(component)s (%%)") % {"component": component.label},
                               max_digits=5, decimal_places=2, default=DEFAULT_WEIGHTS[component],
                               validators=WEIGHT)


class EvaluationCycle(models.Model):
    """One year's evaluation: its stages, weights, index scale and participants."""

    year = models.PositiveSmallIntegerField(
        _("tahun"), unique=True, validators=[MinValueValidator(2017), MaxValueValidator(2100)])
    stage1_start = models.DateField(_("tahap I mulai"), null=True, blank=True)
    stage1_end = models.DateField(_("tahap I selesai"), null=True, blank=True)
    stage2_start = models.DateField(_("tahap II mulai"), null=True, blank=True)
    stage2_end = models.DateField(_("tahap II selesai"), null=True, blank=True)
    weight_baseline = weight_field(Component.BASELINE)
    weight_output = weight_field(Component.OUTPUT)
    weight_outcome = weight_field(Component.OUTCOME)
    weight_impact = weight_field(Component.IMPACT)
    weight_quick_win = weight_field(Component.QUICK_WIN)
    scale_max = models.DecimalField(
        _("skala indeks (nilai tertinggi)"), max_digits=6, decimal_places=2, default=Decimal(100),
        validators=[MinValueValidator(Decimal(1))],
        help_text=_("Setiap indeks bernilai 0 sampai angka ini, mis. 100 atau 5."))
    survey_min_responses = models.PositiveSmallIntegerField(
        _("jumlah tanggapan survei minimal"), default=50,
        validators=[MinValueValidator(1), MaxValueValidator(10000)])
    batches = models.ManyToManyField(Batch, blank=True, related_name="evaluation_cycles",
                                     verbose_name=_("angkatan peserta"))
    extra_regions = models.ManyToManyField(Region, blank=True, related_name="+",
                                           verbose_name=_("wilayah peserta lainnya"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-year"]
        constraints = [models.CheckConstraint(
            condition=Exact(F("weight_baseline") + F("weight_output") + F("weight_outcome")
                            + F("weight_impact") + F("weight_quick_win"), Decimal(100)),
            name="cycle_weights_sum_to_100")]
        verbose_name = _("siklus evaluasi")
        verbose_name_plural = _("siklus evaluasi")

    def __str__(self):
        return str(_("Evaluasi %(year)s") % {"year": self.year})

    @property
    def weights(self):
        """{component: weight in percent}, in the order of COMPONENTS."""
        return {component: getattr(self, f"weight_{component}") for component in COMPONENTS}


class RegionEvaluation(models.Model):
    """A region's part in a cycle; created for every participant when the cycle is saved."""

    REGION_FIELD = "region"

    cycle = models.ForeignKey(EvaluationCycle, on_delete=models.CASCADE,
                              related_name="participants")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="evaluations")
    # The region's public survey link; random, so one region's link does not lead to another's.
    survey_token = models.CharField(max_length=32, unique=True)
    survey_open = models.BooleanField(_("survei warga dibuka"), default=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["cycle", "region__code"]
        constraints = [models.UniqueConstraint(fields=["cycle", "region"],
                                               name="one_evaluation_per_region_and_cycle")]
        verbose_name = _("evaluasi wilayah")
        verbose_name_plural = _("evaluasi wilayah")

    def __str__(self):
        return f"{self.cycle} · {self.region}"


class Score(models.Model):
    """The self-assessment and the assessor's score of one component in one dimension."""

    REGION_FIELD = "evaluation__region"

    evaluation = models.ForeignKey(RegionEvaluation, on_delete=models.CASCADE,
                                   related_name="scores")
    component = models.CharField(_("komponen"), max_length=10, choices=Component.choices)
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("dimensi"))
    self_score = models.DecimalField(_("nilai mandiri"), max_digits=6, decimal_places=2,
                                     null=True, blank=True)
    self_note = models.TextField(_("catatan penilaian mandiri"), blank=True, max_length=2000)
    evidence_links = models.TextField(
        _("tautan bukti"), blank=True, max_length=2000,
        help_text=_("Satu tautan per baris (dokumen, aplikasi, berita)."))
    self_updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    self_updated_at = models.DateTimeField(null=True, blank=True)
    assessor_score = models.DecimalField(_("nilai penilai"), max_digits=6, decimal_places=2,
                                         null=True, blank=True)
    assessor_note = models.TextField(_("catatan penilai"), blank=True, max_length=2000)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    assessed_at = models.DateTimeField(null=True, blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["evaluation", "component", "dimension__number"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "component", "dimension"],
                                               name="one_score_per_component_and_dimension")]
        verbose_name = _("nilai evaluasi")
        verbose_name_plural = _("nilai evaluasi")

    def __str__(self):
        return f"{self.evaluation} {self.component} {self.dimension_id}"


class PublishedResult(models.Model):
    """The official result of a region in a cycle as the ministry published it."""

    REGION_FIELD = "evaluation__region"

    evaluation = models.OneToOneField(RegionEvaluation, on_delete=models.CASCADE,
                                      related_name="result")
    baseline = models.DecimalField(_("baseline"), max_digits=7, decimal_places=2)
    output = models.DecimalField(_("output"), max_digits=7, decimal_places=2)
    outcome = models.DecimalField(_("outcome"), max_digits=7, decimal_places=2)
    impact = models.DecimalField(_("impact"), max_digits=7, decimal_places=2)
    quick_win = models.DecimalField(_("quick win"), max_digits=7, decimal_places=2)
    final = models.DecimalField(_("indeks akhir"), max_digits=7, decimal_places=2)
    # {dimension code: "12.34"}: published per-dimension indices, when the letter lists them.
    dimensions = models.JSONField(_("indeks per dimensi"), default=dict, blank=True)
    recorded_at = models.DateTimeField(auto_now=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    source = models.CharField(_("sumber"), max_length=200, blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["final"], name="result_final")]
        verbose_name = _("hasil resmi")
        verbose_name_plural = _("hasil resmi")

    def __str__(self):
        return f"{self.evaluation}: {self.final}"

    @property
    def components(self):
        return {component: getattr(self, component) for component in COMPONENTS}


class SurveyQuestion(models.Model):
    """A question of a cycle's citizen survey, answered on a 1–5 scale."""

    cycle = models.ForeignKey(EvaluationCycle, on_delete=models.CASCADE,
                              related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("pertanyaan"), max_length=300)
    dimension = models.ForeignKey(Dimension, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("dimensi"))

    class Meta:
        ordering = ["cycle", "position", "pk"]
        verbose_name = _("pertanyaan survei")
        verbose_name_plural = _("pertanyaan survei")

    def __str__(self):
        return self.text


class ResponseSource(models.TextChoices):
    WEB = "web", _("Tautan publik")
    IMPORT = "impor", _("Impor CSV")


class SurveyResponse(models.Model):
    """One citizen's answers. A web response keeps only a hash of its browser session, so a
    device answers once and nothing identifies the person."""

    REGION_FIELD = "evaluation__region"

    evaluation = models.ForeignKey(RegionEvaluation, on_delete=models.CASCADE,
                                   related_name="survey_responses")
    source = models.CharField(max_length=8, choices=ResponseSource.choices,
                              default=ResponseSource.WEB)
    device_hash = models.CharField(max_length=64, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["evaluation", "submitted_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "device_hash"],
                                               condition=~Q(device_hash=""),
                                               name="one_survey_response_per_device")]
        verbose_name = _("tanggapan survei")
        verbose_name_plural = _("tanggapan survei")

    def __str__(self):
        return f"{self.evaluation} #{self.pk}"


class SurveyAnswer(models.Model):
    REGION_FIELD = "response__evaluation__region"

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    value = models.PositiveSmallIntegerField(
        _("jawaban"), validators=[MinValueValidator(1), MaxValueValidator(5)])

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question"),
            models.CheckConstraint(condition=Q(value__gte=1) & Q(value__lte=5),
                                   name="survey_answer_on_scale"),
        ]
        verbose_name = _("jawaban survei")
        verbose_name_plural = _("jawaban survei")

    def __str__(self):
        return f"{self.question_id}: {self.value}"


class EvidencePackRender(models.Model):
    """Which region evaluation a render job of the core's pipeline packs as its evidence zip
    (evaluation/evidence.py)."""

    job = models.OneToOneField("masterplan.RenderJob", on_delete=models.CASCADE,
                               primary_key=True, related_name="evidence_pack")
    evaluation = models.ForeignKey(RegionEvaluation, on_delete=models.CASCADE,
                                   related_name="evidence_packs")

    class Meta:
        ordering = ["-job"]

    def __str__(self):
        return f"{self.evaluation}: {self.job_id}"
