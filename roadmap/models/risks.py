from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from masterplan.models import VersionedModel
from masterplan.querysets import RegionScopedQuerySet
from masterplan.text_limits import limit

from .programs import Program

RISK_SCALE = (1, 2, 3)  # likelihood and impact; the level rule is roadmap.risks.risk_level
SCALE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(3)]


class RiskStatus(models.TextChoices):
    OPEN = "terbuka", _("Terbuka")
    MITIGATING = "dimitigasi", _("Sedang dimitigasi")
    CLOSED = "tertutup", _("Tertutup")


class ProgramRisk(VersionedModel):
    """A risk of a program in its risk register: what may go wrong, why, how likely (1–3) and how
    bad (1–3), what is done about it, who owns it and where it stands. Its level is computed from
    likelihood and impact (roadmap.risks.risk_level), never stored."""

    REGION_FIELD = "program__masterplan__region"

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="risks",
                                verbose_name=_("program"))
    position = models.PositiveSmallIntegerField(default=0)
    risk = models.TextField(_("risiko"), max_length=limit("roadmap.ProgramRisk.risk"))
    cause = models.TextField(_("penyebab"), blank=True,
                             max_length=limit("roadmap.ProgramRisk.cause"))
    likelihood = models.PositiveSmallIntegerField(_("kemungkinan"), validators=SCALE_VALIDATORS)
    impact = models.PositiveSmallIntegerField(_("dampak"), validators=SCALE_VALIDATORS)
    mitigation = models.TextField(_("mitigasi"), blank=True,
                                  max_length=limit("roadmap.ProgramRisk.mitigation"))
    owner = models.CharField(_("pemilik risiko"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RiskStatus.choices,
                              default=RiskStatus.OPEN)

    objects = RegionScopedQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["program", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(likelihood__gte=1, likelihood__lte=3),
                                   name="program_risk_likelihood_1_to_3"),
            models.CheckConstraint(condition=Q(impact__gte=1, impact__lte=3),
                                   name="program_risk_impact_1_to_3"),
        ]
        verbose_name = _("risiko program")
        verbose_name_plural = _("risiko program")

    def __str__(self):
        return self.risk
