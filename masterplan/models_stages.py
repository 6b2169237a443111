"""The guide's ten stages: the team's own tick and note for each stage of a masterplan."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Masterplan, VersionedModel
from .querysets import RegionScopedQuerySet
from .text_limits import limit


class StageCheck(VersionedModel):
    REGION_FIELD = "masterplan__region"

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE,
                                   related_name="stage_checks")
    number = models.PositiveSmallIntegerField(_("tahap"))
    done = models.BooleanField(_("selesai"), default=False)
    note = models.TextField(_("catatan"), blank=True,
                            max_length=limit("masterplan.StageCheck.note"))
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    checked_at = models.DateTimeField(null=True, blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["masterplan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "number"], name="stage_check_unique"),
        ]

    def __str__(self):
        return f"Tahap {self.number}"
