"""Which masterplans are published, and the log of every publish and unpublish.

A masterplan is public exactly while it has a Publication row: nothing without one is ever
shown without a login (portal/publication.py is the one place that decides). A published
draft (`as_draft`) is marked DRAF wherever it is shown."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from masterplan.models import Masterplan

DEFAULT_LICENCE = "CC-BY-4.0"
LICENCES = [
    ("CC-BY-4.0", _("Creative Commons Atribusi 4.0 Internasional (CC BY 4.0)")),
    ("CC-BY-SA-4.0", _("Creative Commons Atribusi-BerbagiSerupa 4.0 (CC BY-SA 4.0)")),
    ("CC0-1.0", _("CC0 1.0 (domain publik)")),
    ("ODbL-1.0", _("Open Database License 1.0 (ODbL)")),
]


class Publication(models.Model):
    masterplan = models.OneToOneField(Masterplan, on_delete=models.CASCADE,
                                      related_name="publication")
    as_draft = models.BooleanField(_("diterbitkan sebagai draf"), default=False)
    licence = models.CharField(_("lisensi data"), max_length=20, choices=LICENCES,
                               default=DEFAULT_LICENCE)
    published_at = models.DateTimeField(_("diterbitkan pada"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("publikasi")
        verbose_name_plural = _("publikasi")

    def __str__(self):
        return f"{self.masterplan} ({'draf' if self.as_draft else 'ditetapkan'})"


class PublicationEvent(models.Model):
    """One publish or unpublish: who, when, how, why. Kept when the masterplan is unpublished."""

    class Action(models.TextChoices):
        PUBLISHED = "published", _("Diterbitkan")
        UNPUBLISHED = "unpublished", _("Dicabut dari publik")

    masterplan = models.ForeignKey(Masterplan, on_delete=models.CASCADE,
                                   related_name="publication_events")
    action = models.CharField(max_length=12, choices=Action.choices)
    as_draft = models.BooleanField(default=False)
    licence = models.CharField(max_length=20, blank=True)
    note = models.CharField(_("catatan"), max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("peristiwa publikasi")
        verbose_name_plural = _("log publikasi")

    def __str__(self):
        return f"{self.get_action_display()}: {self.masterplan}"
