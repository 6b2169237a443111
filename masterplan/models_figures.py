"""Figures of a masterplan stored in the database, so lists of many masterplans sort and
filter on them with ORDER BY and WHERE instead of computing every masterplan's figures
(masterplan/figures.py fills and refreshes them)."""

from django.db import models

from .models import Masterplan


class StoredFigure(models.Model):
    """One registered figure (`key`, e.g. "readiness") of a masterplan, as computed at the
    masterplan's `content_version` under the rules `rules`; a row of an older version or of
    other rules is stale and recomputed."""

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE,
                                   related_name="stored_figures")
    key = models.CharField(max_length=40)
    content_version = models.PositiveBigIntegerField()
    rules = models.CharField(max_length=16)  # masterplan.figures.fingerprint() when computed
    value = models.FloatField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["masterplan", "key"], name="stored_figure_unique"),
        ]

    def __str__(self):
        return f"{self.masterplan_id} {self.key}={self.value}"
